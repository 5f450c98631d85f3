// @ts-check
'use strict';
/** A minimal cookie-keeping client for n8n's REST API, and the demo owner it logs in as. */

/**
 * @typedef {{ email: string, password: string, firstName: string, lastName: string }} Owner
 *
 * What n8n answers, parsed from JSON with its `data` envelope removed. Its shape is the
 * endpoint's (n8n publishes no types for its internal REST API), hence `any`.
 * @typedef {any} N8nJson
 *
 * A reply as it came, for callers that look at the status themselves (`{ raw: true }`).
 * @typedef {object} RawReply
 * @property {number} status
 * @property {N8nJson} json the whole parsed body (undefined when it is not JSON)
 * @property {string} text
 * @property {import('undici').Headers} headers
 *
 * @typedef {{ id?: string, name: string, type: string, data: Record<string, unknown> }} CredentialSpec
 *
 * A node type as /types/nodes.json describes it (the fields the tests read).
 * @typedef {object} NodeTypeDescription
 * @property {string} name
 * @property {string} displayName
 * @property {number | number[]} version
 * @property {string | { light: string, dark: string }} [iconUrl]
 * @property {Array<{ name: string }>} [credentials]
 *
 * An execution as /rest/executions/<id> answers: `data` is the run data, serialised by n8n with
 * `flatted`.
 * @typedef {{ id: string, status: string, data: string }} ExecutionRecord
 * @typedef {{
 *   name: string,
 *   nodes: unknown[],
 *   connections: Record<string, unknown>,
 *   settings?: Record<string, unknown>,
 * }} WorkflowSpec
 */

/** @type {Readonly<Owner>} */
const OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'Demo-Passw0rd!',
	firstName: 'Demo',
	lastName: 'Owner',
});
const BROWSER_ID = 'n8n-nodes-mobilepronto-smsend-e2e';

