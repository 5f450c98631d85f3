// @ts-check
'use strict';
// PostgreSQL for the queue profile: the one database every n8n process shares (n8n does not
// support SQLite in queue mode), a throw-away cluster in a temporary directory.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { sleep } = require('../n8nServer');
const { defaultLog, spawnGroup, run, freePorts } = require('./processGroup');
const { findPostgresBinDir, systemUser } = require('./requirements');

const PG = Object.freeze({
	user: 'n8n',
	password: 'e2e-queue-postgres-password-not-secret',
	database: 'n8n',
});

/**
 * A new PostgreSQL cluster in `dir` (initdb), listening on 127.0.0.1:<free port> with its unix
 * socket in `dir`, password login for `PG.user`, database `PG.database` created. Runs as the
 * `postgres` system user when this process is root.
 * @param {{
 *   dir: string,
 *   log?: import('../n8nEnv').Log,
 *   binDir?: string,
 *   logFile?: string,
 * }} options `binDir`: default where findPostgresBinDir() finds it
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

module.exports = { PG, startPostgres };
