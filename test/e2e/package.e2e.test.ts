/**
 * The package as a user installs it: the npm tarball, installed into n8n's `.n8n/nodes` folder,
 * loaded by a real n8n. Node and credential types are read from the package's `n8n` block and the
 * source tree, never hard-coded, so new nodes are covered as they are added.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetch } from 'undici';
import { connectN8n, declaredTypes, packageJson, readState, ROOT, type N8n } from './harness';

function sourceFiles(dir: string, suffix: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return sourceFiles(p, suffix);
		return e.name.endsWith(suffix) ? [p] : [];
	});
}
const distPathOf = (src: string) =>
	`dist/${path.relative(ROOT, src).split(path.sep).join('/').replace(/\.ts$/, '.js')}`;

describe('the package installed in a real n8n', () => {
	const pkg = packageJson();
	const state = readState();
	const installed = JSON.parse(
		fs.readFileSync(path.join(state.installedPackageDir, 'package.json'), 'utf8'),
	);
	let declared: ReturnType<typeof declaredTypes>;
	let n8n: N8n;

	beforeAll(async () => {
		n8n = await connectN8n();
		try {
			declared = declaredTypes(state.installedPackageDir);
		} catch {
			declared = { nodes: [], credentials: [] };
		}
	});

	it('declares every node and credential of the source tree in its n8n block', () => {
		const nodes = sourceFiles(path.join(ROOT, 'nodes'), '.node.ts').map(distPathOf);
		const credentials = sourceFiles(path.join(ROOT, 'credentials'), '.credentials.ts').map(
			distPathOf,
		);
		expect(nodes.length).toBeGreaterThan(0);
		expect([...installed.n8n.nodes].sort()).toEqual(expect.arrayContaining(nodes.sort()));
		expect([...(installed.n8n.credentials ?? [])].sort()).toEqual(
			expect.arrayContaining(credentials.sort()),
		);
	});

	it('ships every file the n8n block names in the tarball', () => {
		expect(installed.n8n.nodes.length).toBeGreaterThan(0);
		for (const rel of [...installed.n8n.nodes, ...(installed.n8n.credentials ?? [])]) {
			expect(state.tarballFiles).toContain(rel);
			expect(fs.existsSync(path.join(state.installedPackageDir, rel))).toBe(true);
		}
	});

	it('loads from .n8n/nodes with only its declared runtime dependencies', () => {
		// Throws Node's "Cannot find module ..." when a file or a dependency is missing.
		declared = declaredTypes(state.installedPackageDir);
		expect(declared.nodes.length).toBeGreaterThanOrEqual(installed.n8n.nodes.length);
		expect(declared.credentials.length).toBeGreaterThanOrEqual(
			(installed.n8n.credentials ?? []).length,
		);
	});

	it('n8n lists every node type of the n8n block, with an icon it serves', async () => {
		expect(declared.nodes.length).toBeGreaterThan(0);
		const types = await n8n.nodeTypes();
		const names = new Set(types.map((t) => t.name));
		const missing = declared.nodes
			.filter((n) => !names.has(n.name))
			.map((n) => `${n.name} (${n.file})`);
		expect(missing).toEqual([]);
		for (const node of declared.nodes) {
			const type = types.find((t) => t.name === node.name)!;
			const icons =
				typeof type.iconUrl === 'string'
					? [type.iconUrl]
					: type.iconUrl
						? Object.values(type.iconUrl)
						: [];
			expect(icons.length).toBeGreaterThan(0);
			for (const icon of icons) {
				const res = await fetch(`${n8n.url}/${icon}`);
				expect({ icon, status: res.status }).toEqual({ icon, status: 200 });
				expect(await res.text()).toContain('<svg');
			}
			if (node.usableAsTool) expect(names).toContain(`${node.name}Tool`);
		}
	});

	it('n8n lists every credential type of the n8n block', async () => {
		expect(declared.credentials.length).toBeGreaterThan(0);
		const types = await n8n.credentialTypes();
		const names = new Set(types.map((t) => t.name));
		const missing = declared.credentials
			.filter((c) => !names.has(c.name))
			.map((c) => `${c.name} (${c.file})`);
		expect(missing).toEqual([]);
	});

	it('n8n logged no error loading the package', () => {
		const lines = n8n
			.logs()
			.split('\n')
			.filter((l) => l.includes(pkg.name) && /error|fail|cannot/i.test(l));
		expect(lines).toEqual([]);
	});
});
