import type { IDataObject } from 'n8n-workflow';

import type { TabularReport } from '../../transport/reports';

/**
 * How report values are typed. Everything stays text, except:
 * - id columns (`id`, `u_id`, `uid`, or a name ending in `_id`/`Id`): numbers when every row of the
 *   report holds a plain whole number (no sign, no leading zero);
 * - in a `credits` report, amount columns (`value`, `credit`, `credits`, `amount`, `euro`): numbers when
 *   every row holds a plain decimal amount (`12.3456` or `12,3456`).
 * A column is converted whole or not at all, so one odd value keeps the column text throughout.
 * Dates, phone numbers (the `value` of recv_add/recv_del), share codes (`001`) and notes stay text.
 */
const ID_COLUMN = /^(?:id|u_?id|.+_id)$/i;
const CAMEL_ID_COLUMN = /[a-z]Id$/;
const AMOUNT_COLUMN = /^(?:value|credit|credits|amount|euro|importo|credito)$/i;
const WHOLE = /^(?:0|[1-9]\d{0,14})$/;
const AMOUNT = /^(?:0|[1-9]\d{0,11})(?:[.,]\d{1,6})?$/;

export function typedRows(report: TabularReport, type: string): IDataObject[] {
	const numericColumns = new Map<string, RegExp>();
	for (const column of report.columns) {
		const pattern =
			ID_COLUMN.test(column) || CAMEL_ID_COLUMN.test(column)
				? WHOLE
				: type === 'credits' && AMOUNT_COLUMN.test(column)
					? AMOUNT
					: undefined;
		if (
			pattern &&
			report.rows.length > 0 &&
			report.rows.every((row) => pattern.test(row[column] ?? ''))
		) {
			numericColumns.set(column, pattern);
		}
	}
	return report.rows.map((row) =>
		Object.fromEntries(
			Object.entries(row).map(([column, value]): [string, string | number] => [
				column,
				numericColumns.has(column) ? Number(value.replace(',', '.')) : value,
			]),
		),
	);
}
