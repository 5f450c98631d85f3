#!/usr/bin/env node
// Bulk-send benchmark: in one run, against the same local sandbox, N personalised SMS
// (`Ciao {{ $json.name }}, il tuo ordine {{ $json.order }} è partito.`) sent by
//   (a) the smSend node in a real n8n (one execution),
//   (b) n8n's own HTTP Request node doing the same form POSTs with the same expression,
//   (c) a raw undici Pool with 50 connections (the floor),
//   (d) the same workflow ending in a No Op node (what n8n itself spends on N items),
// then (a) and (b) with one constant text for everyone, (a) again with 50 ms of sandbox
// latency at the node's default concurrency, and (a) with BENCH_SCALE_N (100,000)
// personalised recipients in one execution, in an n8n of its own (for its memory growth).
// Prints each time, items per second, the ratios, n8n's memory growth, and a last line
// of JSON for comparing runs. Only loopback addresses are used.
// BENCH_CPU_PROF=<dir> writes a CPU profile of n8n's process there when n8n stops.
// N8N_EXPRESSION_ENGINE (vm, legacy, quickjs) is passed on to n8n.
'use strict';

const path = require('node:path');

const { startSandbox } = require('../sandbox');
const { startN8n, packPackage, freePort, OWNER } = require('../scripts/lib/n8nServer');
const {
	USER,
	PASS,
	PERSONALISED,
	CONSTANT,
	personalisedText,
	chain,
	smSendNode: smSendNodeWith,
	httpRequestNode,
	noOpNode,
} = require('./lib/workflows');
const { rssOf, runWebhook, rawUndici, checkedSent } = require('./lib/run');

const N = Number(process.env.BENCH_N || process.argv[2] || 10000);
/** Recipients of the scale run (node only); 0 leaves it out. */
const SCALE_N = Number(process.env.BENCH_SCALE_N ?? 100000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 50);
/** Options of the smSend node under test, e.g. BENCH_NODE_OPTIONS='{"reuseConnections":false}'. */
const NODE_OPTIONS = JSON.parse(process.env.BENCH_NODE_OPTIONS || '{}');
const DEFAULT_CONCURRENCY = 20; // nodes/helpers/bulkSend.ts DEFAULT_CONCURRENCY

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const smSendNode = (credentialId, message) => smSendNodeWith(credentialId, message, NODE_OPTIONS);

