#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Loads every entry of an installed package's `n8n` block the way a bare Node.js would, with only
 * the package's own installed dependencies resolvable (plus the n8n-workflow peer, which n8n
 * provides), and prints the node and credential type names as JSON.
 *
 * n8n itself puts its own node_modules on NODE_PATH, which can hide a dependency missing from
 * `dependencies` when n8n happens to ship one too; this check cannot be fooled that way.
 *
 * Usage: node loadPackageTypes.js <installed package dir> <dir whose node_modules has n8n-workflow>
 */
const path = require('node:path');
const Module = require('node:module');

/**
 * The two internals of Node's module loader this check relies on (undocumented, unchanged for
 * many Node.js versions): re-reading NODE_PATH, and resolving a request to a file.
 * @typedef {typeof Module & {
 *   _initPaths(): void,
 *   _resolveFilename(this: unknown, request: string, parent: unknown, ...rest: unknown[]): string,
 * }} ModuleInternals
 */
const loader = /** @type {ModuleInternals} */ (Module);

const [pkgDir, peerBase] = process.argv.slice(2);
delete process.env.NODE_PATH;
loader._initPaths();

const PEERS = new Set(['n8n-workflow']);
const peerRequire = Module.createRequire(path.join(path.resolve(peerBase), 'package.json'));
const peerPaths = new Map([...PEERS].map((name) => [name, peerRequire.resolve(name)]));
const originalResolve = loader._resolveFilename;
/** @type {ModuleInternals['_resolveFilename']} */
loader._resolveFilename = function (request, parent, ...rest) {
	const peer = peerPaths.get(request);
	if (peer) return peer;
	return originalResolve.call(this, request, parent, ...rest);
};

/** @type {{ name: string, n8n?: { nodes?: string[], credentials?: string[] } }} */
const pkg = require(path.join(pkgDir, 'package.json'));
/**
 * Instances of every class a file of the package exports.
 * @param {string} rel the file, relative to the package
 * @returns {any[]} node or credential instances (their shape is n8n's, read below)
 */
const load = (rel) => {
	const mod = require(path.join(pkgDir, rel));
	return Object.values(mod)
		.filter((v) => typeof v === 'function')
		.map((C) => new C());
};
const result = {
	nodes: (pkg.n8n?.nodes ?? []).flatMap((rel) =>
		load(rel).map((n) => ({
			file: rel,
			name: `${pkg.name}.${n.description.name}`,
			usableAsTool: Boolean(n.description.usableAsTool),
		})),
	),
	credentials: (pkg.n8n?.credentials ?? []).flatMap((rel) =>
		load(rel).map((c) => ({ file: rel, name: c.name })),
	),
};
process.stdout.write(JSON.stringify(result));
