/**
 * smSend Trigger when n8n crashes. An active workflow (smSend Trigger → No Operation) polls the
 * sandbox inbox every minute while 1,000 messages arrive in bursts of at most 100, each burst
 * after the previous one was polled, so nothing is lost by the window. n8n is killed with
 * SIGKILL (its whole process group, task runner included) at seeded moments and restarted each
 * time: while a poll waits for the gateway's reply, just after the reply (while n8n stores the
 * cursor and creates the execution), while the execution runs, or between polls. At the end every
 * message id is counted in the stored executions: lost = in none, duplicated = in more than one.
 *
 * Opt-in, 15 to 25 minutes per configuration (n8n polls at most once a minute):
 *   N8N_E2E_TRIGGER_CRASH=default N8N_E2E_VERSIONS=2.40.7 npm run test:e2e -- test/e2e/triggerCrash
 *   N8N_E2E_TRIGGER_CRASH=durable N8N_E2E_VERSIONS=2.40.7 npm run test:e2e -- test/e2e/triggerCrash
 *   N8N_E2E_TRIGGER_CRASH=default N8N_E2E_VERSIONS=1.123.81 npm run test:e2e -- test/e2e/triggerCrash
 * `durable` turns on n8n's durable poll cursors and the scheduler they need (2.x only).
 * N8N_E2E_TRIGGER_CRASH_SEED (default 3) picks another plan of bursts and kills;
 * N8N_E2E_TRIGGER_CRASH_MESSAGES (default 1000) fewer messages, for a quick look;
 * N8N_E2E_TRIGGER_CRASH_DEBUG=1 n8n's debug log (with N8N_E2E_KEEP=1, n8n-<k>.log per process);
 * N8N_E2E_TRIGGER_CRASH_FOCUS=1 every kill 0–60 ms after a poll's reply, when n8n writes the cursor
 * and creates the execution (about twenty kills).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { RecordedRequest, Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import type { CrashCycle, KillMoment } from './triggerCrashPlan';
import {
	crashPlan,
	DURABLE_CURSOR_ENV,
	killDelayMs,
	tally,
	triggerItemIds,
} from './triggerCrashPlan';
import {
	inboxTriggerNode,
	N8n,
	OWNER,
	parseFlatted,
	readState,
	startN8n,
	type RunningN8n,
} from './harness';

const CONFIG = process.env.N8N_E2E_TRIGGER_CRASH;
const SEED = Number(process.env.N8N_E2E_TRIGGER_CRASH_SEED ?? 3);
const TOTAL = Number(process.env.N8N_E2E_TRIGGER_CRASH_MESSAGES ?? 1000);
const FOCUS = process.env.N8N_E2E_TRIGGER_CRASH_FOCUS === '1';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const TRIGGER = 'smSend Trigger';
const HANDLER = 'Handle SMS';

jest.setTimeout(60 * MINUTE);

const version = () => readState().version;
const enabled =
	(CONFIG === 'default' || CONFIG === 'durable') &&
	!(CONFIG === 'durable' && (process.env.N8N_E2E_VERSION ?? '').startsWith('1.'));
const crash = enabled ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stderr.write(`[trigger crash] ${message}\n`);

crash(`smSend Trigger in n8n killed at random moments (${CONFIG} poll cursors)`, () => {
	let sandbox: Sandbox;
	let running: RunningN8n | undefined;
	let n8n: N8n;
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-trigger-crash-'));
	/** One log file per n8n process (they are kept with N8N_E2E_KEEP=1). */
	const logFiles: string[] = [];

	const receiveRequests = (since = 0): RecordedRequest[] =>
		sandbox.requests.filter((r) => r.operation === 'receiveSms' && r.at >= since);
	/** Polls whose reply went out at least `settleMs` ago, after `since`. */
	const repliedPolls = (since: number, settleMs = 0) =>
		receiveRequests(since).filter((r) => r.status !== null && Date.now() - r.at >= settleMs);

	async function nextRequest(since: number, timeoutMs = 3 * MINUTE): Promise<RecordedRequest> {
		const started = Date.now();
		for (;;) {
			const request = receiveRequests(since)[0];
			if (request) return request;
			if (Date.now() - started > timeoutMs) throw new Error(`no poll within ${timeoutMs} ms`);
			await sleep(2);
		}
	}

	async function start(tarball?: string) {
		running = await startN8n({
			version: version(),
			userFolder,
			tarball,
			env: {
				...(CONFIG === 'durable' ? DURABLE_CURSOR_ENV : {}),
				...(process.env.N8N_E2E_TRIGGER_CRASH_DEBUG === '1' ? { N8N_LOG_LEVEL: 'debug' } : {}),
			},
			log: (message) => log(message),
		});
		const file = path.join(userFolder, `n8n-${logFiles.length + 1}.log`);
		logFiles.push(file);
		fs.writeFileSync(file, running.logs.join(''));
		for (const stream of [running.child.stdout, running.child.stderr])
			stream?.on('data', (chunk: Buffer) => fs.appendFileSync(file, chunk));
		await running.client.setupOwner(OWNER);
		const state = { ...readState(), url: running.url, userFolder };
		n8n = await new N8n({ ...state, logFile: path.join(userFolder, 'none.log') }).login();
	}

	let killedAt = 0;
	async function killAndRestart() {
		killedAt = Date.now();
		await running!.kill();
		await start();
	}

	/** Message id → how many stored executions carry it (trigger output, or its start data). */
	const parsed = new Map<string, { status: string; ids: number[]; handled: number[] }>();
	async function executions(workflowId: string) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await n8n.client.get(`/rest/executions?filter=${filter}&limit=100`);
		const list: Array<{ id: string; status: string }> = page.results ?? page;
		if (typeof page.count === 'number' && page.count > list.length)
			throw new Error(`more than ${list.length} executions: page through them`);
		for (const { id, status } of list) {
			const known = parsed.get(String(id));
			if (known && !['new', 'running', 'waiting', 'unknown'].includes(known.status)) continue;
			const execution = await n8n.client.execution(String(id));
			const raw = parseFlatted(execution.data);
			parsed.set(String(id), { status, ...triggerItemIds(raw, TRIGGER, HANDLER) });
		}
		return [...parsed.values()];
	}

	/**
	 * After a burst (and a kill), waits until a poll has completed since `since` and every id of
	 * the burst is in an execution, or two polls have completed and some still are not.
	 */
	async function settle(workflowId: string, ids: number[], since: number) {
		const started = Date.now();
		for (;;) {
			const done = repliedPolls(since, 5 * SECOND).length;
			if (done >= 1) {
				const seen = new Set((await executions(workflowId)).flatMap((e) => e.ids));
				const missing = ids.filter((id) => !seen.has(id)).length;
				if (missing === 0 || done >= 2) return missing;
			}
			if (Date.now() - started > 5 * MINUTE) throw new Error('no poll completed for 5 minutes');
			await sleep(SECOND);
		}
	}

	/** Kills n8n at the cycle's moment; returns what the kill hit, measured at the sandbox. */
	async function killAt(cycle: CrashCycle, from: number): Promise<string> {
		if (cycle.kill === 'between') {
			const poll = await nextRequest(from);
			while (poll.status === null) await sleep(10);
			await sleep(killDelayMs(cycle));
			const hit = receiveRequests(poll.at + 1).some((r) => r.status === null)
				? 'meant between polls, but a poll had just started'
				: `between polls, ${Math.round((Date.now() - poll.at) / SECOND)} s after the last one`;
			await killAndRestart();
			return hit;
		}
		if (cycle.kill === 'fetching') {
			sandbox.inject({ kind: 'latency', ms: 3000, times: 1, match: { operation: 'receiveSms' } });
			const poll = await nextRequest(from);
			await sleep(killDelayMs(cycle) - (Date.now() - poll.at));
			const hit =
				poll.status === null
					? `while the poll waited for its reply (${Date.now() - poll.at} ms after the request)`
					: 'fetching, but the reply was out';
			await killAndRestart();
			return hit;
		}
		const poll = await nextRequest(from);
		while (poll.status === null) await sleep(1);
		const repliedAt = Date.now();
		await sleep(killDelayMs(cycle));
		const after = Date.now() - repliedAt;
		await killAndRestart();
		return `${after} ms after the reply`;
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	});
	afterAll(async () => {
		await running?.stop();
		await sandbox?.close();
		if (process.env.N8N_E2E_KEEP === '1') log(`kept ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	});

	it('counts, per message, the stored executions that emitted it', async () => {
		const started = Date.now();
		const plan = crashPlan(SEED, TOTAL, FOCUS);
		log(
			`n8n ${version()}, ${CONFIG} cursors, seed ${SEED}: ${plan.length} bursts, ${plan.filter((c) => c.kill !== 'none').length} kills`,
		);
		await start(readState().tarball);
		const credentialId = await n8n.createCredential('smSendApi', {
			user: SMSEND_DEMO.user,
			password: SMSEND_DEMO.pass,
			baseUrl: sandbox.url,
		});
		const trigger = inboxTriggerNode({ id: credentialId, name: 'smSend sandbox' });
		trigger.parameters.messagesPerPoll = 100;
		const workflowId = await n8n.importWorkflow({
			name: 'inbound SMS through crashes',
			nodes: [
				trigger,
				{
					name: HANDLER,
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
				},
			],
			connections: { [TRIGGER]: { main: [[{ node: HANDLER, type: 'main', index: 0 }]] } },
		});
		// The activation poll's state is kept only if it emits: the first scheduled poll marks the
		// (empty) inbox as seen. Messages start after it.
		await nextRequest(0);
		await nextRequest(repliedPolls(0).at(-1)!.at + 1);
		while (repliedPolls(0).length < 2) await sleep(100);

		const sent: number[] = [];
		const cycleOf = new Map<number, number>();
		const hits: string[] = [];
		for (const [index, cycle] of plan.entries()) {
			const from = Date.now();
			const ids: number[] = [];
			for (let i = 0; i < cycle.burst; i++) {
				const message = sandbox.smSend.addInboxMessage({
					rcpt: SMSEND_DEMO.rcpt,
					sharecode: SMSEND_DEMO.sharecode,
					sender: '+393331112222',
					text: `inbound ${sent.length}`,
				});
				ids.push(message.id);
				sent.push(message.id);
				cycleOf.set(message.id, index);
			}
			const hit = cycle.kill === 'none' ? 'no kill' : await killAt(cycle, from);
			hits.push(hit);
			// n8n 1.x and 2.x without durable cursors poll once as they activate the workflow at start.
			const missing = await settle(workflowId, ids, cycle.kill === 'none' ? from : killedAt);
			log(
				`burst ${index + 1}/${plan.length}: ${cycle.burst} messages, kill ${cycle.kill}: ${hit}; ${missing} not in an execution yet (${Math.round((Date.now() - started) / SECOND)} s)`,
			);
		}
		// Two more polls with n8n left running, so whatever a restart left behind is emitted.
		const last = Date.now();
		while (repliedPolls(last, 5 * SECOND).length < 2) await sleep(SECOND);

		const stored = await executions(workflowId);
		const counts = tally(sent, stored);
		const statuses: Record<string, number> = {};
		for (const { status } of stored) statuses[status] = (statuses[status] ?? 0) + 1;
		const report = {
			n8n: version(),
			cursors: CONFIG,
			seed: SEED,
			focus: FOCUS,
			received: sent.length,
			emitted: counts.emitted,
			lost: counts.lost.length,
			duplicated: counts.duplicated.length,
			onlyInUnfinishedExecutions: counts.unhandled.length,
			kills: hits.filter((h) => h !== 'no kill').length,
			polls: receiveRequests().length,
			executions: statuses,
			minutes: Number(((Date.now() - started) / MINUTE).toFixed(1)),
			lostByBurst: counts.lost.map((id) => cycleOf.get(id)! + 1),
			duplicatedByBurst: counts.duplicated.map((id) => cycleOf.get(id)! + 1),
			kill: hits,
		};
		log(`result ${JSON.stringify(report)}`);

		const logs = logFiles.map((file) => fs.readFileSync(file, 'utf8')).join('');
		if (CONFIG === 'durable') {
			expect(logs).not.toContain('durable poll cursors stay disabled');
			// The cursor lives in n8n's poller_state table, not in the workflow's static data.
			const db = path.join(userFolder, '.n8n', 'database.sqlite');
			const rows = spawnSync('sqlite3', [db, 'select cursor from poller_state;'], {
				encoding: 'utf8',
			});
			if (rows.error) log(`sqlite3 not available: poller_state not read (${rows.error.message})`);
			else expect(rows.stdout).toContain('inboxCursor');
		}
		expect(counts.unknown).toEqual([]);
		expect(report.kills).toBe(plan.filter((c) => c.kill !== 'none').length);
		if (CONFIG === 'durable') {
			// Cursor and execution are committed together: nothing lost, nothing twice.
			expect({ lost: counts.lost, duplicated: counts.duplicated }).toEqual({
				lost: [],
				duplicated: [],
			});
		} else {
			// n8n writes the static data and the execution separately, so a kill after a poll's
			// reply may lose (or repeat) that poll's messages; the trigger itself must not, so any
			// such message belongs to a burst whose kill came after the reply.
			const afterReply = new Set<KillMoment>(['replied', 'executing', 'emitting']);
			const bursts = [...report.lostByBurst, ...report.duplicatedByBurst];
			expect(bursts.filter((burst) => !afterReply.has(plan[burst - 1].kill))).toEqual([]);
		}
	});
});
