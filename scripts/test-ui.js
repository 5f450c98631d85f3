#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run test:ui`: builds and packs the package, makes sure n8n 2.40.7 is installed, and runs
 * the jest suite of test/ui/ (jest.ui.config.js):
 *   editor.ui.test.ts    the editor in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium)
 *   npmStart.ui.test.ts  `npm start` stopped by each signal, and its answer to a held port
 * Extra arguments go to jest (`npm run test:ui -- -t credential`). Screenshots: test/ui/screenshots/
 * (UI_SCREENSHOTS moves them).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, ensureN8n, resolveVersion } = require('./lib/n8nEnv');
const { packPackage } = require('./lib/n8nServer');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(
	process.env.UI_SCREENSHOTS || path.join(ROOT, 'test', 'ui', 'screenshots'),
);
/** @param {string} msg */
const log = (msg) => process.stderr.write(`[test:ui] ${msg}\n`);

async function main() {
	const started = Date.now();
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`,
		);
	}
	const version = resolveVersion(process.env.UI_N8N_VERSION || '2');
	const { tarball } = await packPackage({ log: /** @type {any} */ (log) });
	log(`packed ${path.relative(ROOT, tarball)}`);
	await ensureN8n(version, { log: /** @type {any} */ (log) });
	const code = await new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[
				path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
				'-c',
				'jest.ui.config.js',
				'--runInBand',
				...process.argv.slice(2),
			],
			{
				cwd: ROOT,
				stdio: 'inherit',
				env: {
					...process.env,
					UI_TARBALL: tarball,
					UI_N8N_VERSION: version,
					UI_SCREENSHOTS: SCREENSHOTS,
				},
			},
		);
		child.on('close', (c) => resolve(c ?? 1));
	});
	log(`screenshots in ${SCREENSHOTS}`);
	log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
	process.exit(code);
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : String(e));
	process.exit(1);
});
