import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runBulkSend } from '../../../nodes/helpers/bulkSend';
import { transportError } from '../../../nodes/transport/errors';
import { MemoryDeduplicator } from '../../helpers/memoryDeduplicator';

const NODE = { id: '1', name: 'Send', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

/** A node context whose Duplicate Guard store is `store` (n8n's deduplication helpers over it). */
function fakeContext(continueOnFail: boolean, store = new MemoryDeduplicator()): IExecuteFunctions {
	const where = { node: NODE as never, workflow: { id: 'wf', active: false } };
	return {
		getNode: () => NODE,
		continueOnFail: () => continueOnFail,
		getExecutionId: () => 'exec-1',
		logger: { warn: () => {} },
		helpers: {
			checkProcessedAndRecord: async (keys: string[], scope: 'node', options: never) =>
				await store.checkProcessedAndRecord(keys, scope, where, options),
			removeProcessed: async (keys: string[], scope: 'node') =>
				await store.removeProcessed(keys, scope, where),
		},
	} as unknown as IExecuteFunctions;
}

/** Sending for real (or a dry run), over a client that needs nothing opened or closed. */
const sending = (run: { concurrency: number; messagesPerSecond: number; dryRun?: boolean }) => ({
	gateway: 'smSend' as const,
	setup: {
		concurrency: run.concurrency,
		messagesPerSecond: run.messagesPerSecond,
		dryRun: () => run.dryRun ?? false,
		guardrails: () => ({ allowedPrefixes: [], maxRecipients: 0 }),
	},
	open: async () => ({ client: undefined, close: async () => {} }),
});

const items = (n: number): INodeExecutionData[] =>
	Array.from({ length: n }, (_, i) => ({ json: { i } }));
const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('runBulkSend', () => {
	it('keeps input order and pairing while sending concurrently, never more than the limit at once', async () => {
		let inFlight = 0;
		let peak = 0;
		const output = await runBulkSend(fakeContext(false), items(50), {
			...sending({ concurrency: 7, messagesPerSecond: 0 }),
			prepare: async (i) => ({ recipients: [], request: i, summary: {} }),
			send: async (_client, i: number) => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				await delay((i * 7) % 5);
				inFlight--;
				return { sent: i };
			},
		});
		expect(output.map((item) => item.json.sent)).toEqual(Array.from({ length: 50 }, (_, i) => i));
		expect(output.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 50 }, (_, i) => ({ item: i })),
		);
		expect(peak).toBe(7);
	});

	it('validates every item before sending any: a bad item stops the run with nothing sent', async () => {
		const sent: number[] = [];
		await expect(
			runBulkSend(fakeContext(false), items(5), {
				...sending({ concurrency: 2, messagesPerSecond: 0 }),
				prepare: async (i) => {
					if (i === 3) throw new Error('bad item 3');
					return { recipients: [], request: i, summary: {} };
				},
				send: async (_client, i: number) => {
					sent.push(i);
					return {};
				},
			}),
		).rejects.toThrow('bad item 3');
		expect(sent).toEqual([]);
	});

	it('spaces sends to the rate limit', async () => {
		const starts: number[] = [];
		await runBulkSend(fakeContext(false), items(5), {
			...sending({ concurrency: 5, messagesPerSecond: 20 }),
			prepare: async (i) => ({ recipients: [], request: i, summary: {} }),
			send: async () => {
				starts.push(Date.now());
				return {};
			},
		});
		// The i-th send starts no earlier than i intervals after the first (timers never fire early).
		for (let i = 1; i < starts.length; i++)
			expect(starts[i] - starts[0]).toBeGreaterThanOrEqual(i * 50 - 2);
	});

	it('never repeats a send, and remembers an unknown outcome for the duplicate guard', async () => {
		const store = new MemoryDeduplicator();
		let calls = 0;
		const run = async () =>
			await runBulkSend(fakeContext(true, store), items(1), {
				...sending({ concurrency: 1, messagesPerSecond: 0 }),
				prepare: async () => ({ recipients: [], request: 0, summary: {}, duplicateKey: 'k1' }),
				send: async () => {
					calls++;
					throw transportError('MobilePronto', 'TIMEOUT');
				},
			});
		const first = await run();
		expect((first[0].json.details as IDataObject).outcomeUnknown).toBe(true);
		const second = await run();
		expect(second[0].json).toEqual({ status: 'skippedDuplicate', duplicateKey: 'k1' });
		expect(calls).toBe(1);
	});

	it('does not remember a key whose send certainly failed', async () => {
		const store = new MemoryDeduplicator();
		let calls = 0;
		const run = async () =>
			await runBulkSend(fakeContext(true, store), items(1), {
				...sending({ concurrency: 1, messagesPerSecond: 0 }),
				prepare: async () => ({ recipients: [], request: 0, summary: {}, duplicateKey: 'k2' }),
				send: async () => {
					calls++;
					throw transportError('MobilePronto', 'CONNECTION_REFUSED');
				},
			});
		await run();
		await run();
		expect(calls).toBe(2);
	});

	it("puts each item's summary before what its send returned", async () => {
		const output = await runBulkSend(fakeContext(false), items(2), {
			...sending({ concurrency: 2, messagesPerSecond: 0 }),
			prepare: async (i) => ({
				recipients: [],
				request: i,
				summary: { recipient: `+39${i}`, parts: 1 },
			}),
			send: async (_client, i: number) => ({ status: 'queued', requestId: `R${i}` }),
		});
		expect(output.map((item) => item.json)).toEqual([
			{ recipient: '+390', parts: 1, status: 'queued', requestId: 'R0' },
			{ recipient: '+391', parts: 1, status: 'queued', requestId: 'R1' },
		]);
		expect(Object.keys(output[0].json)).toEqual(['recipient', 'parts', 'status', 'requestId']);
	});

	it('opens the client once before any item is prepared, and closes it even when an item is refused', async () => {
		const events: string[] = [];
		await expect(
			runBulkSend(fakeContext(false), items(3), {
				...sending({ concurrency: 1, messagesPerSecond: 0 }),
				open: async () => {
					events.push('open');
					return { client: 'client', close: async () => void events.push('close') };
				},
				prepare: async (i) => {
					events.push(`prepare ${i}`);
					if (i === 1) throw new Error('bad item 1');
					return { recipients: [], request: i, summary: {} };
				},
				send: async () => ({}),
			}),
		).rejects.toThrow('bad item 1');
		expect(events).toEqual(['open', 'prepare 0', 'prepare 1', 'close']);
	});

	it('dry run: shows each item as it would be sent, opens no client and sends nothing', async () => {
		const output = await runBulkSend(fakeContext(true), items(3), {
			...sending({ concurrency: 1, messagesPerSecond: 0, dryRun: true }),
			open: async () => {
				throw new Error('no credential in a dry run');
			},
			prepare: async (i) => {
				if (i === 1) throw new Error('bad item 1');
				return {
					recipients: [],
					request: i,
					summary: { recipient: `+39${i}` },
					...(i === 0 ? { preview: { endpoint: '/x', rcpt: '+390' } } : {}),
					duplicateKey: `k${i}`,
				};
			},
			send: async () => {
				throw new Error('a dry run must not send');
			},
		});
		expect(output.map((item) => item.json)).toEqual([
			{
				recipient: '+390',
				dryRun: true,
				status: 'notSent',
				request: { endpoint: '/x', rcpt: '+390' },
			},
			{ error: 'bad item 1', details: { outcomeUnknown: false, itemIndex: 1 } },
			{ recipient: '+392', dryRun: true, status: 'notSent' },
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(Object.keys(output[0].json)).toEqual(['recipient', 'dryRun', 'status', 'request']);
	});

	describe('Duplicate Guard', () => {
		const keyed = (keys: string[]) => async (i: number) => ({
			recipients: [],
			request: i,
			summary: {},
			duplicateKey: keys[i],
		});

		it('sends a key repeated within one run once, whatever the concurrency', async () => {
			const keys = Array.from({ length: 60 }, (_, i) => `order-${i % 20}`);
			const sent: number[] = [];
			const output = await runBulkSend(fakeContext(false), items(60), {
				...sending({ concurrency: 10, messagesPerSecond: 0 }),
				prepare: keyed(keys),
				send: async (_client, i: number) => {
					sent.push(i);
					await delay(2);
					return { status: 'queued' };
				},
			});
			expect(sent.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
			expect(output.slice(20).every((item) => item.json.status === 'skippedDuplicate')).toBe(true);
		});

		it("records keys in n8n's store in batches of 500, each just before its messages go out", async () => {
			const store = new MemoryDeduplicator();
			const calls: number[] = [];
			const check = store.checkProcessedAndRecord.bind(store);
			store.checkProcessedAndRecord = async (...args) => {
				calls.push(args[0].length);
				return await check(...args);
			};
			const recordedWhenSent: number[] = [];
			await runBulkSend(fakeContext(false, store), items(1200), {
				...sending({ concurrency: 5, messagesPerSecond: 0 }),
				prepare: keyed(Array.from({ length: 1200 }, (_, i) => `k${i}`)),
				send: async (_client, i: number) => {
					recordedWhenSent[i] = calls.length;
					return {};
				},
			});
			expect(calls).toEqual([500, 500, 200]);
			expect(recordedWhenSent[0]).toBe(1);
			expect(recordedWhenSent[499]).toBe(1);
			expect(recordedWhenSent[1199]).toBe(3);
		});

		it('gives back the keys of messages a stopped run never sent, so a re-run sends exactly those', async () => {
			const store = new MemoryDeduplicator();
			const sent: number[] = [];
			const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
			await expect(
				runBulkSend(fakeContext(false, store), items(30), {
					...sending({ concurrency: 1, messagesPerSecond: 0 }),
					prepare: keyed(keys),
					send: async (_client, i: number) => {
						if (i === 10) throw transportError('smSend', 'CONNECTION_REFUSED');
						sent.push(i);
						return {};
					},
				}),
			).rejects.toThrow(/refused/);
			expect(sent).toEqual(Array.from({ length: 10 }, (_, i) => i));

			const again: number[] = [];
			const output = await runBulkSend(fakeContext(false, store), items(30), {
				...sending({ concurrency: 3, messagesPerSecond: 0 }),
				prepare: keyed(keys),
				send: async (_client, i: number) => {
					again.push(i);
					return { status: 'queued' };
				},
			});
			expect(again.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 10));
			expect(output.slice(0, 10).every((item) => item.json.status === 'skippedDuplicate')).toBe(
				true,
			);
		});

		it('tells the user to update n8n where it has no deduplication store', async () => {
			const context = { ...fakeContext(false), helpers: {} } as unknown as IExecuteFunctions;
			await expect(
				runBulkSend(context, items(1), {
					...sending({ concurrency: 1, messagesPerSecond: 0 }),
					prepare: keyed(['k']),
					send: async () => ({}),
				}),
			).rejects.toThrow('Duplicate Guard needs a newer n8n');
		});
	});
});
