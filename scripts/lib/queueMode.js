'use strict';
/**
 * n8n in queue mode on loopback, for the end-to-end queue profile (test/e2e/queueMode.e2e.test.ts,
 * `npm run test:e2e:queue`):
 *
 *   Redis (Debian `redis-server`)  ── the Bull queue, pub/sub and n8n's cache
 *   PostgreSQL (Debian `postgresql`) ── the one database every n8n process shares (n8n does not
 *                                      support SQLite in queue mode)
 *   n8n main (`n8n start`)          ── editor/REST API, webhooks, triggers and pollers; enqueues
 *   n8n workers (`n8n worker`) × N  ── run the executions
 *
 * Everything is created in one temporary directory and listens on 127.0.0.1 only, each process
 * on its own free port (n8n's HTTP port, each process's task-runner broker, each worker's health
 * server, Redis, PostgreSQL). The PostgreSQL cluster is a throw-away one (initdb into the
 * temporary directory, fsync off), run as the `postgres` system user when this runs as root
 * (postgres refuses to run as root). Every n8n process has its own N8N_USER_FOLDER with the packed
 * package installed in `.n8n/nodes`, the way a user installs a community package: a worker loads
 * community nodes from its own user folder, so each worker needs the package there too.
 *
 * Every process runs in its own process group; `cluster.stop()` ends them all (also when the
 * start failed half-way), and a reaper process ends whatever is left if this process dies first.
 */
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ensureN8n } = require('./n8nEnv');
const { installPackage, freePort, n8nEnvironment, N8nClient, sleep } = require('./n8nServer');

const PG = Object.freeze({
	user: 'n8n',
	password: 'e2e-queue-postgres-password-not-secret',
	database: 'n8n',
});

