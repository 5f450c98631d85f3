import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withReadRetries } from '../../../helpers/readRetry';
import { runPerItem } from '../../../helpers/runPerItem';
import { fetchBalance } from '../../helpers/balance';
import { mobileProntoContext } from '../../helpers/context';

const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 30000,
				description: 'How long to wait for the gateway',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getBalance'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const gateway = await mobileProntoContext(this);
	return await runPerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const options = this.getNodeParameter('options', itemIndex, {}) as { timeout?: number };
		const balance = await withReadRetries(
			async () => await fetchBalance(gateway.send, gateway.credentials, options.timeout ?? 30000),
		);
		return { balance: balance.balance, code: balance.status, raw: balance.raw };
	});
}
