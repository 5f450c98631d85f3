// @ts-check
'use strict';
// Which addresses a process group listens on (Linux /proc), to check that all is on loopback.
const fs = require('node:fs');

/**
 * `0100007F:1F90` (IPv4) or its IPv6 form, as /proc/net/tcp{,6} write them, to an address and port.
 * @param {string} hex
 * @param {boolean} v6
 */
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

/**
 * TCP sockets in LISTEN state held by any process of process group `pgid`.
 * @param {number} pgid
 * @returns {Array<{ pid: number, address: string, port: number }>}
 */
function listeningSockets(pgid) {
	/** @type {number[]} */
	const pids = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === pgid) pids.push(Number(entry));
		} catch {
			// the process ended while /proc was read
		}
	}
	/** @type {Map<string, number>} socket inode → pid */
	const inodes = new Map();
	for (const pid of pids) {
		/** @type {string[]} */
		let fds = [];
		try {
			fds = fs.readdirSync(`/proc/${pid}/fd`);
		} catch {
			// the process ended, or its descriptors are not readable
		}
		for (const fd of fds) {
			try {
				const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
				if (m) inodes.set(m[1], pid);
			} catch {
				// the descriptor was closed meanwhile
			}
		}
	}
	const out = [];
	/** @type {Array<[string, boolean]>} */
	const tables = [
		['/proc/net/tcp', false],
		['/proc/net/tcp6', true],
	];
	for (const [file, v6] of tables) {
		/** @type {string[]} */
		let lines = [];
		try {
			lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
		} catch {
			// no such table (e.g. IPv6 off): no sockets of that family
		}
		for (const line of lines) {
			const cols = line.trim().split(/\s+/);
			if (cols[3] !== '0A') continue; // LISTEN
			const pid = inodes.get(cols[9]);
			if (pid !== undefined) out.push({ pid, ...decodeAddress(cols[1], v6) });
		}
	}
	return out;
}

/** @param {string} address */
const isLoopback = (address) =>
	address === '::1' || /^127\./.test(address) || /^::ffff:127\./.test(address);

module.exports = { listeningSockets, isLoopback };
