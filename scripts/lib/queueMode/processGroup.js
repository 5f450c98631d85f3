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

const defaultLog = (msg) => process.stderr.write(`[queue] ${msg}\n`);

const live = new Set();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const proc of live) {
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
		} catch {
			// the group has already ended
		}
	};
	/** `signal` to the leader (or the group), SIGKILL to the group after `timeoutMs`, then SIGKILL to what is left. */
	proc.stop = async ({ signal = 'SIGTERM', group = true, timeoutMs = 20000 } = {}) => {
		if (!exited) {
			if (group) killGroup(signal);
			else {
				try {
					process.kill(child.pid, signal);
				} catch {
					// the process has already ended
				}
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

module.exports = { defaultLog, spawnGroup, run, freePorts };
