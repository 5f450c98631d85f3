import fc from 'fast-check';

import { summariseStatus } from '../../../nodes/SmSend/helpers/statusSummary';
import type { TrackSettings } from '../../../nodes/SmSend/helpers/waitForFinal';
import { fetchUntilFinal, pollUntilFinal } from '../../../nodes/SmSend/helpers/waitForFinal';
import type { StatusRow } from '../../../nodes/SmSend/transport/batchStatus';
import { statusWords } from '../../../nodes/SmSend/transport/batchStatus';

const row = (
	final: boolean,
	statusWord: StatusRow['statusWord'] = final ? 'delivered' : 'waiting',
) => ({ statusWord, final }) as StatusRow;

/** Waiting reads of a millisecond: tests never depend on how long they take. */
const settings = (over: Partial<TrackSettings> = {}): TrackSettings => ({
	wait: { enabled: true, timeoutSeconds: 60, intervalSeconds: 0.001 },
	concurrency: 4,
	stopOnError: true,
	...over,
});

/**
 * A gateway where report i becomes final at its finalAt[i]-th read, and which records how many
 * reads of each it got and how many were in flight at most.
 */
function gateway(finalAt: number[]) {
	const reads = finalAt.map(() => 0);
	let inFlight = 0;
	let maxInFlight = 0;
	const fetch = async (index: number) => {
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await new Promise((resolve) => setImmediate(resolve));
		inFlight--;
		reads[index]++;
		return [row(reads[index] >= finalAt[index])];
	};
	return { fetch, reads, maxInFlight: () => maxInFlight };
}

describe('fetchUntilFinal: many reports, one shared wait loop', () => {
	it('checks again only the reports not yet final, all in the same checks', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 40 }),
				fc.integer({ min: 1, max: 12 }),
				async (finalAt, concurrency) => {
					const g = gateway(finalAt);
					const reports = finalAt.map((_, index) => index);
					const result = await fetchUntilFinal(reports, g.fetch, settings({ concurrency }));
					// Each report was read until it was final, never again.
					expect(g.reads).toEqual(finalAt);
					// One loop for all: as many checks as the slowest report needs, not their sum.
					expect(result.checks).toBe(Math.max(...finalAt));
					expect(result.outcomes.every((o) => 'rows' in o && o.allFinal)).toBe(true);
					expect(g.maxInFlight()).toBeLessThanOrEqual(concurrency);
				},
			),
			{ numRuns: 40 },
		);
	});

	it('keeps Concurrency reads in flight', async () => {
		const g = gateway(new Array(50).fill(1));
		await fetchUntilFinal(
			Array.from({ length: 50 }, (_, i) => i),
			g.fetch,
			settings({ concurrency: 7 }),
		);
		expect(g.maxInFlight()).toBe(7);
	});

	it('reads each report once without Wait for Final Status', async () => {
		const g = gateway([3, 1, 2]);
		const result = await fetchUntilFinal([0, 1, 2], g.fetch, {
			...settings(),
			wait: { enabled: false, timeoutSeconds: 0, intervalSeconds: 0 },
		});
		expect(g.reads).toEqual([1, 1, 1]);
		expect(result.checks).toBe(1);
		expect(result.outcomes.map((o) => 'rows' in o && o.allFinal)).toEqual([false, true, false]);
	});

	it('stops at the timeout with what it has, not final', async () => {
		const g = gateway([Infinity, 1]);
		const result = await fetchUntilFinal([0, 1], g.fetch, {
			...settings(),
			wait: { enabled: true, timeoutSeconds: 0.05, intervalSeconds: 0.01 },
		});
		expect(result.outcomes.map((o) => 'rows' in o && o.allFinal)).toEqual([false, true]);
		expect(g.reads[1]).toBe(1);
		expect(g.reads[0]).toBe(result.checks);
	});

	it('stops waiting when the execution is cancelled', async () => {
		const g = gateway([5, 5]);
		const result = await fetchUntilFinal([0, 1], g.fetch, settings({ cancelled: () => true }));
		expect(result.checks).toBe(1);
		expect(g.reads).toEqual([1, 1]);
	});

	it('without continueOnFail: the first failure stops new reads and is named by its report', async () => {
		const reads: number[] = [];
		const result = await fetchUntilFinal(
			[0, 1, 2, 3, 4, 5],
			async (index) => {
				reads.push(index);
				if (index === 2) throw new Error('gateway down');
				return [row(true)];
			},
			settings({ concurrency: 1 }),
		);
		expect(reads).toEqual([0, 1, 2]);
		expect(result.stoppedBy).toEqual({ reportIndex: 2, error: new Error('gateway down') });
	});

	it('with continueOnFail: a failed report is its own outcome, never read again; the others go on', async () => {
		const reads = [0, 0, 0];
		const result = await fetchUntilFinal(
			[0, 1, 2],
			async (index) => {
				reads[index]++;
				if (index === 1) throw new Error('unknown id');
				return [row(reads[index] >= 2)];
			},
			settings({ stopOnError: false }),
		);
		expect(result.stoppedBy).toBeUndefined();
		expect(reads).toEqual([2, 1, 2]);
		expect(result.outcomes[1]).toEqual({ error: new Error('unknown id') });
	});

	it('pollUntilFinal (Number Lookup) throws the read error itself', async () => {
		const failure = new Error('boom');
		await expect(
			pollUntilFinal(
				async () => {
					throw failure;
				},
				{ enabled: true, timeoutSeconds: 1, intervalSeconds: 0.001 },
			),
		).rejects.toBe(failure);
		let reads = 0;
		const done = await pollUntilFinal(async () => [row(++reads >= 3)], {
			enabled: true,
			timeoutSeconds: 60,
			intervalSeconds: 0.001,
		});
		expect(done).toEqual({ rows: [row(true)], polls: 3, allFinal: true });
	});
});

describe('summariseStatus', () => {
	it('counts messages per status word, with a column for every word of the report type', () => {
		const summary = summariseStatus({
			reports: [
				{ reportType: 'notify', rows: [row(true), row(true), row(true, 'unknownSubscriber')] },
				{ reportType: 'notify', rows: [row(false)] },
				{ reportType: 'notify' },
			],
			invalidItems: 1,
			checks: 4,
		});
		expect(summary).toEqual({
			summary: true,
			reportType: 'notify',
			requests: 3,
			messages: 4,
			final: 3,
			notFinal: 1,
			allFinal: false,
			waiting: 1,
			delivered: 2,
			unknownSubscriber: 1,
			failed: 0,
			unknown: 0,
			errors: 2,
			checks: 4,
		});
	});

	it('is all final only when every message is final and nothing failed', () => {
		const final = { reportType: 'queue' as const, rows: [row(true, 'sent')] };
		expect(summariseStatus({ reports: [final], invalidItems: 0, checks: 1 }).allFinal).toBe(true);
		expect(summariseStatus({ reports: [final], invalidItems: 1, checks: 1 }).allFinal).toBe(false);
		expect(summariseStatus({ reports: [], invalidItems: 0, checks: 1 }).allFinal).toBe(false);
	});

	it('lists the words of each report type, pending first', () => {
		expect(statusWords('queue')).toEqual([
			'queued',
			'sent',
			'temporaryFailure',
			'failed',
			'unknown',
		]);
		expect(statusWords('notify')).toEqual([
			'waiting',
			'delivered',
			'unknownSubscriber',
			'failed',
			'unknown',
		]);
		expect(statusWords('mnc')).toEqual([
			'waiting',
			'found',
			'unknownSubscriber',
			'failed',
			'unknown',
		]);
	});
});
