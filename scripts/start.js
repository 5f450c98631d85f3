#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm start`: the demo. Builds and packs the package, starts the gateway sandbox, installs (first
 * time) and starts a real n8n with the package installed in its nodes folder, creates the owner
 * account and one credential per gateway pointing at the sandbox, imports the demo workflows from
 * demo/, runs each manual one once as a check, activates the auto-reply, and prints the URL, the
 * login and what to try.
 *
 * Stopping: Ctrl-C, or SIGINT / SIGTERM / SIGHUP sent to this script or to the npm process that
 * runs it (package.json starts it with `exec`, so npm's forwarded signal reaches it), or the end
 * of that parent process. Each stops n8n (its whole process group, task runner included), every
 * other process this script started (build, pack, install) and the sandbox, then exits.
 *
 * Environment: N8N_VERSION (default 2.40.7; 1 or 2 for the pinned 1.x / 2.x), N8N_PORT (5678),
 * SANDBOX_PORT (8085), DEMO_NO_CHECK=1 to skip running the demo workflows once at start,
 * DEMO_N8N_LOG=1 to show n8n's log. The demo's n8n data lives in .cache/demo/ (.cache/demo-<port>/
 * for another N8N_PORT) and is reset at every start.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { CACHE, resolveVersion } = require('./lib/n8nEnv');
const { OWNER, packPackage, readPackageJson } = require('./lib/n8nServer');
const { startDemo } = require('./lib/demo');
const { SMSEND_DEMO } = require('../sandbox');
const { ancestry, isAlive, listenerPid, processInfo, stopDescendants } = require('./lib/processes');

/** @param {string} msg */
const log = (msg) => console.log(`[start] ${msg}`);

/** A problem the user can fix: printed as its message alone, without a stack trace. */
class UserError extends Error {}

/** @param {number} port @returns {Promise<boolean>} */
function portIsFree(port) {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
	});
}

/** @param {number} from @returns {Promise<number | undefined>} */
async function nextFreePort(from) {
	for (let port = from + 1; port < from + 50 && port < 65536; port++)
		if (await portIsFree(port)) return port;
	return undefined;
}

/**
 * The `npm start` (start.js, and npm above it when there is one) that `pid` belongs to.
 * @param {number} pid
 */
function earlierStart(pid) {
	const script = ancestry(pid).find((p) => /scripts[\\/]start\.js\b/.test(p.command));
	if (!script || script.pid === process.pid) return undefined;
	const parent = processInfo(script.ppid);
	const npmPid = parent && /\bnpm\b/.test(parent.command) ? parent.pid : undefined;
	const pids = npmPid ? `npm pid ${npmPid}, start.js pid ${script.pid}` : `pid ${script.pid}`;
	return { pid: script.pid, npmPid, pids };
}

/**
 * @param {{ what: string, port: number, variable: string }} busy
 * @param {{ n8nPort: number, sandboxPort: number }} ports
 */
async function explainBusyPort({ what, port, variable }, { n8nPort, sandboxPort }) {
	const pid = listenerPid(port);
	const earlier = pid ? earlierStart(pid) : undefined;
	const n8nFree = (await portIsFree(n8nPort)) ? n8nPort : await nextFreePort(n8nPort);
	const sandboxFree = (await portIsFree(sandboxPort))
		? sandboxPort
		: await nextFreePort(sandboxPort);
	const beside = `N8N_PORT=${n8nFree ?? '<free port>'} SANDBOX_PORT=${sandboxFree ?? '<free port>'} npm start`;
	if (earlier) {
		return [
			`port ${port} (${what}) is held by an earlier \`npm start\` that is still running (${earlier.pids}).`,
			`  Stop it: press Ctrl-C in its terminal, or run: kill ${earlier.npmPid ?? earlier.pid}`,
			`  Or start this one beside it on other ports: ${beside}`,
		].join('\n');
	}
	const holder = pid ? processInfo(pid) : undefined;
	const who = holder
		? `another program (pid ${holder.pid}: ${holder.command.slice(0, 120)})`
		: 'another program';
	return [
		`port ${port} (${what}) on 127.0.0.1 is in use by ${who}.`,
		`  Stop that program, or choose another port: ${variable}=${port === n8nPort ? n8nFree : sandboxFree} npm start`,
	].join('\n');
}

/**
 * Refuses to start over a running demo: the same data folder (its lock file) or a held port.
 * @param {{ lockFile: string, n8nPort: number, sandboxPort: number }} options
 */
async function ensureNothingInTheWay({ lockFile, n8nPort, sandboxPort }) {
	let lock;
	try {
		lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
	} catch {
		// No lock file (or a torn one): no earlier start to report.
	}
	if (lock && lock.pid !== process.pid && isAlive(lock.pid)) {
		const earlier = earlierStart(lock.pid);
		if (earlier) {
			throw new UserError(
				[
					`an earlier \`npm start\` is still running with the same demo data (${earlier.pids}; n8n on port ${lock.n8nPort}, sandbox on ${lock.sandboxPort}).`,
					`  Stop it first: press Ctrl-C in its terminal, or run: kill ${earlier.npmPid ?? earlier.pid}`,
				].join('\n'),
			);
		}
	}
	const ports = { n8nPort, sandboxPort };
	for (const busy of [
		{ what: 'n8n', port: n8nPort, variable: 'N8N_PORT' },
		{ what: 'gateway sandbox', port: sandboxPort, variable: 'SANDBOX_PORT' },
	]) {
		if (!(await portIsFree(busy.port))) throw new UserError(await explainBusyPort(busy, ports));
	}
}

/**
 * @param {string} name
 * @param {number} fallback
 */
function portFromEnv(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new UserError(`${name}=${raw} is not a port number (1–65535)`);
	return port;
}

