import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterReader } from '../../../helpers/parameterReader';
import { runChangePerItem } from '../../../helpers/runPerItem';
import { readClientId, readCreditAmount, readPositiveId } from '../../helpers/backofficeFields';
import { openSmSend } from '../../helpers/context';
import { clientIdProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	clientIdProperty(),
	{
		displayName: 'Tariff ID',
		name: 'tariffId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1',
		description: 'ID of the tariff (bill_id) to assign the credit with, from your reseller panel',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Credit (Euro)',
				name: 'credit',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12.3456',
				description:
					'Amount of credit in euro, with at most 4 decimals. Empty: smSend applies the tariff as it is.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['addCredit'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { client } = await openSmSend(this, 'reseller');
	const read = parameterReader(this);
	const param = {
		clientId: read.value('clientId'),
		tariffId: read.value('tariffId'),
		additionalFields: read.collection<{ credit: unknown }>('additionalFields'),
	};
	return await runChangePerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const clientId = readClientId(node, param.clientId(itemIndex), itemIndex);
		const tariffId = readPositiveId(
			node,
			param.tariffId(itemIndex),
			itemIndex,
			'Tariff ID',
			'Use the numeric id of a tariff in your reseller panel, e.g. 1.',
		);
		const extra = param.additionalFields(itemIndex);
		const creditGiven =
			extra.credit !== undefined &&
			extra.credit !== null &&
			!(typeof extra.credit === 'string' && extra.credit.trim() === '');
		const credit = creditGiven
			? readCreditAmount(node, extra.credit, itemIndex, 'Credit (Euro)')
			: undefined;
		const reply = await client.backoffice.addCredit({ clientId, tariffId, credit });
		return { clientId, creditOperationId: reply.creditOperationId, raw: reply.raw };
	});
}
