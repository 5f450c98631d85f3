import { sleep } from 'n8n-workflow';

import type { StatusRow } from '../transport/batchStatus';

export interface WaitSettings {
	/** Poll until every row is final; false: fetch once. */
	enabled: boolean;
	timeoutSeconds: number;
	/** From the start of one check to the start of the next. */
	intervalSeconds: number;
}

export interface WaitResult {
	rows: StatusRow[];
	polls: number;
	allFinal: boolean;
}

export type ReportOutcome = { rows: StatusRow[]; allFinal: boolean } | { error: unknown };

export interface TrackSettings {
	wait: WaitSettings;
	/** Reports fetched at the same time. */
	concurrency: number;
	/**
	 * Stop at the first report that cannot be fetched (no continueOnFail): no new fetch starts,
	 * those in flight finish, and the result names the failure. Otherwise the failure is that
	 * report's outcome and the others go on.
	 */
	stopOnError: boolean;
	/** Asked before and after each wait: true stops waiting (the execution is being cancelled). */
	cancelled?: () => boolean;
}

export interface TrackResult {
	/** One per report, in the order they were given (missing for reports never fetched after a stop). */
	outcomes: ReportOutcome[];
	/** How many times the reports were checked (the first fetch included). */
	checks: number;
	/** With stopOnError: the failed report of lowest index, which stopped the run. */
	stoppedBy?: { reportIndex: number; error: unknown };
}

const isFinal = (rows: StatusRow[]) => rows.length > 0 && rows.every((row) => row.final);

/**
 * Fetches many status reports with bounded concurrency and, when waiting, checks again only the
 * ones not yet final, all together, every `intervalSeconds` (start to start), until all are
 * final or the next check would start after the timeout. Reads only: safe to repeat.
 */
export async function fetchUntilFinal<Report>(
	reports: readonly Report[],
	fetch: (report: Report) => Promise<StatusRow[]>,
	settings: TrackSettings,
): Promise<TrackResult> {
	const { wait } = settings;
	const intervalMs = wait.intervalSeconds * 1000;
	const deadline = Date.now() + wait.timeoutSeconds * 1000;
	const outcomes: ReportOutcome[] = new Array(reports.length);
	let pending = reports.map((_, index) => index);
	let checks = 0;
	// A holder, not a variable: the workers set it while the loop below reads it.
	const stop: { by?: TrackResult['stoppedBy'] } = {};
	for (;;) {
		const started = Date.now();
		let next = 0;
		const worker = async () => {
			while (next < pending.length && !stop.by) {
				const index = pending[next++];
				try {
					const rows = await fetch(reports[index]);
					outcomes[index] = { rows, allFinal: isFinal(rows) };
				} catch (error) {
					outcomes[index] = { error };
					// Read through a widened type: the loop condition narrowed stop.by to undefined.
					const earlier = stop.by as TrackResult['stoppedBy'];
					if (settings.stopOnError && (!earlier || index < earlier.reportIndex))
						stop.by = { reportIndex: index, error };
				}
			}
		};
		const workers = Math.max(1, Math.min(settings.concurrency, pending.length));
		await Promise.all(Array.from({ length: workers }, worker));
		checks++;
		if (stop.by) return { outcomes, checks, stoppedBy: stop.by };
		pending = pending.filter((index) => {
			const outcome = outcomes[index];
			return 'rows' in outcome && !outcome.allFinal;
		});
		const nextCheck = started + intervalMs;
		if (!wait.enabled || pending.length === 0 || nextCheck > deadline || settings.cancelled?.())
			return { outcomes, checks };
		const pause = nextCheck - Date.now();
		if (pause > 0) await sleep(pause);
		if (settings.cancelled?.()) return { outcomes, checks };
	}
}

/** Fetches one report until all its rows are final or the time runs out. */
export async function pollUntilFinal(
	fetch: () => Promise<StatusRow[]>,
	settings: WaitSettings,
): Promise<WaitResult> {
	const { outcomes, checks, stoppedBy } = await fetchUntilFinal(
		[fetch],
		async (read) => await read(),
		{ wait: settings, concurrency: 1, stopOnError: true },
	);
	// The caller turns a GatewayError into the node's error, with the item it belongs to.
	if (stoppedBy) throw stoppedBy.error;
	const outcome = outcomes[0] as { rows: StatusRow[]; allFinal: boolean };
	return { rows: outcome.rows, polls: checks, allFinal: outcome.allFinal };
}
