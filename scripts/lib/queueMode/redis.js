// @ts-check
'use strict';
// Redis for the queue profile: the Bull queue, pub/sub and n8n's cache.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { sleep } = require('../n8nServer');
const { defaultLog, spawnGroup, freePorts } = require('./processGroup');
const { findRedisServer } = require('./requirements');

/**
 * Whether Redis answers PING on 127.0.0.1:`port`.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function redisPing(port, timeoutMs = 1000) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let reply = '';
		/** @param {boolean} ok */
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

/**
 * redis-server on 127.0.0.1:<free port>, no persistence, working directory in `dir`.
 * @param {{
 *   dir: string,
 *   log?: import('../n8nEnv').Log,
 *   binary?: string,
 *   logFile?: string,
 * }} options `binary`: default where findRedisServer() finds it
 */
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

module.exports = { startRedis };
