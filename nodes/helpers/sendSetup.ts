import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SendingOptions } from './bulkSend';
import { readSendingOptions } from './bulkSend';
import type { GuardrailOptions } from './guardrails';
import { GuardrailGate, parseGuardrails } from './guardrails';
import { parameterReader } from './parameterReader';

export interface SendSetup {
	dryRun: boolean;
	gate: GuardrailGate;
	concurrency: number;
	messagesPerSecond: number;
	reuseConnections: boolean;
}

/** What every send operation reads once per execution: dry run, guardrails, sending options. */
export function readSendSetup(context: IExecuteFunctions): SendSetup {
	const read = parameterReader(context);
	const guardrails = parseGuardrails(read.collection<GuardrailOptions>('guardrails')(0));
	if (!guardrails.ok) throw new NodeOperationError(context.getNode(), guardrails.message);
	return {
		dryRun: read.boolean('dryRun', false)(0),
		gate: new GuardrailGate(guardrails.guardrails),
		...readSendingOptions(read.collection<SendingOptions>('options')(0)),
	};
}

/** Counts the recipients against the guardrails, or refuses the item naming the rule. */
export function admitRecipients(
	node: INode,
	gate: GuardrailGate,
	recipientsE164: string[],
	itemIndex: number,
): void {
	const refusal = gate.admit(recipientsE164);
	if (refusal === undefined) return;
	throw new NodeOperationError(node, `Guardrail refused item ${itemIndex}: ${refusal}`, {
		itemIndex,
		description:
			'Nothing was sent for this item. Change the recipient or the guardrail in the node.',
	});
}
