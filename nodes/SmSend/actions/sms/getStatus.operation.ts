import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { errorItemJson, toNodeError } from '../../../helpers/nodeErrors';
import { parameterReader } from '../../../helpers/parameterReader';
import { withReadRetries } from '../../../helpers/readRetry';
import { openSmSend } from '../../helpers/context';
import { summariseStatus } from '../../helpers/statusSummary';
import { fetchUntilFinal } from '../../helpers/waitForFinal';
import type { ReportType } from '../../transport/batchStatus';

export const DEFAULT_STATUS_CONCURRENCY = 10;
const MAX_STATUS_CONCURRENCY = 50;
const REPORT_TYPES: readonly ReportType[] = ['notify', 'mnc', 'queue'];

type StatusOutput = 'rows' | 'summary' | 'rowsAndSummary';
const OUTPUTS: readonly StatusOutput[] = ['rows', 'summary', 'rowsAndSummary'];

const properties: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. HTTP00000000111',
		description:
			'The request ID returned by Send (with Return Request ID on) or by Number Lookup. Give one input item per request ID: all of them are checked in one run.',
		hint: 'Map it from the previous node, e.g. {{ $json.requestId }}',
	},
	{
		displayName: 'Report',
		name: 'reportType',
		type: 'options',
		options: [
			{
				name: 'Delivery Notifications',
				value: 'notify',
				description: 'Whether each SMS reached the phone',
			},
			{ name: 'Number Lookup (MNC)', value: 'mnc', description: 'Network of each number checked' },
			{ name: 'Queue', value: 'queue', description: 'Whether each SMS left the gateway' },
		],
		default: 'notify',
	},
	{
		displayName: 'Wait for Final Status',
		name: 'waitForFinal',
		type: 'boolean',
		default: false,
		description:
			'Whether to check again, all input items together, until every row has a final status or the timeout passes. Only the reports not yet final are checked again.',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 120,
		displayOptions: { show: { waitForFinal: [true] } },
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'waitInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		displayOptions: { show: { waitForFinal: [true] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Message',
				value: 'rows',
				description: 'Each row of each report, paired with the input item that asked for it',
			},
			{
				name: 'Summary Only',
				value: 'summary',
				description:
					'One item for the whole run: messages, final, not final and a count per status word, e.g. for a dashboard row',
			},
			{
				name: 'Messages, Then Summary',
				value: 'rowsAndSummary',
				description: 'One item per message, then the summary item (summary: true) last',
			},
		],
		default: 'rows',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_STATUS_CONCURRENCY },
				default: DEFAULT_STATUS_CONCURRENCY,
				description:
					'How many reports are fetched at the same time. Output order always follows input order.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['getStatus'] } },
	properties,
);

function wholeNumber(node: INode, value: unknown, field: string, min: number, max: number) {
	if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
		return value;
	throw new NodeOperationError(
		node,
		`Invalid '${field}': ${JSON.stringify(value) ?? 'nothing'} is not a whole number from ${min} to ${max} [item 0]`,
		{ itemIndex: 0, description: 'It is read once, from the first item, for the whole run.' },
	);
}

interface Report {
	requestId: string;
	reportType: ReportType;
}

