#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the demo. Builds and packs the package, starts the gateway sandbox, installs (first
 * time) and starts a real n8n with the package installed in its nodes folder, creates the owner
 * account and one credential per gateway pointing at the sandbox, imports the demo workflows from
 * demo/, runs each once as a check, and prints the URL and login. Ctrl-C stops everything.
 *
 * Environment: N8N_VERSION (default 2.40.7; 1 or 2 for the pinned 1.x / 2.x), N8N_PORT (5678),
 * SANDBOX_PORT (8085), DEMO_NO_CHECK=1 to skip running the demo workflows once at start.
 * The demo's n8n data lives in .cache/demo/ and is reset at every start.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, CACHE, resolveVersion } = require('./lib/n8nEnv');
const { OWNER, packPackage, startN8n, freePort, readPackageJson } = require('./lib/n8nServer');
const { startSandbox, MOBILEPRONTO_DEMO_CREDENCIAL } = require('../sandbox');

const log = (msg) => console.log(`[start] ${msg}`);

/**
 * One entry per gateway: the credential the demo creates (only if the package declares its
 * type) and how to read a demo run's result. Adding a gateway = adding an entry here and its
 * workflows to demo/ (credential placeholders: {"id": "{{credential:<type>}}"}).
 */
const GATEWAYS = [
	{
		credentialType: 'mobileProntoApi',
		name: 'MobilePronto (sandbox)',
		data: (sandbox) => ({
			credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
			baseUrl: sandbox.url,
			soapVersion: '1.1',
		}),
	},
	{
		credentialType: 'smSendApi',
		name: 'smSend (sandbox)',
		data: (sandbox) => {
			const demo = require('../sandbox').SMSEND_DEMO;
			return {
				user: demo.user,
				password: demo.pass,
				baseUrl: sandbox.url,
				resellerUser: demo.smsusername,
				resellerPassword: demo.smspassword,
				mmsId: demo.mms.id,
				mmsPassword: demo.mms.password,
				mmsAuth: demo.mms.auth,
			};
		},
	},
];

async function portIsFree(port) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
	});
}

async function main() {
	const version = resolveVersion(process.env.N8N_VERSION);
	const n8nPort = Number(process.env.N8N_PORT || 5678);
	const sandboxPort = Number(process.env.SANDBOX_PORT || 8085);
	for (const [what, port] of [
		['n8n', n8nPort],
		['sandbox', sandboxPort],
	]) {
		if (!(await portIsFree(port))) {
			throw new Error(
				`port ${port} (${what}) is in use on 127.0.0.1; set ${what === 'n8n' ? 'N8N_PORT' : 'SANDBOX_PORT'}=<free port>`,
			);
		}
	}

	let n8n;
	let sandbox;
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		log(`${signal}: stopping n8n and the sandbox…`);
		await n8n?.stop().catch(() => {});
		await sandbox?.close().catch(() => {});
		log('stopped.');
		process.exit(signal === 'error' ? 1 : 0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGHUP', () => stop('SIGHUP'));

	log('building and packing the package');
	const { tarball } = await packPackage({ log });

	sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1' });
	log(`gateway sandbox on ${sandbox.url}`);

	const userFolder = path.join(CACHE, 'demo');
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	n8n = await startN8n({ version, userFolder, tarball, port: n8nPort, log });
	if (stopping) return;
	n8n.child.stdout?.on('data', (b) => process.env.DEMO_N8N_LOG === '1' && process.stdout.write(b));
	n8n.child.stderr?.on('data', (b) => process.env.DEMO_N8N_LOG === '1' && process.stderr.write(b));
	n8n.child.on('exit', (code, signal) => {
		if (!stopping) {
			console.error(
				`n8n exited unexpectedly (${code ?? signal}):\n${n8n.logs.join('').slice(-3000)}`,
			);
			stop('error');
		}
	});

	const { client } = n8n;
	await client.setupOwner(OWNER);

	const pkg = readPackageJson();
	const declared = new Set((await client.credentialTypes()).map((t) => t.name));
	const credentialIds = {};
	for (const g of GATEWAYS) {
		if (!declared.has(g.credentialType)) continue;
		credentialIds[g.credentialType] = await client.createCredential({
			name: g.name,
			type: g.credentialType,
			data: g.data(sandbox),
		});
		log(`credential "${g.name}" (${g.credentialType}) → ${sandbox.url}`);
	}

	const nodeTypes = new Set((await client.nodeTypes()).map((t) => t.name));
	const demoDir = path.join(ROOT, 'demo');
	const imported = [];
	for (const file of fs
		.readdirSync(demoDir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		let text = fs.readFileSync(path.join(demoDir, file), 'utf8');
		const needed = [...text.matchAll(/\{\{credential:([A-Za-z0-9_]+)\}\}/g)].map((m) => m[1]);
		const missing = needed.filter((t) => !credentialIds[t]);
		const wf = JSON.parse(
			text.replace(/\{\{credential:([A-Za-z0-9_]+)\}\}/g, (_, t) => credentialIds[t] ?? ''),
		);
		const missingNodes = wf.nodes.filter((n) => !nodeTypes.has(n.type)).map((n) => n.type);
		if (missing.length || missingNodes.length) {
			log(`skipping demo/${file}: ${[...missing, ...missingNodes].join(', ')} not available`);
			continue;
		}
		const created = await client.createWorkflow(wf);
		const webhook = wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
		if (webhook) {
			await client.activateWorkflow(created.id);
			await client.waitForWebhook(webhook.parameters.path);
		}
		imported.push({ file, id: created.id, name: wf.name, webhook: webhook?.parameters.path });
	}

	if (process.env.DEMO_NO_CHECK !== '1') {
		const { fetch } = require('undici');
		for (const wf of imported.filter((w) => w.webhook)) {
			const res = await fetch(`${n8n.url}/webhook/${wf.webhook}`, {
				method: 'POST',
				body: '{}',
				headers: { 'content-type': 'application/json' },
			});
			const body = await res.text();
			let summary = body.slice(0, 200);
			try {
				const items = JSON.parse(body);
				summary = (Array.isArray(items) ? items : [items])
					.map((i) =>
						i.error
							? `error: ${i.error}`
							: [i.mobile, i.status, i.code, i.balance !== undefined ? `balance ${i.balance}` : '']
									.filter(Boolean)
									.join(' '),
					)
					.join('; ');
			} catch {}
			log(`check "${wf.name}": HTTP ${res.status} — ${summary}`);
			if (res.status !== 200) process.exitCode = 1;
		}
		sandbox.reset();
	}

	const line = '-'.repeat(72);
	console.log(`\n${line}`);
	console.log(`  n8n ${n8n.version} with ${pkg.name}@${pkg.version} is running`);
	console.log('');
	console.log(`  Open      ${n8n.url}/`);
	console.log(`  Email     ${OWNER.email}`);
	console.log(`  Password  ${OWNER.password}`);
	console.log('');
	console.log('  Demo workflows (open one, then "Execute workflow"):');
	for (const wf of imported) console.log(`    ${wf.name}  ${n8n.url}/workflow/${wf.id}`);
	console.log('');
	console.log(
		`  Gateway sandbox  ${sandbox.url}  (what it received: ${sandbox.url}/__sandbox/requests)`,
	);
	console.log('  Credentials for the sandbox are set up; data is reset at every start.');
	console.log('');
	console.log('  Press Ctrl-C to stop n8n and the sandbox.');
	console.log(`${line}\n`);
}

main().catch(async (e) => {
	console.error(`npm start failed: ${e.stack || e}`);
	process.kill(process.pid, 'SIGTERM');
});
