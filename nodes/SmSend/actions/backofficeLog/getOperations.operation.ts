import type { IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { describeValue } from '../../../helpers/describeValue';
import { parameterReader } from '../../../helpers/parameterReader';
import { runPerItemMany } from '../../../helpers/runPerItem';
import { CLIENT_ID_ACCEPTED, readOptionalId } from '../../helpers/backofficeFields';
import { openSmSend } from '../../helpers/context';
import type { UserLogType } from '../../transport/backoffice';
import { typedRows } from './reportValues';

const LOG_TYPES: readonly UserLogType[] = ['credits', 'recv_add', 'recv_del'];

function isLogType(value: unknown): value is UserLogType {
	return LOG_TYPES.some((type) => type === value);
}

const properties: INodeProperties[] = [
	{
		displayName: 'Operation Type',
		name: 'logType',
		type: 'options',
		required: true,
		options: [
			{
				name: 'Credit Assignments',
				value: 'credits',
				description: 'Credit given to clients (credits)',
			},
			{
				name: 'Reception Creations',
				value: 'recv_add',
				description: 'Reception share codes created and assigned (recv_add)',
			},
			{
				name: 'Reception Revocations',
				value: 'recv_del',
				description: 'Reception share codes revoked (recv_del)',
			},
		],
		default: 'credits',
		description: 'Which back-office operations to list',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1001',
				description: 'Only operations on this client (u_id)',
			},
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'First day of the report (only the date is used)',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Last day of the report, included (only the date is used)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['backofficeLog'], operation: ['getOperations'] } },
	properties,
);

interface Filters {
	clientId?: unknown;
	from?: unknown;
	to?: unknown;
}

const DATE_ACCEPTED = 'Pick a date, or map an ISO date such as 2025-01-31 or 2025-01-31T00:00:00.';

function isValidDate(date: string): boolean {
	const [year, month, day] = date.split('-').map(Number);
	const check = new Date(Date.UTC(year, month - 1, day));
	return (
		check.getUTCFullYear() === year &&
		check.getUTCMonth() === month - 1 &&
		check.getUTCDate() === day
	);
}

/**
 * The calendar day of a dateTime field, as YYYY-MM-DD. Text keeps the date it was written with
 * (n8n's date picker gives '2025-01-31T00:00:00'); Luxon DateTimes use their own zone; JavaScript
 * Dates are read in the workflow's time zone.
 */
function readDate(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	timeZone: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let date: string | undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		date = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text)?.[1];
		if (date === undefined) {
			throw new NodeOperationError(
				node,
				`Invalid '${field}' date: "${text.slice(0, 40)}" is not a date [item ${itemIndex}]`,
				{
					itemIndex,
					description: DATE_ACCEPTED,
				},
			);
		}
	} else if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) {
			throw new NodeOperationError(
				node,
				`Invalid '${field}' date: it is an invalid date [item ${itemIndex}]`,
				{
					itemIndex,
					description: DATE_ACCEPTED,
				},
			);
		}
		date = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		}).format(value);
	} else if (
		typeof value === 'object' &&
		typeof (value as { toISODate?: unknown }).toISODate === 'function'
	) {
		const iso = (value as { toISODate: () => string | null }).toISODate();
		if (typeof iso === 'string') date = iso;
	}
	if (date === undefined) {
		throw new NodeOperationError(
			node,
			`Invalid '${field}' date: it resolved to ${describeValue(value)} [item ${itemIndex}]`,
			{
				itemIndex,
				description: DATE_ACCEPTED,
			},
		);
	}
	if (!isValidDate(date)) {
		throw new NodeOperationError(
			node,
			`Invalid '${field}' date: ${date} is not a calendar date [item ${itemIndex}]`,
			{
				itemIndex,
				description: DATE_ACCEPTED,
			},
		);
	}
	return date;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { client } = await openSmSend(this, 'reseller');
	const timeZone = this.getTimezone();
	const read = parameterReader(this);
	const param = {
		logType: read.value('logType', 'credits'),
		filters: read.collection<Filters>('filters'),
	};
	return await runPerItemMany(this, items, async (itemIndex) => {
		const type = param.logType(itemIndex);
		if (!isLogType(type)) {
			throw new NodeOperationError(node, `Invalid 'Operation Type' [item ${itemIndex}]`, {
				itemIndex,
				description: `It resolved to ${typeof type === 'string' ? `"${type}"` : describeValue(type)}. Use credits, recv_add or recv_del.`,
			});
		}
		const filters = param.filters(itemIndex);
		const clientId = readOptionalId(
			node,
			filters.clientId,
			itemIndex,
			'Client ID',
			CLIENT_ID_ACCEPTED,
		);
		const from = readDate(node, filters.from, itemIndex, 'From', timeZone);
		const to = readDate(node, filters.to, itemIndex, 'To', timeZone);
		if (from !== undefined && to !== undefined && from > to) {
			throw new NodeOperationError(
				node,
				`Invalid dates: 'From' (${from}) is after 'To' (${to}) [item ${itemIndex}]`,
				{
					itemIndex,
					description: "Pick a 'From' date on or before the 'To' date.",
				},
			);
		}
		const report = await client.backoffice.userLog({
			type,
			clientId,
			from,
			to,
		});
		// One item per report row; an empty report gives no item (n8n's "Always Output Data" setting covers that case).
		return typedRows(report, type);
	});
}
