// @ts-check
'use strict';
/**
 * Processes in their own groups, ended whatever happens to this process.
 *
 * Each process runs detached (its own process group, so a Ctrl-C in the terminal does not reach
 * it and stopping it also ends its children). If this process dies without stopping them, the
 * reaper (reaper.js) ends them.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { freePort } = require('../n8nServer');
const { reaperSend } = require('./reaper');

/** @param {string} msg */
const defaultLog = (msg) => process.stderr.write(`[queue] ${msg}\n`);

/**
 * How a process ended: its exit code or signal, or why it could not start.
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null } | { error: string }} Exit
 *
 * A process started by spawnGroup().
 * @typedef {object} GroupProcess
 * @property {string} name
 * @property {number | undefined} pid the process's id, also its group's (undefined: it did not start)
 * @property {import('node:child_process').ChildProcess} child
 * @property {string} logFile
 * @property {Promise<Exit>} exitPromise settles when the process has ended
 * @property {() => Exit | null} exited how it ended, or null while it runs
 * @property {(chars?: number) => string} tail the end of what it wrote
 * @property {(options?: StopOptions) => Promise<void>} stop
 *
 * `signal` to the leader (`group: false`) or the group, SIGKILL to the group after `timeoutMs`,
 * then SIGKILL to what is left.
 * @typedef {{ signal?: NodeJS.Signals, group?: boolean, timeoutMs?: number }} StopOptions
 */

/** @type {Set<GroupProcess>} */
const live = new Set();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const proc of live) {
			if (proc.pid === undefined) continue;
			try {
				process.kill(-proc.pid, 'SIGKILL');
			} catch {
				// the group has already ended
			}
		}
	});
}

/**
 * Spawns `cmd` detached (its own process group), appending stdout and stderr to `logFile`.
 * @param {{
 *   name: string,
 *   cmd: string,
 *   args: string[],
 *   env: NodeJS.ProcessEnv,
 *   cwd: string,
 *   logFile: string,
 *   uid?: number,
 *   gid?: number,
 *   reaperSignal?: NodeJS.Signals,
 * }} options `reaperSignal`: what the reaper sends if this process dies first (SIGINT: to the
 *   leader only)
 * @returns {GroupProcess}
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
	/** @type {string[]} */
	const recent = [];
	/** @param {Buffer} b */
	const keep = (b) => {
		stream.write(b);
		recent.push(b.toString());
		if (recent.length > 400) recent.splice(0, recent.length - 400);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	/** @type {Exit | null} */
	let exited = null;
	const forget = () => {
		if (!live.has(proc)) return;
		live.delete(proc);
		if (child.pid) reaperSend({ del: child.pid });
	};
	/** @type {Promise<Exit>} */
	const exitPromise = new Promise((resolve) => {
		child.on('error', (error) => {
			const exit = { error: error.message };
			exited = exit;
			forget();
			stream.end();
			resolve(exit);
		});
		child.on('close', (code, signal) => {
			const exit = { code, signal };
			exited = exit;
			forget();
			stream.end();
			resolve(exit);
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
	/** @type {GroupProcess} */
	const proc = {
		name,
		pid: child.pid,
		child,
		logFile,
		exitPromise,
		exited: () => exited,
		tail: (chars = 4000) => recent.join('').slice(-chars),
		stop: async ({ signal = 'SIGTERM', group = true, timeoutMs = 20000 } = {}) => {
			if (!exited) {
				if (group) killGroup(signal);
				else if (child.pid !== undefined) {
					try {
						process.kill(child.pid, signal);
					} catch {
						// the process has already ended
					}
				}
				const timer = setTimeout(() => killGroup('SIGKILL'), timeoutMs);
				await exitPromise;
				clearTimeout(timer);
			}
			killGroup('SIGKILL'); // children left in the group (n8n's task runners)
			forget();
		},
	};
	live.add(proc);
	if (child.pid) reaperSend({ add: child.pid, signal: reaperSignal });
	return proc;
}

/**
 * Runs a command to its end; returns its stdout, throws with its output when it fails.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, uid?: number, gid?: number, cwd?: string }} [options]
 */
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

/**
 * Free loopback ports, all different.
 * @param {number} count
 */
async function freePorts(count) {
	/** @type {Set<number>} */
	const ports = new Set();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

module.exports = { defaultLog, spawnGroup, run, freePorts };