const defaultLog = (msg) => process.stderr.write(`[queue] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Processes in their own groups, ended whatever happens to this process.
//
// Each process runs detached (its own process group, so a Ctrl-C in the terminal does not reach
// it and stopping it also ends its children). If this process dies without stopping them (jest
// killed, a crash, SIGKILL), a small reaper process notices: it holds the other end of a pipe
// from this process, and on end-of-file it ends every registered group and deletes the
// registered directories. (Signal and exit handlers are not enough: under jest the test's
// `process` is a copy whose handlers never run.)

const REAPER_SOURCE = `
const fs = require('node:fs');
const groups = new Map();
const dirs = new Set();
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
	buffer += chunk;
	for (let i; (i = buffer.indexOf('\\n')) >= 0; ) {
		const line = buffer.slice(0, i);
		buffer = buffer.slice(i + 1);
		try {
			const m = JSON.parse(line);
			if (m.add) groups.set(m.add, m.signal);
			if (m.del) groups.delete(m.del);
			if (m.dir) dirs.add(m.dir);
			if (m.undir) dirs.delete(m.undir);
		} catch {}
	}
});
process.stdin.on('end', () => {
	for (const [pgid, signal] of groups) {
		try {
			if (signal === 'SIGINT') process.kill(pgid, 'SIGINT');
			else process.kill(-pgid, signal);
		} catch {}
	}
	setTimeout(() => {
		for (const pgid of groups.keys()) {
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {}
		}
		setTimeout(() => {
			for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
			process.exit(0);
		}, groups.size ? 1000 : 0);
	}, groups.size ? 8000 : 0);
});
`;

let reaper;
function reaperSend(message) {
	if (!reaper) {
		reaper = spawn(process.execPath, ['-e', REAPER_SOURCE], {
			detached: true,
			stdio: ['pipe', 'ignore', 'ignore'],
		});
		reaper.on('error', () => {});
		reaper.stdin.on('error', () => {});
		reaper.unref();
		reaper.stdin.unref?.();
		reaper.stdin._handle?.unref?.();
	}
	reaper.stdin.write(`${JSON.stringify(message)}\n`);
}

const live = new Set();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const proc of live) {
			try {
				process.kill(-proc.pid, 'SIGKILL');
			} catch {}
		}
	});
}

/**
 * Spawns `cmd` detached (its own process group), appending stdout and stderr to `logFile`.
 * Returns { name, pid, child, exited(), exitPromise, tail(), stop() }.
 */
function spawnGroup({ name, cmd, args, env, cwd, logFile, uid, gid, reaperSignal = 'SIGTERM' }) {
	installExitHook();
	const child = spawn(cmd, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		...(uid !== undefined ? { uid, gid } : {}),
	});
	const stream = fs.createWriteStream(logFile, { flags: 'a' });
	const recent = [];
	const keep = (b) => {
		stream.write(b);
		recent.push(b.toString());
		if (recent.length > 400) recent.splice(0, recent.length - 400);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let exited = null;
	const proc = { name, pid: child.pid, child, logFile };
	live.add(proc);
	if (child.pid) reaperSend({ add: child.pid, signal: reaperSignal });
	const forget = () => {
		if (!live.has(proc)) return;
		live.delete(proc);
		if (child.pid) reaperSend({ del: child.pid });
	};
	proc.exitPromise = new Promise((resolve) => {
		child.on('error', (error) => {
			exited = { error: error.message };
			forget();
			stream.end();
			resolve(exited);
		});
		child.on('close', (code, signal) => {
			exited = { code, signal };
			forget();
			stream.end();
			resolve(exited);
		});
	});
	proc.exited = () => exited;
	proc.tail = (chars = 4000) => recent.join('').slice(-chars);
	const killGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {}
	};
	/** `signal` to the leader (or the group), SIGKILL to the group after `timeoutMs`, then SIGKILL to what is left. */
	proc.stop = async ({ signal = 'SIGTERM', group = true, timeoutMs = 20000 } = {}) => {
		if (!exited) {
			if (group) killGroup(signal);
			else {
				try {
					process.kill(child.pid, signal);
				} catch {}
			}
			const timer = setTimeout(() => killGroup('SIGKILL'), timeoutMs);
			await proc.exitPromise;
			clearTimeout(timer);
		}
		killGroup('SIGKILL'); // children left in the group (n8n's task runners)
		forget();
	};
	return proc;
}

function run(cmd, args, { env, uid, gid, cwd } = {}) {
	const res = spawnSync(cmd, args, {
		env,
		cwd,
		encoding: 'utf8',
		...(uid !== undefined ? { uid, gid } : {}),
	});
	if (res.error) throw new Error(`${path.basename(cmd)} ${args.join(' ')}: ${res.error.message}`);
	if (res.status !== 0) {
		throw new Error(
			`${path.basename(cmd)} ${args.join(' ')} failed (exit ${res.status}):\n${res.stdout}${res.stderr}`,
		);
	}
	return res.stdout;
}

/** Free loopback ports, all different. */
async function freePorts(count) {
	const ports = new Set();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

// ---------------------------------------------------------------------------------------------
// Finding Redis and PostgreSQL.

function onPath(binary) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const file = path.join(dir, binary);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {}
	}
	return undefined;
}

function findRedisServer() {
	const explicit = process.env.N8N_E2E_REDIS_SERVER;
	if (explicit) return explicit;
	return (
		onPath('redis-server') ||
		(fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined)
	);
}

/** The directory with initdb, postgres, pg_isready and createdb: Debian's /usr/lib/postgresql/<major>/bin (newest first), or PATH. */
function findPostgresBinDir() {
	const has = (dir) =>
		['initdb', 'postgres', 'pg_isready', 'createdb'].every((b) => fs.existsSync(path.join(dir, b)));
	const explicit = process.env.N8N_E2E_PG_BINDIR;
	if (explicit) return has(explicit) ? explicit : undefined;
	const debian = '/usr/lib/postgresql';
	if (fs.existsSync(debian)) {
		const majors = fs
			.readdirSync(debian)
			.filter((v) => /^\d+$/.test(v))
			.sort((a, b) => Number(b) - Number(a));
		for (const major of majors) {
			const dir = path.join(debian, major, 'bin');
			if (has(dir)) return dir;
		}
	}
	const initdb = onPath('initdb');
	if (initdb) {
		const dir = path.dirname(fs.realpathSync(initdb));
		if (has(dir)) return dir;
	}
	return undefined;
}

/** What the queue profile needs and where it was found; `missing` lists what is not there. */
function queueModeRequirements() {
	const redisServer = findRedisServer();
	const pgBinDir = findPostgresBinDir();
	const missing = [];
	if (!redisServer) missing.push('redis-server (Debian package redis-server)');
	if (!pgBinDir)
		missing.push('PostgreSQL server binaries initdb/postgres (Debian package postgresql)');
	if (process.getuid?.() === 0 && !systemUser('postgres')) {
		missing.push(
			'the postgres system user (created by the Debian postgresql package; postgres refuses to run as root)',
		);
	}
	return { redisServer, pgBinDir, missing };
}

function systemUser(name) {
	try {
		for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
			const [user, , uid, gid] = line.split(':');
			if (user === name) return { uid: Number(uid), gid: Number(gid) };
		}
	} catch {}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Redis.

function redisPing(port, timeoutMs = 1000) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let reply = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (b) => {
			reply += b.toString();
			if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
		});
	});
}

/** redis-server on 127.0.0.1:<free port>, no persistence, working directory in `dir`. */
async function startRedis({
	dir,
	log = defaultLog,
	binary = findRedisServer(),
	logFile = path.join(dir, 'redis.log'),
}) {
	if (!binary)
		throw new Error(
			'redis-server not found: apt-get install -y redis-server (or set N8N_E2E_REDIS_SERVER)',
		);
	fs.mkdirSync(dir, { recursive: true });
	const [port] = await freePorts(1);
	const started = Date.now();
	const proc = spawnGroup({
		name: 'redis',
		cmd: binary,
		args: [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--unixsocket',
			'',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--logfile',
			'',
		],
		env: { PATH: process.env.PATH, LANG: 'C' },
		cwd: dir,
		logFile,
	});
	for (;;) {
		if (proc.exited())
			throw new Error(`redis-server exited (${JSON.stringify(proc.exited())}):\n${proc.tail()}`);
		if (await redisPing(port)) break;
		if (Date.now() - started > 20000) {
			await proc.stop();
			throw new Error(`redis-server not answering PING after 20 s:\n${proc.tail()}`);
		}
		await sleep(100);
	}
	log(`redis ${port} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return {
		host: '127.0.0.1',
		port,
		proc,
		stop: () => proc.stop({ signal: 'SIGTERM', timeoutMs: 10000 }),
	};
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL.