async function main() {
	const engine = process.env.N8N_EXPRESSION_ENGINE || "n8n's default";
	log(
		`N = ${N} (scale run ${SCALE_N || 'off'}), latency run ${LATENCY_MS} ms at concurrency ${NODE_OPTIONS.concurrency ?? DEFAULT_CONCURRENCY}, node options ${JSON.stringify(NODE_OPTIONS)}, expression engine ${engine}`,
	);
	const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	const resetSandbox = () => {
		sandbox.reset();
		sandbox.smSend.addAccount({ user: USER, pass: PASS, credit: 1e9 });
	};
	resetSandbox();
	const { tarball } = await packPackage({ log });
	// Its own task-broker port, so the benchmark can run beside another n8n.
	const brokerPort = String(await freePort());
	const profileDir = process.env.BENCH_CPU_PROF
		? path.resolve(process.env.BENCH_CPU_PROF)
		: undefined;
	/**
	 * Starts an n8n with the package and an smSend credential for the sandbox, runs a warm-up
	 * (n8n compiles and caches on first use; not measured), and gives `run` a `measure` that runs
	 * one workflow of n recipients: its time, the SMS the sandbox recorded (each text checked)
	 * and how long after the webhook call the first of them arrived. Stops n8n after `run`.
	 */
	const withN8n = async (run) => {
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
			const measure = async (name, slug, n, last, textOf, { latencyMs = 0 } = {}) => {
				resetSandbox();
				if (latencyMs > 0)
					sandbox.inject({ kind: 'latency', ms: latencyMs, match: { path: '/sms/send.php' } });
				const since = Date.now();
				log(`${name} (${n} items)…`);
				try {
					const { seconds, startedAt } = await runWebhook(n8n, chain(name, slug, n, last), slug);
					if (!textOf) return { seconds, sent: null };
					const sent = checkedSent(sandbox, since, textOf, name);
					const first = sent.reduce((min, sms) => Math.min(min, sms.at), Infinity);
					return { seconds, sent: sent.length, firstSmsSeconds: (first - startedAt) / 1000 };
				} finally {
					sandbox.clearFaults();
				}
			};
			await measure(
				'warm-up',
				'bench-warmup',
				50,
				smSendNode(credentialId, PERSONALISED),
				personalisedText,
			);
			return await run({ n8n, pid, rssBefore, credentialId, measure });
		} finally {
			await n8n.stop();
		}
	};
	const constantText = () => CONSTANT;

	try {
		const runs = await withN8n(async ({ n8n, pid, rssBefore, credentialId, measure }) => {
			const node = await measure(
				'smSend node',
				'bench-node',
				N,
				smSendNode(credentialId, PERSONALISED),
				personalisedText,
			);
			const peakAfterNode = rssOf(pid, 'VmHWM');
			const floor = await measure('n8n alone', 'bench-floor', N, noOpNode(), null);
			const http = await measure(
				'HTTP Request node',
				'bench-http',
				N,
				httpRequestNode(sandbox.url, PERSONALISED),
				personalisedText,
			);

			resetSandbox();
			const since = Date.now();
			const rawSeconds = await rawUndici(sandbox.url, N, personalisedText);
			const raw = {
				seconds: rawSeconds,
				sent: checkedSent(sandbox, since, personalisedText, 'raw client').length,
			};

			const constantNode = await measure(
				'smSend node, constant text',
				'bench-node-constant',
				N,
				smSendNode(credentialId, CONSTANT),
				constantText,
			);
			const constantHttp = await measure(
				'HTTP Request node, constant text',
				'bench-http-constant',
				N,
				httpRequestNode(sandbox.url, CONSTANT),
				constantText,
			);

			const latency = await measure(
				'smSend node, latency',
				'bench-latency',
				N,
				smSendNode(credentialId, PERSONALISED),
				personalisedText,
				{ latencyMs: LATENCY_MS },
			);

			return {
				version: n8n.version,
				rssBefore,
				peakAfterNode,
				node,
				http,
				raw,
				floor,
				constantNode,
				constantHttp,
				latency,
			};
		});
		const {
			version,
			rssBefore,
			peakAfterNode,
			node,
			http,
			raw,
			floor,
			constantNode,
			constantHttp,
			latency,
		} = runs;

		// In an n8n of its own, so that its growth is measured from a fresh start and not over
		// what the runs above left in n8n's heap.
		const scaleRun =
			SCALE_N > 0
				? await withN8n(async ({ pid, rssBefore: scaleRssBefore, credentialId, measure }) => {
						const scale = await measure(
							'smSend node, scale',
							'bench-scale',
							SCALE_N,
							smSendNode(credentialId, PERSONALISED),
							personalisedText,
						);
						const peak = rssOf(pid, 'VmHWM');
						return { scale, peak, growth: peak - scaleRssBefore };
					})
				: undefined;
		const scale = scaleRun?.scale;

		const concurrency = NODE_OPTIONS.concurrency ?? DEFAULT_CONCURRENCY;
		const boundSeconds = (N * LATENCY_MS) / 1000 / concurrency;
		const growth = peakAfterNode - rssBefore;
		const rows = [
			['(a) smSend node', node, N],
			['(b) HTTP Request node', http, N],
			['(c) raw undici Pool (50)', raw, N],
			['(d) n8n alone (Code → No Op)', floor, N],
			['(a) constant text', constantNode, N],
			['(b) constant text', constantHttp, N],
			[`(a) with ${LATENCY_MS} ms latency`, latency, N],
			...(scale ? [[`(a) ${SCALE_N} recipients`, scale, SCALE_N]] : []),
		];
		console.log('');
		console.log(
			`n8n ${version}, N = ${N}, expression engine ${engine}, message ${JSON.stringify(PERSONALISED)} (constant: ${JSON.stringify(CONSTANT)})`,
		);
		for (const [name, { seconds, sent }, n] of rows) {
			const recorded = sent === null ? '' : `  (${sent} SMS recorded, texts checked)`;
			console.log(
				`${name.padEnd(30)} ${seconds.toFixed(2).padStart(8)} s  ${(n / seconds).toFixed(0).padStart(7)} items/s${recorded}`,
			);
		}
		console.log(
			`ratio vs HTTP Request node (b/a): ${(http.seconds / node.seconds).toFixed(2)}× personalised, ${(constantHttp.seconds / constantNode.seconds).toFixed(2)}× constant text`,
		);
		console.log(`ratio vs raw (c/a):               ${(raw.seconds / node.seconds).toFixed(2)}`);
		console.log(
			`beyond n8n's own cost (d): node ${(((node.seconds - floor.seconds) * 1000) / N).toFixed(3)} ms/item, HTTP Request node ${(((http.seconds - floor.seconds) * 1000) / N).toFixed(3)} ms/item`,
		);
		console.log(
			`latency run: ${latency.seconds.toFixed(2)} s; bound N × ${LATENCY_MS} ms ÷ ${concurrency} = ${boundSeconds.toFixed(2)} s (× ${(latency.seconds / boundSeconds).toFixed(2)}); first SMS after ${latency.firstSmsSeconds.toFixed(2)} s`,
		);
		console.log(
			`first SMS after: (a) ${node.firstSmsSeconds.toFixed(2)} s of ${node.seconds.toFixed(2)} s, (b) ${http.firstSmsSeconds.toFixed(2)} s of ${http.seconds.toFixed(2)} s`,
		);
		console.log(
			`n8n peak RSS growth during (a): ${growth.toFixed(0)} MB (from ${rssBefore.toFixed(0)} MB to a peak of ${peakAfterNode.toFixed(0)} MB)`,
		);
		if (scale)
			console.log(
				`scale run (an n8n of its own): ${SCALE_N} in ${scale.seconds.toFixed(2)} s = ${(scale.seconds / node.seconds).toFixed(2)} × the ${N} time; n8n's peak RSS ${scaleRun.peak.toFixed(0)} MB, ${scaleRun.growth.toFixed(0)} MB over its RSS after start`,
			);
		const short = rows.filter(([, { sent }, n]) => sent !== null && sent !== n);
		if (short.length > 0)
			throw new Error(
				`the sandbox recorded ${short.map(([name, { sent }, n]) => `${sent} of ${n} SMS for ${name}`).join(', ')}`,
			);
		console.log(
			JSON.stringify({
				n: N,
				n8n_version: version,
				expression_engine: process.env.N8N_EXPRESSION_ENGINE || 'default',
				node_options: NODE_OPTIONS,
				message: PERSONALISED,
				node_s: round(node.seconds),
				http_request_node_s: round(http.seconds),
				raw_s: round(raw.seconds),
				n8n_floor_s: round(floor.seconds),
				ratio_vs_http_request_node: round(http.seconds / node.seconds),
				ratio_vs_raw: round(raw.seconds / node.seconds),
				latency_ms: LATENCY_MS,
				latency_run_s: round(latency.seconds),
				latency_bound_s: round(boundSeconds),
				latency_first_sms_s: round(latency.firstSmsSeconds),
				node_first_sms_s: round(node.firstSmsSeconds),
				peak_rss_growth_mb: round(growth),
				peak_rss_mb: round(peakAfterNode),
				constant_node_s: round(constantNode.seconds),
				constant_http_request_node_s: round(constantHttp.seconds),
				constant_ratio_vs_http_request_node: round(constantHttp.seconds / constantNode.seconds),
				scale_n: SCALE_N,
				scale_node_s: scale ? round(scale.seconds) : null,
				scale_peak_rss_growth_mb: scale ? round(scaleRun.growth) : null,
				scale_peak_rss_mb: scale ? round(scaleRun.peak) : null,
			}),
		);
	} finally {
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
