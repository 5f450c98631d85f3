// @ts-check
'use strict';
// The whole queue-mode cluster: Redis, PostgreSQL, an n8n main and its workers, in one directory.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { stripVTControlCharacters } = require('node:util');
const { ensureN8n } = require('../n8nEnv');
const { installPackage, N8nClient } = require('../n8nServer');
const { defaultLog, freePorts } = require('./processGroup');
const { reaperSend } = require('./reaper');
const { queueModeRequirements } = require('./requirements');
const { startRedis } = require('./redis');
const { startPostgres } = require('./postgres');
const { startN8nProcess } = require('./n8nProcess');

/**
 * @typedef {import('./n8nProcess').N8nProcess} N8nProcess
 * @typedef {import('./n8nProcess').N8nProcessSpec} N8nProcessSpec
 * @typedef {Awaited<ReturnType<typeof startQueueCluster>>} QueueCluster
 */

/**
 * Starts Redis, PostgreSQL, one n8n main and `workers` n8n workers, with `tarball` installed into
 * every n8n user folder. Returns the cluster (see the object at the end). On failure everything
 * started so far is stopped before the error is thrown.
 * @param {{
 *   version?: string,
 *   tarball?: string,
 *   workers?: number,
 *   workerArgs?: string[],
 *   env?: Record<string, string>,
 *   log?: import('../n8nEnv').Log,
 *   keep?: boolean,
 * }} [options] `keep`: leave the directory (logs, data) when stopped; default $N8N_E2E_KEEP=1
 */
