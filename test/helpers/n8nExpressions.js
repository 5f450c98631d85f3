'use strict';
/**
 * Evaluates parameter values the way n8n-core's getNodeParameter does
 * (`workflow.expression.getParameterValue` with the node's input items as `$json`), with a given
 * copy of n8n-workflow and one of its expression engines. Used by the property tests of
 * nodes/helpers/fieldTemplate.ts to compare its results with n8n's, in this process or, for an
 * engine or n8n line this process cannot load (isolated-vm needs Node.js 24; n8n 1.x lives in
 * .cache/n8n/1.123.81), in a child process:
 *
 *   node n8nExpressions.js <n8n-workflow dir> <engine>   (v8-serialized cases on stdin, JSON out)
 *
 * Plain CommonJS so that it runs under any Node.js without compiling.
 */
const path = require('node:path');
const v8 = require('node:v8');

const NODE_NAME = 'Template';

/** What n8n gave, in a form that crosses a process boundary unchanged. */
function outcome(run) {
	try {
		const value = run();
		if (typeof value === 'string') return { type: 'string', value };
		return { type: value === null ? 'null' : typeof value };
	} catch (error) {
		return { type: 'error', message: String(error && error.message) };
	}
}

/**
 * @param {{ workflowDir: string, engine: 'legacy' | 'vm' | 'quickjs' }} options
 * @param {Array<{ expression: string, items: object[] }>} cases
 * @returns {Promise<Array<Array<{ type: string, value?: string, message?: string }>>>}
 *   for each case, what n8n gave for each of its items
 */
async function evaluateCases({ workflowDir, engine }, cases) {
	const { Workflow, Expression } = require(workflowDir);
	if (engine === 'legacy') {
		if (typeof Expression.setExpressionEngine === 'function')
			Expression.setExpressionEngine('legacy');
	} else {
		// The options n8n's server passes by default (N8N_EXPRESSION_ENGINE_* settings).
		await Expression.initExpressionEngine({
			engine,
			poolSize: 1,
			maxCodeCacheSize: 1024,
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
		});
		const active =
			typeof Expression.getActiveImplementation === 'function'
				? Expression.getActiveImplementation()
				: engine;
		if (active !== engine) throw new Error(`n8n runs the ${active} engine, not ${engine}`);
	}
	const nodeType = { description: { properties: [] } };
	const workflow = new Workflow({
		id: 'template-check',
		nodes: [
			{
				id: 'c0ffee00-0000-4000-8000-000000000002',
				name: NODE_NAME,
				type: 'template-check',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
		settings: {},
	});
	const hasIsolate = typeof workflow.expression.acquireIsolate === 'function';
	if (hasIsolate) await workflow.expression.acquireIsolate();
	try {
		return cases.map(({ expression, items }) => {
			const inputData = items.map((json) => ({ json }));
			return inputData.map((_, itemIndex) =>
				outcome(() =>
					workflow.expression.getParameterValue(
						expression,
						null,
						0,
						itemIndex,
						NODE_NAME,
						inputData,
						'manual',
						{},
					),
				),
			);
		});
	} finally {
		if (hasIsolate) await workflow.expression.releaseIsolate();
		if (engine !== 'legacy') await Expression.disposeExpressionEngine();
		if (typeof Expression.setExpressionEngine === 'function')
			Expression.setExpressionEngine('legacy');
	}
}

async function main() {
	const [workflowDir, engine] = process.argv.slice(2);
	const chunks = [];
	for await (const chunk of process.stdin) chunks.push(chunk);
	const cases = v8.deserialize(Buffer.concat(chunks));
	const results = await evaluateCases({ workflowDir: path.resolve(workflowDir), engine }, cases);
	process.stdout.write(JSON.stringify(results));
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error && error.stack}\n`);
		process.exit(1);
	});
}

module.exports = { evaluateCases };
