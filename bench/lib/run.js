'use strict';
// Running and checking one case of the bulk-send benchmark (bench/bulk-send.js).
const fs = require('node:fs');
const { Pool, fetch } = require('undici');

const { USER, PASS, phoneOf } = require('./workflows');

const RAW_CONNECTIONS = 50;

/** A field of /proc/<pid>/status in MB (VmRSS: now, VmHWM: peak); NaN where there is none. */
function rssOf(pid, field) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/**
 * Waits until n8n has stored the execution (it answers the webhook first and saves the
 * execution's data after), so that saving one run does not slow the next one down.
 */
async function settled(n8n, workflowId) {
	const deadline = Date.now() + 120000;
	while (Date.now() < deadline) {
		// While it writes a large execution, n8n may answer 503 ("Database is not ready").
		const [latest] = await n8n.client.executions(workflowId).catch(() => []);
		if (latest && latest.stoppedAt && latest.status !== 'running') return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`the execution of workflow ${workflowId} was not stored within 120 s`);
}

/**
 * Calls an active workflow's webhook and times it until n8n answers (the workflow has run).
 * Throws unless the answer is HTTP 200.
 */
async function callWebhook(n8n, webhookPath, label = webhookPath) {
	const startedAt = Date.now();
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
		throw new Error(`${label}: webhook answered HTTP ${res.status}: ${text.slice(0, 300)}`);
	return { seconds, startedAt, text };
}

/** Creates and activates `workflow`, runs it once through its webhook, waits until it is stored. */
async function runWebhook(n8n, workflow, webhookPath) {
	const created = await n8n.client.createWorkflow(workflow);
	await n8n.client.activateWorkflow(created.id);
	await n8n.client.waitForWebhook(webhookPath);
	const { seconds, startedAt } = await callWebhook(n8n, webhookPath, workflow.name);
	await settled(n8n, created.id);
	return { seconds, startedAt };
}

async function rawUndici(sandboxUrl, n, textOf) {
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
					rcpt: phoneOf(i),
					data: textOf(i),
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

/**
 * The SMS the sandbox recorded since `since`; throws when any of them does not carry the text
 * `textOf` gives for its recipient.
 */
function checkedSent(sandbox, since, textOf, label) {
	const sent = sandbox.smSend.sent.filter((sms) => sms.at >= since);
	for (const sms of sent) {
		const expected = textOf(Number(sms.rcpt.slice(6)) - 1000000);
		if (sms.data !== expected)
			throw new Error(
				`${label}: ${sms.rcpt} got ${JSON.stringify(sms.data)}, expected ${JSON.stringify(expected)}`,
			);
	}
	return sent;
}

module.exports = { RAW_CONNECTIONS, rssOf, callWebhook, runWebhook, rawUndici, checkedSent };
