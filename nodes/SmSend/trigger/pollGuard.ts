/**
 * One poll at a time per trigger node, in this n8n process.
 *
 * n8n starts a poll at every tick of Poll Times without waiting for the previous one to end
 * (n8n-core's ScheduledTaskManager): a poll slower than the interval, or two Poll Times firing
 * in the same second, overlap. Its in-memory poller gives every poll of an activation the same
 * Workflow and static data, so two polls that both read the cursor before either wrote it
 * would emit the same messages. A poll that finds another poll of the same workflow node still
 * running therefore returns nothing and changes nothing: the running poll emits what is there,
 * and the next tick picks up what arrived meanwhile.
 *
 * The key is the workflow and node id, not the static data object: n8n's durable scheduler
 * gives each poll its own copy of the cursor, which a lock on the object would not cover.
 * Polls in different processes (two mains around a leader change) are not covered; there
 * n8n's durable poll cursors, committed with their execution under a lease, are the guard.
 */
const running = new Set<string>();

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
