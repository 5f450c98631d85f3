/**
 * `npm start` as a user runs it (npm → scripts/start.js → n8n and its task runner, the sandbox):
 * Ctrl-C, SIGINT / SIGTERM / SIGHUP to npm or to the script, at start-up or once it runs, and npm
 * itself killed, each leave no process running and both ports free; a second `npm start` that
 * finds a port held says who holds it and what to do, without a stack trace.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { eventually } from './browser';
import { ROOT } from './packageNodes';

import * as processes from '../../scripts/lib/processes';
import type { ProcessInfo } from '../../scripts/lib/processes';
import { freePort } from '../../scripts/lib/n8nServer';
import { CACHE } from '../../scripts/lib/n8nEnv';

const N8N_PROCESS = `${path.join(CACHE, 'n8n')}${path.sep}`;

interface Run {
	pid: number;
	output(): string;
	exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	ports: { n8n: number; sandbox: number };
	/** Its processes when it was signalled. */
	tree: ProcessInfo[];
}

const runs: Run[] = [];

/** `npm start` in a process group of its own, as a terminal would run it. */
function npmStart(ports: Run['ports'], env: Record<string, string> = {}): Run {
	const child = spawn('npm', ['start'], {
		cwd: ROOT,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			N8N_PORT: String(ports.n8n),
			SANDBOX_PORT: String(ports.sandbox),
			...env,
		},
	});
	let output = '';
	child.stdout.on('data', (b) => (output += b));
	child.stderr.on('data', (b) => (output += b));
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('close', (code, signal) => resolve({ code, signal })),
	);
	const run: Run = { pid: child.pid!, output: () => output, exit, ports, tree: [] };
	runs.push(run);
	return run;
}

const freeNow = (port: number) =>
	new Promise<boolean>((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
	});

async function newPorts() {
	return { n8n: await freePort(), sandbox: await freePort() };
}

const n8nProcesses = () => processes.listProcesses().filter((p) => p.command.includes(N8N_PROCESS));

/**
 * n8n processes this run started that are still there: new since the tests began and in a
 * process group of the run's tree (n8n's task runners stay in n8n's group, also when n8n is
 * gone). n8n instances of other programs on the machine, e.g. other test runs, are not ours.
 */
function strays(tree: ProcessInfo[]) {
	const groups = new Set(tree.flatMap((p) => [p.pid, p.pgid]));
	return n8nProcesses().filter((p) => !before.has(p.pid) && groups.has(p.pgid));
}

let before: Set<number>;
beforeAll(() => {
	before = new Set(n8nProcesses().map((p) => p.pid));
});

afterEach(() => {
	for (const run of runs.splice(0)) cleanUp(run);
});

async function waitFor(run: Run, text: string) {
	await eventually(
		async () => run.output(),
		(o) => o.includes(text),
		{ timeoutMs: 240000, what: `"${text}" in the output of npm start` },
	);
}

type Target = 'group' | 'npm' | 'script';

