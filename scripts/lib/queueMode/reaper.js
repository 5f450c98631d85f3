// @ts-check
'use strict';
/**
 * The reaper: a small detached process that ends this process's process groups and deletes its
 * temporary directories if this process dies without doing it (jest killed, a crash, SIGKILL).
 *
 * It holds the other end of a pipe from this process, and on end-of-file it ends every
 * registered group and deletes the registered directories. (Signal and exit handlers are not
 * enough: under jest the test's `process` is a copy whose handlers never run.) The reaper's own
 * code is reaperProcess.js; it reads one JSON message a line:
 *   { add: pgid, signal }  a process group to end (SIGINT goes to the leader only: postgres)
 *   { del: pgid }          that group ended normally
 *   { dir }, { undir }     a directory to delete / no longer to delete
 */
const path = require('node:path');
const { spawn } = require('node:child_process');

/** @type {import('node:child_process').ChildProcessByStdio<import('node:stream').Writable, null, null> | undefined} */
let reaper;

/**
 * Tells the reaper (started on the first message) about a group or a directory.
 * @param {{ add?: number, signal?: NodeJS.Signals, del?: number, dir?: string, undir?: string }} message
 */
function reaperSend(message) {
	if (!reaper) {
		reaper = spawn(process.execPath, [path.join(__dirname, 'reaperProcess.js')], {
			detached: true,
			stdio: ['pipe', 'ignore', 'ignore'],
		});
		// A reaper that cannot start or a pipe that breaks must not crash the tests it guards.
		reaper.on('error', () => {});
		reaper.stdin.on('error', () => {});
		reaper.unref();
		// The pipe is a net.Socket: unreferenced too (and its handle, which Node keeps apart), so
		// that it does not keep this process alive.
		const pipe = /** @type {import('node:net').Socket & { _handle?: { unref?: () => void } }} */ (
			reaper.stdin
		);
		pipe.unref?.();
		pipe._handle?.unref?.();
	}
	reaper.stdin.write(`${JSON.stringify(message)}\n`);
}

module.exports = { reaperSend };
