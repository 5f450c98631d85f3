// @ts-check
'use strict';
/**
 * The demo environment, shared by `npm start` (scripts/start.js) and the browser test
 * (`npm run test:ui`): the gateway sandbox, a real n8n with the packed package installed, the
 * owner account, one credential per gateway pointing at the sandbox, and the workflows of demo/.
 *
 * Each demo workflow with a manual trigger is checked once by running it the way the editor's
 * "Execute workflow" button does (n8n's REST API, `POST /rest/workflows/:id/run` from that
 * trigger), so the button itself stays the editor's plain "Execute workflow". A demo whose JSON
 * says `"active": true` is activated (n8n 2.x: published) after the checks.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./n8nEnv');
const { OWNER, startN8n } = require('./n8nServer');
const { startSandbox, MOBILEPRONTO_DEMO_CREDENCIAL, SMSEND_DEMO } = require('../../sandbox');

const DEMO_DIR = path.join(ROOT, 'demo');
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/**
 * @typedef {import('../../sandbox').Sandbox} Sandbox
 * @typedef {import('./n8nClient').N8nClient} N8nClient
 * @typedef {Awaited<ReturnType<typeof import('./n8nServer').startN8n>>} N8nInstance
 * @typedef {{ credentialType: string, name: string, data: (sandbox: Sandbox) => Record<string, string> }} Gateway
 * @typedef {{ file: string, id: string, name: string, manualTrigger?: string, active: boolean }} DemoWorkflow
 * @typedef {{ workflow: DemoWorkflow, ok: boolean, status: string, summary: string }} DemoCheck
 * @typedef {{ sandbox?: Sandbox, n8n?: N8nInstance }} DemoHandles
 */

/**
 * One entry per gateway: the credential the demo creates (only if the package declares its
 * type). Adding a gateway = adding an entry here and its workflows to demo/ (credential
 * placeholders: {"id": "{{credential:<type>}}"}).
 * @type {Gateway[]}
 */
const GATEWAYS = [
	{
		credentialType: 'mobileProntoApi',
		name: 'MobilePronto (sandbox)',
		data: (sandbox) => ({
			credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
			baseUrl: sandbox.url,
			soapVersion: '1.1',
		}),
	},
	{
		credentialType: 'smSendApi',
		name: 'smSend (sandbox)',
		data: (sandbox) => ({
			user: SMSEND_DEMO.user,
			password: SMSEND_DEMO.pass,
			baseUrl: sandbox.url,
			resellerUser: SMSEND_DEMO.smsusername,
			resellerPassword: SMSEND_DEMO.smspassword,
			mmsId: SMSEND_DEMO.mms.id,
			mmsPassword: SMSEND_DEMO.mms.password,
			mmsAuth: SMSEND_DEMO.mms.auth,
		}),
	},
];

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {N8nClient} client
 * @param {Sandbox} sandbox
 * @param {(msg: string) => void} log
 * @returns {Promise<Record<string, string>>} credential id per credential type
 */
async function createCredentials(client, sandbox, log) {
	const declared = new Set((await client.credentialTypes()).map((t) => t.name));
	/** @type {Record<string, string>} */
	const ids = {};
	for (const g of GATEWAYS) {
		if (!declared.has(g.credentialType)) continue;
		ids[g.credentialType] = await client.createCredential({
			name: g.name,
			type: g.credentialType,
			data: g.data(sandbox),
		});
		log(`credential "${g.name}" (${g.credentialType}) → ${sandbox.url}`);
	}
	return ids;
}

/**
 * Creates the workflows of demo/ in n8n, skipping those whose credential or node type the
 * package does not declare.
 * @param {N8nClient} client
 * @param {Record<string, string>} credentialIds
 * @param {(msg: string) => void} log
 * @returns {Promise<DemoWorkflow[]>}
 */
async function importDemos(client, credentialIds, log) {
	const nodeTypes = new Set((await client.nodeTypes()).map((t) => t.name));
	/** @type {DemoWorkflow[]} */
	const imported = [];
	const files = fs.readdirSync(DEMO_DIR).filter((f) => f.endsWith('.json'));
	for (const file of files.sort()) {
		const text = fs.readFileSync(path.join(DEMO_DIR, file), 'utf8');
		const placeholder = /\{\{credential:([A-Za-z0-9_]+)\}\}/g;
		const missing = [...text.matchAll(placeholder)]
			.map((m) => m[1])
			.filter((t) => !credentialIds[t]);
		/** @type {{ name: string, active?: boolean, nodes: Array<{ name: string, type: string }>, connections: Record<string, unknown> }} */
		const wf = JSON.parse(text.replace(placeholder, (_, t) => credentialIds[t] ?? ''));
		const missingNodes = wf.nodes.filter((n) => !nodeTypes.has(n.type)).map((n) => n.type);
		if (missing.length || missingNodes.length) {
			log(`skipping demo/${file}: ${[...missing, ...missingNodes].join(', ')} not available`);
			continue;
		}
		const created = await client.createWorkflow(wf);
		imported.push({
			file,
			id: created.id,
			name: wf.name,
			manualTrigger: wf.nodes.find((n) => n.type === MANUAL_TRIGGER)?.name,
			active: wf.active === true,
		});
	}
	return imported;
}

