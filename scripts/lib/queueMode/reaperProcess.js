// @ts-check
'use strict';
// The reaper process (see reaper.js): started by reaperSend(), reads JSON lines on stdin and, when
// stdin ends (the process that started it died or exited), ends the groups and deletes the dirs.
const fs = require('node:fs');
const groups = new Map();
const dirs = new Set();
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
	buffer += chunk;
	for (let i; (i = buffer.indexOf('\n')) >= 0; ) {
		const line = buffer.slice(0, i);
		buffer = buffer.slice(i + 1);
		try {
			const m = JSON.parse(line);
			if (m.add) groups.set(m.add, m.signal);
			if (m.del) groups.delete(m.del);
			if (m.dir) dirs.add(m.dir);
			if (m.undir) dirs.delete(m.undir);
		} catch {
			// not a message of ours: the line is ignored
		}
	}
});
process.stdin.on('end', () => {
	for (const [pgid, signal] of groups) {
		try {
			if (signal === 'SIGINT') process.kill(pgid, 'SIGINT');
			else process.kill(-pgid, signal);
		} catch {
			// the group has already ended
		}
	}
	setTimeout(
		() => {
			for (const pgid of groups.keys()) {
				try {
					process.kill(-pgid, 'SIGKILL');
				} catch {
					// the group has already ended
				}
			}
			setTimeout(
				() => {
					for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
					process.exit(0);
				},
				groups.size ? 1000 : 0,
			);
		},
		groups.size ? 8000 : 0,
	);
});