/** @type {import('./lib/demo').DemoHandles} */
const handles = {};
/** @type {Promise<void> | undefined} */
let stopping;
let lockFile = '';
const ports = { n8n: 0, sandbox: 0 };

/**
 * Stops n8n, every process this script started and the sandbox, then exits. Idempotent: Ctrl-C
 * delivers SIGINT both to npm (which forwards it) and to this script.
 * @param {string} reason
 * @param {number} code
 */
function stop(reason, code) {
	if (stopping) return stopping;
	log(`${reason}: stopping n8n and the sandbox…`);
	stopping = (async () => {
		await handles.n8n?.stop().catch(() => {});
		await stopDescendants();
		const closed = handles.sandbox?.close().catch(() => {});
		await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3000))]);
		if (lockFile) fs.rmSync(lockFile, { force: true });
		const freed = [ports.n8n, ports.sandbox].filter(Boolean).join(' and ');
		log(`stopped${freed ? `; ports ${freed} are free` : ''}.`);
		process.exit(code);
	})();
	return stopping;
}

async function main() {
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']))
		process.on(signal, () => stop(signal, 0));
	// Whoever started this script (npm, a shell) went away without a signal reaching it.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) stop('the process that started npm start ended', 0);
	}, 1000).unref();

	const version = resolveVersion(process.env.N8N_VERSION);
	const n8nPort = portFromEnv('N8N_PORT', 5678);
	const sandboxPort = portFromEnv('SANDBOX_PORT', 8085);
	const userFolder = path.join(CACHE, n8nPort === 5678 ? 'demo' : `demo-${n8nPort}`);
	const lock = path.join(userFolder, 'npm-start.json');
	await ensureNothingInTheWay({ lockFile: lock, n8nPort, sandboxPort });

	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, n8nPort, sandboxPort }));
	lockFile = lock;

	log('building and packing the package');
	const { tarball } = await packPackage({ log: /** @type {any} */ (log) });
	ports.sandbox = sandboxPort;
	ports.n8n = n8nPort;
	const demo = await startDemo({
		version,
		n8nPort,
		sandboxPort,
		userFolder,
		tarball,
		log,
		check: process.env.DEMO_NO_CHECK !== '1',
		handles,
	});
	if (stopping) return;
	const { n8n, sandbox, workflows, checks } = demo;
	const showLog = process.env.DEMO_N8N_LOG === '1';
	n8n.child.stdout?.on('data', (b) => showLog && process.stdout.write(b));
	n8n.child.stderr?.on('data', (b) => showLog && process.stderr.write(b));
	n8n.child.on('exit', (code, signal) => {
		if (stopping) return;
		console.error(
			`n8n exited unexpectedly (${code ?? signal}):\n${n8n.logs.join('').slice(-3000)}`,
		);
		stop('n8n exited', 1);
	});
	printBanner({ n8n, sandbox, workflows, checks, sandboxPort });
}

/**
 * @param {{ n8n: import('./lib/demo').N8nInstance, sandbox: { url: string },
 *   workflows: import('./lib/demo').DemoWorkflow[], checks: import('./lib/demo').DemoCheck[],
 *   sandboxPort: number }} demo
 */
function printBanner({ n8n, sandbox, workflows, checks, sandboxPort }) {
	const pkg = readPackageJson();
	const line = '-'.repeat(72);
	const out = (/** @type {string} */ s = '') => console.log(s ? `  ${s}` : '');
	console.log(`\n${line}`);
	out(`n8n ${n8n.version} with ${pkg.name}@${pkg.version} is running`);
	out();
	out(`Open      ${n8n.url}/`);
	out(`Email     ${OWNER.email}`);
	out(`Password  ${OWNER.password}`);
	out();
	const manual = workflows.filter((w) => w.manualTrigger);
	if (manual.length) {
		out('Demo workflows (open one, then click "Execute workflow" at the bottom):');
		for (const wf of manual) out(`  ${wf.name}  ${n8n.url}/workflow/${wf.id}`);
		for (const c of checks.filter((c) => !c.ok))
			out(`  ! "${c.workflow.name}" failed its check at start: ${c.summary}`);
		out();
	}
	for (const wf of workflows.filter((w) => w.active)) {
		const sms = `npm run sandbox:sms -- ${sandboxPort === 8085 ? '' : `--port ${sandboxPort} `}"Ciao, siete aperti domani?"`;
		out(`Active: ${wf.name}`);
		out(`  ${n8n.url}/workflow/${wf.id}`);
		out(
			`  1. Send it an SMS (to ${SMSEND_DEMO.rcpt}, sharecode ${SMSEND_DEMO.sharecode}, in the sandbox):`,
		);
		out(`       ${sms}`);
		out("  2. Its trigger checks the inbox every minute; then open the workflow's");
		out(`     Executions tab: ${n8n.url}/workflow/${wf.id}/executions`);
		out('     (the received SMS in "smSend Trigger", the answer in "Reply").');
		out(`  3. The reply the sandbox received: ${sandbox.url}/__sandbox/requests`);
		out();
	}
	out(`Gateway sandbox  ${sandbox.url}  (what it received: ${sandbox.url}/__sandbox/requests)`);
	out('Credentials for the sandbox are set up; data is reset at every start.');
	out();
	out('Press Ctrl-C to stop n8n and the sandbox.');
	console.log(`${line}\n`);
}

main().catch((e) => {
	if (stopping) return;
	if (e instanceof UserError) {
		console.error(`npm start: ${e.message}`);
		// Refused before starting anything: nothing to stop.
		if (!lockFile) process.exit(1);
	} else {
		console.error(`npm start failed: ${e.stack || e}`);
	}
	stop('error', 1);
});
