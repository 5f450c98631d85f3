import type { IDataObject } from 'n8n-workflow';

import type { ReportType, StatusRow } from '../transport/batchStatus';
import { statusWords } from '../transport/batchStatus';

export interface SummarisedReport {
	reportType: ReportType;
	/** The report's rows, or undefined when it could not be read. */
	rows?: StatusRow[];
}

export interface SummaryInput {
	/** One per distinct request id and report type. */
	reports: readonly SummarisedReport[];
	/** Input items refused before any request (e.g. an empty Request ID), under continueOnFail. */
	invalidItems: number;
	/** How many times the reports were checked. */
	checks: number;
}

/**
 * One flat row for a dashboard (a sheet, a database table): how many requests and messages
 * were checked, how many are final, and a count per status word. Every word the report types
 * can give has its column, zero or not, so runs of the same workflow append the same columns.
 * `errors` counts the requests that could not be read and the items refused before reading.
 */
export function summariseStatus({ reports, invalidItems, checks }: SummaryInput): IDataObject {
	const types = [...new Set(reports.map((report) => report.reportType))].sort();
	const counts: Record<string, number> = {};
	for (const type of types) for (const word of statusWords(type)) counts[word] = 0;
	let messages = 0;
	let final = 0;
	let errors = invalidItems;
	for (const report of reports) {
		if (!report.rows) {
			errors++;
			continue;
		}
		for (const row of report.rows) {
			messages++;
			if (row.final) final++;
			counts[row.statusWord] = (counts[row.statusWord] ?? 0) + 1;
		}
	}
	return {
		summary: true,
		reportType: types.join(', '),
		requests: reports.length,
		messages,
		final,
		notFinal: messages - final,
		allFinal: messages > 0 && final === messages && errors === 0,
		...counts,
		errors,
		checks,
	};
}
