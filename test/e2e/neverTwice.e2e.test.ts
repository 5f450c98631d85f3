/**
 * "Never twice" in a real n8n: a representative subset of the fault matrix
 * (test/workflow/faultMatrix.workflow.test.ts) run as workflows — Webhook → Split Out → the
 * node, with n8n's own node settings Retry On Fail (3 tries; n8n reads a wait of 0 as its default
 * 1 s) and On Error — while the sandbox damages the request of the second of five recipients
 * once. Four operations (MobilePronto SMS, smSend SMS, smSend MMS, smSend Client → Add Credit) ×
 * five kinds of damage (the gateway's own refusal, a 503 page before it acts, and a lost reply,
 * an HTML 502 page or no reply at all after it acted) × three On Error modes, with Concurrency 20.
 *
 * Each case counts what the sandbox accepted per recipient (never twice) and reads the stored
 * execution: every item reported sent carries the gateway's id and was accepted once, every item
 * reported not sent was not accepted, every possibly-sent item says `details.outcomeUnknown:
 * true` (or, On Error stop, fails the run with that error), was accepted at most once and never
 * tried again. A refusal is tried again by Retry On Fail when n8n retries (On Error stop; with
 * On Error continuing n8n retries only when the first item failed).
 *
 * The cases run in parallel (each has its own recipients and workflow) before the checks, so the
 * whole file costs about a minute, set by the reseller write's 30 s reply timeout.
 *   N8N_E2E_VERSIONS=2.40.7 npm run test:e2e -- test/e2e/neverTwice.e2e
 */
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import {
	addAccounts,
	createClientsFor,
	FAULTED,
	FAULTS,
	matrix,
	MMS,
	MP_CREDENCIAL,
	OPERATIONS,
	RECIPIENTS,
	RESELLER,
	reportedOf,
	SMSEND,
	type Case,
	type Reported,
} from './neverTwiceCases';
import { connectN8n, packageJson, type Item, type N8n, type WebhookRun } from './harness';

const PKG = packageJson().name;
const NODE = 'Send';
const CASES = matrix(['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput']);
/** Workflows running at once. */
const PARALLEL = 8;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** What a stored execution holds for the node's run (n8n keeps the error's own fields). */
interface NodeRun {
	data?: { main?: Array<Item[] | null> };
	error?: {
		message: string;
		context?: { itemIndex?: number };
		errorResponse?: { outcomeUnknown?: boolean; code?: string };
	};
}

interface Observed {
	run?: WebhookRun;
	clients: number[];
	failure?: unknown;
}

const totals = { cases: 0, requests: 0, accepted: 0, duplicates: 0, unknown: 0, notSent: 0 };

