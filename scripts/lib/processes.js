// @ts-check
'use strict';
/**
 * Which processes exist, which one listens on a port, and stopping a process tree. Read from
 * Linux's /proc; on other systems every lookup answers "unknown" (empty lists, undefined) and the
 * callers fall back to what they know themselves.
 */
const fs = require('node:fs');

/**
 * @typedef {object} ProcessInfo
 * @property {number} pid
 * @property {number} ppid
 * @property {number} pgid  process group id
 * @property {string} command  the command line, arguments separated by spaces
 */

/** @param {number} pid @returns {ProcessInfo | undefined} */
function processInfo(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid pgrp …": comm may contain spaces and parentheses.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (fields[0] === 'Z') return undefined; // a zombie is gone, only not yet reaped
		const command = fs
			.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
			.split('\0')
			.filter(Boolean)
			.join(' ');
		return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), command };
	} catch {
		return undefined;
	}
}

/** @returns {ProcessInfo[]} every process this user can see */
function listProcesses() {
	let entries;
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		return [];
	}
	/** @type {ProcessInfo[]} */
	const list = [];
	for (const name of entries) {
		if (!/^\d+$/.test(name)) continue;
		const info = processInfo(Number(name));
		if (info) list.push(info);
	}
	return list;
}

/** @param {number} pid @returns {ProcessInfo[]} children, grandchildren, … of `pid` */
function descendantsOf(pid) {
	const all = listProcesses();
	/** @type {ProcessInfo[]} */
	const found = [];
	const parents = new Set([pid]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const p of all) {
			if (!parents.has(p.pid) && parents.has(p.ppid)) {
				parents.add(p.pid);
				found.push(p);
				grew = true;
			}
		}
	}
	return found;
}

/** @param {number} pid @returns {boolean} */
function isAlive(pid) {
	return processInfo(pid) !== undefined;
}

/**
 * The pid of the process listening on TCP `port` (any local address, IPv4 or IPv6), if /proc
 * tells it: the socket's inode from /proc/net/tcp{,6}, then the process holding that inode.
 * @param {number} port
 * @returns {number | undefined}
 */
function listenerPid(port) {
	const inodes = new Set();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text;
		try {
			text = fs.readFileSync(table, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const cols = line.trim().split(/\s+/);
			if (cols.length < 10 || cols[3] !== '0A') continue; // 0A = LISTEN
			if (parseInt(cols[1].split(':')[1], 16) === port) inodes.add(cols[9]);
		}
	}
	if (!inodes.size) return undefined;
	for (const p of listProcesses()) {
		let fds;
		try {
			fds = fs.readdirSync(`/proc/${p.pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${p.pid}/fd/${fd}`));
				if (m && inodes.has(m[1])) return p.pid;
			} catch {
				// The process ended or closed that descriptor while we looked: not the owner.
			}
		}
	}
	return undefined;
}

/**
 * The process and its ancestors, nearest first.
 * @param {number} pid
 * @returns {ProcessInfo[]}
 */
function ancestry(pid) {
	/** @type {ProcessInfo[]} */
	const chain = [];
	let info = processInfo(pid);
	while (info && chain.length < 64) {
		chain.push(info);
		if (info.ppid <= 1) break;
		info = processInfo(info.ppid);
	}
	return chain;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `signal` to each process; a process that leads its own group (n8n, started detached)
 * gets it for its whole group.
 * @param {ProcessInfo[]} processes
 * @param {NodeJS.Signals} signal
 */
function signalAll(processes, signal) {
	for (const p of processes) {
		try {
			process.kill(p.pgid === p.pid ? -p.pid : p.pid, signal);
		} catch {
			// Already gone between listing and signalling.
		}
	}
}

/**
 * Stops every descendant of this process: SIGTERM, then SIGKILL for what is left after
 * `graceMs`. Resolves with the processes that had to be killed.
 * @param {{ graceMs?: number }} [options]
 * @returns {Promise<ProcessInfo[]>}
 */
async function stopDescendants({ graceMs = 15000 } = {}) {
	let left = descendantsOf(process.pid);
	if (!left.length) return [];
	signalAll(left, 'SIGTERM');
	const until = Date.now() + graceMs;
	while (Date.now() < until) {
		await sleep(200);
		left = left.filter((p) => isAlive(p.pid));
		if (!left.length) return [];
	}
	// Whatever started meanwhile (a task runner) goes too.
	const stubborn = [...left, ...descendantsOf(process.pid)];
	signalAll(stubborn, 'SIGKILL');
	return stubborn;
}

module.exports = {
	processInfo,
	listProcesses,
	descendantsOf,
	isAlive,
	listenerPid,
	ancestry,
	stopDescendants,
};
