#!/usr/bin/env node
// Delivery-tracking benchmark: N request ids (a campaign just sent, one SMS each) checked by the
// smSend node's SMS → Get Status Report with Wait for Final Status in a real n8n, against the
// local sandbox with BENCH_LATENCY_MS of latency on every status read. Statuses move on their
// own (sandbox autoAdvanceMs): each SMS is delivered BENCH_FINAL_AFTER_S after it was sent.
// Prints, per Concurrency, the time until the node returned with every message final, how many
// checks and status reads it made, and one line of JSON per run. Only loopback addresses.
'use strict';

const { Pool } = require('undici');

const { startSandbox } = require('../sandbox');
const { startN8n, packPackage, freePort, OWNER } = require('../scripts/lib/n8nServer');
const { webhookNode } = require('./lib/workflows');
const { callWebhook } = require('./lib/run');

const N = Number(process.env.BENCH_N || process.argv[2] || 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 50);
const FINAL_AFTER_S = Number(process.env.BENCH_FINAL_AFTER_S || 10);
const CHECK_EVERY_S = Number(process.env.BENCH_CHECK_EVERY_S || 5);
const CONCURRENCIES = String(process.env.BENCH_CONCURRENCY || '10')
	.split(',')
	.map(Number);
const USER = 'bench';
const PASS = 'bench-password';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** Sends N SMS straight to the sandbox (not measured) and returns their request ids. */
async function sendCampaign(sandboxUrl) {
	const pool = new Pool(sandboxUrl, { connections: 20 });
	const ids = new Array(N);
	let next = 0;
	await Promise.all(
		Array.from({ length: 20 }, async () => {
			while (next < N) {
				const i = next++;
				const res = await pool.request({
					method: 'POST',
					path: '/sms/send.php',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({
						user: USER,
						pass: PASS,
						rcpt: `+39347${String(1000000 + i)}`,
						data: 'Saldi: -20% fino a domenica',
						sender: 'Bench',
						qty: 'h',
						operation: 'TEXT',
						return_id: '1',
					}).toString(),
				});
				const text = await res.body.text();
				if (!text.startsWith('OK ')) throw new Error(`send: ${text}`);
				ids[i] = text.slice(3).trim();
			}
		}),
	);
	await pool.close();
	return ids;
}

function workflow(name, webhookPath, requestIds, concurrency, credentialId) {
	return {
		name,
		nodes: [
			{ ...webhookNode(webhookPath, 'firstEntryJson'), id: 'b1' },
			{
				id: 'b2',
				name: 'Sent',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: `return ${JSON.stringify(requestIds)}.map((requestId) => ({ json: { requestId } }));`,
				},
			},
			{
				id: 'b3',
				name: 'Status',
				type: 'n8n-nodes-mobilepronto-smsend.smSend',
				typeVersion: 1.1,
				position: [400, 0],
				parameters: {
					resource: 'sms',
					operation: 'getStatus',
					requestId: '={{ $json.requestId }}',
					reportType: 'notify',
					waitForFinal: true,
					waitTimeout: 3600,
					waitInterval: CHECK_EVERY_S,
					output: 'summary',
					options: { concurrency },
				},
				credentials: { smSendApi: { id: credentialId, name: 'smSend bench' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Sent', type: 'main', index: 0 }]] },
			Sent: { main: [[{ node: 'Status', type: 'main', index: 0 }]] },
		},
	};
}

async function main() {
	log(
		`N = ${N}, ${LATENCY_MS} ms latency per status read, delivered ${FINAL_AFTER_S} s after sending, Check Every ${CHECK_EVERY_S} s, concurrency ${CONCURRENCIES.join(', ')}`,
	);
	const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	// queued → sent → delivered: two steps.
	const account = {
		user: USER,
		pass: PASS,
		credit: 1e9,
		autoAdvanceMs: (FINAL_AFTER_S * 1000) / 2,
	};
	sandbox.smSend.addAccount(account);
	const { tarball } = await packPackage({ log });
	const n8n = await startN8n({
		tarball,
		log,
		env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
	});
	try {
		await n8n.client.setupOwner(OWNER);
		const credentialId = await n8n.client.createCredential({
			name: 'smSend bench',
			type: 'smSendApi',
			data: { user: USER, password: PASS, baseUrl: sandbox.url },
		});
		for (const concurrency of CONCURRENCIES) {
			sandbox.reset();
			sandbox.smSend.addAccount(account);
			const webhookPath = `bench-status-${concurrency}`;
			// Sent just before the workflow is activated and called, as a campaign would be.
			const requestIds = await sendCampaign(sandbox.url);
			const created = await n8n.client.createWorkflow(
				workflow(`status c${concurrency}`, webhookPath, requestIds, concurrency, credentialId),
			);
			await n8n.client.activateWorkflow(created.id);
			await n8n.client.waitForWebhook(webhookPath);
			sandbox.inject({
				kind: 'latency',
				ms: LATENCY_MS,
				match: { path: '/sms/batch-status.php' },
			});
			const sinceSent = (Date.now() - sandbox.smSend.sent[0].at) / 1000;
			const { seconds, text } = await callWebhook(n8n, webhookPath);
			const summary = JSON.parse(text);
			const reads = sandbox.requests.filter((r) => r.operation === 'batch-status').length;
			if (!summary.allFinal || summary.messages !== N)
				throw new Error(`not all final: ${text.slice(0, 500)}`);
			const roundBound = (N * LATENCY_MS) / 1000 / concurrency;
			console.log(
				`concurrency ${String(concurrency).padStart(3)}: all ${N} final in ${seconds.toFixed(2)} s ` +
					`(${summary.checks} checks, ${reads} status reads; one check of all ${N} is at least ` +
					`${roundBound.toFixed(2)} s; first read ${sinceSent.toFixed(1)} s after the first SMS was sent; ` +
					`delivered ${summary.delivered}, not final ${summary.notFinal})`,
			);
			console.log(
				JSON.stringify({
					n: N,
					n8n_version: n8n.version,
					latency_ms: LATENCY_MS,
					final_after_s: FINAL_AFTER_S,
					check_every_s: CHECK_EVERY_S,
					concurrency,
					all_final_s: Math.round(seconds * 1000) / 1000,
					checks: summary.checks,
					status_reads: reads,
					one_check_bound_s: roundBound,
				}),
			);
		}
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
