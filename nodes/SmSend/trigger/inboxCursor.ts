import type { ReceivedSms } from '../transport/inbox';

/**
 * What the trigger remembers between polls, in the workflow's static data. `seen` holds
 * the ids of the most recent messages already emitted (or skipped at activation), newest
 * last, never more than SEEN_CAPACITY: receiveSms only ever lists the newest 100, so an id
 * that old can no longer come back.
 */
export interface InboxCursorState {
	version: 1;
	initialized: boolean;
	seen: number[];
	/** How many messages the next poll asks for. */
	window: number;
}

export const SEEN_CAPACITY = 1000;

export function loadCursor(data: unknown, configuredWindow: number): InboxCursorState {
	const stored = data as Partial<InboxCursorState> | undefined;
	if (stored?.version === 1 && Array.isArray(stored.seen)) {
		return {
			version: 1,
			initialized: stored.initialized === true,
			seen: stored.seen.filter((id): id is number => Number.isInteger(id)),
			window: Number.isInteger(stored.window)
				? Math.max(configuredWindow, stored.window as number)
				: configuredWindow,
		};
	}
	return { version: 1, initialized: false, seen: [], window: configuredWindow };
}

/**
 * The messages of a reply not seen before, oldest first: by received date, and for equal
 * dates in the reverse of the gateway's newest-first order.
 */
export function unseenOldestFirst(state: InboxCursorState, reply: ReceivedSms[]): ReceivedSms[] {
	const seen = new Set(state.seen);
	const fresh: ReceivedSms[] = [];
	const emitted = new Set<number>();
	for (const message of [...reply].reverse()) {
		if (seen.has(message.id) || emitted.has(message.id)) continue;
		emitted.add(message.id);
		fresh.push(message);
	}
	// Array.prototype.sort is stable, so equal dates keep the reversed gateway order.
	return fresh.sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
}

/** A full reply made only of new messages may hide more that did not fit in the window. */
export function mayHaveMissed(reply: ReceivedSms[], fresh: ReceivedSms[], window: number): boolean {
	return (
		reply.length >= window && fresh.length === new Set(reply.map((message) => message.id)).size
	);
}

export function remember(
	state: InboxCursorState,
	messages: ReceivedSms[],
	nextWindow: number,
): InboxCursorState {
	const ids = [...state.seen];
	const known = new Set(ids);
	for (const message of messages) {
		if (!known.has(message.id)) {
			known.add(message.id);
			ids.push(message.id);
		}
	}
	return {
		version: 1,
		initialized: true,
		seen: ids.slice(Math.max(0, ids.length - SEEN_CAPACITY)),
		window: nextWindow,
	};
}
