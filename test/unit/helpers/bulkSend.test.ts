import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runBulkSend } from '../../../nodes/helpers/bulkSend';
import { transportError } from '../../../nodes/transport/errors';

function fakeContext(continueOnFail: boolean, staticData: IDataObject = {}): IExecuteFunctions {
	return {
		getNode: () => ({ id: '1', name: 'Send', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
		continueOnFail: () => continueOnFail,
		getWorkflowStaticData: () => staticData,
		getExecutionId: () => 'exec-1',
	} as unknown as IExecuteFunctions;
}

const items = (n: number): INodeExecutionData[] => Array.from({ length: n }, (_, i) => ({ json: { i } }));
const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('runBulkSend', () => {
	it('keeps input order and pairing while sending concurrently, never more than the limit at once', async () => {
		let inFlight = 0;
		let peak = 0;
		const output = await runBulkSend(fakeContext(false), items(50), {
			concurrency: 7,
			messagesPerSecond: 0,
			prepare: async (i) => ({ kind: 'send', request: i }),
			send: async (i) => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				await delay((i * 7) % 5);
				inFlight--;
				return { sent: i };
			},
		});
		expect(output.map((item) => item.json.sent)).toEqual(Array.from({ length: 50 }, (_, i) => i));
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 50 }, (_, i) => ({ item: i })));
		expect(peak).toBe(7);
	});

	it('validates every item before sending any: a bad item stops the run with nothing sent', async () => {
		const sent: number[] = [];
		await expect(
			runBulkSend(fakeContext(false), items(5), {
				concurrency: 2,
				messagesPerSecond: 0,
				prepare: async (i) => {
					if (i === 3) throw new Error('bad item 3');
					return { kind: 'send', request: i };
				},
				send: async (i) => {
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
			concurrency: 5,
			messagesPerSecond: 20,
			prepare: async (i) => ({ kind: 'send', request: i }),
			send: async () => {
				starts.push(Date.now());
				return {};
			},
		});
		// The i-th send starts no earlier than i intervals after the first (timers never fire early).
		for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[0]).toBeGreaterThanOrEqual(i * 50 - 2);
	});

	it('never repeats a send, and remembers an unknown outcome for the duplicate guard', async () => {
		const staticData: IDataObject = {};
		let calls = 0;
		const run = async () =>
			await runBulkSend(fakeContext(true, staticData), items(1), {
				concurrency: 1,
				messagesPerSecond: 0,
				prepare: async () => ({ kind: 'send', request: 0, duplicateKey: 'k1' }),
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
		const staticData: IDataObject = {};
		let calls = 0;
		const run = async () =>
			await runBulkSend(fakeContext(true, staticData), items(1), {
				concurrency: 1,
				messagesPerSecond: 0,
				prepare: async () => ({ kind: 'send', request: 0, duplicateKey: 'k2' }),
				send: async () => {
					calls++;
					throw transportError('MobilePronto', 'CONNECTION_REFUSED');
				},
			});
		await run();
		await run();
		expect(calls).toBe(2);
	});
});
