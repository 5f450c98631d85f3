import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { describeValue } from '../../../helpers/describeValue';
import { runPerItem } from '../../../helpers/runPerItem';
import { callSmSend } from '../../transport/requests';
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
	{
		displayName: 'Active',
		name: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether to activate the client (on) or deactivate it (off)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['setStatus'] } },
	properties,
);

function readActive(value: unknown): boolean | undefined {
	if (value === true || value === 1 || value === '1' || value === 'true') return true;
	if (value === false || value === 0 || value === '0' || value === 'false') return false;
	return undefined;
}

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
		const activeValue = this.getNodeParameter('active', itemIndex, true) as unknown;
		const active = readActive(activeValue);
		if (active === undefined) {
			throw new NodeOperationError(node, `Invalid Active in item ${itemIndex}`, {
				itemIndex,
				description: `It resolved to ${typeof activeValue === 'string' ? `"${activeValue}"` : describeValue(activeValue)}. Use true (activate) or false (deactivate).`,
			});
		}
		const reply = await callSmSend(
			gateway.send,
			gateway.credentials,
			'/backoffice/client-status.php',
			'reseller',
			[
				['u_id', clientId],
				['active', active ? 1 : 0],
			],
			BACKOFFICE_TIMEOUT_MS,
		);
		// smSend answers the operation it performed: 'OK Attivato' or 'OK Disattivato'.
		const status = reply.value;
		const reported = /^disattivat/i.test(status) ? false : /^attivat/i.test(status) ? true : active;
		return { clientId, active: reported, status, raw: reply.raw };
	});
}
