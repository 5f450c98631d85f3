import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Keys remembered per node; n8n forgets the oldest first. */
export const DUPLICATE_GUARD_CAPACITY = 20000;

/**
 * Keys recorded per call to n8n's store, just before their messages are sent. Should n8n stop in
 * the middle of a run, at most this many messages not yet sent stay recorded as sent.
 */
export const DUPLICATE_GUARD_BATCH = 500;

const STORE_OPTIONS: ICheckProcessedOptions = {
	mode: 'entries',
	maxEntries: DUPLICATE_GUARD_CAPACITY,
};

export interface DuplicateGuard {
	/** Whether the message at `position` may go out: once per key, ever. Its key counts as sent from now on. */
	claim(position: number): Promise<boolean>;
	/** Forgets claimed keys whose message certainly did not go out, so a later run may send it. */
	release(positions: number[]): Promise<void>;
}

/**
 * Remembers message keys in n8n's deduplication store (the one the Remove Duplicates node uses),
 * kept in n8n's database for this node: unlike the workflow's static data, it is read and
 * written by whichever process runs the execution, so it also holds in queue mode, where n8n
 * 2.x hands workers no static data. `keys[i]` is the key of the i-th message of the run.
 */
export function openDuplicateGuard(context: IExecuteFunctions, keys: string[]): DuplicateGuard {
	const helpers = context.helpers as Partial<IExecuteFunctions['helpers']>;
	if (
		typeof helpers.checkProcessedAndRecord !== 'function' ||
		typeof helpers.removeProcessed !== 'function'
	) {
		throw new NodeOperationError(context.getNode(), 'Duplicate Guard needs a newer n8n', {
			description:
				"The guard keeps its keys in the deduplication store n8n added with the Remove Duplicates node v2 (October 2024). Update n8n, or turn off the 'Duplicate Guard' option.",
		});
	}
	const store = { check: helpers.checkProcessedAndRecord, remove: helpers.removeProcessed };

	// A key met again later in the same run is a duplicate without asking the store.
	const firstPosition = new Map<string, number>();
	const uniqueKeys: string[] = [];
	const rank = keys.map((key, position) => {
		if (firstPosition.has(key)) return -1;
		firstPosition.set(key, position);
		return uniqueKeys.push(key) - 1;
	});

	const batches = new Map<number, Promise<Set<string>>>();
	const recorded = new Set<string>();
	const newKeysOf = (batch: number) => {
		let checked = batches.get(batch);
		if (!checked) {
			const batchKeys = uniqueKeys.slice(
				batch * DUPLICATE_GUARD_BATCH,
				(batch + 1) * DUPLICATE_GUARD_BATCH,
			);
			checked = store.check.call(context, batchKeys, 'node', STORE_OPTIONS).then((verdict) => {
				const fresh = new Set(verdict.new.map(String));
				for (const key of fresh) recorded.add(key);
				return fresh;
			});
			batches.set(batch, checked);
		}
		return checked;
	};

	return {
		claim: async (position) => {
			if (rank[position] < 0) return false;
			const fresh = await newKeysOf(Math.floor(rank[position] / DUPLICATE_GUARD_BATCH));
			return fresh.has(keys[position]);
		},
		release: async (positions) => {
			const unsent = [...new Set(positions.map((position) => keys[position]))].filter((key) =>
				recorded.has(key),
			);
			if (unsent.length > 0) await store.remove.call(context, unsent, 'node', STORE_OPTIONS);
		},
	};
}
