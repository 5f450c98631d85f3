import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { runPerItemMany } from '../../../helpers/runPerItem';
import { parameterReader } from '../../../helpers/parameterReader';
import { withReadRetries } from '../../../helpers/readRetry';
import { openSmSend } from '../../helpers/context';
import { pollUntilFinal } from '../../helpers/waitForFinal';
import type { ReportType } from '../../transport/batchStatus';

const properties: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. HTTP00000000111',
		description: 'The request ID returned by Send (with Return Request ID on) or by Number Lookup',
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
		description: 'Whether to check again until every row has a final status, or until the timeout',
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['getStatus'] } },
	properties,
);

/** One output item per report row, each paired with the input item that asked for the report. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { client } = await openSmSend(this);
	const read = parameterReader(this);
	const param = {
		requestId: read.text('requestId', 'Request ID', '{{ $json.requestId }}'),
		reportType: read.choice<ReportType>('reportType', 'notify'),
		waitForFinal: read.boolean('waitForFinal', false),
		waitTimeout: read.number('waitTimeout', 120),
		waitInterval: read.number('waitInterval', 10),
	};
	return await runPerItemMany(this, items, async (itemIndex): Promise<IDataObject[]> => {
		const requestId = param.requestId(itemIndex).trim();
		if (requestId === '') {
			throw new NodeOperationError(node, `The 'Request ID' is empty [item ${itemIndex}]`, {
				itemIndex,
				description:
					"Map the requestId that the smSend SMS 'Send' operation returned (with its 'Return Request ID' option on, the default).",
			});
		}
		const reportType = param.reportType(itemIndex);
		const result = await pollUntilFinal(
			async () =>
				await withReadRetries(async () => await client.batchStatus(requestId, reportType)),
			{
				enabled: param.waitForFinal(itemIndex),
				timeoutSeconds: param.waitTimeout(itemIndex),
				intervalSeconds: param.waitInterval(itemIndex),
			},
		);
		return result.rows.map((row) => ({ requestId, reportType, ...row, allFinal: result.allFinal }));
	});
}
