'use strict';
/**
 * Runs a real n8n on loopback with this package installed the way a user installs it, and talks
 * to it over its REST API. Shared by the end-to-end suite (test/e2e/harness.ts) and `npm start`.
 */
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, CACHE, ensureN8n, run } = require('./n8nEnv');

const PACKAGE_JSON = path.join(ROOT, 'package.json');
const OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'Demo-Passw0rd!',
	firstName: 'Demo',
	lastName: 'Owner',
});
const BROWSER_ID = 'n8n-nodes-mobilepronto-smsend-e2e';

const defaultLog = (msg) => process.stderr.write(`[n8n] ${msg}\n`);

function readPackageJson() {
	return JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8'));
}

function npm() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Environment for npm commands run on the machine's Node.js (not inheriting `npm run`'s package vars). */
function cleanEnv() {
	const env = { ...process.env };
	for (const k of Object.keys(env)) {
		if (/^npm_(package|lifecycle)_/i.test(k) || k === 'INIT_CWD') delete env[k];
	}
	return env;
}

/** `npm run build` then `npm pack`: the tarball a user would get from the registry. */
async function packPackage({ log = defaultLog, build = true } = {}) {
	const env = cleanEnv();
	if (build) await run(npm(), ['run', 'build'], { cwd: ROOT, env, log, label: 'npm run build' });
	const dest = path.join(CACHE, 'pack');
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	// --ignore-scripts: prepack would build a second time.
	const out = await run(npm(), ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
		cwd: ROOT,
		env,
		log,
		label: 'npm pack',
	});
	const info = JSON.parse(out.slice(out.indexOf('[')))[0];
	return { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path) };
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` as n8n's Community Nodes installer does
 * (its own package.json, `npm install <package>` there), so only the published files and the
 * declared runtime dependencies are available to n8n.
 */
async function installPackage(userFolder, tarball, { log = defaultLog } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		fs.writeFileSync(
			pkgFile,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	await run(
		npm(),
		[
			'install',
			tarball,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--omit=dev',
			'--legacy-peer-deps',
			'--no-package-lock',
		],
		{
			cwd: nodesDir,
			env: cleanEnv(),
			log,
			label: `npm install ${path.basename(tarball)} into .n8n/nodes`,
		},
	);
	return path.join(nodesDir, 'node_modules', readPackageJson().name);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** n8n's settings for a quiet, loopback-only instance. */
function n8nEnvironment({ userFolder, port, extra = {} }) {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: 'e2e-demo-encryption-key-not-secret',
		N8N_USER_MANAGEMENT_JWT_SECRET: 'e2e-demo-jwt-secret-not-secret',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_SQLITE_POOL_SIZE: '2',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		// Outbound request protection: on, with only the loopback sandbox allowed.
		N8N_SSRF_PROTECTION_ENABLED: 'true',
		N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
		N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost',
		...extra,
	};
}

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

/**
 * Starts `n8n start` in its own process group. Returns { url, port, userFolder, client, stop, logs }.
 * `nodeArgs`: Node.js flags for n8n's process, e.g. ['--cpu-prof'] (the benchmark's BENCH_CPU_PROF).
 */
async function startN8n({
	version,
	userFolder,
	tarball,
	port,
	log = defaultLog,
	env: extraEnv = {},
	stdio = 'pipe',
	readyTimeoutMs = 180000,
	nodeArgs = [],
} = {}) {
	const info = await ensureN8n(version, { log });
	userFolder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${info.version}-`));
	if (tarball) await installPackage(userFolder, tarball, { log });
	port = port || (await freePort());
	// The task runners' broker listens too (default 5679): a free port, so instances can coexist.
	const brokerPort = await freePort();
	const env = {
		...info.env(),
		...n8nEnvironment({
			userFolder,
			port,
			extra: { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...extraEnv },
		}),
	};
	// Under jest NODE_ENV is 'test', which makes n8n refuse to load nodes ("Not available in tests").
	for (const k of Object.keys(env))
		if (k === 'NODE_ENV' || k.startsWith('JEST_') || k === 'NODE_OPTIONS') delete env[k];
	const started = Date.now();
	log(`starting n8n ${info.version} on http://127.0.0.1:${port} (user folder ${userFolder})`);
	const child = spawn(info.nodeExe, [...nodeArgs, info.bin, 'start'], {
		cwd: userFolder,
		env,
		detached: true, // own process group: stop() kills n8n and its task runners together
		stdio: stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
	});
	const logs = [];
	const keep = (b) => {
		logs.push(b.toString());
		if (logs.length > 2000) logs.splice(0, logs.length - 2000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});

	const killGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {}
	};
	const stop = async () => {
		if (!exited) {
			killGroup('SIGTERM');
			const t = setTimeout(() => killGroup('SIGKILL'), 15000);
			await exitPromise;
			clearTimeout(t);
		}
		killGroup('SIGKILL'); // anything left in the group (task runners)
	};
	/** A crash: SIGKILL to n8n's whole process group (task runners included), no shutdown. */
	const kill = async () => {
		killGroup('SIGKILL');
		await exitPromise;
	};

	const url = `http://127.0.0.1:${port}`;
	const client = new N8nClient(url);
	for (;;) {
		if (exited) {
			throw new Error(
				`n8n ${info.version} exited (${JSON.stringify(exited)}) before it was ready:\n${logs.join('').slice(-4000)}`,
			);
		}
		if (Date.now() - started > readyTimeoutMs) {
			await stop();
			throw new Error(
				`n8n ${info.version} not ready after ${readyTimeoutMs} ms:\n${logs.join('').slice(-4000)}`,
			);
		}
		try {
			// While migrating and loading nodes n8n answers every path with 200 "n8n is starting up".
			const ready = await client.request('GET', '/healthz/readiness', undefined, { raw: true });
			if (ready.status === 200) {
				const res = await client.request('GET', '/rest/settings', undefined, { raw: true });
				if (res.status === 200 && res.json?.data) break;
			}
		} catch {}
		await sleep(500);
	}
	log(`n8n ${info.version} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return {
		version: info.version,
		info,
		url,
		port,
		userFolder,
		client,
		stop,
		kill,
		logs,
		child,
		env,
	};
}

module.exports = {
	OWNER,
	BROWSER_ID,
	readPackageJson,
	packPackage,
	installPackage,
	freePort,
	n8nEnvironment,
	startN8n,
	N8nClient,
	sleep,
};
