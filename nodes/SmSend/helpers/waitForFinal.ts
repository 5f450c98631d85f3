import { sleep } from 'n8n-workflow';

import type { StatusRow } from '../transport/batchStatus';

export interface WaitSettings {
	/** Poll until every row is final; false: fetch once. */
	enabled: boolean;
	timeoutSeconds: number;
	intervalSeconds: number;
}

export interface WaitResult {
	rows: StatusRow[];
	polls: number;
	allFinal: boolean;
}

/** Fetches a report until all its rows are final or the time runs out (reads only: safe to repeat). */
export async function pollUntilFinal(
	fetch: () => Promise<StatusRow[]>,
	settings: WaitSettings,
): Promise<WaitResult> {
	const deadline = Date.now() + settings.timeoutSeconds * 1000;
	let polls = 0;
	for (;;) {
		const rows = await fetch();
		polls++;
		const allFinal = rows.length > 0 && rows.every((row) => row.final);
		if (!settings.enabled || allFinal || Date.now() + settings.intervalSeconds * 1000 > deadline) {
			return { rows, polls, allFinal };
		}
		await sleep(settings.intervalSeconds * 1000);
	}
}