/**
 * A new PostgreSQL cluster in `dir` (initdb), listening on 127.0.0.1:<free port> with its unix
 * socket in `dir`, password login for `PG.user`, database `PG.database` created. Runs as the
 * `postgres` system user when this process is root.
 */
async function startPostgres({
	dir,
	log = defaultLog,
	binDir = findPostgresBinDir(),
	logFile = `${dir}.log`,
}) {
	if (!binDir)
		throw new Error(
			'PostgreSQL server binaries not found: apt-get install -y postgresql (or set N8N_E2E_PG_BINDIR)',
		);
	const started = Date.now();
	const asUser = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
	if (process.getuid?.() === 0 && !asUser)
		throw new Error('running as root and there is no postgres system user to run PostgreSQL as');
	const data = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	const pwfile = path.join(dir, 'pwfile');
	fs.mkdirSync(socketDir, { recursive: true });
	fs.writeFileSync(pwfile, `${PG.password}\n`, { mode: 0o600 });
	if (asUser) {
		for (const p of [dir, socketDir, pwfile]) fs.chownSync(p, asUser.uid, asUser.gid);
		// The postgres user must be able to reach `dir` through its parents (mkdtemp makes them 0700).
		for (
			let p = path.dirname(dir);
			p !== path.dirname(p) && p.startsWith(os.tmpdir());
			p = path.dirname(p)
		) {
			if (p === os.tmpdir()) break;
			fs.chmodSync(p, fs.statSync(p).mode | 0o711);
		}
	}
	const ids = asUser ? { uid: asUser.uid, gid: asUser.gid } : {};
	const pgEnv = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' };
	run(
		path.join(binDir, 'initdb'),
		[
			'-D',
			data,
			'-U',
			PG.user,
			`--pwfile=${pwfile}`,
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'-E',
			'UTF8',
			'--no-locale',
			'--no-sync',
		],
		{ env: pgEnv, cwd: dir, ...ids },
	);
	fs.rmSync(pwfile, { force: true });
	const [port] = await freePorts(1);
	const proc = spawnGroup({
		name: 'postgres',
		cmd: path.join(binDir, 'postgres'),
		args: [
			'-D',
			data,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			'-k',
			socketDir,
			// A throw-away cluster: durability off.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=60',
		],
		env: pgEnv,
		cwd: dir,
		logFile,
		reaperSignal: 'SIGINT', // to the postmaster: its backends are in process groups of their own
		...ids,
	});
	// SIGINT = "fast shutdown" (SIGTERM would wait for every client to disconnect).
	const stop = () => proc.stop({ signal: 'SIGINT', group: false, timeoutMs: 15000 });
	try {
		for (;;) {
			if (proc.exited())
				throw new Error(`postgres exited (${JSON.stringify(proc.exited())}):\n${proc.tail()}`);
			const ready = spawnSync(
				path.join(binDir, 'pg_isready'),
				['-q', '-h', '127.0.0.1', '-p', String(port), '-U', PG.user, '-d', 'postgres'],
				{ env: pgEnv },
			);
			if (ready.status === 0) break;
			if (Date.now() - started > 60000)
				throw new Error(`postgres not accepting connections after 60 s:\n${proc.tail()}`);
			await sleep(150);
		}
		run(
			path.join(binDir, 'createdb'),
			['-h', '127.0.0.1', '-p', String(port), '-U', PG.user, PG.database],
			{
				env: { ...pgEnv, PGPASSWORD: PG.password },
			},
		);
	} catch (error) {
		await stop();
		throw error;
	}
	log(
		`postgres ${port} (${path.basename(path.dirname(binDir))}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	return { host: '127.0.0.1', port, ...PG, proc, stop };
}

// ---------------------------------------------------------------------------------------------
// n8n processes.

const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Starts one n8n process of the cluster (`n8n start` or `n8n worker`) and waits until it is ready:
 * the main's /healthz/readiness and /rest/settings; a worker's health server /healthz/readiness
 * (200 once its database is migrated, Redis connected and the queue consumed).
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
			} catch {}
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

/**
 * Starts Redis, PostgreSQL, one n8n main and `workers` n8n workers, with `tarball` installed into
 * every n8n user folder. Returns the cluster (see the object at the end). On failure everything
 * started so far is stopped before the error is thrown.
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
	let redis;
	let postgres;
	let main;
	const workers = [];
	const stopAll = async () => {
		await Promise.all(workers.map((w) => w?.stop().catch(() => {})));
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
		startedWorkers.forEach((r, i) => (workers[i] = r.status === 'fulfilled' ? r.value : undefined));
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

	const readLog = (file) =>
		fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replace(ANSI, '') : '';
	let stopped = false;
	const cluster = {
		version: info.version,
		dir,
		redis,
		postgres,
		get main() {
			return main;
		},
		get workers() {
			return workers;
		},
		url: main.url,
		port: main.mainPort,
		/** A fresh REST client for the main (log in with it). */
		client: () => new N8nClient(main.url),
		logFile: (name) => path.join(logsDir, `${name}.log`),
		/** Everything a process wrote so far, over all its restarts ('main', 'worker-1', ...). */
		log: (name) => readLog(path.join(logsDir, `${name}.log`)),

		async stopWorker(i) {
			const t = Date.now();
			await workers[i].stop();
			log(`${workers[i].name} stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
		},
		async startWorker(i) {
			workers[i] = await startN8nProcess(workers[i], { log });
			return workers[i];
		},
		async restartWorker(i) {
			await cluster.stopWorker(i);
			return cluster.startWorker(i);
		},
		async stopMain() {
			const t = Date.now();
			await main.stop();
			log(`main stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
		},
		async startMain() {
			main = await startN8nProcess(main, { log });
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
			const runs = new Map();
			const entry = (id) => {
				if (!runs.has(id)) runs.set(id, { started: [], finished: [] });
				return runs.get(id);
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
			const ids = [];
			for (const m of readLog(path.join(logsDir, 'main.log')).matchAll(
				/Enqueued execution (\d+) \(job [^)]+\)/g,
			))
				ids.push(m[1]);
			return ids;
		},
		/** Process-group ids of every running process, by name. */
		groups() {
			const out = { redis: redis.proc.pid, postgres: postgres.proc.pid, main: main.proc.pid };
			for (const w of workers) if (w && !w.proc.exited()) out[w.name] = w.proc.pid;
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

// ---------------------------------------------------------------------------------------------
// Which addresses a process group listens on (Linux /proc), to check that all is on loopback.

function decodeAddress(hex, v6) {
	const [addr, portHex] = hex.split(':');
	const port = parseInt(portHex, 16);
	if (!v6) {
		const bytes = Buffer.from(addr, 'hex').reverse();
		return { address: [...bytes].join('.'), port };
	}
	// Four 32-bit words, each in host byte order (little-endian here).
	const words = [];
	for (let i = 0; i < 32; i += 8) words.push(Buffer.from(addr.slice(i, i + 8), 'hex').reverse());
	const b = Buffer.concat(words);
	const groups = [];
	for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
	let address = groups.join(':');
	if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
		address = `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
	} else if (groups.slice(0, 7).every((g) => g === '0')) {
		address = `::${groups[7] === '0' ? '' : groups[7]}`;
	}
	return { address, port };
}

/** TCP sockets in LISTEN state held by any process of process group `pgid`: [{ pid, address, port }]. */
function listeningSockets(pgid) {
	const pids = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === pgid) pids.push(Number(entry));
		} catch {}
	}
	const inodes = new Map();
	for (const pid of pids) {
		let fds = [];
		try {
			fds = fs.readdirSync(`/proc/${pid}/fd`);
		} catch {}
		for (const fd of fds) {
			try {
				const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
				if (m) inodes.set(m[1], pid);
			} catch {}
		}
	}
	const out = [];
	for (const [file, v6] of [
		['/proc/net/tcp', false],
		['/proc/net/tcp6', true],
	]) {
		let lines = [];
		try {
			lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
		} catch {}
		for (const line of lines) {
			const cols = line.trim().split(/\s+/);
			if (cols[3] !== '0A') continue; // LISTEN
			const pid = inodes.get(cols[9]);
			if (pid !== undefined) out.push({ pid, ...decodeAddress(cols[1], v6) });
		}
	}
	return out;
}

const isLoopback = (address) =>
	address === '::1' || /^127\./.test(address) || /^::ffff:127\./.test(address);

module.exports = {
	PG,
	queueModeRequirements,
	findRedisServer,
	findPostgresBinDir,
	startRedis,
	startPostgres,
	startQueueCluster,
	listeningSockets,
	isLoopback,
};
