/**
 * The trigger crash test's plan (bursts and kill moments, drawn from a seed so a run can be
 * repeated) and its bookkeeping (which message ids a stored execution carries, and the tally).
 */
import fc from 'fast-check';

/**
 * Where a kill lands, relative to a poll: `fetching` while the poll waits for the gateway (its
 * reply held back 3 s), `replied` 0–150 ms after the reply (n8n storing the cursor and creating
 * the execution), `executing` 150–1,500 ms after it (the execution running and being saved),
 * `between` 2–20 s after a poll ended; `emitting` 0–60 ms after the reply (the focused plan).
 */
export type KillMoment = 'none' | 'between' | 'fetching' | 'replied' | 'executing' | 'emitting';

export interface CrashCycle {
	/** Messages that arrive before the next poll (at most 100, the widest receiveSms window). */
	burst: number;
	kill: KillMoment;
	/** Where in the moment's range the kill lands, 0–999 ‰. */
	delay: number;
}

/** n8n 2.x durable poll cursors and the scheduler they need (read from poll-cursor.service.js). */
export const DURABLE_CURSOR_ENV: Record<string, string> = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

/**
 * Bursts adding up to `total` messages, each with a kill moment; the same seed, the same plan.
 * `focus`: every kill 0–60 ms after a poll's reply, when n8n stores the cursor and creates the
 * execution, with bursts of 40–60 so there are about twenty of them.
 */
export function crashPlan(seed: number, total: number, focus = false): CrashCycle[] {
	const burst = focus ? fc.integer({ min: 40, max: 60 }) : fc.integer({ min: 60, max: 100 });
	const kill = focus
		? fc.constant<KillMoment>('emitting')
		: fc.oneof(
				{ arbitrary: fc.constant<KillMoment>('none'), weight: 2 },
				{ arbitrary: fc.constant<KillMoment>('between'), weight: 2 },
				{ arbitrary: fc.constant<KillMoment>('fetching'), weight: 2 },
				{ arbitrary: fc.constant<KillMoment>('replied'), weight: 4 },
				{ arbitrary: fc.constant<KillMoment>('executing'), weight: 2 },
			);
	const cycles = fc.sample(
		fc.record({
			burst: fc.noBias(burst),
			kill,
			delay: fc.noBias(fc.integer({ min: 0, max: 999 })),
		}),
		{ seed, numRuns: total },
	);
	const plan: CrashCycle[] = [];
	let sent = 0;
	for (const cycle of cycles) {
		if (sent >= total) break;
		const burst = Math.min(cycle.burst, total - sent);
		plan.push({ ...cycle, burst });
		sent += burst;
	}
	return plan;
}

/** Milliseconds from the moment's reference point (request, reply, end of poll) to the kill. */
export function killDelayMs({ kill, delay }: CrashCycle): number {
	const within = (from: number, to: number) => Math.round(from + ((to - from) * delay) / 999);
	switch (kill) {
		case 'fetching':
			return within(0, 2500);
		case 'replied':
			return within(0, 150);
		case 'executing':
			return within(150, 1500);
		case 'emitting':
			return within(0, 60);
		case 'between':
			return within(2000, 20000);
		default:
			return 0;
	}
}

type Items = Array<{ json?: { id?: unknown } }> | undefined;
const idsOf = (items: Items) =>
	(items ?? []).map((item) => item.json?.id).filter((id): id is number => typeof id === 'number');

/**
 * The message ids a stored execution carries: the trigger's output and the items the execution
 * was started with (still on its stack when n8n stopped before running the trigger node; after
 * a crash n8n's recovery replaces the trigger's output with one `isArtificialRecoveredEventItem`
 * item, so only the stack has them); and the ids that reached `handler` (the node after the
 * trigger), i.e. that the workflow really processed.
 */
export function triggerItemIds(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	data: any,
	trigger: string,
	handler: string,
): { ids: number[]; handled: number[] } {
	const runData = data?.resultData?.runData ?? {};
	const stack: Array<{ node?: { name?: string }; data?: { main?: Items[] } }> =
		data?.executionData?.nodeExecutionStack ?? [];
	const started = stack.find((entry) => entry.node?.name === trigger)?.data?.main?.[0];
	const ids = new Set([...idsOf(runData[trigger]?.[0]?.data?.main?.[0]), ...idsOf(started)]);
	return { ids: [...ids], handled: idsOf(runData[handler]?.[0]?.data?.main?.[0]) };
}

/** Per message id: in how many executions; lost = none, duplicated = more than one. */
export function tally(sent: number[], executions: Array<{ ids: number[]; handled: number[] }>) {
	const count = new Map<number, number>();
	const handled = new Set<number>();
	for (const execution of executions) {
		for (const id of execution.ids) count.set(id, (count.get(id) ?? 0) + 1);
		for (const id of execution.handled) handled.add(id);
	}
	const known = new Set(sent);
	return {
		emitted: [...count.values()].reduce((sum, n) => sum + n, 0),
		lost: sent.filter((id) => !count.has(id)),
		duplicated: sent.filter((id) => (count.get(id) ?? 0) > 1),
		/** In an execution that never got past the trigger (crashed, or never started). */
		unhandled: sent.filter((id) => count.has(id) && !handled.has(id)),
		/** Ids no message was sent with: a bookkeeping error, never expected. */
		unknown: [...count.keys()].filter((id) => !known.has(id)),
	};
}
