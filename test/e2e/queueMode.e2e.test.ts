/**
 * n8n in queue mode: Redis, PostgreSQL, one n8n main and two n8n workers on loopback
 * (scripts/lib/queueMode/), the packed package installed in every n8n user folder. Executions
 * are put on the queue by the main and run by whichever worker takes them, so the nodes must keep
 * nothing in process memory that another execution relies on, and the trigger (polled by the
 * main) must still emit every message once while workers and the main restart.
 *
 * Runs only in the queue profile (3 to 5 minutes per n8n line, most of it waiting for n8n's
 * once-a-minute polls):
 *   npm run test:e2e:queue                                   # both n8n lines
 *   N8N_E2E_VERSIONS=2.40.7 npm run test:e2e:queue           # one
 */
import type { Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import { fetch } from 'undici';
import {
	inboxTriggerNode,
	N8n,
	OWNER,
	packageJson,
	packPackage,
	type ParsedExecution,
	type WorkflowNode,
} from './harness';

import * as queueMode from '../../scripts/lib/queueMode';
import type { QueueCluster as Cluster } from '../../scripts/lib/queueMode';
import { N8nClient } from '../../scripts/lib/n8nServer';

const PKG = packageJson().name;
const MINUTE = 60_000;
const RECIPIENTS = 2000;
const BULK_RUNS = 4;
const ORDERS = 40;
const BURST = 30;
const ACCOUNT = { user: 'queue', pass: 'queue-password' };

jest.setTimeout(20 * MINUTE);

const t0 = Date.now();
const log = (message: string) =>
	process.stderr.write(`[queue e2e +${((Date.now() - t0) / 1000).toFixed(0)}s] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unfinished = ['running', 'new', 'waiting'];

const profile = process.env.N8N_E2E_PROFILE === 'queue' ? describe : describe.skip;

profile('n8n queue mode: one main, two workers, Redis and PostgreSQL', () => {
	let cluster: Cluster;
	let n8n: N8n;
	let sandbox: Sandbox;
	let inbox: Sandbox;
	let credentialId: string;
	let triggerWorkflowId: string;

	async function connect() {
		n8n = new N8n({
			version: cluster.version,
			url: cluster.url,
			userFolder: cluster.main.userFolder,
			tarball: '',
			tarballFiles: [],
			installedPackageDir: '',
			logFile: cluster.logFile('main'),
		});
		await n8n.login();
	}

	/** Finished executions of a workflow, oldest first. */
	async function finishedExecutions(workflowId: string) {
		const list: Array<{ id: string; status: string }> = await n8n.client.executions(workflowId);
		return list
			.filter((e) => !unfinished.includes(e.status))
			.sort((a, b) => Number(a.id) - Number(b.id));
	}

	async function waitForExecutions(workflowId: string, count: number, timeoutMs: number) {
		const started = Date.now();
		for (;;) {
			const done = await finishedExecutions(workflowId);
			if (done.length >= count) return done;
			if (Date.now() - started > timeoutMs)
				throw new Error(
					`only ${done.length} of ${count} executions of ${workflowId} finished after ${timeoutMs} ms`,
				);
			await sleep(500);
		}
	}

	/**
	 * The one worker that ran execution `id`, from the workers' logs; fails if it is not exactly one.
	 * The worker saves the execution's status before it logs "finished", so the API can report an
	 * execution as done a moment before its worker's log says so: wait for the log to catch up.
	 */
	async function workerOf(id: string): Promise<string> {
		const started = Date.now();
		let run = cluster.workerRuns().get(String(id));
		while (
			(!run || run.started.length === 0 || run.finished.length < run.started.length) &&
			Date.now() - started < 15_000
		) {
			await sleep(200);
			run = cluster.workerRuns().get(String(id));
		}
		expect({ id, started: run?.started ?? [] }).toEqual({ id, started: [expect.any(String)] });
		expect(run!.finished).toEqual(run!.started);
		return run!.started[0];
	}

	const sendNode = (
		parameters: Record<string, unknown>,
	): Omit<WorkflowNode, 'position' | 'typeVersion'> => ({
		name: 'smSend',
		type: `${PKG}.smSend`,
		parameters: {
			resource: 'sms',
			operation: 'send',
			sender: 'QueueTest',
			options: {},
			...parameters,
		},
		credentials: { smSendApi: { id: credentialId, name: 'smSend sandbox' } },
	});

	const sentBy = (text: RegExp) =>
		sandbox.smSend.sent.filter((s) => s.user === ACCOUNT.user && text.test(s.data));

	beforeAll(async () => {
		const tarball = process.env.N8N_E2E_TARBALL || (await packPackage()).tarball;
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
		sandbox.smSend.addAccount({ user: ACCOUNT.user, pass: ACCOUNT.pass, credit: 1e9 });
		inbox = await startSandbox({ port: 0, host: '127.0.0.1' });
		cluster = await queueMode.startQueueCluster({
			version: process.env.N8N_E2E_VERSION || undefined,
			tarball,
			workers: 2,
			log,
		});
		await new N8nClient(cluster.url).setupOwner(OWNER);
		await connect();
		credentialId = await n8n.createCredential(
			'smSendApi',
			{ user: ACCOUNT.user, password: ACCOUNT.pass, baseUrl: sandbox.url },
			'smSend sandbox',
		);

		// The trigger workflow is activated now, so that n8n's activation poll and the first
		// scheduled poll (which only marks the inbox as seen) happen while the send tests run.
		const inboxCredential = await n8n.createCredential(
			'smSendApi',
			{ user: SMSEND_DEMO.user, password: SMSEND_DEMO.pass, baseUrl: inbox.url },
			'smSend inbox sandbox',
		);
		triggerWorkflowId = await n8n.importWorkflow({
			name: 'queue mode: inbound SMS exactly once',
			nodes: [inboxTriggerNode({ id: inboxCredential, name: 'smSend inbox sandbox' })],
			connections: {},
		});
	}, 15 * MINUTE);

	afterAll(async () => {
		await cluster?.stop();
		await sandbox?.close();
		await inbox?.close();
	});

	it('is a queue-mode main with two workers, every process on its own loopback port', async () => {
		const settings = await n8n.client.get('/rest/settings');
		expect(settings.executionMode).toBe('queue');
		const types: Array<{ name: string }> = await n8n.nodeTypes();
		expect(types.map((t) => t.name)).toEqual(
			expect.arrayContaining([`${PKG}.smSend`, `${PKG}.smSendTrigger`]),
		);

		const groups = cluster.groups();
		expect(Object.keys(groups).sort()).toEqual([
			'main',
			'postgres',
			'redis',
			'worker-1',
			'worker-2',
		]);
		const listening: Record<string, Array<{ address: string; port: number }>> = {};
		for (const [name, pgid] of Object.entries(groups)) {
			listening[name] = queueMode
				.listeningSockets(pgid)
				.map(({ address, port }) => ({ address, port }));
		}
		log(`listening: ${JSON.stringify(listening)}`);
		const ports = (name: string) => listening[name].map((s) => s.port);
		expect(ports('main')).toContain(cluster.main.mainPort);
		expect(ports('redis')).toContain(cluster.redis.port);
		expect(ports('postgres')).toContain(cluster.postgres.port);
		for (const w of cluster.workers) expect(ports(w.name)).toContain(w.healthPort);
		const all = Object.values(listening).flat();
		expect(all.filter((s) => !queueMode.isLoopback(s.address))).toEqual([]);
		// No port is shared between two processes of the cluster.
		const owners = new Map<number, Set<string>>();
		for (const [name, sockets] of Object.entries(listening)) {
			for (const s of sockets) owners.set(s.port, new Set([...(owners.get(s.port) ?? []), name]));
		}
		expect([...owners].filter(([, names]) => names.size > 1)).toEqual([]);
	});

	it(`bulk send: ${BULK_RUNS} concurrent executions of ${RECIPIENTS} recipients run on both workers, one SMS per recipient per execution`, async () => {
		const path = `queue-bulk-${Date.now().toString(36)}`;
		const workflowId = await n8n.importWorkflow({
			name: path,
			nodes: [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: path,
					parameters: {
						httpMethod: 'POST',
						path,
						responseMode: 'lastNode',
						responseData: 'noData',
						options: {},
					},
				},
				{
					name: 'Recipients',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [200, 0],
					parameters: {
						jsCode: `const run = $('Webhook').first().json.body.run;\nreturn Array.from({ length: ${RECIPIENTS} }, (_, i) => ({ json: { run, phone: '+39320' + String(1000000 + i) } }));`,
					},
				},
				{
					...sendNode({ recipient: '={{ $json.phone }}', message: '=Bulk {{ $json.run }}' }),
					typeVersion: 1,
					position: [400, 0],
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Recipients', type: 'main', index: 0 }]] },
				Recipients: { main: [[{ node: 'smSend', type: 'main', index: 0 }]] },
			},
		});

		const runs = Array.from({ length: BULK_RUNS }, (_, i) => `run-${i + 1}`);
		const started = Date.now();
		const replies = await Promise.all(
			runs.map(async (run) => {
				const res = await fetch(`${n8n.url}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ run }),
				});
				return { run, status: res.status, text: await res.text() };
			}),
		);
		log(
			`bulk: ${BULK_RUNS} × ${RECIPIENTS} answered in ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		expect(replies.filter((r) => r.status !== 200)).toEqual([]);

		const executions = await waitForExecutions(workflowId, BULK_RUNS, 2 * MINUTE);
		expect(executions).toHaveLength(BULK_RUNS);
		const byRun = new Map<string, ParsedExecution>();
		for (const { id } of executions) {
			const execution = await n8n.execution(String(id));
			expect({ id, status: execution.status }).toEqual({ id, status: 'success' });
			const body = execution.nodeOutput('Webhook')[0]?.json.body as { run?: unknown } | undefined;
			byRun.set(String(body?.run), execution);
		}
		expect([...byRun.keys()].sort()).toEqual([...runs].sort());

		const expected = Array.from({ length: RECIPIENTS }, (_, i) => `+39320${1000000 + i}`);
		for (const run of runs) {
			const output = byRun.get(run)!.nodeOutput('smSend');
			expect(output).toHaveLength(RECIPIENTS);
			expect(output.filter((item) => item.json.status !== 'queued')).toEqual([]);
			// What the gateway received for this execution: every recipient exactly once.
			const perRecipient = new Map<string, number>();
			for (const sms of sentBy(new RegExp(`^Bulk ${run}$`)))
				perRecipient.set(sms.rcpt, (perRecipient.get(sms.rcpt) ?? 0) + 1);
			expect([...perRecipient.keys()].sort()).toEqual([...expected].sort());
			expect([...perRecipient].filter(([, count]) => count !== 1)).toEqual([]);
		}
		expect(sentBy(/^Bulk /)).toHaveLength(RECIPIENTS * BULK_RUNS);

		// Each execution was put on the queue by the main and run, once, by one worker; both took work.
		const enqueued = cluster.enqueued();
		const ranOn: string[] = [];
		for (const { id } of executions) {
			expect(enqueued.filter((e) => e === String(id))).toHaveLength(1);
			ranOn.push(await workerOf(String(id)));
		}
		log(`bulk: executions ${executions.map((e) => e.id).join(', ')} ran on ${ranOn.join(', ')}`);
		expect(new Set(ranOn)).toEqual(new Set(cluster.workers.map((w) => w.name)));
	});

	/** A webhook workflow sending one SMS per order with the duplicate guard keyed on the order id. */
	async function guardedWorkflow() {
		const { path, workflow } = n8n.webhookWorkflow(
			sendNode({
				recipient: '={{ $json.phone }}',
				message: '=Order {{ $json.orderId }}',
				options: { duplicateGuard: true, duplicateKey: '={{ $json.orderId }}' },
			}),
		);
		const workflowId = await n8n.importWorkflow(workflow);
		return { run: (items: unknown[]) => n8n.callWebhook(workflowId, path, { items }) };
	}
	const order = (i: number) => ({ orderId: `Q-${i}`, phone: `+39333${1000000 + i}` });
	const orders = (from: number, to: number) =>
		Array.from({ length: to - from + 1 }, (_, k) => order(from + k));
	/** SMS the gateway received per order id. */
	const sendsPerOrder = () => {
		const counts = new Map<string, number>();
		for (const sms of sentBy(/^Order Q-/)) {
			const id = sms.data.slice('Order '.length);
			counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		return counts;
	};
	const statuses = (run: { execution: ParsedExecution }) =>
		run.execution.nodeOutput('smSend').map((i) => i.json.status);

	/** Runs `first`, then `then` with the worker that ran `first` stopped (so the other one takes it). */
	async function onTheOtherWorker<T>(
		first: () => Promise<{ execution: ParsedExecution }>,
		then: () => Promise<T>,
	) {
		const one = await first();
		const firstWorker = await workerOf(one.execution.id);
		const index = cluster.workers.findIndex((w) => w.name === firstWorker);
		await cluster.stopWorker(index);
		try {
			return { one, firstWorker, rest: await then() };
		} finally {
			await cluster.startWorker(index);
		}
	}

	it('duplicate guard: the same orders again, on the other worker, send nothing new (the keys are in the shared database)', async () => {
		const { run } = await guardedWorkflow();
		const {
			one: first,
			firstWorker,
			rest: second,
		} = await onTheOtherWorker(
			() => run(orders(1, ORDERS)),
			() => run(orders(1, ORDERS)),
		);
		expect(first.execution.status).toBe('success');
		expect(statuses(first)).toEqual(Array(ORDERS).fill('queued'));
		const secondWorker = await workerOf(second.execution.id);
		log(
			`duplicate guard: first execution ${first.execution.id} on ${firstWorker}, second ${second.execution.id} on ${secondWorker}`,
		);
		expect(secondWorker).not.toBe(firstWorker);
		expect(second.execution.status).toBe('success');
		expect(second.execution.nodeOutput('smSend').map((i) => i.json)).toEqual(
			orders(1, ORDERS).map((o) => ({
				status: 'skippedDuplicate',
				duplicateKey: `key:${o.orderId}`,
			})),
		);
		expect(sentBy(/^Order Q-/)).toHaveLength(ORDERS);

		// Half known, half new, on whichever worker takes it.
		const third = await run(orders(ORDERS / 2 + 1, ORDERS + ORDERS / 2));
		await workerOf(third.execution.id);
		expect(third.execution.status).toBe('success');
		expect(statuses(third)).toEqual([
			...Array(ORDERS / 2).fill('skippedDuplicate'),
			...Array(ORDERS / 2).fill('queued'),
		]);
		const counts = sendsPerOrder();
		expect(counts.size).toBe(ORDERS + ORDERS / 2);
		expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
	});

	it('trigger: messages in bursts over several polls, a worker and the main restarted, each emitted exactly once', async () => {
		const polls = () =>
			inbox.requests.filter((r) => r.operation === 'receiveSms' && r.resultCode === 'OK').length;
		const waitForPoll = async (after: number, timeoutMs = 3 * MINUTE) => {
			const started = Date.now();
			while (polls() <= after) {
				if (Date.now() - started > timeoutMs)
					throw new Error(`no poll within ${timeoutMs} ms (polls so far: ${polls()})`);
				await sleep(500);
			}
		};
		const sent: string[] = [];
		const burst = (label: string) => {
			for (let i = 0; i < BURST; i++) {
				const text = `inbound ${sent.length}`;
				inbox.smSend.addInboxMessage({
					rcpt: SMSEND_DEMO.rcpt,
					sharecode: SMSEND_DEMO.sharecode,
					sender: '+393331112222',
					text,
				});
				sent.push(text);
			}
			log(`trigger: burst ${label} (${sent.length} messages so far, ${polls()} polls)`);
		};

		// n8n's activation poll, then the first scheduled one (it marks the empty inbox as seen).
		await waitForPoll(1);

		burst('1');
		const [first] = await waitForExecutions(triggerWorkflowId, 1, 3 * MINUTE);

		// Restart the worker that ran the last execution; the next burst arrives while it is down.
		const firstWorker = await workerOf(first.id);
		const index = cluster.workers.findIndex((w) => w.name === firstWorker);
		await cluster.stopWorker(index);
		burst('2 (a worker down)');
		await cluster.startWorker(index);
		await waitForExecutions(triggerWorkflowId, 2, 3 * MINUTE);

		// Restart the main (the poller) with the next burst waiting in the inbox.
		burst('3 (main restarting)');
		await cluster.restartMain();
		await connect();
		const lastCount = (await waitForExecutions(triggerWorkflowId, 3, 4 * MINUTE)).length;

		// One more poll with nothing new: nothing may be emitted twice.
		await waitForPoll(polls());
		await sleep(5000);
		const executions = await finishedExecutions(triggerWorkflowId);
		const emitted: string[] = [];
		const ranOn: string[] = [];
		for (const { id, status } of executions) {
			expect({ id, status }).toEqual({ id, status: 'success' });
			const execution = await n8n.execution(String(id));
			for (const item of execution.nodeOutput('smSend Trigger'))
				emitted.push(String(item.json.text));
			ranOn.push(await workerOf(String(id)));
		}
		const counts = new Map<string, number>();
		for (const text of emitted) counts.set(text, (counts.get(text) ?? 0) + 1);
		const duplicated = [...counts].filter(([, count]) => count > 1).map(([text]) => text);
		const missing = sent.filter((text) => !counts.has(text));
		log(
			`trigger: ${sent.length} received, ${emitted.length} emitted in ${executions.length} executions (${lastCount} before the last poll) on ${ranOn.join(', ')}; ${duplicated.length} duplicated, ${missing.length} missing, ${polls()} polls`,
		);
		expect(duplicated).toEqual([]);
		expect(missing).toEqual([]);
		expect(emitted).toHaveLength(sent.length);
		const enqueued = cluster.enqueued();
		for (const { id } of executions) expect(enqueued).toContain(String(id));
	});
});