/**
 * Every input item's report, fetched with bounded concurrency and, with Wait for Final Status,
 * checked again in one shared loop; one output item per report row (or a summary), each paired
 * with the input item that asked.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const read = parameterReader(this);
	const requestIdOf = read.text('requestId', 'Request ID', '{{ $json.requestId }}');
	const reportTypeOf = read.choice<ReportType>('reportType', 'notify');
	// One setting for the whole run: all items share one wait loop.
	const output = read.choice<StatusOutput>('output', 'rows')(0);
	if (!OUTPUTS.includes(output)) {
		throw new NodeOperationError(node, `Invalid Output "${String(output)}"`, {
			itemIndex: 0,
			description: `Use one of: ${OUTPUTS.join(', ')}.`,
		});
	}
	const waitEnabled = read.boolean('waitForFinal', false)(0);
	const wait = {
		enabled: waitEnabled === true,
		timeoutSeconds: waitEnabled
			? wholeNumber(node, read.number('waitTimeout', 120)(0), 'Wait Timeout (Seconds)', 1, 86400)
			: 0,
		intervalSeconds: waitEnabled
			? wholeNumber(node, read.number('waitInterval', 10)(0), 'Check Every (Seconds)', 1, 3600)
			: 0,
	};
	const concurrency = wholeNumber(
		node,
		read.collection<{ concurrency: number }>('options')(0).concurrency ??
			DEFAULT_STATUS_CONCURRENCY,
		'Concurrency',
		1,
		MAX_STATUS_CONCURRENCY,
	);

	// Every item is checked before any request; the same request id and report is fetched once.
	const reports: Report[] = [];
	const reportOf: Array<number | { error: unknown }> = new Array(items.length);
	const firstItemOf: number[] = [];
	const known = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const requestId = requestIdOf(itemIndex).trim();
			if (requestId === '') {
				throw new NodeOperationError(node, `The 'Request ID' is empty [item ${itemIndex}]`, {
					itemIndex,
					description:
						"Map the requestId that the smSend SMS 'Send' operation returned (with its 'Return Request ID' option on, the default).",
				});
			}
			const reportType = reportTypeOf(itemIndex);
			if (!REPORT_TYPES.includes(reportType)) {
				throw new NodeOperationError(
					node,
					`Invalid 'Report': "${String(reportType)}" [item ${itemIndex}]`,
					{ itemIndex, description: `Use one of: ${REPORT_TYPES.join(', ')}.` },
				);
			}
			const key = `${reportType} ${requestId}`;
			let index = known.get(key);
			if (index === undefined) {
				index = reports.push({ requestId, reportType }) - 1;
				known.set(key, index);
				firstItemOf.push(itemIndex);
			}
			reportOf[itemIndex] = index;
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(node, error, itemIndex);
			reportOf[itemIndex] = { error };
		}
	}

	const { client, close } = await openSmSend(this, undefined, {
		reuseConnections: true,
		concurrency,
	});
	const cancelSignal = this.getExecutionCancelSignal?.();
	const { outcomes, checks, stoppedBy } = await fetchUntilFinal(
		reports,
		async ({ requestId, reportType }) =>
			await withReadRetries(async () => await client.batchStatus(requestId, reportType)),
		{
			wait,
			concurrency,
			stopOnError: !this.continueOnFail(),
			cancelled: () => cancelSignal?.aborted === true,
		},
	).finally(close);
	if (stoppedBy) throw toNodeError(node, stoppedBy.error, firstItemOf[stoppedBy.reportIndex]);

	const result: INodeExecutionData[] = [];
	items.forEach((_, itemIndex) => {
		const at = reportOf[itemIndex];
		const outcome = typeof at === 'number' ? outcomes[at] : at;
		const pairedItem = { item: itemIndex };
		if ('error' in outcome) {
			result.push({ json: errorItemJson(toNodeError(node, outcome.error, itemIndex)), pairedItem });
		} else if (output !== 'summary') {
			const { requestId, reportType } = reports[at as number];
			for (const row of outcome.rows) {
				const json: IDataObject = { requestId, reportType, ...row, allFinal: outcome.allFinal };
				result.push({ json, pairedItem });
			}
		}
	});
	if (output !== 'rows') {
		const summary = summariseStatus({
			reports: reports.map((report, index) => {
				const outcome = outcomes[index];
				return {
					reportType: report.reportType,
					rows: 'rows' in outcome ? outcome.rows : undefined,
				};
			}),
			invalidItems: reportOf.filter((at) => typeof at !== 'number').length,
			checks,
		});
		result.push({ json: summary, pairedItem: items.map((_, item) => ({ item })) });
	}
	return result;
}
