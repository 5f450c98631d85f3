/**
 * End-to-end harness: a real n8n (installed by scripts/lib/n8nEnv.js into .cache/) with this
 * package installed from its npm tarball, driven over n8n's REST API and webhooks, next to the
 * gateway sandbox.
 *
 * One n8n per version and test run is started by globalSetup.ts; test files connect to it with
 * `connectN8n()`, start their own sandbox and create their own credentials and workflows.
 * To add cases for a node: a new `<node>.e2e.test.ts` using `connectN8n`, `startSandbox`,
 * `n8n.createCredential`, `n8n.runWebhookWorkflow`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fetch } from 'undici';

import { SMSEND_DEMO } from '../../sandbox';

import * as env from '../../scripts/lib/n8nEnv';
import * as server from '../../scripts/lib/n8nServer';
import type { N8nClient } from '../../scripts/lib/n8nClient';
import type { PackageJson } from '../../scripts/lib/n8nPackage';

export type RunningN8n = Awaited<ReturnType<typeof server.startN8n>>;

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	continueOnFail?: boolean;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}
export interface WorkflowJson {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}
export interface Item {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}
export interface WebhookRun {
	/** HTTP status of the webhook reply. */
	status: number;
	/** Items the last node output (responseMode lastNode / allEntries), when the run succeeded. */
	items: Array<Record<string, unknown>>;
	/** The stored execution, with its run data parsed. */
	execution: ParsedExecution;
}
export interface ParsedExecution {
	id: string;
	status: string;
	/** Output items per node name (first run, main output 0). */
	nodeOutput(node: string): Item[];
	/** Error of a node's first run, if it failed. */
	nodeError(node: string): NodeRunError | undefined;
	/** The execution-level error (resultData.error). */
	error?: NodeRunError & { node?: { name: string } };
	/** The whole run data, as n8n stored it. */
	raw: unknown;
}
interface NodeRunError {
	message: string;
	description?: string;
	[k: string]: unknown;
}
/** The part of n8n's run data (IRunExecutionData) read here. */
interface RunData {
	resultData?: {
		error?: ParsedExecution['error'];
		runData?: Record<string, Array<{ data?: { main?: Item[][] }; error?: NodeRunError }>>;
	};
}

export const ROOT = env.ROOT;
export const OWNER = server.OWNER;
export const N8N_VERSIONS = env.N8N_VERSIONS;
export const packageJson = (): PackageJson => server.readPackageJson();
export const ensureN8n = (version?: string) => env.ensureN8n(version);
export const startN8n = (options: Parameters<typeof server.startN8n>[0]) =>
	server.startN8n(options);
export const packPackage = (options?: { build?: boolean }) => server.packPackage(options);

/** Where globalSetup.ts writes what test files need to find the running n8n. */
export interface E2eState {
	version: string;
	url: string;
	userFolder: string;
	tarball: string;
	tarballFiles: string[];
	installedPackageDir: string;
	logFile: string;
}

