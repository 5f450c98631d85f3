import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evaluateCases } = require('./n8nExpressions') as {
	evaluateCases: (target: Target, cases: TemplateCase[]) => Promise<N8nOutcome[][]>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CACHE, NODE_EXE, N8N_VERSIONS } = require('../../scripts/lib/n8nEnv') as {
	CACHE: string;
	NODE_EXE: string;
	N8N_VERSIONS: Record<1 | 2, string>;
};

export interface TemplateCase {
	expression: string;
	items: unknown[];
}

export type N8nOutcome =
	| { type: 'string'; value: string }
	| { type: 'error'; message: string }
	| { type: Exclude<string, 'string' | 'error'> };

export interface Target {
	workflowDir: string;
	engine: 'legacy' | 'vm' | 'quickjs';
}

/** One n8n expression engine to check against, and how to reach it from this process. */
export interface EngineTarget extends Target {
	label: string;
	/** Node.js binary of a child process to evaluate in; undefined: in this process. */
	nodeBinary?: string;
	/** Why it cannot be checked here, if it cannot. */
	unavailable?: string;
}

const THIS_WORKFLOW = path.dirname(require.resolve('n8n-workflow/package.json'));
const WORKFLOW_1X = path.join(CACHE, 'n8n', N8N_VERSIONS[1], 'node_modules', 'n8n-workflow');
const NODE24_MISSING = `needs Node.js 24 in ${path.relative(process.cwd(), NODE_EXE)} (npm run n8n:install)`;

/**
 * Every engine n8n-workflow 2.40 offers (N8N_EXPRESSION_ENGINE: `vm`, the default, `legacy`,
 * `quickjs`), with this project's n8n-workflow, and both engines of n8n 1.x (`vm`, the default,
 * and `legacy`) with the n8n-workflow of the installed n8n 1.123.81. Only this project's `legacy`
 * runs in this process: n8n starts the other engines with a dynamic import, which jest does not
 * allow, and isolated-vm (`vm`) needs Node.js 24, which `npm run n8n:install` puts in .cache
 * (with n8n 1.123.81); they run in child processes.
 */
export function engineTargets(): EngineTarget[] {
	const node24 = fs.existsSync(NODE_EXE) ? NODE_EXE : undefined;
	const has1x = fs.existsSync(path.join(WORKFLOW_1X, 'package.json'));
	const node24Here = process.versions.node.split('.')[0] === '24';
	const vmNode = node24Here ? process.execPath : node24;
	const vm = vmNode ? { nodeBinary: vmNode } : { unavailable: NODE24_MISSING };
	const missing1x = `needs n8n ${N8N_VERSIONS[1]} in .cache (npm run n8n:install)`;
	return [
		{ label: 'n8n-workflow 2.40, vm', workflowDir: THIS_WORKFLOW, engine: 'vm', ...vm },
		{ label: 'n8n-workflow 2.40, legacy', workflowDir: THIS_WORKFLOW, engine: 'legacy' },
		{
			label: 'n8n-workflow 2.40, quickjs',
			workflowDir: THIS_WORKFLOW,
			engine: 'quickjs',
			nodeBinary: process.execPath,
		},
		{
			label: `n8n ${N8N_VERSIONS[1]}, vm`,
			workflowDir: WORKFLOW_1X,
			engine: 'vm',
			...(has1x ? vm : { unavailable: missing1x }),
		},
		{
			label: `n8n ${N8N_VERSIONS[1]}, legacy`,
			workflowDir: WORKFLOW_1X,
			engine: 'legacy',
			...(has1x ? { nodeBinary: process.execPath } : { unavailable: missing1x }),
		},
	];
}

/** What n8n gives for each item of each case, evaluated by `target`. */
export async function evaluateWithN8n(
	target: EngineTarget,
	cases: TemplateCase[],
): Promise<N8nOutcome[][]> {
	if (!target.nodeBinary) return await evaluateCases(target, cases);
	const child = spawn(
		target.nodeBinary,
		[path.join(__dirname, 'n8nExpressions.js'), target.workflowDir, target.engine],
		{ stdio: ['pipe', 'pipe', 'pipe'] },
	);
	const out: Buffer[] = [];
	const err: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
	const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
	child.stdin.end(v8.serialize(cases));
	const code = await closed;
	if (code !== 0)
		throw new Error(`${target.label} exited with ${code}: ${Buffer.concat(err).toString()}`);
	return JSON.parse(Buffer.concat(out).toString()) as N8nOutcome[][];
}
