#!/usr/bin/env node
// Bulk-send benchmark: in one run, against the same local sandbox, N SMS sent by
//   (a) the smSend node in a real n8n (one execution),
//   (b) n8n's own HTTP Request node doing the same form POSTs (one execution),
//   (c) a raw undici Pool with 50 connections (the floor),
//   (d) the same workflow ending in a No Op node (what n8n itself spends on N items),
// then (a) again with 50 ms of sandbox latency at the node's default concurrency.
// Prints each time, items per second, the ratios, n8n's memory growth, and a last line
// of JSON for comparing runs. Only loopback addresses are used.
// BENCH_CPU_PROF=<dir> writes a CPU profile of n8n's process there when n8n stops.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Pool, fetch } = require('undici');

const { startSandbox } = require('../sandbox');
const { startN8n, packPackage, freePort, OWNER } = require('../scripts/lib/n8nServer');

const N = Number(process.env.BENCH_N || process.argv[2] || 10000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 50);
/** Options of the smSend node under test, e.g. BENCH_NODE_OPTIONS='{"reuseConnections":false}'. */
const NODE_OPTIONS = JSON.parse(process.env.BENCH_NODE_OPTIONS || '{}');
const DEFAULT_CONCURRENCY = 20; // nodes/helpers/bulkSend.ts DEFAULT_CONCURRENCY
const RAW_CONNECTIONS = 50;
const USER = 'bench';
const PASS = 'bench-password';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function rssOf(pid, field) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

function webhookNode(webhookPath) {
	return {
		id: 'a1',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: webhookPath,
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'lastNode',
			responseData: 'noData',
		},
	};
}

function generatorNode(n) {
	return {
		id: 'a2',
		name: 'Recipients',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: {
			jsCode: `return Array.from({ length: ${n} }, (_, i) => ({ json: { phone: '+39320' + String(1000000 + i) } }));`,
		},
	};
}

function chain(name, webhookPath, n, last) {
	return {
		name,
		nodes: [webhookNode(webhookPath), generatorNode(n), { ...last, id: 'a3', position: [400, 0] }],
		connections: {
			Webhook: { main: [[{ node: 'Recipients', type: 'main', index: 0 }]] },
			Recipients: { main: [[{ node: last.name, type: 'main', index: 0 }]] },
		},
	};
}

function smSendNode(credentialId) {
	return {
		name: 'smSend',
		type: 'n8n-nodes-mobilepronto-smsend.smSend',
		typeVersion: 1,
		parameters: {
			resource: 'sms',
			operation: 'send',
			recipient: '={{ $json.phone }}',
			sender: 'Bench',
			message: 'Offerta del giorno',
			options: NODE_OPTIONS,
		},
		credentials: { smSendApi: { id: credentialId, name: 'smSend bench' } },
	};
}

function httpRequestNode(sandboxUrl) {
	const field = (name, value) => ({ name, value });
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/sms/send.php`,
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: {
				parameters: [
					field('user', USER),
					field('pass', PASS),
					field('rcpt', '={{ $json.phone }}'),
					field('data', 'Offerta del giorno'),
					field('sender', 'Bench'),
					field('qty', 'h'),
					field('operation', 'TEXT'),
					field('return_id', '1'),
				],
			},
			options: {},
		},
	};
}

/** The same chain ending in a node that does nothing: what n8n itself spends on N items. */
function noOpNode() {
	return { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
}

async function runWebhook(n8n, workflow, webhookPath) {
	const created = await n8n.client.createWorkflow(workflow);
	await n8n.client.activateWorkflow(created.id);
	await n8n.client.waitForWebhook(webhookPath);
	const started = process.hrtime.bigint();
	const res = await fetch(`${n8n.url}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
		headersTimeout: 0,
		bodyTimeout: 0,
	});
	const text = await res.text();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	if (res.status !== 200)
		throw new Error(`${workflow.name}: webhook answered HTTP ${res.status}: ${text.slice(0, 300)}`);
	return seconds;
}

async function rawUndici(sandboxUrl, n) {
	const pool = new Pool(sandboxUrl, { connections: RAW_CONNECTIONS });
	let next = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: RAW_CONNECTIONS }, async () => {
			while (next < n) {
				const i = next++;
				const body = new URLSearchParams({
					user: USER,
					pass: PASS,
					rcpt: `+39320${1000000 + i}`,
					data: 'Offerta del giorno',
					sender: 'Bench',
					qty: 'h',
					operation: 'TEXT',
					return_id: '1',
				}).toString();
				const res = await pool.request({
					method: 'POST',
					path: '/sms/send.php',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body,
				});
				const text = await res.body.text();
				if (!text.startsWith('OK')) throw new Error(`raw client: ${text}`);
			}
		}),
	);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	await pool.close();
	return seconds;
}

function countSent(sandbox, since) {
	return sandbox.smSend.sent.filter((sms) => sms.at >= since).length;
}