export function readState(): E2eState {
	const file = process.env.N8N_E2E_STATE;
	if (!file || !fs.existsSync(file)) {
		throw new Error('N8N_E2E_STATE is not set: run the e2e suite with `npm run test:e2e`');
	}
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

let unique = 0;
const uid = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${unique++}`;

/** A logged-in owner session on the n8n started by globalSetup. */
export class N8n {
	readonly state: E2eState;
	readonly client: N8nClient;

	constructor(state: E2eState) {
		this.state = state;
		this.client = new server.N8nClient(state.url);
	}

	get version() {
		return this.state.version;
	}
	get url() {
		return this.state.url;
	}
	get major() {
		return Number(this.state.version.split('.')[0]);
	}

	/** n8n's own log so far (globalSetup tees it to a file). */
	logs(): string {
		return fs.existsSync(this.state.logFile) ? fs.readFileSync(this.state.logFile, 'utf8') : '';
	}

	async login() {
		await this.client.login(OWNER);
		return this;
	}

	createCredential(type: string, data: Record<string, unknown>, name = uid(type)) {
		return this.client.createCredential({ name, type, data });
	}

	testCredential(type: string, data: Record<string, unknown>, id?: string) {
		return this.client.testCredential({ id, name: uid(`test-${type}`), type, data });
	}

	nodeTypes() {
		return this.client.nodeTypes();
	}

	credentialTypes() {
		return this.client.credentialTypes();
	}

	/** Creates and activates (publishes, in 2.x) a workflow; returns its id once its webhooks listen. */
	async importWorkflow(workflow: WorkflowJson): Promise<string> {
		const created = await this.client.createWorkflow(workflow);
		await this.client.activateWorkflow(created.id);
		for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) {
			await this.waitForWebhook(String(node.parameters.path));
		}
		return created.id;
	}

	waitForWebhook(webhookPath: string, timeoutMs = 20000) {
		return this.client.waitForWebhook(webhookPath, timeoutMs);
	}

	/**
	 * A workflow `Webhook → [Split Out body.items] → <node>` answering with the last node's items.
	 * `items` given: every element of the POSTed `items` array becomes one input item.
	 */
	webhookWorkflow(
		node: Omit<WorkflowNode, 'position' | 'typeVersion'> & { typeVersion?: number },
		options: { splitItems?: boolean } = {},
	) {
		const path = uid('e2e').toLowerCase();
		const webhook: WorkflowNode = {
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: path,
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		};
		const split: WorkflowNode = {
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.items', options: {} },
		};
		const target: WorkflowNode = { typeVersion: 1, position: [400, 0], ...node };
		const chain = options.splitItems === false ? [webhook, target] : [webhook, split, target];
		const connections: Record<string, unknown> = {};
		for (let i = 0; i < chain.length - 1; i++) {
			connections[chain[i].name] = {
				main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]],
			};
		}
		return { path, workflow: { name: path, nodes: chain, connections } as WorkflowJson };
	}

	/** POSTs to a production webhook, then reads the execution it started (waiting up to `timeoutMs` for it). */
	async callWebhook(
		workflowId: string,
		webhookPath: string,
		body: unknown,
		timeoutMs?: number,
	): Promise<WebhookRun> {
		const before = new Set((await this.client.executions(workflowId)).map((e) => String(e.id)));
		const res = await fetch(`${this.url}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
		const execution = await this.waitForExecution(workflowId, before, timeoutMs);
		// With responseData 'allEntries' n8n answers with the last node's items' JSON objects.
		const items = (
			res.status === 200 ? (Array.isArray(parsed) ? parsed : [parsed]) : []
		) as WebhookRun['items'];
		return { status: res.status, items, execution };
	}

	/** Imports the workflow, runs it once through its webhook with `items`. */
	async run(node: Parameters<N8n['webhookWorkflow']>[0], items?: Array<Record<string, unknown>>) {
		const { path, workflow } = this.webhookWorkflow(node, { splitItems: items !== undefined });
		const id = await this.importWorkflow(workflow);
		return this.callWebhook(id, path, items === undefined ? {} : { items });
	}

	async waitForExecution(
		workflowId: string,
		exclude: Set<string>,
		timeoutMs = 30000,
	): Promise<ParsedExecution> {
		const started = Date.now();
		for (;;) {
			const list = await this.client.executions(workflowId);
			const done = list.find(
				(e) => !exclude.has(String(e.id)) && !['running', 'new', 'waiting'].includes(e.status),
			);
			if (done) return this.execution(String(done.id));
			if (Date.now() - started > timeoutMs)
				throw new Error(`no finished execution of workflow ${workflowId} after ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	async execution(id: string): Promise<ParsedExecution> {
		const e = await this.client.execution(id);
		const raw = (typeof e.data === 'string' ? parseFlatted(e.data) : e.data) as RunData | undefined;
		const runData = raw?.resultData?.runData ?? {};
		return {
			id: String(e.id),
			status: e.status,
			raw,
			error: raw?.resultData?.error,
			nodeOutput: (node) => runData[node]?.[0]?.data?.main?.[0] ?? [],
			nodeError: (node) => runData[node]?.[0]?.error,
		};
	}
}

/** n8n stores execution data with `flatted` (every string in an object is an index into the array); this is its parse(). */
export function parseFlatted(text: string): unknown {
	type Entry = Record<string, unknown>;
	// Every string at any depth becomes a String object (a reference); top-level entries are values.
	const input = (
		JSON.parse(text, (_k, v) => (typeof v === 'string' ? new String(v) : v)) as unknown[]
	).map((v) => (v instanceof String ? String(v) : v));
	const parsed = new Set<unknown>();
	const lazy: Array<{ o: Entry; k: string; r: Entry }> = [];
	const revive = (output: Entry): Entry => {
		for (const k of Object.keys(output)) {
			const value = output[k];
			if (value instanceof String) {
				const tmp = input[Number(value)];
				if (typeof tmp === 'object' && tmp !== null && !parsed.has(tmp)) {
					parsed.add(tmp);
					output[k] = undefined;
					lazy.push({ o: output, k, r: tmp as Entry });
				} else {
					output[k] = tmp;
				}
			}
		}
		return output;
	};
	let value = input[0];
	if (typeof value === 'object' && value !== null) {
		value = revive(value as Entry);
		for (let i = 0; i < lazy.length; i++) {
			const { o, k, r } = lazy[i];
			o[k] = revive(r);
		}
	}
	return value;
}

/** The n8n started by globalSetup, logged in as owner. */
export async function connectN8n(): Promise<N8n> {
	return new N8n(readState()).login();
}

/**
 * Node and credential type names declared by an installed package's `n8n` block, read by loading
 * its entry points in a separate Node.js with only the package's own dependencies resolvable
 * (scripts/lib/loadPackageTypes.js). Throws with Node's error (e.g. "Cannot find module
 * 'libphonenumber-js'") when an entry point or a dependency is missing.
 */
export function declaredTypes(installedPackageDir: string): {
	nodes: Array<{ file: string; name: string; usableAsTool: boolean }>;
	credentials: Array<{ file: string; name: string }>;
} {
	const script = path.join(ROOT, 'scripts', 'lib', 'loadPackageTypes.js');
	const res = spawnSync(process.execPath, [script, installedPackageDir, ROOT], {
		encoding: 'utf8',
		env: { ...process.env, NODE_PATH: '' },
	});
	if (res.status !== 0) {
		throw new Error(
			`loading ${installedPackageDir} failed:\n${(res.stderr || '').split('\n').slice(0, 12).join('\n')}`,
		);
	}
	return JSON.parse(res.stdout);
}

/** The smSend Trigger polling the sandbox's demo reception number every minute, 20 messages a poll. */
export function inboxTriggerNode(credential: { id: string; name: string }): WorkflowNode {
	return {
		name: 'smSend Trigger',
		type: `${packageJson().name}.smSendTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			recipientNumber: SMSEND_DEMO.rcpt,
			sharecode: SMSEND_DEMO.sharecode,
			messagesPerPoll: 20,
			options: {},
		},
		credentials: { smSendApi: credential },
	};
}
