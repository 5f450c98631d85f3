import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runNode } from '../helpers/workflowRunner';

/**
 * Each wait of the node (n8n's sleep) moves the sandbox's statuses one step on (queued → sent →
 * delivered or failed) instead of letting real time pass: the test is exact about how many
 * checks and waits a run makes, whatever the machine's speed.
 */
const waits: number[] = [];
let onWait: () => void = () => {};
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async (ms: number) => {
		waits.push(ms);
		onWait();
	}),
}));

const USER = 'campaign';
const PASS = 'campaign-password';
const FAILING = ['+393470000003', '+393470000017', '+393470000029'];

describe('SMS → Get Status Report over many items, through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.smSend.addAccount({ user: USER, pass: PASS, credit: 1000, failingNumbers: FAILING });
		waits.length = 0;
		onWait = () => sandbox.smSend.advance(1);
	});

	const credentials = () => ({ smSendApi: { user: USER, password: PASS, baseUrl: sandbox.url } });

	/** Sends one SMS per number through the node and returns the request ids, in order. */
	const send = async (from: number, count: number): Promise<string[]> => {
		const { items, error } = await runNode({
			type: 'smSend',
			parameters: {
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'MyShop',
				message: 'Saldi: -20% fino a domenica',
			},
			credentials: credentials(),
			items: Array.from({ length: count }, (_, i) => ({
				phone: `+39347${String(from + i).padStart(7, '0')}`,
			})),
		});
		expect(error).toBeUndefined();
		return items.map((item) => item.json.requestId as string);
	};

	const getStatus = (requestIds: string[], parameters: IDataObject = {}, continueOnFail = false) =>
		runNode({
			type: 'smSend',
			parameters: {
				resource: 'sms',
				operation: 'getStatus',
				requestId: '={{ $json.requestId }}',
				reportType: 'notify',
				waitForFinal: true,
				waitTimeout: 600,
				waitInterval: 10,
				...parameters,
			},
			credentials: credentials(),
			items: requestIds.map((requestId) => ({ requestId })),
			continueOnFail,
		});

	const statusReads = () => sandbox.requests.filter((r) => r.operation === 'batch-status');

	it('waits for 40 requests in one shared loop, checking again only those not final, each row paired with its item', async () => {
		const early = await send(0, 10);
		sandbox.smSend.advance(2); // the first ten are delivered (or failed) already
		const late = await send(10, 30);
		const requestIds = [...early, ...late];

		const { items, error } = await getStatus(requestIds);
		expect(error).toBeUndefined();
		// queued → sent (still "waiting" for delivery) → delivered: three checks, two waits for
		// all 40 together, where waiting item by item would wait twice per item.
		expect(waits).toHaveLength(2);
		expect(waits.every((ms) => ms > 0 && ms <= 10000)).toBe(true);
		// The ten final at the first check are never read again: 10 × 1 + 30 × 3.
		expect(statusReads()).toHaveLength(100);
		expect(statusReads().filter((r) => early.includes(r.params?.id ?? ''))).toHaveLength(10);

		expect(items.map((item) => item.pairedItem)).toEqual(requestIds.map((_, item) => ({ item })));
		expect(items.map((item) => item.json.requestId)).toEqual(requestIds);
		expect(items.map((item) => [item.json.dest, item.json.statusWord, item.json.allFinal])).toEqual(
			requestIds.map((_, i) => {
				const number = `+39347${String(i).padStart(7, '0')}`;
				return [number, FAILING.includes(number) ? 'unknownSubscriber' : 'delivered', true];
			}),
		);
	});

	it('Summary Only: one item with the counts per status word, paired with every input item', async () => {
		const requestIds = await send(0, 30);
		sandbox.smSend.advance(1);
		const { items } = await getStatus(requestIds, { output: 'summary', waitForFinal: false });
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			summary: true,
			reportType: 'notify',
			requests: 30,
			messages: 30,
			final: 0,
			notFinal: 30,
			allFinal: false,
			waiting: 30,
			delivered: 0,
			unknownSubscriber: 0,
			failed: 0,
			unknown: 0,
			errors: 0,
			checks: 1,
		});
		expect(items[0].pairedItem).toEqual(requestIds.map((_, item) => ({ item })));

		const done = await getStatus(requestIds, { output: 'summary' });
		expect(done.items[0].json).toMatchObject({
			final: 30,
			allFinal: true,
			delivered: 27,
			unknownSubscriber: 3,
			checks: 2,
		});
	});

	it('Messages, Then Summary: the rows, then the summary item last; the queue report counts its own words', async () => {
		const requestIds = await send(0, 5);
		const { items } = await getStatus(requestIds, {
			output: 'rowsAndSummary',
			reportType: 'queue',
			waitForFinal: false,
		});
		expect(items.map((item) => item.json.statusWord ?? 'summary')).toEqual([
			'queued',
			'queued',
			'queued',
			'queued',
			'queued',
			'summary',
		]);
		expect(items[5].json).toMatchObject({
			summary: true,
			reportType: 'queue',
			queued: 5,
			sent: 0,
			temporaryFailure: 0,
		});
	});

	it('reads a request id given by several items once, and gives every item its rows', async () => {
		const [first, second] = await send(0, 2);
		sandbox.smSend.advance(2);
		const { items } = await getStatus([first, second, first], { waitForFinal: false });
		expect(statusReads()).toHaveLength(2);
		expect(items.map((item) => [item.json.requestId, item.pairedItem])).toEqual([
			[first, { item: 0 }],
			[second, { item: 1 }],
			[first, { item: 2 }],
		]);
	});

	it('continueOnFail: an unknown request id is an error item for its own item; the summary counts it', async () => {
		const requestIds = await send(0, 3);
		sandbox.smSend.advance(2);
		const ids = [requestIds[0], 'HTTP99999999999', requestIds[1], '  ', requestIds[2]];
		const { items } = await getStatus(ids, { output: 'rowsAndSummary' }, true);
		expect(items.map((item) => item.json.statusWord ?? item.json.error ?? 'summary')).toEqual([
			'delivered',
			expect.stringMatching(/^smSend/),
			'delivered',
			"The 'Request ID' is empty [item 3]",
			'delivered',
			'summary',
		]);
		expect(items[1]).toMatchObject({
			pairedItem: { item: 1 },
			json: { details: { itemIndex: 1 } },
		});
		expect(items[5].json).toMatchObject({ requests: 4, messages: 3, errors: 2, allFinal: false });
		// The unknown id was read once (with the gateway's KO, not retried) and not waited on.
		expect(statusReads().filter((r) => r.params?.id === 'HTTP99999999999')).toHaveLength(1);
	});

	it('without continueOnFail: a bad item stops the run before any request, a failed read names its item', async () => {
		const requestIds = await send(0, 3);
		sandbox.requests.length = 0;
		const empty = await getStatus([requestIds[0], requestIds[1], '']);
		expect(empty.error?.message).toBe("The 'Request ID' is empty [item 2]");
		expect(empty.error?.context?.itemIndex).toBe(2);
		expect(statusReads()).toHaveLength(0);

		const unknown = await getStatus([requestIds[0], 'HTTP99999999999', requestIds[2]], {
			options: { concurrency: 1 },
		});
		expect(unknown.error?.description).toContain('KO Parametro id non corretto.');
		expect(unknown.error?.context?.itemIndex).toBe(1);
		// Concurrency 1: the read after the failure was never started.
		expect(statusReads().map((r) => r.params?.id)).toEqual([requestIds[0], 'HTTP99999999999']);
	});

	it('refuses a Concurrency or Check Every that is not a whole number in range, naming the field', async () => {
		const requestIds = await send(0, 1);
		sandbox.requests.length = 0;
		const concurrency = await getStatus(requestIds, { options: { concurrency: 0 } });
		expect(concurrency.error?.message).toBe(
			"Invalid 'Concurrency': 0 is not a whole number from 1 to 50 [item 0]",
		);
		expect(concurrency.error?.description).toBe(
			'It is read once, from the first item, for the whole run.',
		);
		const interval = await getStatus(requestIds, { waitInterval: 2.5 });
		expect(interval.error?.message).toBe(
			"Invalid 'Check Every (Seconds)': 2.5 is not a whole number from 1 to 3600 [item 0]",
		);
		expect(statusReads()).toHaveLength(0);
	});

	it('retries a transient failure of a read, then goes on', async () => {
		const requestIds = await send(0, 4);
		sandbox.smSend.advance(2);
		onWait = () => {}; // the retry's backoff must not move the statuses
		sandbox.inject({
			kind: 'status',
			status: 503,
			times: 2,
			match: { path: '/sms/batch-status.php' },
		});
		const { items, error } = await getStatus(requestIds, { options: { concurrency: 2 } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.statusWord)).toEqual([
			'delivered',
			'delivered',
			'delivered',
			'unknownSubscriber', // +393470000003 is one of the failing numbers
		]);
		expect(statusReads()).toHaveLength(6);
	});
});
