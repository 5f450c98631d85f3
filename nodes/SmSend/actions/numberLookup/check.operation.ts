import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { defaultCountryOption, optionsCollection } from '../../../helpers/descriptions';
import { readCountry, readMobile } from '../../../helpers/itemFields';
import { errorItemJson, toNodeError } from '../../../helpers/nodeErrors';
import { parameterReader } from '../../../helpers/parameterReader';
import { withReadRetries } from '../../../helpers/readRetry';
import { openSmSend } from '../../helpers/context';
import { pollUntilFinal } from '../../helpers/waitForFinal';
import type { StatusRow } from '../../transport/batchStatus';

/** mnc.php takes at most this many numbers per request. */
export const MNC_BATCH_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Number',
		name: 'number',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +393201234567',
		description: 'Mobile number to check',
		hint: 'The numbers of all input items go to smSend together, in requests of up to 100',
	},
	{
		displayName: 'Wait for Results',
		name: 'waitForResults',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait for the network of each number; otherwise only the request ID is returned, for SMS → Get Status Report (Number Lookup)',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		displayOptions: { show: { waitForResults: [true] } },
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'waitInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 5,
		displayOptions: { show: { waitForResults: [true] } },
	},
	...optionsCollection((v11) => [defaultCountryOption('IT', v11)]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['numberLookup'], operation: ['check'] } },
	properties,
);

type ItemOutcome = { json: IDataObject } | { error: unknown };

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const outcomes: ItemOutcome[] = new Array(items.length);
	const numbers: string[] = new Array(items.length);
	const read = parameterReader(this);
	const param = {
		options: read.collection<{ defaultCountry: string }>('options'),
		number: read.value('number'),
	};

	// Validate everything first: without continueOnFail one bad number stops the run before any request.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const options = param.options(itemIndex);
			numbers[itemIndex] = readMobile(
				node,
				param.number(itemIndex),
				itemIndex,
				'Number',
				readCountry(node, options.defaultCountry, 'IT', itemIndex),
				'+393201234567',
			).e164;
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(node, error, itemIndex);
			outcomes[itemIndex] = { error };
		}
	}

	const { client } = await openSmSend(this);
	// One setting for the whole run: the numbers of all items go out together.
	const wait = {
		enabled: read.boolean('waitForResults', true)(0),
		timeoutSeconds: read.number('waitTimeout', 60)(0),
		intervalSeconds: read.number('waitInterval', 5)(0),
	};
	const pending = items.map((_, index) => index).filter((index) => outcomes[index] === undefined);
	const distinct = [...new Set(pending.map((index) => numbers[index]))];

	for (let start = 0; start < distinct.length; start += MNC_BATCH_SIZE) {
		const batch = distinct.slice(start, start + MNC_BATCH_SIZE);
		const batchItems = pending.filter((index) => batch.includes(numbers[index]));
		try {
			const { requestId } = await client.mnc(batch);
			const rowsByNumber = new Map<string, StatusRow>();
			if (wait.enabled) {
				const result = await pollUntilFinal(
					async () => await withReadRetries(async () => await client.batchStatus(requestId, 'mnc')),
					wait,
				);
				for (const row of result.rows) rowsByNumber.set(String(row.dest ?? '').trim(), row);
			}
			for (const index of batchItems) {
				const row = rowsByNumber.get(numbers[index]);
				outcomes[index] = {
					json: {
						number: numbers[index],
						requestId,
						...(wait.enabled
							? row
								? {
										networkCode: String(row.netcode ?? '').trim(),
										statusWord: row.statusWord,
										final: row.final,
										report: { ...row },
									}
								: { statusWord: 'waiting', final: false }
							: { statusWord: 'submitted', final: false }),
					},
				};
			}
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(node, error, batchItems[0]);
			for (const index of batchItems) outcomes[index] = { error };
		}
	}

	return outcomes.map((outcome, itemIndex) => ({
		json:
			'json' in outcome ? outcome.json : errorItemJson(toNodeError(node, outcome.error, itemIndex)),
		pairedItem: { item: itemIndex },
	}));
}
