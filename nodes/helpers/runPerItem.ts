import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItemJson, toNodeError } from './nodeErrors';

/**
 * Runs `handle` for each input item in order; every result it returns (or, under
 * continueOnFail, the item's error) becomes an output item paired with that input item.
 */
export async function runPerItemMany(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			for (const json of await handle(itemIndex))
				output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(context.getNode(), error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			output.push({ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

/** One output item per input item. */
export async function runPerItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	return await runPerItemMany(context, items, async (itemIndex) => [await handle(itemIndex)]);
}
