import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../helpers/runPerItem';
import { transportError } from '../../../transport/errors';
import { callSmSend } from '../../transport/requests';
import { smSendContext } from '../../helpers/context';
import {
	BACKOFFICE_TIMEOUT_MS,
	readClientId,
	readWholeNumberInRange,
} from '../client/backofficeFields';
import {
	countryOptionsProperty,
	readReceptionNumber,
	receptionNumberProperty,
} from './receptionFields';

const MAX_SHARECODES = 20;

const properties: INodeProperties[] = [
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001',
		description:
			'Numeric ID of the client (u_id) that receives the SMS, as returned by Client → Create',
	},
	receptionNumberProperty,
	{
		displayName: 'Number of Sharecodes',
		name: 'sharecodeCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_SHARECODES },
		default: 1,
		description: 'How many share codes to create on the reception number for the client (1 to 20)',
	},
	countryOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reception'], operation: ['create'] } },
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
		const receptionNumber = readReceptionNumber(this, itemIndex).e164;
		const count = readWholeNumberInRange(
			node,
			this.getNodeParameter('sharecodeCount', itemIndex, 1),
			itemIndex,
			'Number of Sharecodes',
			1,
			MAX_SHARECODES,
		);
		const reply = await callSmSend(
			gateway.send,
			gateway.credentials,
			'/backoffice/recv-add.php',
			'reseller',
			[
				['u_id', clientId],
				['dest', receptionNumber],
				['num', count],
			],
			BACKOFFICE_TIMEOUT_MS,
		);
		// 'OK 001,002': the share codes created, comma-separated.
		const sharecodes = reply.value
			.split(',')
			.map((code) => code.trim())
			.filter((code) => code !== '');
		if (sharecodes.length === 0) {
			throw transportError('smSend', 'UNEXPECTED_REPLY', {
				raw: reply.raw,
				detail: 'no share code in the reply',
			});
		}
		return { clientId, receptionNumber, sharecodes, raw: reply.raw };
	});
}
