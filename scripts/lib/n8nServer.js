// @ts-check
'use strict';
/**
 * Runs a real n8n on loopback with this package installed the way a user installs it, and talks
 * to it over its REST API. Shared by the end-to-end suite (test/e2e/harness.ts) and `npm start`.
 * The packing and installing is n8nPackage.js, the REST client n8nClient.js; both are
 * re-exported here.
 */
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureN8n } = require('./n8nEnv');
const { readPackageJson, packPackage, installPackage } = require('./n8nPackage');
const { OWNER, BROWSER_ID, N8nClient, sleep } = require('./n8nClient');

/** @param {string} msg */
const defaultLog = (msg) => process.stderr.write(`[n8n] ${msg}\n`);

/**
 * A TCP port free on 127.0.0.1 right now.
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

/**
 * n8n's settings for a quiet, loopback-only instance.
 * @param {{ userFolder: string, port: number, extra?: Record<string, string> }} options
 * @returns {Record<string, string | undefined>}
 */
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

/**
 * Starts `n8n start` in its own process group. Returns { url, port, userFolder, client, stop, logs }.
 * `nodeArgs`: Node.js flags for n8n's process, e.g. ['--cpu-prof'] (the benchmark's BENCH_CPU_PROF).
 * @param {{
 *   version?: string,
 *   userFolder?: string,
 *   tarball?: string,
 *   port?: number,
 *   log?: import('./n8nEnv').Log,
 *   env?: Record<string, string>,
 *   stdio?: 'pipe' | 'inherit',
 *   readyTimeoutMs?: number,
 *   nodeArgs?: string[],
 * }} [options]
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
	/** @type {string[]} */
	const logs = [];
	/** @param {Buffer} b */
	const keep = (b) => {
		logs.push(b.toString());
		if (logs.length > 2000) logs.splice(0, logs.length - 2000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	/** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});

	/** @param {NodeJS.Signals} signal */
	const killGroup = (signal) => {
		if (child.pid === undefined) return; // never started
		try {
			process.kill(-child.pid, signal);
		} catch {
			// the group has already ended
		}
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
		} catch {
			// not answering yet while n8n starts: ask again
		}
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
