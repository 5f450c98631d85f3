import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withReadRetries } from '../../../helpers/readRetry';
import { parameterReader } from '../../../helpers/parameterReader';
import { runPerItem } from '../../../helpers/runPerItem';
import { openMobilePronto } from '../../helpers/context';
import { DEFAULT_TIMEOUT_MS } from '../../transport/client';

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
				default: DEFAULT_TIMEOUT_MS,
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
	const { client } = await openMobilePronto(this);
	const options = parameterReader(this).collection<{ timeout: number }>('options');
	return await runPerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const timeoutMs = options(itemIndex).timeout ?? DEFAULT_TIMEOUT_MS;
		const credits = await withReadRetries(async () => await client.credits({ timeoutMs }));
		return { balance: credits.balance, code: credits.code, raw: credits.raw };
	});
}
