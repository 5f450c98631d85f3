// @ts-check
'use strict';
/**
 * This package as a user gets it: built and packed (`npm pack`), and installed into an n8n user
 * folder the way n8n's Community Nodes installer does it.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, CACHE } = require('./n8nEnv');
const { run } = require('./runCommand');

const PACKAGE_JSON = path.join(ROOT, 'package.json');

/**
 * The fields of this package's package.json the scripts read.
 * @typedef {{
 *   name: string,
 *   version: string,
 *   files: string[],
 *   dependencies?: Record<string, string>,
 *   n8n: { nodes: string[], credentials: string[] },
 * }} PackageJson
 */

/** @param {string} msg */
const defaultLog = (msg) => process.stderr.write(`[n8n] ${msg}\n`);

/** @returns {PackageJson} */
function readPackageJson() {
	return JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8'));
}

function npm() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Environment for npm commands run on the machine's Node.js (not inheriting `npm run`'s package vars). */
function cleanEnv() {
	const env = { ...process.env };
	for (const k of Object.keys(env)) {
		if (/^npm_(package|lifecycle)_/i.test(k) || k === 'INIT_CWD') delete env[k];
	}
	return env;
}

/**
 * `npm run build` then `npm pack`: the tarball a user would get from the registry.
 * @param {{ log?: import('./n8nEnv').Log, build?: boolean }} [options]
 * @returns {Promise<{ tarball: string, files: string[] }>} the tarball and the files it holds
 */
async function packPackage({ log = defaultLog, build = true } = {}) {
	const env = cleanEnv();
	if (build) await run(npm(), ['run', 'build'], { cwd: ROOT, env, log, label: 'npm run build' });
	const dest = path.join(CACHE, 'pack');
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	// --ignore-scripts: prepack would build a second time.
	const out = await run(npm(), ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
		cwd: ROOT,
		env,
		log,
		label: 'npm pack',
	});
	/** @type {{ filename: string, files: Array<{ path: string }> }} */
	const info = JSON.parse(out.slice(out.indexOf('[')))[0];
	return { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path) };
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` as n8n's Community Nodes installer does
 * (its own package.json, `npm install <package>` there), so only the published files and the
 * declared runtime dependencies are available to n8n.
 * @param {string} userFolder
 * @param {string} tarball
 * @param {{ log?: import('./n8nEnv').Log }} [options]
 * @returns {Promise<string>} the installed package's directory
 */
async function installPackage(userFolder, tarball, { log = defaultLog } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		fs.writeFileSync(
			pkgFile,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	await run(
		npm(),
		[
			'install',
			tarball,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--omit=dev',
			'--legacy-peer-deps',
			'--no-package-lock',
		],
		{
			cwd: nodesDir,
			env: cleanEnv(),
			log,
			label: `npm install ${path.basename(tarball)} into .n8n/nodes`,
		},
	);
	return path.join(nodesDir, 'node_modules', readPackageJson().name);
}

module.exports = { readPackageJson, packPackage, installPackage };
