/**
 * "Never twice" on the paths users take besides Retry On Fail (the fault matrix covers that):
 * evaluation runs, Dry Run and Guardrails as expressions, Max Recipients over several runs of
 * the node (a loop, an agent's tool calls), the Duplicate Guard in a loop, a cancelled
 * execution, bad sending options, and error items that name their recipient. Each test counts
 * what the sandbox really received.
 */
import type { IDataObject, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runNode } from '../helpers/workflowRunner';

const phone = (i: number) => `+3932020000${String(i).padStart(2, '0')}`;
const list = (n: number, from = 0): IDataObject[] =>
	Array.from({ length: n }, (_, i) => ({
		phone: phone(from + i),
		name: `Cliente ${from + i}`,
		orderId: `order-${from + i}`,
	}));

describe('never twice, beyond Retry On Fail', () => {
	let sandbox: Sandbox;
	const credentials = () => ({
		smSendApi: { user: 'never', password: 'never-password', baseUrl: sandbox.url },
	});
	const send = (extra: IDataObject = {}, options: INodeParameters = {}): INodeParameters => ({
		resource: 'sms',
		operation: 'send',
		recipient: '={{ $json.phone }}',
		sender: 'Shop',
		message: '=Ciao {{ $json.name }}',
		...extra,
		options,
	});
	const accepted = () => sandbox.smSend.sent.map((sms) => sms.rcpt);

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 5 });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.smSend.addAccount({ user: 'never', pass: 'never-password', credit: 1000 });
	});

	it.each([true, false])(
		"an evaluation run with n8n's evaluation mock sends nothing to the gateway (Reuse Connections %s)",
		async (reuseConnections) => {
			const mocked: string[] = [];
			const result = await runNode({
				type: 'smSend',
				parameters: send({}, { reuseConnections }),
				credentials: credentials(),
				items: list(3),
				configureAdditionalData: (additionalData: IWorkflowExecuteAdditionalData) => {
					additionalData.evalLlmMockHandler = async (request: { url?: string }) => {
						mocked.push(String(request.url));
						return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'OK MOCK1' };
					};
				},
			});
			expect(result.error).toBeUndefined();
			expect(sandbox.requests).toHaveLength(0);
			expect(mocked).toHaveLength(3);
			expect(result.items.map((item) => item.json.requestId)).toEqual(['MOCK1', 'MOCK1', 'MOCK1']);
		},
	);

	it('reads Dry Run per item: items whose expression is true are previewed, the others sent', async () => {
		const items = list(4).map((item, i) => ({ ...item, test: i % 2 === 1 }));
		const result = await runNode({
			type: 'smSend',
			parameters: send({ dryRun: '={{ $json.test }}' }),
			credentials: credentials(),
			items,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual([
			'queued',
			'notSent',
			'queued',
			'notSent',
		]);
		expect(accepted()).toEqual([phone(0), phone(2)]);
	});

	it('refuses, without sending, an item whose Dry Run is neither true nor false', async () => {
		const result = await runNode({
			type: 'smSend',
			parameters: send({ dryRun: '={{ $json.test }}' }),
			credentials: credentials(),
			items: [{ ...list(1)[0], test: 'yes' }],
		});
		expect(result.error?.message).toMatch(/'Dry Run' is not true or false \[item 0\]/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('reads Guardrails per item', async () => {
		const items = [
			{ ...list(1, 0)[0], allowed: '+39' },
			{ ...list(1, 1)[0], allowed: '+41' },
		];
		const result = await runNode({
			type: 'smSend',
			parameters: send({ guardrails: { allowedPrefixes: '={{ $json.allowed }}' } }),
			credentials: credentials(),
			items,
			continueOnFail: true,
		});
		expect(result.items[0].json.status).toBe('queued');
		expect(result.items[1].json.error).toMatch(
			/Guardrail refused the recipient: .*Allowed Number Prefixes.*\[item 1\]/,
		);
		expect(accepted()).toEqual([phone(0)]);
	});

	it('counts Max Recipients per Execution over every run of the node, only for messages that went out', async () => {
		// The gateway refuses the first message of the first run: that recipient does not count.
		sandbox.smSend.forceFailure('send', 'KO Impossibile accodare il/i messaggio/i.', 1);
		const result = await runNode({
			type: 'smSend',
			parameters: send({ guardrails: { maxRecipients: 3 } }),
			credentials: credentials(),
			items: list(2, 0),
			laterRuns: [list(2, 2), list(2, 4)],
			continueOnFail: true,
		});
		const statuses = result.runOutputs.map((run) =>
			run.map((item) => String(item.json.status ?? item.json.error)),
		);
		expect(statuses[0]).toEqual([expect.stringMatching(/could not queue/), 'queued']);
		expect(statuses[1]).toEqual(['queued', 'queued']);
		expect(statuses[2]).toEqual([
			expect.stringMatching(/reached its limit of 3 recipients/),
			expect.stringMatching(/reached its limit of 3 recipients/),
		]);
		expect(accepted()).toEqual([phone(1), phone(2), phone(3)]);
	});

	it("keys the Duplicate Guard by run too: a loop's second batch is sent, not skipped", async () => {
		const result = await runNode({
			type: 'smSend',
			parameters: send({}, { duplicateGuard: true }),
			credentials: credentials(),
			items: list(2, 0),
			laterRuns: [list(2, 2)],
			executionId: 'loop-execution',
		});
		expect(result.runOutputs.flat().map((item) => item.json.status)).toEqual([
			'queued',
			'queued',
			'queued',
			'queued',
		]);
		expect(accepted()).toEqual([phone(0), phone(1), phone(2), phone(3)]);
	});

	it('refuses a Concurrency that is not a number, sending nothing', async () => {
		const result = await runNode({
			type: 'smSend',
			parameters: send({}, { concurrency: '={{ "many" }}' }),
			credentials: credentials(),
			items: list(2),
		});
		expect(result.error?.message).toBe(
			"The 'Concurrency' option must be a whole number from 1 to 200",
		);
		expect(result.error?.description).toMatch(/"many"/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('names the recipient in every error item of a send', async () => {
		sandbox.smSend.forceFailure('send', 'KO Credito insufficiente.', 1);
		const result = await runNode({
			type: 'smSend',
			parameters: send({}, { concurrency: 1 }),
			credentials: credentials(),
			items: [list(1, 0)[0], { phone: '12ab', name: 'x' }, list(1, 2)[0]],
			continueOnFail: true,
		});
		const details = result.items.map((item) => item.json.details as IDataObject | undefined);
		expect(details[0]).toMatchObject({ recipient: phone(0), outcomeUnknown: false });
		expect(details[1]).toMatchObject({ recipient: '12ab', outcomeUnknown: false });
		expect(details[2]).toBeUndefined();
	});

	it.each([false, true])(
		'cancelling an execution: messages never started are not sent and their guard keys are given back (Continue On Fail %s)',
		async (continueOnFail) => {
			sandbox.inject({ kind: 'latency', ms: 150 });
			let cancel: () => void = () => {};
			const cancelled = new Promise<void>((resolve) => {
				const timer = setInterval(() => {
					if (sandbox.requests.length >= 6) {
						clearInterval(timer);
						cancel();
						resolve();
					}
				}, 5);
			});
			// Keys of their own: the guard store is shared by the whole file.
			const items: IDataObject[] = list(40).map((item) => ({
				...item,
				orderId: `${item.orderId}-${continueOnFail}`,
			}));
			const guarded = send(
				{},
				{ concurrency: 3, duplicateGuard: true, duplicateKey: '={{ $json.orderId }}' },
			);
			const first = await runNode({
				type: 'smSend',
				parameters: guarded,
				credentials: credentials(),
				items,
				onStart: (stop) => (cancel = stop),
				executionId: `cancelled-execution-${continueOnFail}`,
				continueOnFail,
			});
			await cancelled;
			await first.settled;
			// The gateway goes on with requests whose caller gave up: wait until it has processed them.
			while (sandbox.requests.some((request) => request.resultCode === null))
				await new Promise((resolve) => setTimeout(resolve, 10));
			const reached = new Set(sandbox.requests.map((request) => request.params?.rcpt));
			expect(reached.size).toBeLessThan(20);

			// A re-run of the list sends exactly what never reached the gateway, and nothing twice.
			sandbox.clearFaults();
			const again = await runNode({
				type: 'smSend',
				parameters: guarded,
				credentials: credentials(),
				items,
				executionId: `rerun-execution-${continueOnFail}`,
			});
			const statuses = again.items.map((item) => item.json.status);
			items.forEach((item, i) =>
				expect([i, statuses[i]]).toEqual([
					i,
					reached.has(String(item.phone)) ? 'skippedDuplicate' : 'queued',
				]),
			);
			const counts = new Map<string, number>();
			for (const rcpt of accepted()) counts.set(rcpt, (counts.get(rcpt) ?? 0) + 1);
			expect([...counts.values()].every((count) => count === 1)).toBe(true);
			expect(counts.size).toBe(items.length);
		},
	);
});
