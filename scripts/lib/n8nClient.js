'use strict';
/** A minimal cookie-keeping client for n8n's REST API, and the demo owner it logs in as. */

const OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'Demo-Passw0rd!',
	firstName: 'Demo',
	lastName: 'Owner',
});
const BROWSER_ID = 'n8n-nodes-mobilepronto-smsend-e2e';

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** Minimal cookie-keeping REST client for n8n. */
class N8nClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.cookie = '';
	}

	async request(method, urlPath, body, { expect = [200], raw = false } = {}) {
		const { fetch } = require('undici');
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

	get(p, o) {
		return this.request('GET', p, undefined, o);
	}
	post(p, b, o) {
		return this.request('POST', p, b ?? {}, o);
	}
	patch(p, b, o) {
		return this.request('PATCH', p, b ?? {}, o);
	}
	delete(p, o) {
		return this.request('DELETE', p, undefined, o);
	}

	/** Creates the owner account (first run) or logs in as owner. */
	async setupOwner(owner = OWNER) {
		const settings = await this.get('/rest/settings');
		const needsSetup = settings?.userManagement?.showSetupOnFirstLoad !== false;
		if (needsSetup) {
			const res = await this.request('POST', '/rest/owner/setup', owner, { raw: true });
			if (res.status === 200) return res.json?.data;
		}
		return this.login(owner);
	}

	login(owner = OWNER) {
		return this.post('/rest/login', {
			email: owner.email,
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}

	/** Creates a credential through n8n; returns its id. */
	async createCredential({ name, type, data }) {
		const res = await this.post('/rest/credentials', { name, type, data, isResolvable: false });
		return res.id;
	}

	/**
	 * n8n's credential test (the "Test" button): { status: 'OK' | 'Error', message }. n8n 2.x
	 * tests saved credentials only (the editor saves before testing), so one is created first.
	 */
	async testCredential({ id, name, type, data }) {
		if (!id) id = await this.createCredential({ name, type, data });
		return this.post('/rest/credentials/test', { credentials: { id, name, type, data } });
	}

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

	/** Activates (n8n 1.x) or publishes (n8n 2.x) a workflow so its webhooks listen. */
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

	/** n8n registers an activated workflow's webhooks shortly after answering the activation. */
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

	async nodeTypes() {
		return this.get('/types/nodes.json');
	}

	async credentialTypes() {
		return this.get('/types/credentials.json');
	}

	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId) }));
		const res = await this.get(`/rest/executions?filter=${filter}&limit=50`);
		return res.results ?? res;
	}

	async execution(id) {
		return this.get(`/rest/executions/${id}`);
	}
}

module.exports = { OWNER, BROWSER_ID, N8nClient, sleep };
