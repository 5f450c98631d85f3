#!/usr/bin/env node
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

const [pkgDir, peerBase] = process.argv.slice(2);
delete process.env.NODE_PATH;
Module._initPaths();

const PEERS = new Set(['n8n-workflow']);
const peerRequire = Module.createRequire(path.join(path.resolve(peerBase), 'package.json'));
const peerPaths = new Map([...PEERS].map((name) => [name, peerRequire.resolve(name)]));
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	if (peerPaths.has(request)) return peerPaths.get(request);
	return originalResolve.call(this, request, parent, ...rest);
};

const pkg = require(path.join(pkgDir, 'package.json'));
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
