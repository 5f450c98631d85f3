// @ts-check
'use strict';
// The n8n processes of the queue cluster: `n8n start` (the main) and `n8n worker`.
const fs = require('node:fs');
const { n8nEnvironment, N8nClient, sleep } = require('../n8nServer');
const { defaultLog, spawnGroup } = require('./processGroup');

/**
 * What one n8n process of the cluster is and where it listens; the same spec starts it again.
 * @typedef {object} N8nProcessSpec
 * @property {import('../n8nEnv').N8nInstall} info the n8n it runs
 * @property {'main' | 'worker'} role
 * @property {string} name 'main', 'worker-1', ...
 * @property {string} userFolder its own N8N_USER_FOLDER
 * @property {number} mainPort the main's HTTP port (also set for workers: n8n reads N8N_PORT)
 * @property {number} brokerPort its task-runner broker
 * @property {number} [healthPort] a worker's health server
 * @property {Record<string, string>} sharedEnv queue, Redis and database settings of the cluster
 * @property {string[]} [args] extra arguments to `n8n start` / `n8n worker`
 * @property {string} logFile
 *
 * A started n8n process: its spec, the process, and how to stop it.
 * @typedef {N8nProcessSpec & {
 *   proc: import('./processGroup').GroupProcess,
 *   pid: number | undefined,
 *   url: string,
 *   stop: () => Promise<void>,
 * }} N8nProcess
 */

/**
 * Starts one n8n process of the cluster (`n8n start` or `n8n worker`) and waits until it is ready:
 * the main's /healthz/readiness and /rest/settings; a worker's health server /healthz/readiness
 * (200 once its database is migrated, Redis connected and the queue consumed).
 * @param {N8nProcessSpec} spec
 * @param {{ log?: import('../n8nEnv').Log, readyTimeoutMs?: number }} [options]
 * @returns {Promise<N8nProcess>}
 */
async function startN8nProcess(spec, { log = defaultLog, readyTimeoutMs = 240000 } = {}) {
	const {
		info,
		role,
		name,
		userFolder,
		mainPort,
		brokerPort,
		healthPort,
		sharedEnv,
		args = [],
		logFile,
	} = spec;
	const isWorker = role === 'worker';
	const extra = {
		...sharedEnv,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...(isWorker
			? {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					// Default '::', every address.
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}
			: {}),
	};
	const env = { ...info.env(), ...n8nEnvironment({ userFolder, port: mainPort, extra }) };
	// Under jest NODE_ENV is 'test', which makes n8n refuse to load nodes ("Not available in tests").
	for (const k of Object.keys(env))
		if (k === 'NODE_ENV' || k.startsWith('JEST_') || k === 'NODE_OPTIONS') delete env[k];
	const started = Date.now();
	fs.appendFileSync(
		logFile,
		`\n===== ${new Date().toISOString()} starting ${name} (n8n ${role === 'main' ? 'start' : 'worker'} ${args.join(' ')})\n`,
	);
	const proc = spawnGroup({
		name,
		cmd: info.nodeExe,
		args: [info.bin, isWorker ? 'worker' : 'start', ...args],
		env,
		cwd: userFolder,
		logFile,
	});
	const client = new N8nClient(`http://127.0.0.1:${isWorker ? healthPort : mainPort}`);
	try {
		for (;;) {
			if (proc.exited())
				throw new Error(
					`${name} exited (${JSON.stringify(proc.exited())}) before it was ready:\n${proc.tail()}`,
				);
			if (Date.now() - started > readyTimeoutMs)
				throw new Error(`${name} not ready after ${readyTimeoutMs} ms:\n${proc.tail()}`);
			try {
				const ready = await client.request('GET', '/healthz/readiness', undefined, { raw: true });
				if (ready.status === 200) {
					if (isWorker) break;
					// While migrating and loading nodes the main answers every path with 200 "n8n is starting up".
					const settings = await client.request('GET', '/rest/settings', undefined, { raw: true });
					if (settings.status === 200 && settings.json?.data) break;
				}
			} catch {
				// not answering yet while n8n starts: ask again
			}
			await sleep(300);
		}
	} catch (error) {
		await proc.stop({ timeoutMs: 5000 });
		throw error;
	}
	log(`${name} (n8n ${info.version}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return {
		...spec,
		proc,
		pid: proc.pid,
		url: `http://127.0.0.1:${mainPort}`,
		// Workers finish running executions on SIGTERM (N8N_GRACEFUL_SHUTDOWN_TIMEOUT, 30 s by default).
		stop: () => proc.stop({ signal: 'SIGTERM', timeoutMs: 45000 }),
	};
}

module.exports = { startN8nProcess };
