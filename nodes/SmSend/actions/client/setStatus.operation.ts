import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { describeValue } from '../../../helpers/describeValue';
import { parameterReader } from '../../../helpers/parameterReader';
import { runChangePerItem } from '../../../helpers/runPerItem';
import { readClientId } from '../../helpers/backofficeFields';
import { openSmSend } from '../../helpers/context';
import { clientIdProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	clientIdProperty(),
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
	const { client } = await openSmSend(this, 'reseller');
	const read = parameterReader(this);
	const param = { clientId: read.value('clientId'), active: read.value('active', true) };
	return await runChangePerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const clientId = readClientId(node, param.clientId(itemIndex), itemIndex);
		const activeValue = param.active(itemIndex);
		const active = readActive(activeValue);
		if (active === undefined) {
			throw new NodeOperationError(node, `Invalid 'Active' [item ${itemIndex}]`, {
				itemIndex,
				description: `It resolved to ${typeof activeValue === 'string' ? `"${activeValue}"` : describeValue(activeValue)}. Use true (activate) or false (deactivate).`,
			});
		}
		const reply = await client.backoffice.setClientStatus(clientId, active);
		return { clientId, active: reply.active, status: reply.status, raw: reply.raw };
	});
}
