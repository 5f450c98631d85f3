import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withReadRetries } from '../../../helpers/readRetry';
import { parameterReader } from '../../../helpers/parameterReader';
import { nodeVersion } from '../../../helpers/nodeVersion';
import { runPerItem } from '../../../helpers/runPerItem';
import { qualityOutput } from '../../helpers/messageType';
import { openSmSend } from '../../helpers/context';
import type { CreditType } from '../../transport/client';

const CREDIT_TYPES: Array<{ name: string; value: string; description: string }> = [
	{ name: 'Credit in Euro', value: 'credit', description: 'Remaining credit in euro' },
	{
		name: 'SMS Left in Automatic Quality',
		value: 'a',
		description: 'How many SMS of quality a the credit buys',
	},
	{
		name: 'SMS Left in High Quality',
		value: 'h',
		description: 'How many SMS of quality h the credit buys',
	},
	{
		name: 'SMS Left in Low Quality',
		value: 'll',
		description: 'How many SMS of quality ll the credit buys',
	},
	{
		name: 'SMS Left in Medium Quality',
		value: 'l',
		description: 'How many SMS of quality l the credit buys',
	},
	{
		name: 'SMS Left in Notification Quality',
		value: 'n',
		description: 'How many SMS of quality n the credit buys',
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'creditType',
		type: 'options',
		options: CREDIT_TYPES,
		default: 'credit',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getCredit'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { client } = await openSmSend(this);
	const v11 = nodeVersion(this) >= 1.1;
	const creditType = parameterReader(this).choice<CreditType>('creditType', 'credit');
	return await runPerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const type = creditType(itemIndex);
		const { amount, raw } = await withReadRetries(async () => await client.credit(type));
		return type === 'credit'
			? { type, creditEuro: amount, raw }
			: { type, ...qualityOutput(type, v11), smsLeft: amount, raw };
	});
}
