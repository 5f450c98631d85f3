#!/usr/bin/env node
// @ts-check
// The registry this project installs from does not serve every platform build of some
// optional native bindings (unrs-resolver's, used by the lint plugins). npm then writes a
// lockfile naming optional dependencies it could not resolve, and `npm ci` refuses it as
// "out of sync". This drops, from package-lock.json, optional dependency edges whose
// package appears nowhere in the lockfile. Run it after `npm install` changes the lockfile.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const installed = new Set(
	Object.keys(lock.packages).map((key) => key.replace(/^.*node_modules\//, '')),
);

let pruned = 0;
for (const entry of Object.values(lock.packages)) {
	const optional = entry.optionalDependencies;
	if (!optional) continue;
	for (const name of Object.keys(optional)) {
		if (!installed.has(name)) {
			delete optional[name];
			pruned++;
		}
	}
}
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`pruned ${pruned} unresolvable optional dependency edge(s) from package-lock.json`);
