// @ts-check
'use strict';
/**
 * Installs and locates a real n8n for the end-to-end suite and the demo (`npm start`).
 *
 * - Node.js 24 (n8n 2.x needs it) comes from the npm package `node-<platform>-<arch>`, which
 *   ships the binary and the headers, into `.cache/node24/`.
 * - Each n8n version goes into `.cache/n8n/<version>/` (gitignored, never into this package's
 *   dependencies), installed once with `--ignore-scripts` + `npm rebuild sqlite3`, and reused.
 *
 * Plain CommonJS so that it runs on the machine's Node.js (20) before Node 24 exists.
 */
const fs = require('node:fs');
const path = require('node:path');
const { run } = require('./runCommand');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = process.env.N8N_E2E_CACHE
	? path.resolve(process.env.N8N_E2E_CACHE)
	: path.join(ROOT, '.cache');

/** Pinned versions. 2.40.7 is the newest 2.x that installs here; 1.123.81 is the last 1.x. */
const NODE_VERSION = '24.21.0';
const N8N_VERSIONS = Object.freeze({ 2: '2.40.7', 1: '1.123.81' });
/** Order of the e2e runs: newest line first. */
const N8N_LINES = Object.freeze([N8N_VERSIONS[2], N8N_VERSIONS[1]]);
const DEFAULT_N8N_VERSION = N8N_VERSIONS[2];

/**
 * Two transitive packages of n8n cannot be fetched as n8n's lockless install resolves them:
 * these versions of the registry can.
 */
const OVERRIDES = { linkedom: '0.18.14', xlsx: '0.18.5' };

const NODE_PKG = `node-${process.platform}-${process.arch}`;
const NODE_HOME = path.join(CACHE, 'node24');
const NODE_DIR = path.join(NODE_HOME, 'node_modules', NODE_PKG);
const NODE_BIN_DIR = path.join(NODE_DIR, 'bin');
const NODE_EXE = path.join(NODE_BIN_DIR, process.platform === 'win32' ? 'node.exe' : 'node');

/**
 * A progress line for the terminal.
 * @typedef {(msg: string) => void} Log
 */
/**
 * Where one n8n version is installed and how to run it.
 * @typedef {ReturnType<typeof n8nInfo>} N8nInstall
 */

/** @param {string} version */
function n8nHome(version) {
	return path.join(CACHE, 'n8n', version);
}

/**
 * An exact n8n version: `v` itself, the pinned version of line `v` ('1', '2'), or (no `v`)
 * $N8N_VERSION or the default.
 * @param {string} [v]
 * @returns {string}
 */
function resolveVersion(v) {
	if (!v) return process.env.N8N_VERSION || DEFAULT_N8N_VERSION;
	if (v === '1' || v === '2') return N8N_VERSIONS[v];
	return v;
}

/** @param {string} msg */
const defaultLog = (msg) => process.stderr.write(`[n8n-install] ${msg}\n`);

/**
 * @param {string} file
 * @returns {any} the parsed JSON (of any shape), or undefined when unreadable
 */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Environment with Node 24 first on PATH and npm's native builds pointed at its headers. */
function node24Env(base = process.env) {
	const env = { ...base };
	env.PATH = `${NODE_BIN_DIR}${path.delimiter}${base.PATH || ''}`;
	env.npm_config_nodedir = NODE_DIR;
	// Not inherited from an `npm run` parent: they would point npm at this project.
	for (const k of Object.keys(env)) {
		if (/^npm_(package|lifecycle)_/i.test(k) || k === 'INIT_CWD') delete env[k];
		// `npm run` exports this project's .npmrc (ignore-scripts=true) and prefix to its children.
		if (/^npm_config_(ignore_scripts|prefix|local_prefix|global_prefix)$/i.test(k)) delete env[k];
	}
	return env;
}

