import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../helpers/runPerItem';
import { callSmSend } from '../../transport/requests';
import { parseAmount } from '../../transport/okKo';
import { smSendContext } from '../../helpers/context';
import { BACKOFFICE_TIMEOUT_MS, readClientId } from './backofficeFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001',
		description: 'Numeric ID of the client (u_id), as returned by Client → Create',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['getCredit'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const gateway = await smSendContext(this, 'reseller');
	return await runPerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const clientId = readClientId(
			node,
			this.getNodeParameter('clientId', itemIndex, ''),
			itemIndex,
		);
		const reply = await callSmSend(
			gateway.send,
			gateway.credentials,
			'/backoffice/credit-get.php',
			'reseller',
			[['u_id', clientId]],
			BACKOFFICE_TIMEOUT_MS,
		);
		// The reply has 4 decimals (123.4567); rounding drops binary noise only.
		const creditEuro = Math.round(parseAmount(reply.value, 'The client credit') * 10000) / 10000;
		return { clientId, creditEuro };
	});
}
