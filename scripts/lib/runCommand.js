// @ts-check
'use strict';
/**
 * Running a long command (npm install, npm pack, a native build) with a progress line every 15 s
 * and, when it fails, the end of its output in the error. Used by n8nEnv.js and n8nPackage.js.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

/**
 * Runs a command, logging progress every 15 s; resolves with its output, rejects with its last
 * 40 lines.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, log: import('./n8nEnv').Log, label: string }} options
 * @returns {Promise<string>}
 */
function run(cmd, args, { cwd, env, log, label }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		/** @type {Buffer[]} */
		const out = [];
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		/** @param {Buffer} b */
		const keep = (b) => {
			out.push(b);
			if (out.length > 400) out.splice(0, out.length - 400);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const timer = setInterval(() => {
			let count = '';
			if (/^npm install n8n/.test(label))
				try {
					count = `, ${fs.readdirSync(path.join(cwd, 'node_modules')).length} top-level packages so far`;
				} catch {
					// node_modules does not exist yet: the count is only a progress hint
				}
			log(`  ${label}: still running (${Math.round((Date.now() - started) / 1000)} s${count})`);
		}, 15000);
		child.on('error', (e) => {
			clearInterval(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearInterval(timer);
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`  ${label}: done in ${secs} s`);
				resolve(Buffer.concat(out).toString());
			} else {
				const tail = Buffer.concat(out).toString().split('\n').slice(-40).join('\n');
				reject(new Error(`${label} failed (exit ${code ?? signal}) after ${secs} s:\n${tail}`));
			}
		});
	});
}

module.exports = { run };
