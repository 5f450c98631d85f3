#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run test:e2e`: builds and packs the package once, installs (first time) each pinned n8n,
 * and runs the jest e2e suite (jest.e2e.config.js) against each of them in turn.
 *
 *   N8N_E2E_VERSIONS=2.40.7 npm run test:e2e        # one line only (default: 2.40.7,1.123.81)
 *   npm run test:e2e -- -t balance                   # extra arguments go to jest
 *
 * Profiles (`--profile=<name>` or N8N_E2E_PROFILE=<name>):
 *   default  jest.e2e.config.js: one n8n per line (globalSetup.ts)
 *   queue    jest.e2e.queue.config.js: n8n in queue mode, Redis + PostgreSQL + main + 2 workers
 *            (test/e2e/queueMode.e2e.test.ts; needs redis-server and postgresql installed)
 *            `npm run test:e2e:queue`
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, CACHE, N8N_LINES, ensureN8n, resolveVersion } = require('./lib/n8nEnv');
const { packPackage } = require('./lib/n8nServer');

/** @type {Record<string, { config: string }>} */
const PROFILES = {
	default: { config: 'jest.e2e.config.js' },
	queue: { config: 'jest.e2e.queue.config.js' },
};

/** @param {string} msg */
const log = (msg) => process.stderr.write(`[test:e2e] ${msg}\n`);

/**
 * Runs jest with `config` against n8n `version`; resolves with its exit code.
 * @param {string} version
 * @param {Record<string, string>} env
 * @param {string[]} extraArgs
 * @param {string} outputFile where jest writes its JSON results
 * @param {string} config
 * @returns {Promise<number>}
 */
function jest(version, env, extraArgs, outputFile, config) {
	return new Promise((resolve) => {
		const bin = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
		const args = [
			bin,
			'-c',
			config,
			'--runInBand',
			'--json',
			`--outputFile=${outputFile}`,
			...extraArgs,
		];
		const child = spawn(process.execPath, args, {
			cwd: ROOT,
			stdio: 'inherit',
			env: { ...process.env, ...env, N8N_E2E_VERSION: version },
		});
		child.on('close', (code) => resolve(code ?? 1));
	});
}

async function main() {
	const started = Date.now();
	const versions = (process.env.N8N_E2E_VERSIONS || N8N_LINES.join(','))
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean)
		.map(resolveVersion);
	let profileName = process.env.N8N_E2E_PROFILE || 'default';
	const extra = process.argv.slice(2).filter((arg) => {
		const m = /^--profile=(.*)$/.exec(arg);
		if (m) profileName = m[1];
		return !m;
	});
	const profile = PROFILES[profileName];
	if (!profile)
		throw new Error(
			`unknown e2e profile "${profileName}" (known: ${Object.keys(PROFILES).join(', ')})`,
		);
	if (profileName === 'queue') {
		const missing = require('./lib/queueMode').queueModeRequirements().missing;
		if (missing.length)
			throw new Error(
				`the queue profile needs ${missing.join('; ')}: apt-get install -y redis-server postgresql`,
			);
	}

	log(`profile ${profileName} (${profile.config}), n8n versions: ${versions.join(', ')}`);
	const packed = await packPackage({ log });
	log(`packed ${path.relative(ROOT, packed.tarball)} (${packed.files.length} files)`);
	// In parallel: most of an install is waiting on the registry.
	await Promise.all(versions.map((v) => ensureN8n(v, { log })));

	/** @type {Array<{ version: string, code: number, passed: number, failed: number, skipped: number, secs: number }>} */
	const results = [];
	let failed = false;
	for (const v of versions) {
		const t0 = Date.now();
		log(`== n8n ${v}${profileName === 'default' ? '' : ` (${profileName} profile)`}`);
		const outputFile = path.join(
			CACHE,
			profileName === 'default' ? `e2e-results-${v}.json` : `e2e-results-${profileName}-${v}.json`,
		);
		fs.rmSync(outputFile, { force: true });
		const code = await jest(
			v,
			{
				N8N_E2E_TARBALL: packed.tarball,
				N8N_E2E_TARBALL_FILES: JSON.stringify(packed.files),
				N8N_E2E_PROFILE: profileName,
			},
			extra,
			outputFile,
			profile.config,
		);
		/** @type {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number }} */
		let r = {};
		try {
			r = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
		} catch {
			// jest wrote no results (it crashed): counted as none, and its exit code fails the run
		}
		results.push({
			version: v,
			code,
			passed: r.numPassedTests ?? 0,
			failed: r.numFailedTests ?? 0,
			skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
			secs: (Date.now() - t0) / 1000,
		});
		if (code !== 0) failed = true;
	}
	console.log('');
	for (const r of results) {
		console.log(
			`n8n ${r.version}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.secs.toFixed(0)} s, jest exit ${r.code})`,
		);
	}
	/** @param {'passed' | 'failed'} k */
	const sum = (k) => results.reduce((a, r) => a + r[k], 0);
	console.log(`e2e total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`e2e: ${sum('passed')} passed, ${sum('failed')} failed`);
	process.exit(failed ? 1 : 0);
}

main().catch((e) => {
	console.error(e.stack || String(e));
	process.exit(1);
});