async function main() {
	log(
		`N = ${N}, latency run ${LATENCY_MS} ms at concurrency ${NODE_OPTIONS.concurrency ?? DEFAULT_CONCURRENCY}, node options ${JSON.stringify(NODE_OPTIONS)}`,
	);
	const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	sandbox.smSend.addAccount({ user: USER, pass: PASS, credit: 1e9 });
	const { tarball } = await packPackage({ log });
	// Its own task-broker port, so the benchmark can run beside another n8n.
	const brokerPort = String(await freePort());
	const profileDir = process.env.BENCH_CPU_PROF
		? path.resolve(process.env.BENCH_CPU_PROF)
		: undefined;
	const n8n = await startN8n({
		tarball,
		log,
		env: { N8N_RUNNERS_BROKER_PORT: brokerPort },
		nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
	});
	try {
		await n8n.client.setupOwner(OWNER);
		const credentialId = await n8n.client.createCredential({
			name: 'smSend bench',
			type: 'smSendApi',
			data: { user: USER, password: PASS, baseUrl: sandbox.url },
		});
		const pid = n8n.child.pid;
		const rssBefore = rssOf(pid, 'VmRSS');

		// Warm-up: n8n compiles and caches on first use; not measured.
		await runWebhook(
			n8n,
			chain('warm-up', 'bench-warmup', 50, smSendNode(credentialId)),
			'bench-warmup',
		);

		sandbox.reset();
		sandbox.smSend.addAccount({ user: USER, pass: PASS, credit: 1e9 });
		let since = Date.now();
		const nodeSeconds = await runWebhook(
			n8n,
			chain('smSend node', 'bench-node', N, smSendNode(credentialId)),
			'bench-node',
		);
		const nodeSent = countSent(sandbox, since);
		const peakAfterNode = rssOf(pid, 'VmHWM');

		const floorSeconds = await runWebhook(
			n8n,
			chain('n8n alone', 'bench-floor', N, noOpNode()),
			'bench-floor',
		);

		since = Date.now();
		const httpSeconds = await runWebhook(
			n8n,
			chain('HTTP Request node', 'bench-http', N, httpRequestNode(sandbox.url)),
			'bench-http',
		);
		const httpSent = countSent(sandbox, since);

		since = Date.now();
		const rawSeconds = await rawUndici(sandbox.url, N);
		const rawSent = countSent(sandbox, since);

		sandbox.inject({ kind: 'latency', ms: LATENCY_MS, match: { path: '/sms/send.php' } });
		since = Date.now();
		const latencySeconds = await runWebhook(
			n8n,
			chain('smSend node, latency', 'bench-latency', N, smSendNode(credentialId)),
			'bench-latency',
		);
		const latencySent = countSent(sandbox, since);
		sandbox.clearFaults();

		const concurrency = NODE_OPTIONS.concurrency ?? DEFAULT_CONCURRENCY;
		const boundSeconds = (N * LATENCY_MS) / 1000 / concurrency;
		const growth = peakAfterNode - rssBefore;
		const rate = (s) => (N / s).toFixed(0);
		const rows = [
			['(a) smSend node', nodeSeconds, nodeSent],
			['(b) HTTP Request node', httpSeconds, httpSent],
			['(c) raw undici Pool (50)', rawSeconds, rawSent],
			['(d) n8n alone (Code → No Op)', floorSeconds, null],
			[`(a) with ${LATENCY_MS} ms latency`, latencySeconds, latencySent],
		];
		console.log('');
		console.log(`n8n ${n8n.version}, N = ${N}`);
		for (const [name, seconds, sent] of rows) {
			const recorded = sent === null ? '' : `  (${sent} SMS recorded)`;
			console.log(
				`${name.padEnd(30)} ${seconds.toFixed(2).padStart(8)} s  ${rate(seconds).padStart(7)} items/s${recorded}`,
			);
		}
		console.log(`ratio vs HTTP Request node (b/a): ${(httpSeconds / nodeSeconds).toFixed(2)}×`);
		console.log(`ratio vs raw (c/a):               ${(rawSeconds / nodeSeconds).toFixed(2)}`);
		console.log(
			`beyond n8n's own cost (d): node ${(((nodeSeconds - floorSeconds) * 1000) / N).toFixed(3)} ms/item, HTTP Request node ${(((httpSeconds - floorSeconds) * 1000) / N).toFixed(3)} ms/item`,
		);
		console.log(
			`latency run: ${latencySeconds.toFixed(2)} s; bound N × ${LATENCY_MS} ms ÷ ${concurrency} = ${boundSeconds.toFixed(2)} s (× ${(latencySeconds / boundSeconds).toFixed(2)})`,
		);
		console.log(
			`n8n peak RSS growth during (a): ${growth.toFixed(0)} MB (from ${rssBefore.toFixed(0)} MB to a peak of ${peakAfterNode.toFixed(0)} MB)`,
		);
		if (nodeSent !== N || latencySent !== N)
			throw new Error(`the node recorded ${nodeSent} and ${latencySent} SMS, expected ${N} each`);
		console.log(
			JSON.stringify({
				n: N,
				n8n_version: n8n.version,
				node_options: NODE_OPTIONS,
				node_s: round(nodeSeconds),
				http_request_node_s: round(httpSeconds),
				raw_s: round(rawSeconds),
				n8n_floor_s: round(floorSeconds),
				ratio_vs_http_request_node: round(httpSeconds / nodeSeconds),
				ratio_vs_raw: round(rawSeconds / nodeSeconds),
				latency_ms: LATENCY_MS,
				latency_run_s: round(latencySeconds),
				latency_bound_s: round(boundSeconds),
				peak_rss_growth_mb: round(growth),
				peak_rss_mb: round(peakAfterNode),
			}),
		);
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
}

function round(value) {
	return Math.round(value * 1000) / 1000;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
