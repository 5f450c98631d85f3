import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterReader } from '../../../helpers/parameterReader';
import { runPerItem } from '../../../helpers/runPerItem';
import { readClientId } from '../../helpers/backofficeFields';
import { openSmSend } from '../../helpers/context';
import { clientIdProperty } from '../common.descriptions';

const properties: INodeProperties[] = [clientIdProperty()];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['getCredit'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { client } = await openSmSend(this, 'reseller');
	const clientIdOf = parameterReader(this).value('clientId');
	return await runPerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const clientId = readClientId(node, clientIdOf(itemIndex), itemIndex);
		const { creditEuro } = await client.backoffice.clientCredit(clientId);
		return { clientId, creditEuro };
	});
}
