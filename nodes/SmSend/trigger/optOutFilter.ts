import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OptOutFlag } from '../../helpers/optOut';
import { flagOptOuts, readOptOutKeywords } from '../helpers/optOutSettings';
import type { ReceivedSms } from '../transport/inbox';

export type TriggerEmit = 'all' | 'optOutsOnly' | 'exceptOptOuts';

const EMIT_NAMES: Record<TriggerEmit, string> = {
	all: 'All Messages',
	optOutsOnly: 'Only Opt-Out Requests',
	exceptOptOuts: 'All but Opt-Out Requests',
};

/** The trigger's choice of which received messages start the workflow. */
export const triggerEmitProperty: INodeProperties = {
	displayName: 'Emit',
	name: 'emit',
	type: 'options',
	options: [
		{
			name: EMIT_NAMES.all,
			value: 'all',
			description: 'Every received message, each with optOut true or false',
		},
		{
			name: EMIT_NAMES.exceptOptOuts,
			value: 'exceptOptOuts',
			description: 'Conversations only: opt-out requests are skipped',
		},
		{
			name: EMIT_NAMES.optOutsOnly,
			value: 'optOutsOnly',
			description: 'Only messages that ask to stop, e.g. to mark the contact unsubscribed',
		},
	],
	default: 'all',
	description:
		'Which received messages start the workflow. Opt-out requests are recognised by Options → Opt-Out Keywords. Messages left out are still counted as seen and never emitted later.',
};

export type FlaggedSms = ReceivedSms & OptOutFlag;

/**
 * Reads Emit and Options → Opt-Out Keywords once per poll and returns what picks the messages
 * to emit: each flagged with optOut, those Emit leaves out dropped. The cursor has already
 * remembered every message, emitted or not.
 */
export function readTriggerOptOuts(context: IPollFunctions): {
	emit: TriggerEmit;
	select: (messages: ReceivedSms[]) => FlaggedSms[];
} {
	const node = context.getNode();
	const emit = context.getNodeParameter('emit', 'all') as TriggerEmit;
	if (!(emit in EMIT_NAMES)) {
		throw new NodeOperationError(node, `Unknown Emit value "${String(emit)}"`, {
			description: `Choose one of: ${Object.values(EMIT_NAMES).join(', ')}.`,
		});
	}
	const options = context.getNodeParameter('options', {}) as { optOutKeywords?: unknown };
	const keywords = readOptOutKeywords(node, options.optOutKeywords);
	if (emit !== 'all' && keywords.length === 0) {
		throw new NodeOperationError(
			node,
			`Emit is "${EMIT_NAMES[emit]}" but Options → Opt-Out Keywords is empty`,
			{
				description:
					'Enter the keywords that mean "stop sending me messages", e.g. STOP, ANNULLA, SAIR, or set Emit to All Messages.',
			},
		);
	}
	return {
		emit,
		select: (messages) =>
			flagOptOuts(messages, keywords).filter(
				(message) => emit === 'all' || (emit === 'optOutsOnly' ? message.optOut : !message.optOut),
			),
	};
}
