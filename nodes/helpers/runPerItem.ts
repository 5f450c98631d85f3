import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItemJson, toNodeError } from './nodeErrors';
import { runLedger } from './retryLedger';
import { mayHaveGone } from './sendPool';

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

/**
 * One output item per input item, for operations that change something at the gateway (a
 * reseller's client, credit or reception): like runPerItem, but n8n's Retry On Fail never
 * repeats a change an earlier try made or may have made. Those items keep the outcome of the
 * try that decided them; only items whose change was refused by the gateway, or never tried,
 * are tried again.
 */
export async function runChangePerItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const ledger = runLedger(context);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const decided = ledger.decided(itemIndex);
		let json: IDataObject;
		if (decided?.kind === 'sent') json = decided.json;
		else if (decided) json = failed(context, decided.error, itemIndex, true);
		else {
			try {
				json = await handle(itemIndex);
				ledger.record(itemIndex, { kind: 'sent', json });
			} catch (error) {
				// A change refused before or by the gateway may be tried again; anything after the request left may not.
				const gone = !(error instanceof NodeOperationError) && mayHaveGone(error);
				if (gone) ledger.record(itemIndex, { kind: 'mayHaveGone', error });
				json = failed(context, error, itemIndex, gone);
			}
		}
		output.push({ json, pairedItem: { item: itemIndex } });
	}
	return output;

	function failed(
		context: IExecuteFunctions,
		error: unknown,
		itemIndex: number,
		outcomeUnknown: boolean,
	): IDataObject {
		const nodeError = toNodeError(node, error, itemIndex);
		if (!context.continueOnFail()) throw nodeError;
		return errorItemJson(nodeError, { outcomeUnknown });
	}
}