/** @param {number} ms */
function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** Minimal cookie-keeping REST client for n8n. */
class N8nClient {
	/** @param {string} baseUrl */
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.cookie = '';
	}

	/**
	 * @overload
	 * @param {string} method
	 * @param {string} urlPath
	 * @param {unknown} body
	 * @param {{ raw: true }} options
	 * @returns {Promise<RawReply>}
	 */
	/**
	 * @overload
	 * @param {string} method
	 * @param {string} urlPath
	 * @param {unknown} [body]
	 * @param {{ expect?: number[], raw?: false }} [options]
	 * @returns {Promise<N8nJson>}
	 */
	/**
	 * Sends `body` as JSON with the session cookie. Answers with the parsed reply's `data` (or the
	 * whole reply when it has none), and throws when the status is not in `expect`; with
	 * `raw: true` it answers with the whole reply and never throws for a status.
	 * @param {string} method
	 * @param {string} urlPath
	 * @param {unknown} [body]
	 * @param {{ expect?: number[], raw?: boolean }} [options]
	 * @returns {Promise<RawReply | N8nJson>}
	 */
	async request(method, urlPath, body, { expect = [200], raw = false } = {}) {
		const { fetch } = require('undici');
		/** @type {Record<string, string>} */
		const headers = { 'browser-id': BROWSER_ID, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(this.baseUrl + urlPath, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const pair = c.split(';')[0];
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (raw) return { status: res.status, json, text, headers: res.headers };
		if (expect.length && !expect.includes(res.status)) {
			throw new Error(`${method} ${urlPath} → HTTP ${res.status}: ${text.slice(0, 500)}`);
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/**
	 * @param {string} p
	 * @param {{ expect?: number[] }} [o]
	 */
	get(p, o) {
		return this.request('GET', p, undefined, o);
	}
	/**
	 * @param {string} p
	 * @param {unknown} [b]
	 * @param {{ expect?: number[] }} [o]
	 */
	post(p, b, o) {
		return this.request('POST', p, b ?? {}, o);
	}
	/**
	 * @param {string} p
	 * @param {unknown} [b]
	 * @param {{ expect?: number[] }} [o]
	 */
	patch(p, b, o) {
		return this.request('PATCH', p, b ?? {}, o);
	}
	/**
	 * @param {string} p
	 * @param {{ expect?: number[] }} [o]
	 */
	delete(p, o) {
		return this.request('DELETE', p, undefined, o);
	}

	/**
	 * Creates the owner account (first run) or logs in as owner.
	 * @param {Owner} [owner]
	 */
	async setupOwner(owner = OWNER) {
		const settings = await this.get('/rest/settings');
		const needsSetup = settings?.userManagement?.showSetupOnFirstLoad !== false;
		if (needsSetup) {
			const res = await this.request('POST', '/rest/owner/setup', owner, { raw: true });
			if (res.status === 200) return res.json?.data;
		}
		return this.login(owner);
	}

	/** @param {Owner} [owner] */
	login(owner = OWNER) {
		return this.post('/rest/login', {
			email: owner.email,
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}

	/**
	 * Creates a credential through n8n; returns its id.
	 * @param {CredentialSpec} credential
	 * @returns {Promise<string>}
	 */
	async createCredential({ name, type, data }) {
		const res = await this.post('/rest/credentials', { name, type, data, isResolvable: false });
		return res.id;
	}

	/**
	 * n8n's credential test (the "Test" button): { status: 'OK' | 'Error', message }. n8n 2.x
	 * tests saved credentials only (the editor saves before testing), so one is created first.
	 * @param {CredentialSpec} credential
	 * @returns {Promise<{ status: 'OK' | 'Error', message: string }>}
	 */
	async testCredential({ id, name, type, data }) {
		if (!id) id = await this.createCredential({ name, type, data });
		return this.post('/rest/credentials/test', { credentials: { id, name, type, data } });
	}

	/**
	 * Creates an inactive workflow; answers with n8n's copy of it (with its `id`).
	 * @param {WorkflowSpec} workflow
	 * @returns {Promise<{ id: string, versionId: string }>}
	 */
	async createWorkflow(workflow) {
		const body = {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: { executionOrder: 'v1', ...(workflow.settings || {}) },
			active: false,
		};
		return this.post('/rest/workflows', body);
	}

	/**
	 * Activates (n8n 1.x) or publishes (n8n 2.x) a workflow so its webhooks listen.
	 * @param {string} id
	 */
	async activateWorkflow(id) {
		const wf = await this.get(`/rest/workflows/${id}`);
		const res = await this.request(
			'POST',
			`/rest/workflows/${id}/activate`,
			{ versionId: wf.versionId },
			{ raw: true },
		);
		if (res.status === 200) return res.json?.data;
		if (res.status !== 404)
			throw new Error(`activate ${id} → HTTP ${res.status}: ${res.text.slice(0, 500)}`);
		return this.patch(`/rest/workflows/${id}`, { active: true, versionId: wf.versionId });
	}

	/**
	 * n8n registers an activated workflow's webhooks shortly after answering the activation.
	 * @param {string} webhookPath
	 */
	async waitForWebhook(webhookPath, timeoutMs = 20000) {
		const { fetch } = require('undici');
		const started = Date.now();
		for (;;) {
			// Registered for POST only: a GET is refused with "Did you mean to make a POST request?".
			const res = await fetch(`${this.baseUrl}/webhook/${webhookPath}`, { method: 'GET' });
			const text = await res.text();
			if (res.status !== 404 || /Did you mean/i.test(text)) return;
			if (Date.now() - started > timeoutMs)
				throw new Error(`webhook ${webhookPath} not registered after ${timeoutMs} ms: ${text}`);
			await sleep(150);
		}
	}

	/** @returns {Promise<NodeTypeDescription[]>} */
	async nodeTypes() {
		return this.get('/types/nodes.json');
	}

	/** @returns {Promise<Array<{ name: string, displayName: string }>>} */
	async credentialTypes() {
		return this.get('/types/credentials.json');
	}

	/**
	 * The workflow's last 50 executions (summaries).
	 * @param {string | number} workflowId
	 * @returns {Promise<Array<{ id: string, status: string, finished: boolean }>>}
	 */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId) }));
		const res = await this.get(`/rest/executions?filter=${filter}&limit=50`);
		return res.results ?? res;
	}

	/**
	 * @param {string | number} id
	 * @returns {Promise<ExecutionRecord>}
	 */
	async execution(id) {
		return this.get(`/rest/executions/${id}`);
	}
}

module.exports = { OWNER, BROWSER_ID, N8nClient, sleep };