async function startQueueCluster({
	version,
	tarball,
	workers: workerCount = 2,
	workerArgs = [],
	env: extraEnv = {},
	log = defaultLog,
	keep = process.env.N8N_E2E_KEEP === '1',
} = {}) {
	const info = await ensureN8n(version, { log });
	const requirements = queueModeRequirements();
	if (requirements.missing.length) {
		throw new Error(
			`queue mode needs: ${requirements.missing.join('; ')} (apt-get install -y redis-server postgresql)`,
		);
	}
	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-queue-${info.version}-`));
	if (!keep) reaperSend({ dir });
	const logsDir = path.join(dir, 'logs');
	fs.mkdirSync(logsDir);
	/** @type {Awaited<ReturnType<typeof startRedis>> | undefined} */
	let redis;
	/** @type {Awaited<ReturnType<typeof startPostgres>> | undefined} */
	let postgres;
	/** @type {N8nProcess | undefined} */
	let main;
	/** @type {N8nProcess[]} */
	const workers = [];
	// Stopping goes on past a process that fails to stop: the others must end too.
	const stopAll = async () => {
		await Promise.all(workers.map((w) => w.stop().catch(() => {})));
		await main?.stop().catch(() => {});
		await redis?.stop().catch(() => {});
		await postgres?.stop().catch(() => {});
	};
	try {
		const [pg, rd] = await Promise.all([
			startPostgres({
				dir: path.join(dir, 'postgres'),
				log,
				binDir: requirements.pgBinDir,
				logFile: path.join(logsDir, 'postgres.log'),
			}),
			startRedis({
				dir: path.join(dir, 'redis'),
				log,
				binary: requirements.redisServer,
				logFile: path.join(logsDir, 'redis.log'),
			}),
		]);
		postgres = pg;
		redis = rd;

		const sharedEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			DB_POSTGRESDB_SCHEMA: 'public',
			...extraEnv,
		};
		const ports = await freePorts(2 + 2 * workerCount);
		/** @type {N8nProcessSpec} */
		const mainSpec = {
			info,
			role: 'main',
			name: 'main',
			userFolder: path.join(dir, 'main'),
			mainPort: ports[0],
			brokerPort: ports[1],
			sharedEnv,
			logFile: path.join(logsDir, 'main.log'),
		};
		/** @type {N8nProcessSpec[]} */
		const workerSpecs = Array.from({ length: workerCount }, (_, i) => ({
			info,
			role: 'worker',
			name: `worker-${i + 1}`,
			userFolder: path.join(dir, `worker-${i + 1}`),
			mainPort: ports[0],
			brokerPort: ports[2 + 2 * i],
			healthPort: ports[3 + 2 * i],
			sharedEnv,
			args: workerArgs,
			logFile: path.join(logsDir, `worker-${i + 1}.log`),
		}));
		for (const spec of [mainSpec, ...workerSpecs])
			fs.mkdirSync(spec.userFolder, { recursive: true });
		if (tarball) {
			// The package in every user folder: a worker loads community nodes from its own .n8n/nodes.
			for (const spec of [mainSpec, ...workerSpecs])
				await installPackage(spec.userFolder, tarball, { log });
		}
		// The main first: it runs the database migrations; workers started during them would race it.
		main = await startN8nProcess(mainSpec, { log });
		const startedWorkers = await Promise.allSettled(
			workerSpecs.map((spec) => startN8nProcess(spec, { log })),
		);
		for (const r of startedWorkers) if (r.status === 'fulfilled') workers.push(r.value);
		const failed = startedWorkers.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
	} catch (error) {
		await stopAll();
		if (!keep) {
			fs.rmSync(dir, { recursive: true, force: true });
			reaperSend({ undir: dir });
		}
		throw error;
	}
	log(
		`queue cluster (n8n ${info.version}: main + ${workerCount} workers, redis, postgres) up in ${((Date.now() - started) / 1000).toFixed(0)} s in ${dir}`,
	);

	// From here on there is always a main (a failure to start it threw above); `main` changes on
	// restarts, which is why it is read through this.
	const currentMain = () => /** @type {N8nProcess} */ (main);
	/** @param {string} file */
	const readLog = (file) =>
		fs.existsSync(file) ? stripVTControlCharacters(fs.readFileSync(file, 'utf8')) : '';
	let stopped = false;
	const cluster = {
		version: info.version,
		dir,
		redis,
		postgres,
		get main() {
			return currentMain();
		},
		get workers() {
			return workers;
		},
		url: currentMain().url,
		port: currentMain().mainPort,
		/** A fresh REST client for the main (log in with it). */
		client: () => new N8nClient(currentMain().url),
		/** @param {string} name */
		logFile: (name) => path.join(logsDir, `${name}.log`),
		/**
		 * Everything a process wrote so far, over all its restarts ('main', 'worker-1', ...).
		 * @param {string} name
		 */
		log: (name) => readLog(path.join(logsDir, `${name}.log`)),

		/** @param {number} i */
		async stopWorker(i) {
			const t = Date.now();
			await workers[i].stop();
			log(`${workers[i].name} stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
		},
		/** @param {number} i */
		async startWorker(i) {
			workers[i] = await startN8nProcess(workers[i], { log });
			return workers[i];
		},
		/** @param {number} i */
		async restartWorker(i) {
			await cluster.stopWorker(i);
			return cluster.startWorker(i);
		},
		async stopMain() {
			const t = Date.now();
			await currentMain().stop();
			log(`main stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
		},
		async startMain() {
			main = await startN8nProcess(currentMain(), { log });
			return main;
		},
		async restartMain() {
			await cluster.stopMain();
			return cluster.startMain();
		},

		/**
		 * Which worker ran which execution, from the workers' own logs ("Worker started execution
		 * <id> (job <n>)" / "Worker finished execution <id> (job <n>)", logged by n8n's JobProcessor).
		 * Map execution id → { started: worker names, finished: worker names }.
		 */
		workerRuns() {
			/** @type {Map<string, { started: string[], finished: string[] }>} */
			const runs = new Map();
			/** @param {string} id */
			const entry = (id) => {
				let run = runs.get(id);
				if (!run) runs.set(id, (run = { started: [], finished: [] }));
				return run;
			};
			for (const w of workers.length ? workers : []) {
				const name = w?.name;
				if (!name) continue;
				const text = readLog(path.join(logsDir, `${name}.log`));
				for (const m of text.matchAll(/Worker started execution (\d+) \(job [^)]+\)/g))
					entry(m[1]).started.push(name);
				for (const m of text.matchAll(/Worker finished execution (\d+) \(job [^)]+\)/g))
					entry(m[1]).finished.push(name);
			}
			return runs;
		},
		/** Execution ids the main put on the queue ("Enqueued execution <id> (job <n>)", ScalingService). */
		enqueued() {
			/** @type {string[]} */
			const ids = [];
			for (const m of readLog(path.join(logsDir, 'main.log')).matchAll(
				/Enqueued execution (\d+) \(job [^)]+\)/g,
			))
				ids.push(m[1]);
			return ids;
		},
		/** Process-group ids of every running process, by name. */
		groups() {
			/** @type {Record<string, number>} */
			const out = {};
			/**
			 * @param {string} name
			 * @param {import('./processGroup').GroupProcess} proc
			 */
			const add = (name, proc) => {
				if (proc.pid !== undefined) out[name] = proc.pid; // always, once started
			};
			add('redis', redis.proc);
			add('postgres', postgres.proc);
			add('main', currentMain().proc);
			for (const w of workers) if (!w.proc.exited()) add(w.name, w.proc);
			return out;
		},

		async stop() {
			if (stopped) return;
			stopped = true;
			await stopAll();
			if (keep) log(`kept ${dir}`);
			else {
				fs.rmSync(dir, { recursive: true, force: true });
				reaperSend({ undir: dir });
			}
		},
	};
	return cluster;
}

module.exports = { startQueueCluster };
