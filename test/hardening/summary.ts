import { appendFileSync } from 'node:fs';

/**
 * Counts the hardening suites report to the summary printed at the end of `npm run test:hardening`
 * (see summaryReporter.js). Each test file runs in its own worker, so counts go through a file
 * whose path globalSetup.js puts in the environment.
 */
export type SummaryKind = 'parser' | 'matrix' | 'secret' | 'injection' | 'limit' | 'readme';

export function record(kind: SummaryKind, name: string, count: number): void {
	const file = process.env.HARDENING_SUMMARY_FILE;
	if (!file) return;
	appendFileSync(file, `${JSON.stringify({ kind, name, count })}\n`);
}

/** Inputs per fuzzed parser: 100,000 in CI, more on demand (HARDENING_RUNS=1000000). */
export const FUZZ_RUNS = Number(process.env.HARDENING_RUNS ?? 100_000);

/** Fixed in CI so a failure reproduces; HARDENING_SEED=random for exploratory runs. */
export const FUZZ_SEED =
	process.env.HARDENING_SEED === 'random'
		? Date.now() % 2 ** 31
		: Number(process.env.HARDENING_SEED ?? 20260401);