describe('never twice in a real n8n: Retry On Fail and On Error against a damaged gateway', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	const credentials: Record<string, { id: string; name: string }> = {};
	const observed = new Map<number, Observed>();

	async function runCase(c: Case): Promise<Observed> {
		const operation = OPERATIONS[c.operation];
		const clients = operation.needsClients ? await createClientsFor(sandbox, c.no) : [];
		sandbox.inject({
			...FAULTS[c.fault].damage,
			times: 1,
			match: { params: { [operation.field]: operation.key(c.no, FAULTED, clients) } },
		});
		const { path, workflow } = n8n.webhookWorkflow(
			{
				name: NODE,
				type: `${PKG}.${operation.type}`,
				parameters: operation.parameters,
				credentials: { [operation.credentialType]: credentials[operation.credentialType] },
				retryOnFail: true,
				maxTries: 3,
				waitBetweenTries: 0,
				onError: c.onError,
			},
			{ splitItems: true },
		);
		workflow.name = `never twice ${c.no}: ${c.operation} · ${c.fault} · ${c.onError}`;
		const workflowId = await n8n.importWorkflow(workflow);
		const items = range(RECIPIENTS).map((i) => operation.item(c.no, i, clients));
		// The reseller write has no timeout option: a held reply costs its 30 s default.
		const run = await n8n.callWebhook(workflowId, path, { items }, 90_000);
		return { run, clients };
	}

	beforeAll(async () => {
		n8n = await connectN8n();
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 11 });
		addAccounts(sandbox);
		const name = 'never twice sandbox';
		credentials.mobileProntoApi = {
			id: await n8n.createCredential(
				'mobileProntoApi',
				{ credencial: MP_CREDENCIAL, baseUrl: sandbox.url, soapVersion: '1.1' },
				name,
			),
			name,
		};
		credentials.smSendApi = {
			id: await n8n.createCredential(
				'smSendApi',
				{
					user: SMSEND.user,
					password: SMSEND.pass,
					baseUrl: sandbox.url,
					resellerUser: RESELLER.user,
					resellerPassword: RESELLER.password,
					mmsId: MMS.id,
					mmsPassword: MMS.password,
					mmsAuth: 'plain',
				},
				name,
			),
			name,
		};
		const queue = [...CASES];
		await Promise.all(
			range(PARALLEL).map(async () => {
				for (let c = queue.shift(); c; c = queue.shift())
					observed.set(
						c.no,
						await runCase(c).catch((failure: unknown) => ({ clients: [], failure })),
					);
			}),
		);
	}, 600_000);

	afterAll(async () => {
		await sandbox?.close();
		process.stdout.write(
			`never twice e2e (n8n ${n8n?.version}) totals: ${JSON.stringify(totals)}\n`,
		);
	});

	it.each(CASES)('$operation · $fault · $onError', (c) => {
		const { run, clients, failure } = observed.get(c.no)!;
		if (failure) throw failure;
		const operation = OPERATIONS[c.operation];
		const keys = range(RECIPIENTS).map((i) => operation.key(c.no, i, clients));
		const mine = sandbox.requests.filter((r) => keys.includes(String(r.params?.[operation.field])));
		// The damage really hit the second recipient's request.
		expect(
			mine.filter((r) => r.params?.[operation.field] === keys[FAULTED]).map((r) => r.fault),
		).toContain(FAULTS[c.fault].damage.kind);

		const accepted = keys.map((key) =>
			mine.filter((r) => operation.accepted(r) && r.params?.[operation.field] === key),
		);
		const duplicates = accepted.filter((list) => list.length > 1).length;
		expect(accepted.map((list) => Math.min(list.length, 2))).not.toContain(2);

		const nodeRuns = (run!.execution.raw as { resultData: { runData: Record<string, NodeRun[]> } })
			.resultData.runData[NODE];
		expect(nodeRuns).toHaveLength(1);
		const [nodeRun] = nodeRuns;
		const [regular, errorOutput] = [nodeRun.data?.main?.[0] ?? [], nodeRun.data?.main?.[1] ?? []];

		/** Item index → what the execution says happened; "late": a reply slower than 1 s under load. */
		const reported = new Map<number, Reported | 'late'>();
		const outputs = new Map<number, Record<string, unknown>>();
		if (nodeRun.error) {
			expect(c.onError).toBe('stopWorkflow');
			expect(run!.execution.status).toBe('error');
			const { context, errorResponse, message } = nodeRun.error;
			const itemIndex = context?.itemIndex as number;
			expect(message).toContain(`[item ${itemIndex}]`);
			const late = errorResponse?.code === 'TIMEOUT' && itemIndex !== FAULTED;
			reported.set(
				itemIndex,
				late ? 'late' : errorResponse?.outcomeUnknown === true ? 'unknown' : 'notSent',
			);
		} else {
			expect(run!.execution.status).toBe('success');
			for (const item of [...regular, ...errorOutput]) {
				const { item: itemIndex } = item.pairedItem as { item: number };
				expect(reported.has(itemIndex)).toBe(false);
				const details = item.json.details as Record<string, unknown> | undefined;
				const late = details?.code === 'TIMEOUT' && itemIndex !== FAULTED;
				reported.set(itemIndex, late ? 'late' : reportedOf(item.json));
				outputs.set(itemIndex, item.json);
			}
			expect([...reported.keys()].sort()).toEqual(range(RECIPIENTS));
			if (c.onError === 'continueErrorOutput' && n8n.major >= 2) {
				expect(regular.map((item) => reportedOf(item.json))).not.toContain('notSent');
				expect(regular.map((item) => reportedOf(item.json))).not.toContain('unknown');
				expect(errorOutput.map((item) => reportedOf(item.json))).not.toContain('sent');
			} else {
				// n8n 1.x's error output takes only items whose json is just `error` (and `message`):
				// this node's error items, which also carry `details`, stay on the success output there.
				// (Setting the item's own `error` would route them, but n8n then replaces the json with
				// `{ error }`, losing `details.outcomeUnknown`.)
				expect(errorOutput).toEqual([]);
			}
		}

		// Each reported outcome is what the sandbox did.
		for (const [i, outcome] of reported) {
			const count = accepted[i].length;
			if (outcome === 'sent') {
				expect([i, count]).toEqual([i, 1]);
				const proof = outputs.get(i)?.[operation.proofField];
				expect([i, proof]).toEqual([i, expect.anything()]);
				if (operation.gatewayProof)
					expect([i, proof]).toEqual([i, operation.gatewayProof(sandbox, keys[i])]);
			}
			if (outcome === 'notSent') expect([i, count]).toEqual([i, 0]);
			if (outcome === 'unknown' || outcome === 'late') expect(count).toBeLessThanOrEqual(1);
		}
		const fault = FAULTS[c.fault];
		const triesOfFaulted = mine.filter((r) => r.params?.[operation.field] === keys[FAULTED]);
		if (fault.known === 'unknown') {
			// Possibly sent: never tried again (not by the node, not by Retry On Fail), never called unsent.
			expect(triesOfFaulted).toHaveLength(1);
			expect(accepted[FAULTED]).toHaveLength(fault.actedOn ? 1 : 0);
			expect(reported.get(FAULTED) ?? 'unknown').toBe('unknown');
		} else if (c.onError === 'stopWorkflow') {
			// Refused on proof: Retry On Fail tries it again, it goes out, and the run succeeds.
			expect(nodeRun.error).toBeUndefined();
			expect(triesOfFaulted).toHaveLength(2);
			expect(reported.get(FAULTED)).toBe('sent');
		} else {
			// With On Error continuing, n8n retries only when the first item failed: an error item.
			expect(triesOfFaulted).toHaveLength(1);
			expect(reported.get(FAULTED)).toBe('notSent');
		}
		// Stopped by another item's error: only a reply slower than the timeout may do that.
		if (!reported.has(FAULTED)) expect([...reported.values()]).toEqual(['late']);
		// Recipients nobody damaged went out (or, on a loaded machine, answered late).
		for (const i of range(RECIPIENTS).filter((i) => i !== FAULTED && reported.has(i)))
			expect([i, reported.get(i)]).toEqual([i, expect.stringMatching(/^(sent|late)$/)]);

		totals.cases += 1;
		totals.requests += mine.length;
		totals.accepted += accepted.reduce((sum, list) => sum + list.length, 0);
		totals.duplicates += duplicates;
		totals.unknown += [...reported.values()].filter((o) => o === 'unknown' || o === 'late').length;
		totals.notSent += [...reported.values()].filter((o) => o === 'notSent').length;
	});
});
