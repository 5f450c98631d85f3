#!/usr/bin/env node
// @ts-check
'use strict';
// Installs the pinned n8n (and Node.js 24) into .cache/ once; later runs return at once.
// Usage: node scripts/n8n-install.js [2.40.7|1.123.81|1|2|all]   (default: 2.40.7 or $N8N_VERSION)
const { ensureN8n, N8N_LINES, resolveVersion } = require('./lib/n8nEnv');

async function main() {
	const args = process.argv.slice(2);
	const versions = args.includes('all')
		? N8N_LINES
		: args.length
			? args.map(resolveVersion)
			: [resolveVersion()];
	for (const v of versions) await ensureN8n(v);
}

main().catch((e) => {
	console.error(e.stack || String(e));
	process.exit(1);
});