/**
 * n8n stores execution data with `flatted`; its own copy reads it.
 * @param {N8nInstance} n8n
 * @param {unknown} data
 */
function parseExecutionData(n8n, data) {
	if (typeof data !== 'string') return data;
	const flatted = require(require.resolve('flatted', { paths: [n8n.info.pkgDir] }));
	return flatted.parse(data);
}

/**
 * Runs a workflow from its manual trigger as the editor's "Execute workflow" button does, and
 * waits for the stored execution. n8n 2.x reads the workflow from its database
 * (`triggerToStartFrom`); n8n 1.x needs it in the request (`workflowData`); each ignores the other.
 * @param {N8nInstance} n8n
 * @param {string} workflowId
 * @param {string} triggerName
 * @param {number} [timeoutMs]
 * @returns {Promise<{ status: string, error?: string, lastNode?: string, items: Array<Record<string, any>> }>}
 */
async function runManually(n8n, workflowId, triggerName, timeoutMs = 60000) {
	const { client } = n8n;
	const workflowData = await client.get(`/rest/workflows/${workflowId}`);
	const started = await client.post(`/rest/workflows/${workflowId}/run`, {
		workflowData,
		triggerToStartFrom: { name: triggerName },
	});
	const executionId = started?.executionId;
	if (!executionId)
		throw new Error(`n8n did not start the workflow: ${JSON.stringify(started).slice(0, 300)}`);
	const until = Date.now() + timeoutMs;
	for (;;) {
		const execution = await client.execution(executionId);
		if (!['new', 'running', 'waiting'].includes(execution.status)) {
			const data = parseExecutionData(n8n, execution.data);
			const result = data?.resultData ?? {};
			const lastNode = result.lastNodeExecuted;
			/** @type {Array<{ json: Record<string, any> }>} */
			const output = result.runData?.[lastNode]?.[0]?.data?.main?.[0] ?? [];
			return {
				status: execution.status,
				error: result.error?.message,
				lastNode,
				items: output.map((i) => i.json),
			};
		}
		if (Date.now() > until)
			throw new Error(`execution ${executionId} still ${execution.status} after ${timeoutMs} ms`);
		await sleep(300);
	}
}

/** @param {Record<string, any>} item */
function summarizeItem(item) {
	if (item.error) return `error: ${item.error}`;
	const fields = [item.mobile ?? item.recipient, item.status, item.code];
	if (item.balance !== undefined) fields.push(`balance ${item.balance}`);
	if (item.creditEuro !== undefined) fields.push(`credit ${item.creditEuro} EUR`);
	return fields.filter((f) => f !== undefined && f !== '').join(' ');
}

/**
 * Runs every demo that has a manual trigger once.
 * @param {N8nInstance} n8n
 * @param {DemoWorkflow[]} workflows
 * @param {(msg: string) => void} log
 * @returns {Promise<DemoCheck[]>}
 */
async function checkDemos(n8n, workflows, log) {
	/** @type {DemoCheck[]} */
	const checks = [];
	for (const workflow of workflows) {
		if (!workflow.manualTrigger) continue;
		const run = await runManually(n8n, workflow.id, workflow.manualTrigger);
		const summary = run.error ?? run.items.map(summarizeItem).join('; ');
		const ok = run.status === 'success';
		log(`check "${workflow.name}": ${run.status} — ${summary}`);
		checks.push({ workflow, ok, status: run.status, summary });
	}
	return checks;
}

/**
 * Starts the sandbox and n8n, and sets n8n up for the demo. `handles` receives the sandbox and
 * n8n as soon as each runs, so that a caller stopping mid-way can stop them.
 * @param {object} options
 * @param {string} options.version  n8n version
 * @param {number} options.n8nPort
 * @param {number} options.sandboxPort
 * @param {string} options.userFolder  n8n's N8N_USER_FOLDER (must exist)
 * @param {string} options.tarball  the packed package
 * @param {(msg: string) => void} options.log
 * @param {boolean} [options.check]  run the manual demos once (default true)
 * @param {DemoHandles} [options.handles]
 */
async function startDemo({
	version,
	n8nPort,
	sandboxPort,
	userFolder,
	tarball,
	log,
	check = true,
	handles = {},
}) {
	/** @type {Sandbox} */
	const sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1' });
	handles.sandbox = sandbox;
	log(`gateway sandbox on ${sandbox.url}`);

	// n8nServer.js is untyped JavaScript: TypeScript's guess of its options is too narrow.
	const start = /** @type {(o: object) => Promise<N8nInstance>} */ (
		/** @type {unknown} */ (startN8n)
	);
	const n8n = await start({ version, userFolder, tarball, port: n8nPort, log });
	handles.n8n = n8n;
	const { client } = n8n;
	await client.setupOwner(OWNER);

	const credentialIds = await createCredentials(client, sandbox, log);
	const workflows = await importDemos(client, credentialIds, log);
	const checks = check ? await checkDemos(n8n, workflows, log) : [];
	// What the checks sent is not what a user should see in the sandbox's log.
	sandbox.reset();
	for (const workflow of workflows.filter((w) => w.active)) {
		await client.activateWorkflow(workflow.id);
		log(`activated "${workflow.name}"`);
	}
	return { sandbox, n8n, credentialIds, workflows, checks };
}

module.exports = { GATEWAYS, startDemo, runManually, importDemos, createCredentials };