function npmCommand() {
	// The machine's npm (npm-cli.js), run by whatever `node` is first on PATH.
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** @type {Promise<string> | undefined} */
let nodeInstall;
/**
 * Installs Node.js 24 (once; concurrent callers share the install).
 * @param {{ log?: Log }} [options]
 */
function ensureNode(options) {
	if (!nodeInstall)
		nodeInstall = installNode(options).catch((e) => {
			nodeInstall = undefined;
			throw e;
		});
	return nodeInstall;
}

/** @param {{ log?: Log }} [options] */
async function installNode({ log = defaultLog } = {}) {
	const marker = path.join(NODE_HOME, '.installed');
	if (fs.existsSync(NODE_EXE) && readJson(marker)?.version === NODE_VERSION) return NODE_EXE;
	log(
		`installing Node.js ${NODE_VERSION} (npm package ${NODE_PKG}) into ${path.relative(ROOT, NODE_HOME)}/`,
	);
	fs.rmSync(NODE_HOME, { recursive: true, force: true });
	fs.mkdirSync(NODE_HOME, { recursive: true });
	fs.writeFileSync(
		path.join(NODE_HOME, 'package.json'),
		JSON.stringify(
			{ private: true, name: 'node24-runtime', dependencies: { [NODE_PKG]: NODE_VERSION } },
			null,
			2,
		),
	);
	await run(
		npmCommand(),
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'],
		{
			cwd: NODE_HOME,
			env: node24Env(),
			log,
			label: `npm install ${NODE_PKG}@${NODE_VERSION}`,
		},
	);
	if (!fs.existsSync(NODE_EXE)) throw new Error(`${NODE_EXE} missing after installing ${NODE_PKG}`);
	fs.chmodSync(NODE_EXE, 0o755);
	fs.writeFileSync(marker, JSON.stringify({ version: NODE_VERSION, at: new Date().toISOString() }));
	return NODE_EXE;
}

/** @param {string} version */
function n8nInfo(version) {
	const home = n8nHome(version);
	const pkgDir = path.join(home, 'node_modules', 'n8n');
	return {
		version,
		home,
		pkgDir,
		/** n8n's CLI entry point; run it with `nodeExe`. */
		bin: path.join(pkgDir, 'bin', 'n8n'),
		nodeExe: NODE_EXE,
		nodeDir: NODE_DIR,
		env: node24Env,
	};
}

/** @param {string} version */
function isInstalled(version) {
	const info = n8nInfo(version);
	const marker = readJson(path.join(info.home, '.installed'));
	const pkg = readJson(path.join(info.pkgDir, 'package.json'));
	return (
		marker?.version === version &&
		marker?.node === NODE_VERSION &&
		pkg?.version === version &&
		fs.existsSync(info.bin) &&
		fs.existsSync(NODE_EXE)
	);
}

/** @type {Map<string, Promise<void>>} */
const sqliteBuilds = new Map();

/**
 * `npm rebuild sqlite3` (node-gyp against Node 24's headers, a few minutes on 2 cores). sqlite3
 * builds an N-API module, so the result is kept in .cache/prebuilt/ and reused by every n8n
 * version that uses the same sqlite3 version.
 */
/**
 * @param {string} home
 * @param {{ env: NodeJS.ProcessEnv, log: Log, label: string }} options
 */
async function buildSqlite3(home, { env, log, label }) {
	const sqliteDir = path.join(home, 'node_modules', 'sqlite3');
	const version = readJson(path.join(sqliteDir, 'package.json'))?.version;
	if (!version) throw new Error(`sqlite3 is not installed in ${home}`);
	const binary = path.join(sqliteDir, 'build', 'Release', 'node_sqlite3.node');
	const keptDir = path.join(
		CACHE,
		'prebuilt',
		`sqlite3-${version}-${process.platform}-${process.arch}`,
	);
	const kept = path.join(keptDir, 'node_sqlite3.node');
	const key = keptDir;
	if (!fs.existsSync(kept)) {
		if (!sqliteBuilds.has(key)) {
			sqliteBuilds.set(
				key,
				(async () => {
					await run(
						npmCommand(),
						['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'],
						{
							cwd: home,
							env,
							log,
							label,
						},
					);
					if (!fs.existsSync(binary))
						throw new Error(`${binary} missing after npm rebuild sqlite3`);
					fs.mkdirSync(keptDir, { recursive: true });
					fs.copyFileSync(binary, `${kept}.tmp`);
					fs.renameSync(`${kept}.tmp`, kept);
				})(),
			);
			await sqliteBuilds.get(key);
			return;
		}
		await sqliteBuilds.get(key);
	}
	if (fs.existsSync(binary)) return;
	log(`  sqlite3 ${version}: reusing the binary built before (${path.relative(ROOT, kept)})`);
	fs.mkdirSync(path.dirname(binary), { recursive: true });
	fs.copyFileSync(kept, binary);
}

/**
 * Installs n8n `version` (once) and returns where it is.
 * @param {string} [versionArg] see resolveVersion
 * @param {{ log?: Log }} [options]
 */
async function ensureN8n(versionArg, { log = defaultLog } = {}) {
	const version = resolveVersion(versionArg);
	const info = n8nInfo(version);
	if (isInstalled(version)) {
		log(`n8n ${version} already installed in ${path.relative(ROOT, info.home)}/`);
		return info;
	}
	const started = Date.now();
	await ensureNode({ log });
	log(
		`installing n8n ${version} into ${path.relative(ROOT, info.home)}/ (takes a few minutes, once)`,
	);
	fs.rmSync(path.join(info.home, '.installed'), { force: true });
	fs.mkdirSync(info.home, { recursive: true });
	fs.writeFileSync(
		path.join(info.home, 'package.json'),
		JSON.stringify(
			{
				private: true,
				name: `n8n-runtime-${version}`,
				dependencies: { n8n: version },
				overrides: OVERRIDES,
			},
			null,
			2,
		),
	);
	const env = node24Env();
	await run(
		npmCommand(),
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			'--legacy-peer-deps=false',
		],
		{ cwd: info.home, env, log, label: `npm install n8n@${version}` },
	);
	// Only sqlite3's native module is needed (the database); Kafka's and others' builds are skipped.
	await buildSqlite3(info.home, { env, log, label: `npm rebuild sqlite3 (n8n ${version})` });
	fs.writeFileSync(
		path.join(info.home, '.installed'),
		JSON.stringify({ version, node: NODE_VERSION, at: new Date().toISOString() }),
	);
	log(`n8n ${version} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return info;
}

module.exports = {
	ROOT,
	CACHE,
	NODE_VERSION,
	NODE_PKG,
	NODE_DIR,
	NODE_BIN_DIR,
	NODE_EXE,
	N8N_VERSIONS,
	N8N_LINES,
	DEFAULT_N8N_VERSION,
	OVERRIDES,
	resolveVersion,
	node24Env,
	ensureNode,
	ensureN8n,
	isInstalled,
	n8nInfo,
	run,
};
