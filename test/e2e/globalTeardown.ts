import * as fs from 'node:fs';

export default async function globalTeardown() {
	const ctx = globalThis.__N8N_E2E__;
	if (!ctx) return;
	await ctx.n8n.stop();
	if (ctx.keep) process.stderr.write(`[e2e] kept ${ctx.dir}\n`);
	else fs.rmSync(ctx.dir, { recursive: true, force: true });
}
