/**
 * Guards against two polls of one trigger node emitting the same messages, in this n8n process.
 *
 * n8n starts a poll at every tick of Poll Times without waiting for the previous one to end
 * (n8n-core's ScheduledTaskManager): a poll slower than the interval, or two Poll Times firing
 * in the same second, overlap. Its in-memory poller gives every poll of an activation the same
 * Workflow and static data, so two polls that both read the cursor before either wrote it
 * would emit the same messages. A poll that finds another poll of the same workflow node still
 * running therefore returns nothing and changes nothing: the running poll emits what is there,
 * and the next tick picks up what arrived meanwhile.
 *
 * n8n's durable scheduler (2.x) instead hands each poll task a copy of the cursor read when the
 * task starts, and runs tasks on their own timers: a poll task retried after a crash can start
 * next to the regular one, take its copy before the other commits, and reach the node after the
 * other is done. So each node also remembers the ids its last poll emitted here; a poll whose
 * copy of the cursor lacks them skips once (see predatesLastEmission).
 *
 * The key is the workflow and node id, not the static data object, which durable polls each get
 * their own of. Polls in different processes (two mains around a leader change) are not covered;
 * there n8n's durable poll cursors, committed with their execution under a lease, are the guard.
 */
const running = new Set<string>();
const lastEmitted = new Map<string, number[]>();

export function pollKey(workflowId: string | undefined, nodeId: string): string {
	return `${workflowId ?? ''}\u0000${nodeId}`;
}

export async function pollAlone<T>(
	key: string,
	poll: () => Promise<T>,
	whenBusy: () => T,
): Promise<T> {
	// Checked and taken before the first await, so no other poll can slip in between.
	if (running.has(key)) return whenBusy();
	running.add(key);
	try {
		return await poll();
	} finally {
		running.delete(key);
	}
}

/**
 * Whether this poll's cursor (`seen`) predates the last emission of the same node in this
 * process: a stale copy, or n8n dropped that poll's result (workflow deactivated or updated
 * meanwhile, its commit refused) so the cursor never got it. Either way the poll must not emit
 * now; the memory is cleared, so the next poll goes on from whatever cursor it is given and
 * nothing is lost, at worst one poll later.
 */
export function predatesLastEmission(key: string, seen: readonly number[]): boolean {
	const emitted = lastEmitted.get(key);
	if (!emitted) return false;
	const known = new Set(seen);
	if (emitted.every((id) => known.has(id))) return false;
	lastEmitted.delete(key);
	return true;
}

/** What a poll that went through emitted (nothing: forget the previous emission). */
export function noteEmitted(key: string, ids: number[]): void {
	if (ids.length > 0) lastEmitted.set(key, ids);
	else lastEmitted.delete(key);
}
