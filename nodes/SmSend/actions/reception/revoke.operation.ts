import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { parameterReader } from '../../../helpers/parameterReader';
import { runChangePerItem } from '../../../helpers/runPerItem';
import { readClientId, readRequiredText } from '../../helpers/backofficeFields';
import { openSmSend } from '../../helpers/context';
import {
	clientIdProperty,
	receptionNumberProperty,
	receptionOptionsProperties,
	sharecodeProperty,
} from '../common.descriptions';
import { receptionNumberReader } from './receptionFields';

const properties: INodeProperties[] = [
	clientIdProperty('Numeric ID of the client (u_id) the share code is assigned to'),
	receptionNumberProperty(
		'receptionNumber',
		'Phone number that receives the SMS (dest), international (+393400000000) or national in the default country',
	),
	sharecodeProperty(
		'Share code to revoke, as returned by Reception → Create Sharecodes (keep leading zeros)',
	),
	...receptionOptionsProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reception'], operation: ['revoke'] } },
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
		sharecode: read.value('sharecode'),
	};
	return await runChangePerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const clientId = readClientId(node, param.clientId(itemIndex), itemIndex);
		const receptionNumber = param.receptionNumber(itemIndex).e164;
		const accepted = 'Enter the share code exactly as smSend created it, e.g. 001.';
		const sharecode = readRequiredText(
			node,
			param.sharecode(itemIndex),
			itemIndex,
			'Sharecode',
			accepted,
		);
		if (/\s|,/.test(sharecode)) {
			throw new NodeOperationError(
				node,
				`Invalid 'Sharecode': "${sharecode}" holds more than one code [item ${itemIndex}]`,
				{
					itemIndex,
					description: `${accepted} Revoke one share code per item.`,
				},
			);
		}
		await client.backoffice.revokeReception({ clientId, receptionNumber, sharecode });
		return { clientId, receptionNumber, sharecode, revoked: true };
	});
}
