import { createHash } from 'node:crypto';

import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

/**
 * n8n's deduplication store as its CLI implements it for mode 'entries' (deduplication-helper.ts):
 * one record per workflow and node of md5 hashes, oldest trimmed past maxEntries; a key repeated
 * within one call is not recognised as a repeat when the record already exists. Kept in memory,
 * so workflow tests run the nodes against the same behaviour without n8n's database.
 */
export class MemoryDeduplicator implements IDataDeduplicator {
	readonly records = new Map<string, string[]>();

	private static context(scope: DeduplicationScope, data: ICheckProcessedContextData): string {
		if (scope === 'node' && !data.node)
			throw new Error("No node information has been provided and so cannot use scope 'node'");
		return `${data.workflow.id}|${scope === 'node' ? `n:${data.node!.id}` : ''}`;
	}

	private static hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(value.toString()).digest('base64');
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		if (options.mode !== 'entries') throw new Error('only mode "entries" is implemented');
		const key = MemoryDeduplicator.context(scope, data);
		const hashes = items.map(MemoryDeduplicator.hash);
		const stored = this.records.get(key);
		if (!stored) {
			if (options.maxEntries) hashes.splice(0, hashes.length - options.maxEntries);
			this.records.set(key, hashes);
			return { new: items, processed: [] };
		}
		const seen = new Set(stored);
		const result: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((hash, index) => {
			if (seen.has(hash)) result.processed.push(items[index]);
			else {
				result.new.push(items[index]);
				stored.push(hash);
			}
		});
		if (options.maxEntries) stored.splice(0, stored.length - options.maxEntries);
		return result;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
	): Promise<void> {
		const stored = this.records.get(MemoryDeduplicator.context(scope, data));
		if (!stored) return;
		for (const hash of items.map(MemoryDeduplicator.hash)) {
			const index = stored.indexOf(hash);
			if (index !== -1) stored.splice(index, 1);
		}
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
	): Promise<void> {
		this.records.delete(MemoryDeduplicator.context(scope, data));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
	): Promise<number> {
		return this.records.get(MemoryDeduplicator.context(scope, data))?.length ?? 0;
	}
}
