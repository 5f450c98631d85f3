import * as fs from 'node:fs';
import * as path from 'node:path';

const DEMO = path.join(__dirname, '..', '..', 'demo');

interface DemoWorkflow {
	name: string;
	active?: boolean;
	nodes: Array<{ name: string; type: string }>;
	connections: Record<string, unknown>;
}

const demos = fs
	.readdirSync(DEMO)
	.filter((file) => file.endsWith('.json'))
	.map((file) => [file, JSON.parse(fs.readFileSync(path.join(DEMO, file), 'utf8'))] as const);

const isTrigger = (type: string) => /trigger$/i.test(type) || type === 'n8n-nodes-base.webhook';

describe('demo workflows (npm start imports them, the UI test runs them from the editor)', () => {
	it.each(demos)(
		'%s starts from one trigger, so the editor’s main button is plain "Execute workflow"',
		(_, workflow: DemoWorkflow) => {
			const triggers = workflow.nodes.filter((node) => isTrigger(node.type));
			expect(triggers).toHaveLength(1);
			// A manual demo starts from n8n's manual trigger; an active one from its own trigger.
			if (!workflow.active) expect(triggers[0].type).toBe('n8n-nodes-base.manualTrigger');
		},
	);

	it.each(demos)('%s connects only nodes it has', (_, workflow: DemoWorkflow) => {
		const names = new Set(workflow.nodes.map((node) => node.name));
		expect(Object.keys(workflow.connections).filter((name) => !names.has(name))).toEqual([]);
	});
});
