import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { SEEN_CAPACITY } from '../../nodes/SmSend/trigger/inboxCursor';
import type { Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import { activatePollTrigger, n8nLog, pollTrigger } from '../helpers/workflowRunner';

describe('smSend Trigger: every inbound SMS once, polled through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;
	let staticData: IDataObject;
	let nextText = 0;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		staticData = {};
		nextText = 0;
	});

	const credentials = () => ({
		smSendApi: { user: SMSEND_DEMO.user, password: SMSEND_DEMO.pass, baseUrl: sandbox.url },
	});

	const receive = (count: number, extra: { date?: Date; id?: number } = {}) => {
		const texts: string[] = [];
		for (let i = 0; i < count; i++) {
			const text = `msg ${nextText++}`;
			sandbox.smSend.addInboxMessage({
				rcpt: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				sender: '+393331112222',
				text,
				...extra,
			});
			texts.push(text);
		}
		return texts;
	};

	const poll = async (parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') => {
		const result = await pollTrigger({
			type: 'smSendTrigger',
			parameters: {
				recipientNumber: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				messagesPerPoll: 5,
				...parameters,
			},
			credentials: credentials(),
			mode,
			staticData,
		});
		if (mode === 'trigger' && !result.error) staticData = result.staticData;
		return result;
	};

	const texts = (items: Array<{ json: IDataObject }>) =>
		items.map((item) => String(item.json.text));

	it('emits nothing old on activation, then each new message once, oldest first, with ISO dates', async () => {
		receive(3);
		expect((await poll()).items).toEqual([]);
		const fresh = receive(2);
		const second = await poll();
		expect(texts(second.items)).toEqual(fresh);
		expect(second.items[0].json).toMatchObject({
			id: expect.any(Number),
			sender: '+393331112222',
			recipientNumber: SMSEND_DEMO.rcpt,
			sharecode: SMSEND_DEMO.sharecode,
			receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
			raw: expect.objectContaining({ text: fresh[0] }),
		});
		expect((await poll()).items).toEqual([]);
	});

	it('can include the last N messages on activation', async () => {
		const old = receive(4);
		expect(texts((await poll({ options: { includeOnActivation: 2 } })).items)).toEqual(
			old.slice(2),
		);
		expect((await poll()).items).toEqual([]);
	});

	it('widens the window for a burst larger than it, losing nothing', async () => {
		await poll();
		const burst = receive(60);
		const result = await poll();
		expect(texts(result.items)).toEqual(burst);
		const requests = sandbox.requests
			.filter((r) => r.operation === 'receiveSms')
			.map((r) => r.params?.messages);
		expect(requests).toEqual(['5', '5', '100']);
		expect(result.items.some((item) => item.json.possibleGap)).toBe(false);
		expect((await poll()).items).toEqual([]);
	});

	it('says so when even the widest window may have missed messages', async () => {
		await poll();
		const burst = receive(150);
		const result = await poll();
		expect(texts(result.items)).toEqual(burst.slice(50));
		expect(result.items.every((item) => item.json.possibleGap === true)).toBe(true);
		expect(n8nLog.some((line) => line.includes('more may have arrived since the last poll'))).toBe(
			true,
		);
	});

	it('handles equal timestamps and ids that do not follow arrival order', async () => {
		await poll();
		const date = new Date('2026-05-01T10:00:00Z');
		sandbox.smSend.addInboxMessage({
			rcpt: SMSEND_DEMO.rcpt,
			sharecode: SMSEND_DEMO.sharecode,
			sender: '+39333',
			text: 'first',
			date,
			id: 9000,
		});
		sandbox.smSend.addInboxMessage({
			rcpt: SMSEND_DEMO.rcpt,
			sharecode: SMSEND_DEMO.sharecode,
			sender: '+39333',
			text: 'second',
			date,
			id: 10,
		});
		// Same second, ids against arrival order: both come once; nothing tells which came first.
		expect(texts((await poll()).items).sort()).toEqual(['first', 'second']);
		sandbox.smSend.addInboxMessage({
			rcpt: SMSEND_DEMO.rcpt,
			sharecode: SMSEND_DEMO.sharecode,
			sender: '+39333',
			text: 'third',
			date,
			id: 11,
		});
		sandbox.smSend.addInboxMessage({
			rcpt: SMSEND_DEMO.rcpt,
			sharecode: SMSEND_DEMO.sharecode,
			sender: '+39333',
			text: 'earlier',
			date: new Date('2026-05-01T09:00:00Z'),
			id: 12,
		});
		// Oldest first by the gateway's date, whatever the ids and the list order say.
		expect(texts((await poll()).items)).toEqual(['earlier', 'third']);
	});

	it('survives a restart in the middle: state lives in static data only', async () => {
		await poll();
		const before = receive(3);
		expect(texts((await poll()).items)).toEqual(before);
		// A restart: the next poll gets only what n8n stored (a JSON copy), nothing in memory.
		staticData = JSON.parse(JSON.stringify(staticData));
		const after = receive(2);
		expect(texts((await poll()).items)).toEqual(after);
	});

	it('does not move the cursor when a poll fails', async () => {
		await poll();
		const pending = receive(2);
		sandbox.inject({ kind: 'status', status: 503, times: 1, match: { operation: 'receiveSms' } });
		const failed = await poll();
		expect(failed.error?.message).toMatch(/^smSend/);
		expect(texts((await poll()).items)).toEqual(pending);
	});

	it('reports a wrong login as a trigger error with the gateway message', async () => {
		const result = await pollTrigger({
			type: 'smSendTrigger',
			parameters: { recipientNumber: SMSEND_DEMO.rcpt, sharecode: SMSEND_DEMO.sharecode },
			credentials: {
				smSendApi: { user: SMSEND_DEMO.user, password: 'wrong-password', baseUrl: sandbox.url },
			},
		});
		expect(result.error?.message).toContain('KO 101');
		expect(result.error?.message).not.toContain('wrong-password');
	});

	it('manual test returns the most recent messages without moving the cursor, and says when the inbox is empty', async () => {
		const empty = await poll({}, 'manual');
		expect(empty.error?.message).toBe(
			`No SMS received yet on ${SMSEND_DEMO.rcpt} (sharecode ${SMSEND_DEMO.sharecode})`,
		);
		await poll();
		const fresh = receive(2);
		expect(texts((await poll({}, 'manual')).items)).toEqual(fresh);
		expect(texts((await poll()).items)).toEqual(fresh);
	});

	it('keeps its state bounded however long it runs', async () => {
		const first = await poll({ messagesPerPoll: 100 });
		expect(first.error).toBeUndefined();
		for (let round = 0; round < 15; round++) {
			const batch = receive(100);
			expect(texts((await poll({ messagesPerPoll: 100 })).items)).toEqual(batch);
		}
		const cursor = (staticData['node:Trigger Under Test'] as IDataObject).inboxCursor as {
			seen: number[];
		};
		expect(cursor.seen.length).toBeLessThanOrEqual(SEEN_CAPACITY);
		expect(JSON.stringify(staticData).length).toBeLessThan(20000);
	});

	const triggerParameters = {
		recipientNumber: SMSEND_DEMO.rcpt,
		sharecode: SMSEND_DEMO.sharecode,
		messagesPerPoll: 5,
	};

	/** Starts `poll`, then resolves once its receiveSms request is at the gateway, its reply held back. */
	async function startSlowPoll<T>(poll: () => Promise<T>): Promise<{ done: Promise<T> }> {
		sandbox.inject({ kind: 'latency', ms: 400, times: 1, match: { operation: 'receiveSms' } });
		const before = sandbox.requests.length;
		const done = poll();
		while (!sandbox.requests.slice(before).some((r) => r.operation === 'receiveSms'))
			await new Promise((resolve) => setTimeout(resolve, 5));
		return { done };
	}

	it('emits each message once when two polls of one activation are in flight at once', async () => {
		// n8n's in-memory poller shares one Workflow and its static data between every poll of an
		// activation and starts a poll at each tick without waiting for the previous one: a poll
		// slower than the interval, or two Poll Times firing at the same second, overlap.
		const activation = activatePollTrigger({
			type: 'smSendTrigger',
			parameters: triggerParameters,
			credentials: credentials(),
		});
		expect((await activation.poll()).items).toEqual([]);
		const expected = receive(3);
		const slow = await startSlowPoll(() => activation.poll());
		expected.push(...receive(2));
		const overlapping = await activation.poll();
		const first = await slow.done;
		expected.push(...receive(1));
		const next = await activation.poll();
		const emitted = [first, overlapping, next].flatMap((result) => texts(result.items));
		expect(emitted.sort()).toEqual([...expected].sort());
		expect(
			n8nLog.some((line) =>
				line.includes('the previous poll is still running; this poll is skipped'),
			),
		).toBe(true);
	});

	it('emits each message once when two overlapping polls each get their own copy of the cursor', async () => {
		// n8n's durable scheduler builds a Workflow per poll from the stored static data (or hands
		// the poll a snapshot of its durable cursor); it stores a poll's state only when it emits.
		await poll();
		const expected = receive(4);
		const stored = staticData;
		const slow = await startSlowPoll(() =>
			pollTrigger({
				type: 'smSendTrigger',
				parameters: triggerParameters,
				credentials: credentials(),
				staticData: stored,
			}),
		);
		const overlapping = await pollTrigger({
			type: 'smSendTrigger',
			parameters: triggerParameters,
			credentials: credentials(),
			staticData: stored,
		});
		const first = await slow.done;
		for (const result of [first, overlapping])
			if (result.items.length > 0) staticData = result.staticData;
		expected.push(...receive(1));
		const emitted = [first, overlapping, await poll()].flatMap((result) => texts(result.items));
		expect(emitted.sort()).toEqual([...expected].sort());
	});

	const pollWith = async (stored: IDataObject) =>
		await pollTrigger({
			type: 'smSendTrigger',
			parameters: triggerParameters,
			credentials: credentials(),
			staticData: stored,
		});

	it('skips a poll whose copy of the cursor was taken before the last poll of the node emitted', async () => {
		// n8n's durable scheduler can run a poll task retried after a crash next to the regular
		// one: both copy the cursor as they start, the second reaches the node once the first is done.
		await poll();
		const stale = staticData;
		const expected = receive(3);
		const first = await pollWith(stale);
		staticData = first.staticData;
		const late = await pollWith(stale);
		expected.push(...receive(2));
		const emitted = [first, late, await poll()].flatMap((result) => texts(result.items));
		expect(emitted).toEqual(expected);
		expect(n8nLog.some((line) => line.includes("this poll's cursor predates the messages"))).toBe(
			true,
		);
	});

	it('loses nothing when n8n drops a poll result: the next poll skips once, the one after emits', async () => {
		await poll();
		const stored = staticData;
		const expected = receive(3);
		// Emitted, but n8n never stored the cursor (workflow updated meanwhile, commit refused).
		expect(texts((await pollWith(stored)).items)).toEqual(expected);
		expect((await pollWith(stored)).items).toEqual([]);
		expect(texts((await pollWith(stored)).items)).toEqual(expected);
	});

	it('emits every message exactly once over any sequence of bursts, restarts and failed polls', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						burst: fc.integer({ min: 0, max: 100 }),
						restart: fc.boolean(),
						fail: fc.boolean(),
					}),
					{ minLength: 1, maxLength: 8 },
				),
				fc.integer({ min: 1, max: 30 }),
				async (steps, window) => {
					sandbox.reset();
					staticData = {};
					await poll({ messagesPerPoll: window });
					const expected: string[] = [];
					const emitted: string[] = [];
					for (const step of steps) {
						expected.push(...receive(step.burst));
						if (step.fail) {
							sandbox.inject({ kind: 'drop', times: 1, match: { operation: 'receiveSms' } });
							expect((await poll({ messagesPerPoll: window })).error).toBeDefined();
						}
						if (step.restart) staticData = JSON.parse(JSON.stringify(staticData));
						emitted.push(...texts((await poll({ messagesPerPoll: window })).items));
					}
					expect(emitted).toEqual(expected);
				},
			),
			{ seed: 42, numRuns: 25 },
		);
	});
});
