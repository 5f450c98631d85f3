import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterReader } from '../../../helpers/parameterReader';
import { runChangePerItem } from '../../../helpers/runPerItem';
import { readClientId, readWholeNumberInRange } from '../../helpers/backofficeFields';
import { openSmSend } from '../../helpers/context';
import {
	clientIdProperty,
	receptionNumberProperty,
	receptionOptionsProperties,
} from '../common.descriptions';
import { receptionNumberReader } from './receptionFields';

const MAX_SHARECODES = 20;

const properties: INodeProperties[] = [
	clientIdProperty(
		'Numeric ID of the client (u_id) that receives the SMS, as returned by Client → Create',
	),
	receptionNumberProperty(
		'receptionNumber',
		'Phone number that receives the SMS (dest), international (+393400000000) or national in the default country',
	),
	{
		displayName: 'Number of Sharecodes',
		name: 'sharecodeCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_SHARECODES },
		default: 1,
		description: 'How many share codes to create on the reception number for the client (1 to 20)',
	},
	...receptionOptionsProperties,
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
	const { client } = await openSmSend(this, 'reseller');
	const read = parameterReader(this);
	const param = {
		clientId: read.value('clientId'),
		receptionNumber: receptionNumberReader(this),
		sharecodeCount: read.value('sharecodeCount', 1),
	};
	return await runChangePerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const clientId = readClientId(node, param.clientId(itemIndex), itemIndex);
		const receptionNumber = param.receptionNumber(itemIndex).e164;
		const count = readWholeNumberInRange(
			node,
			param.sharecodeCount(itemIndex),
			itemIndex,
			'Number of Sharecodes',
			1,
			MAX_SHARECODES,
		);
		const reply = await client.backoffice.createReception({ clientId, receptionNumber, count });
		return { clientId, receptionNumber, sharecodes: reply.sharecodes, raw: reply.raw };
	});
}
