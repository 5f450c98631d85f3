/**
 * `npm run test:ui`: the editor as a user meets it, in Debian's Chromium against a real n8n
 * 2.40.7 with the packed package installed, the gateway sandbox, the owner account, the sandbox
 * credentials and the demo workflows — the environment `npm start` builds (scripts/lib/demo.js).
 * What the editor must show is read from the built package (packageNodes.ts). Screenshots of
 * every step go to test/ui/screenshots/ (UI_SCREENSHOTS moves them).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser, SCREENSHOTS, slug, visible, eventually, type Browser } from './browser';
import { allActions, builtCredentials, builtNodes, creatorItems, ROOT } from './packageNodes';
import {
	clickAction,
	closeNdv,
	closeNodeCreator,
	credentialTestError,
	findCreatorItem,
	iconOf,
	ndv,
	openActions,
	openNodeCreator,
	openWorkflow,
	signIn,
} from './editorPages';

import { GATEWAYS, startDemo } from '../../scripts/lib/demo';
import { freePort, OWNER } from '../../scripts/lib/n8nServer';

type Demo = Awaited<ReturnType<typeof startDemo>>;

const items = creatorItems();
let demo: Demo;
let browser: Browser;
let userFolder: string;

beforeAll(async () => {
	const tarball = process.env.UI_TARBALL;
	if (!tarball) throw new Error('UI_TARBALL is not set: run this suite with npm run test:ui');
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ui-'));
	demo = await startDemo({
		version: process.env.UI_N8N_VERSION || '2.40.7',
		n8nPort: await freePort(),
		sandboxPort: await freePort(),
		userFolder,
		tarball,
		check: false,
		log: (msg: string) => process.stderr.write(`[ui] ${msg}\n`),
	});
	browser = await launchBrowser();
	await signIn(browser.page, demo.n8n.url, OWNER);
	await browser.screenshot('signed-in');
	browser.takeErrors(); // the sign-in page's own 401 before login
}, 300000);

afterAll(async () => {
	await browser?.close();
	await demo?.n8n.stop();
	await demo?.sandbox.close();
	if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	process.stderr.write(`[ui] screenshots: ${SCREENSHOTS}\n`);
	if (browser?.blocked.size)
		process.stderr.write(`[ui] refused in the browser: ${[...browser.blocked].join(', ')}\n`);
});

/** A workflow of its own, with a manual trigger, to add nodes to. */
async function scratchWorkflow(name: string) {
	const wf = await demo.n8n.client.createWorkflow({
		name,
		nodes: [
			{
				id: 'a0000000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
	});
	await openWorkflow(browser.page, demo.n8n.url, wf.id);
	return wf.id;
}

describe('the editor with this package', () => {
	it('knows every node and credential type the package builds', async () => {
		const request = browser.page.request;
		const known = async (what: string) =>
			new Set(
				(
					(await (await request.get(`${demo.n8n.url}/types/${what}.json`)).json()) as Array<{
						name: string;
					}>
				).map((t) => t.name),
			);
		const nodeTypes = await known('nodes');
		const missing = builtNodes()
			.filter((n) => !nodeTypes.has(n.type))
			.map((n) => `node ${n.type} (${n.file})`);
		const credentialTypes = await known('credentials');
		missing.push(
			...builtCredentials()
				.filter((c) => !credentialTypes.has(c.type.name))
				.map((c) => `credential ${c.type.name} (${c.file})`),
		);
		const hint = 'not in the editor: is it listed in package.json → n8n, and does it load?';
		expect(missing.map((m) => `${m} ${hint}`)).toEqual([]);
	});

	it('loads every icon the package declares (HTTP 200, an SVG)', async () => {
		const icons = [...builtNodes(), ...builtCredentials()].flatMap((x) =>
			x.icons.map((icon) => ({ ...icon, of: x.file })),
		);
		expect(icons.length).toBeGreaterThan(0);
		for (const icon of icons) {
			const res = await browser.page.request.get(`${demo.n8n.url}${icon.url}`);
			const problem = `${icon.url} (icon of ${icon.of}, expected at ${icon.file} in the package)`;
			expect({ icon: problem, status: res.status() }).toEqual({ icon: problem, status: 200 });
			expect(String(res.headers()['content-type'])).toContain('svg');
			expect(fs.existsSync(path.join(ROOT, icon.file))).toBe(true);
		}
	});

	it('finds each node in the node creator with its description, icon and every action', async () => {
		await scratchWorkflow('UI test: node creator');
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			await openNodeCreator(browser.page);
			const found = await findCreatorItem(browser.page, item);
			await browser.screenshot(`creator-${slug(item.displayName)}`);
			const description = found.getByTestId('node-creator-item-description');
			expect({
				item: item.displayName,
				description: (await description.innerText()).trim(),
			}).toEqual({ item: item.displayName, description: item.description });
			const icon = await iconOf(found);
			expect({ item: item.displayName, src: icon.src }).toEqual({
				item: item.displayName,
				src: item.icon.url,
			});
			const drawn = icon.width > 0 && icon.height > 0;
			expect({ item: item.displayName, src: icon.src, drawn }).toEqual({
				item: item.displayName,
				src: icon.src,
				drawn: true,
			});
			if (item.actions.length) {
				const listed = await openActions(browser.page, found);
				await browser.screenshot(`actions-${slug(item.displayName)}`);
				expect({ item: item.displayName, actions: [...listed].sort() }).toEqual({
					item: item.displayName,
					actions: item.actions.map((a) => a.name).sort(),
				});
			}
			await closeNodeCreator(browser.page);
		}
		expect(browser.takeErrors()).toEqual([]);
	}, 300000);

	it("opens every operation's parameter panel without a console error", async () => {
		await scratchWorkflow('UI test: every operation');
		const page = browser.page;
		for (const { item, action } of allActions(items)) {
			const label = `${item.displayName} → ${action.name}`;
			browser.takeErrors();
			await openNodeCreator(page);
			const found = await findCreatorItem(page, item);
			if (item.actions.length) {
				await openActions(page, found);
				await clickAction(page, action.name);
			} else {
				await found.click();
			}
			const panel = await visible(ndv(page), `the parameter panel of ${label}`);
			const parameters = panel.getByTestId('node-parameters');
			for (const p of action.parameters) {
				const what = `parameter "${p.displayName}" (${p.name}) in the panel of ${label}`;
				if (['collection', 'fixedCollection', 'notice'].includes(p.type))
					await visible(parameters.getByText(p.displayName, { exact: true }), what);
				else await visible(parameters.getByTestId(`parameter-input-${p.name}`), what);
			}
			for (const { name, option } of action.selected) {
				const input = parameters.getByTestId(`parameter-input-${name}`).locator('input').first();
				expect({ label, [name]: await input.inputValue() }).toEqual({ label, [name]: option });
			}
			const credentialType = action.node.description.credentials?.[0]?.name;
			const gateway = GATEWAYS.find((g) => g.credentialType === credentialType);
			if (gateway) {
				const select = panel.getByTestId('node-credentials-select').locator('input');
				await eventually(
					() => select.inputValue(),
					(v) => v === gateway.name,
					{
						what: `credential "${gateway.name}" selected in the panel of ${label}`,
					},
				);
			}
			const slugName = `${action.node.description.name}-${Object.values(action.values).join('-') || 'trigger'}`;
			await browser.screenshot(`panel-${slug(slugName)}`);
			await closeNdv(page);
			await page.keyboard.press('Delete'); // the added node, still selected
			expect({ label, errors: browser.takeErrors() }).toEqual({ label, errors: [] });
		}
	}, 600000);

	it('tests each credential green against the sandbox, and red with a wrong secret', async () => {
		const page = browser.page;
		const credentials = builtCredentials();
		expect(credentials.length).toBeGreaterThan(0);
		for (const { type } of credentials) {
			const gateway = GATEWAYS.find((g) => g.credentialType === type.name);
			if (!gateway)
				throw new Error(`scripts/lib/demo.js GATEWAYS has no credential for ${type.name}`);
			const id = demo.credentialIds[type.name];
			const secret = type.properties.find((p) => p.typeOptions?.password && p.required);
			if (!secret) throw new Error(`${type.name} has no required password field to get wrong`);
			const right = gateway.data(demo.sandbox)[secret.name];
			const wrong = right.replace(/./g, (c) => (c === 'x' ? 'y' : 'x'));

			await page.goto(`${demo.n8n.url}/home/credentials`);
			await (await visible(page.getByText(gateway.name, { exact: true }), gateway.name)).click();
			const modal = await visible(page.getByTestId('credential-edit-dialog'), 'the credential');
			await visible(
				modal.getByTestId('credentials-config-container-test-success'),
				`the green "Connection tested successfully" for ${gateway.name}`,
				60000,
			);
			await browser.screenshot(`credential-${slug(type.name)}-ok`);

			const save = async (value: string) => {
				await modal.getByTestId(`parameter-input-${secret.name}`).locator('input').fill(value);
				await page.getByTestId('credential-save-button').click();
			};
			await save(wrong);
			const shown = await credentialTestError(modal);
			await browser.screenshot(`credential-${slug(type.name)}-wrong-${slug(secret.name)}`);
			const api = await demo.n8n.client.testCredential({
				id,
				name: gateway.name,
				type: type.name,
				data: { ...gateway.data(demo.sandbox), [secret.name]: wrong },
			});
			expect(api.status).toBe('Error');
			expect(shown).toContain(api.message);
			expect(shown).not.toContain(wrong);

			await save(right);
			await visible(
				modal.getByTestId('credentials-config-container-test-success'),
				`green again for ${gateway.name} once the right ${secret.displayName} is back`,
				60000,
			);
			await page.keyboard.press('Escape');
		}
		expect(browser.takeErrors()).toEqual([]);
	}, 300000);

	it('runs each demo workflow from the main "Execute workflow" button and shows its output', async () => {
		const page = browser.page;
		const manual = demo.workflows.filter((w) => w.manualTrigger);
		expect(manual.length).toBeGreaterThan(0);
		for (const wf of manual) {
			await openWorkflow(page, demo.n8n.url, wf.id);
			const button = await visible(page.getByTestId('execute-workflow-button'), 'Execute workflow');
			// Not "Execute workflow from <node>": the button runs the manual trigger.
			expect((await button.innerText()).trim()).toBe('Execute workflow');
			await button.click();
			const nodes = await page.getByTestId('canvas-node').count();
			await eventually(
				() => page.getByTestId('canvas-node-status-success').count(),
				(n) => n === nodes,
				{ what: `all ${nodes} nodes of "${wf.name}" green`, timeoutMs: 60000 },
			);
			await browser.screenshot(`demo-run-${slug(wf.file)}`);
			const [latest] = await demo.n8n.client.executions(wf.id);
			expect(latest.status).toBe('success');
			const { lastNode, items: output } = await lastNodeOutput(latest.id);
			await page.getByTestId('canvas-node').filter({ hasText: lastNode }).first().dblclick();
			const panel = await visible(page.getByTestId('output-panel'), `the output of ${lastNode}`);
			await visible(panel.getByText(`${output.length} item`), `"${output.length} items"`);
			await panel.getByTestId('radio-button-json').click();
			for (const item of output)
				for (const value of Object.values(item)
					.filter((v) => typeof v === 'string')
					.slice(0, 3))
					await visible(panel.getByText(String(value)), `"${value}" in the output of ${lastNode}`);
			await browser.screenshot(`demo-output-${slug(wf.file)}`);
			await closeNdv(page);
		}
		expect(browser.takeErrors()).toEqual([]);
	}, 300000);
});

async function lastNodeOutput(executionId: string) {
	const execution = await demo.n8n.client.execution(executionId);
	// n8n stores run data with flatted; its own copy reads it back.
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
	const flatted = require(require.resolve('flatted', { paths: [demo.n8n.info.pkgDir] }));
	const result = flatted.parse(execution.data).resultData;
	const lastNode: string = result.lastNodeExecuted;
	const items: Array<Record<string, unknown>> = result.runData[lastNode][0].data.main[0].map(
		(i: { json: Record<string, unknown> }) => i.json,
	);
	return { lastNode, items };
}
