import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeValue } from '../../helpers/describeValue';
import type { OptOutFlag, OptOutKeyword } from '../../helpers/optOut';
import {
	DEFAULT_OPT_OUT_KEYWORD_LIST,
	detectOptOut,
	parseOptOutKeywords,
} from '../../helpers/optOut';

const FIELD = 'Opt-Out Keywords';
const HOW = `Write the keywords separated by commas, e.g. ${DEFAULT_OPT_OUT_KEYWORD_LIST}. An empty list marks no message as an opt-out request.`;

/**
 * Options → Opt-Out Keywords (Inbox and the Trigger): absent means the defaults. `itemIndex` is
 * left out for the trigger, whose settings belong to no item.
 */
export function readOptOutKeywords(
	node: INode,
	value: unknown,
	itemIndex?: number,
): OptOutKeyword[] {
	const where = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
	const context = itemIndex === undefined ? {} : { itemIndex };
	if (value === undefined) value = DEFAULT_OPT_OUT_KEYWORD_LIST;
	if (typeof value !== 'string') {
		throw new NodeOperationError(node, `The '${FIELD}' are not text${where}`, {
			...context,
			description: `They resolved to ${describeValue(value)}. ${HOW}`,
		});
	}
	const parsed = parseOptOutKeywords(value);
	if (!parsed.ok) {
		throw new NodeOperationError(
			node,
			`Invalid '${FIELD}': "${parsed.entry}" ${parsed.reason}${where}`,
			{ ...context, description: HOW },
		);
	}
	return parsed.keywords;
}

/** Each message with `optOut` and `optOutKeyword` added after its own fields. */
export function flagOptOuts<T extends { text: string }>(
	messages: readonly T[],
	keywords: readonly OptOutKeyword[],
): Array<T & OptOutFlag> {
	return messages.map((message) => ({ ...message, ...detectOptOut(message.text, keywords) }));
}
