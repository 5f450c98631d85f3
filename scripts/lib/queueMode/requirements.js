// @ts-check
'use strict';
// Finding Redis and PostgreSQL: what the queue profile needs, and where it is on this machine.
const fs = require('node:fs');
const path = require('node:path');

/**
 * The first executable `binary` on PATH.
 * @param {string} binary
 */
function onPath(binary) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const file = path.join(dir, binary);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// not there or not executable: try the next PATH entry
		}
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
	/** @param {string} dir */
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

/**
 * A user of /etc/passwd: its uid and gid, or undefined.
 * @param {string} name
 */
function systemUser(name) {
	try {
		for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
			const [user, , uid, gid] = line.split(':');
			if (user === name) return { uid: Number(uid), gid: Number(gid) };
		}
	} catch {
		// no /etc/passwd (not Linux): no such user
	}
	return undefined;
}

module.exports = { queueModeRequirements, findRedisServer, findPostgresBinDir, systemUser };