/** Ends whatever a run left (its npm group, and n8n's own group): after a failed case. */
function cleanUp(run: Run) {
	const left = [...run.tree, ...processes.descendantsOf(run.pid)];
	left.push(...strays(left));
	for (const p of left) {
		for (const target of [-p.pid, p.pid]) {
			try {
				process.kill(target, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
	}
	fs.rmSync(path.join(CACHE, `demo-${run.ports.n8n}`), { recursive: true, force: true });
}

async function stopAndCheck(run: Run, target: Target, signal: NodeJS.Signals) {
	run.tree = [
		{ pid: run.pid, ppid: 0, pgid: run.pid, command: 'npm start' },
		...processes.descendantsOf(run.pid),
	];
	const tree = run.tree;
	const script = tree.find((p) => /scripts[\\/]start\.js/.test(p.command));
	expect(script).toBeDefined();
	if (run.output().includes('starting n8n'))
		expect(tree.filter((p) => p.command.includes(N8N_PROCESS)).length).toBeGreaterThan(0);
	const pid = target === 'group' ? -run.pid : target === 'npm' ? run.pid : script!.pid;
	process.kill(pid, signal);
	const running = () =>
		tree.filter((p) => processes.isAlive(p.pid)).map((p) => `${p.pid} ${p.command}`);
	let timer: NodeJS.Timeout | undefined;
	const exit = await Promise.race([
		run.exit,
		new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 90000))),
	]);
	clearTimeout(timer);
	if (!exit)
		throw new Error(
			`npm start did not end after ${signal} to ${target}; still running:\n${running().join('\n')}`,
		);
	const alive = await eventually(
		async () => running(),
		(left) => left.length === 0,
		{ timeoutMs: 60000, what: `every process of npm start ended (${tree.length})` },
	).catch(() => running());
	expect(alive).toEqual([]);
	expect(strays(run.tree).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
	expect({ n8n: await freeNow(run.ports.n8n), sandbox: await freeNow(run.ports.sandbox) }).toEqual({
		n8n: true,
		sandbox: true,
	});
	return { exit, tree };
}

describe('npm start', () => {
	it('says why when an earlier npm start or another program holds a port', async () => {
		const ports = await newPorts();
		const first = npmStart(ports, { DEMO_NO_CHECK: '1' });
		await waitFor(first, 'Press Ctrl-C');
		const script = processes.descendantsOf(first.pid).find((p) => /start\.js/.test(p.command))!;

		const same = npmStart(ports);
		expect((await same.exit).code).toBe(1);
		expect(same.output()).toContain('an earlier `npm start` is still running');
		expect(same.output()).toContain(`start.js pid ${script.pid}`);
		expect(same.output()).toContain(`kill ${first.pid}`);

		const beside = npmStart({ n8n: await freePort(), sandbox: ports.sandbox });
		expect((await beside.exit).code).toBe(1);
		expect(beside.output()).toContain(
			`port ${ports.sandbox} (gateway sandbox) is held by an earlier \`npm start\``,
		);
		expect(beside.output()).toMatch(/N8N_PORT=\d+ SANDBOX_PORT=\d+ npm start/);

		const other = net.createServer();
		await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
		const held = (other.address() as net.AddressInfo).port;
		const blocked = npmStart({ n8n: held, sandbox: await freePort() });
		expect((await blocked.exit).code).toBe(1);
		other.close();
		expect(blocked.output()).toContain(
			`port ${held} (n8n) on 127.0.0.1 is in use by another program (pid ${process.pid}`,
		);
		expect(blocked.output()).toMatch(/N8N_PORT=\d+ npm start/);

		for (const run of [same, beside, blocked])
			expect(run.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
		const { exit } = await stopAndCheck(first, 'npm', 'SIGTERM');
		expect(exit.code).toBe(0);
	}, 300000);

	// [case, whom to signal, signal, when (a line of its output), npm's exit: code or signal]
	const cases: Array<[string, Target, NodeJS.Signals, string, number | string]> = [
		['Ctrl-C (SIGINT to its process group) once it runs', 'group', 'SIGINT', 'Press Ctrl-C', 0],
		['SIGINT to npm once it runs', 'npm', 'SIGINT', 'Press Ctrl-C', 0],
		['SIGINT to start.js once it runs', 'script', 'SIGINT', 'Press Ctrl-C', 0],
		['SIGTERM to start.js while n8n starts', 'script', 'SIGTERM', 'starting n8n', 0],
		// npm does not pass SIGHUP on and dies of it: start.js sees its parent gone.
		['SIGHUP to npm while it builds', 'npm', 'SIGHUP', 'building and packing', 'SIGHUP'],
	];
	it.each(cases)(
		'stops everything on %s',
		async (_name, target, signal, when, expected) => {
			const run = npmStart(await newPorts(), { DEMO_NO_CHECK: '1' });
			await waitFor(run, when);
			const { exit } = await stopAndCheck(run, target, signal);
			expect(run.output()).toContain('stopping n8n and the sandbox');
			expect(run.output()).toContain('[start] stopped');
			expect(exit.code ?? exit.signal).toBe(expected);
		},
		300000,
	);

	it('stops everything when npm itself is killed (SIGKILL)', async () => {
		const run = npmStart(await newPorts(), { DEMO_NO_CHECK: '1' });
		await waitFor(run, 'Press Ctrl-C');
		await stopAndCheck(run, 'npm', 'SIGKILL');
	}, 300000);
});
