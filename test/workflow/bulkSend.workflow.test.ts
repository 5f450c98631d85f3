import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runNode } from '../helpers/workflowRunner';

describe('bulk sending through the smSend node: bounded concurrency, never twice', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 11 });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.smSend.addAccount({ user: 'bulk', pass: 'bulk-password', credit: 100000 });
	});

	const recipients = (n: number): IDataObject[] =>
		Array.from({ length: n }, (_, i) => ({ phone: `+39320${String(1000000 + i)}` }));

	const sendAll = async (
		items: IDataObject[],
		options: Record<string, number | string | boolean> = {},
	) =>
		await runNode({
			type: 'smSend',
			parameters: {
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'Bulk',
				message: 'Offerta del giorno',
				options,
			},
			credentials: { smSendApi: { user: 'bulk', password: 'bulk-password', baseUrl: sandbox.url } },
			items,
			continueOnFail: true,
		});

	it.each([
		['pooled connections', true],
		["n8n's request helper", false],
	])(
		'through %s, with 50 ms latency and 1%% dropped connections, no recipient gets a duplicate and every lost reply is reported as unknown',
		async (_, reuseConnections) => {
			sandbox.inject({ kind: 'latency', ms: 50 });
			sandbox.inject({
				kind: 'drop',
				probability: 0.01,
				when: 'after',
				match: { operation: 'send' },
			});
			const items = recipients(400);
			const { items: output, error } = await sendAll(items, { concurrency: 20, reuseConnections });
			expect(error).toBeUndefined();

			const perRecipient = new Map<string, number>();
			for (const sms of sandbox.smSend.sent)
				perRecipient.set(sms.rcpt, (perRecipient.get(sms.rcpt) ?? 0) + 1);
			expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
			// Each input item was sent exactly once: one request per item, none repeated.
			expect(sandbox.requests.filter((r) => r.operation === 'send')).toHaveLength(items.length);

			const unknown = output.filter(
				(item) => (item.json.details as IDataObject | undefined)?.outcomeUnknown === true,
			);
			const dropped = sandbox.requests.filter((r) => r.fault === 'drop');
			expect(dropped.length).toBeGreaterThan(0);
			expect(unknown).toHaveLength(dropped.length);
			expect(output.filter((item) => item.json.status === 'queued')).toHaveLength(
				items.length - dropped.length,
			);
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		},
	);

	it.each([
		['pooled connections', true],
		["n8n's request helper", false],
	])(
		'through %s, a reply that never comes (timeout) or is cut mid-way is reported as unknown and never sent again',
		async (_, reuseConnections) => {
			sandbox.inject({
				kind: 'timeout',
				when: 'after',
				probability: 0.03,
				match: { operation: 'send' },
			});
			sandbox.inject({
				kind: 'reset-mid-reply',
				when: 'after',
				probability: 0.03,
				match: { operation: 'send' },
			});
			const items = recipients(200);
			const { items: output, error } = await sendAll(items, {
				concurrency: 20,
				reuseConnections,
				timeout: 1000,
			});
			expect(error).toBeUndefined();

			const sends = sandbox.requests.filter((r) => r.operation === 'send');
			expect(sends).toHaveLength(items.length);
			expect(new Set(sandbox.smSend.sent.map((sms) => sms.rcpt)).size).toBe(
				sandbox.smSend.sent.length,
			);

			const faulted = new Set(
				sends
					.filter((r) => r.fault === 'timeout' || r.fault === 'reset-mid-reply')
					.map((r) => r.params?.rcpt),
			);
			expect(faulted.size).toBeGreaterThan(0);
			const unknown = output.filter(
				(item) => (item.json.details as IDataObject | undefined)?.outcomeUnknown === true,
			);
			expect(
				new Set(unknown.map((item) => items[(item.pairedItem as { item: number }).item].phone)),
			).toEqual(faulted);
			expect(output.filter((item) => item.json.status === 'queued')).toHaveLength(
				items.length - faulted.size,
			);
		},
	);

	it('respects the concurrency: never more requests in flight than asked', async () => {
		sandbox.inject({ kind: 'latency', ms: 40 });
		await sendAll(recipients(60), { concurrency: 5 });
		const spans = sandbox.requests
			.filter((r) => r.operation === 'send')
			.map((r) => r.at)
			.sort((a, b) => a - b);
		// 60 requests of ≥40 ms, 5 at a time, need at least 12 rounds.
		expect(spans[spans.length - 1] - spans[0]).toBeGreaterThanOrEqual(11 * 40 - 20);
	});

	const connectionsUsed = () =>
		new Set(sandbox.requests.filter((r) => r.operation === 'send').map((r) => r.connection)).size;

	it('keeps at most Concurrency connections open and reuses them for the whole run', async () => {
		const { items: output } = await sendAll(recipients(300), { concurrency: 5 });
		expect(output.filter((item) => item.json.status === 'queued')).toHaveLength(300);
		expect(connectionsUsed()).toBeGreaterThanOrEqual(1);
		expect(connectionsUsed()).toBeLessThanOrEqual(5);
	});

	it("with Reuse Connections off, sends each message through n8n's request helper (a connection each)", async () => {
		const { items: output } = await sendAll(recipients(40), {
			concurrency: 5,
			reuseConnections: false,
		});
		expect(output.filter((item) => item.json.status === 'queued')).toHaveLength(40);
		expect(connectionsUsed()).toBe(40);
	});
});
