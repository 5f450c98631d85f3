import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../helpers/descriptions';
import { readCountry, readMobile } from '../../../helpers/itemFields';
import { parameterReader } from '../../../helpers/parameterReader';
import { withReadRetries } from '../../../helpers/readRetry';
import { runPerItemMany } from '../../../helpers/runPerItem';
import { openSmSend } from '../../helpers/context';
import { flagOptOuts, readOptOutKeywords } from '../../helpers/optOutSettings';
import {
	gatewayTimeZoneOption,
	optOutKeywordsOption,
	receptionNumberProperty,
	sharecodeProperty,
} from '../common.descriptions';
import { RECEIVE_SMS_MAX } from '../../transport/inbox';

const properties: INodeProperties[] = [
	receptionNumberProperty(
		'recipientNumber',
		'The number messages are sent to (your smSend reception number)',
	),
	sharecodeProperty(
		'The sharecode of the reception service (Reception → Create Sharecodes gives them)',
	),
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: RECEIVE_SMS_MAX },
		default: 50,
		description: 'Max number of results to return',
	},
	...optionsCollection((v11) => [gatewayTimeZoneOption(v11), optOutKeywordsOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['inbox'], operation: ['getMessages'] } },
	properties,
);

function validTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/**
 * One output item per received message, most recent first, flagged optOut, paired with the input
 * item that asked.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { client } = await openSmSend(this);
	const read = parameterReader(this);
	const param = {
		options: read.collection<{ timeZone: string; optOutKeywords: unknown }>('options'),
		receptionNumber: read.value('recipientNumber'),
		sharecode: read.text('sharecode', 'Sharecode', '001'),
		limit: read.number('limit', 50),
	};
	return await runPerItemMany(this, items, async (itemIndex): Promise<IDataObject[]> => {
		const options = param.options(itemIndex);
		const timeZone = options.timeZone?.trim() || 'Europe/Rome';
		if (!validTimeZone(timeZone)) {
			throw new NodeOperationError(
				node,
				`Invalid 'Gateway Time Zone': "${timeZone}" is not a time zone [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'Use an IANA time zone such as Europe/Rome.',
				},
			);
		}
		const number = readMobile(
			node,
			param.receptionNumber(itemIndex),
			itemIndex,
			'Reception Number',
			readCountry(node, undefined, 'IT', itemIndex),
			'+393400000000',
		);
		const sharecode = param.sharecode(itemIndex).trim();
		if (!/^\d{1,10}$/.test(sharecode)) {
			throw new NodeOperationError(
				node,
				`Invalid 'Sharecode': "${sharecode}" is not a sharecode [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'A sharecode is a short number such as 001.',
				},
			);
		}
		const keywords = readOptOutKeywords(node, options.optOutKeywords, itemIndex);
		const limit = param.limit(itemIndex);
		if (!Number.isInteger(limit) || limit < 1 || limit > RECEIVE_SMS_MAX) {
			throw new NodeOperationError(
				node,
				`Invalid 'Limit': ${limit} is not a whole number from 1 to ${RECEIVE_SMS_MAX} [item ${itemIndex}]`,
				{
					itemIndex,
					description: `smSend returns between 1 and ${RECEIVE_SMS_MAX} messages per request.`,
				},
			);
		}
		const messages = await withReadRetries(
			async () =>
				await client.receiveSms({
					receptionNumber: number.e164,
					sharecode,
					count: limit,
					timeZone,
				}),
		);
		return flagOptOuts(messages, keywords).map((message) => ({ ...message }));
	});
}
