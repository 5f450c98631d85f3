/**
 * The Duplicate Guard when n8n dies in the middle of a bulk send. A workflow (Webhook → Split Out
 * → smSend SMS → Send, Duplicate Guard on) sends to 2,000 recipients while the sandbox answers
 * each SMS 40 ms late; n8n is killed with SIGKILL (its whole process group) once a seeded number
 * of them were accepted, restarted on the same user folder (database), and the same list is
 * posted again. The sandbox then counts, per recipient: accepted twice (must be 0 with a mapped
 * Duplicate Key), never sent (the guard records keys in batches of 500 just before they go out,
 * so at most 500 unsent keys stay recorded), and the re-run's `skippedDuplicate` items.
 *
 * A last cycle uses the default key (execution id, run index, item index): the re-run is a new
 * execution, so its keys are all new and it sends the whole list again — what the default key
 * is not for (it covers Retry On Fail within one execution).
 *
 * Opt-in, about 3 minutes (one n8n start per cycle):
 *   N8N_E2E_GUARD_CRASH=1 N8N_E2E_VERSIONS=2.40.7 npm run test:e2e -- test/e2e/guardCrash
 * N8N_E2E_GUARD_CRASH_SEED (default 5) picks other kill moments.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { fetch } from 'undici';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { N8n, OWNER, packageJson, readState, startN8n, type RunningN8n } from './harness';

const ENABLED = process.env.N8N_E2E_GUARD_CRASH === '1';
const SEED = Number(process.env.N8N_E2E_GUARD_CRASH_SEED ?? 5);
const RECIPIENTS = 2000;
const LATENCY_MS = 40;
const CONCURRENCY = 10;
const BATCH = 500;
const USER = { user: 'guard-crash', pass: 'guard-crash-password' };

jest.setTimeout(20 * 60 * 1000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stderr.write(`[guard crash] ${message}\n`);
const run = ENABLED ? describe : describe.skip;

/** Kill moments: after this many accepted SMS (seeded), one early, one mid-way, one late. */
function killPoints(seed: number): number[] {
	const ranges: Array<[number, number]> = [
		[100, 500],
		[600, 1300],
		[1400, RECIPIENTS - 200],
	];
	return ranges.map(
		([min, max], k) => fc.sample(fc.integer({ min, max }), { seed: seed + k, numRuns: 1 })[0],
	);
}

run(
	'Duplicate Guard: n8n killed in the middle of a 2,000-recipient send, then the same run again',
	() => {
		let sandbox: Sandbox;
		let running: RunningN8n | undefined;
		let n8n: N8n;
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-guard-crash-'));

		async function start(tarball?: string) {
			running = await startN8n({
				version: readState().version,
				userFolder,
				tarball,
				log: (message) => log(message),
			});
			await running.client.setupOwner(OWNER);
			n8n = await new N8n({ ...readState(), url: running.url, userFolder }).login();
		}

		beforeAll(async () => {
			sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: SEED });
			sandbox.smSend.addAccount({ ...USER, credit: 100_000 });
			sandbox.inject({ kind: 'latency', ms: LATENCY_MS, match: { operation: 'send' } });
			await start(readState().tarball);
		});
		afterAll(async () => {
			await running?.stop();
			await sandbox?.close();
			if (process.env.N8N_E2E_KEEP === '1') log(`kept ${userFolder}`);
			else fs.rmSync(userFolder, { recursive: true, force: true });
		});

		const phone = (cycle: number, i: number) => `+39333${cycle}${String(i).padStart(6, '0')}`;
		const accepted = (cycle: number) =>
			sandbox.smSend.sent.filter((sms) => sms.rcpt.startsWith(`+39333${cycle}`));

		async function workflow(cycle: number, mappedKey: boolean) {
			const credentialId = await n8n.createCredential('smSendApi', {
				user: USER.user,
				password: USER.pass,
				baseUrl: sandbox.url,
			});
			const { path: webhookPath, workflow: json } = n8n.webhookWorkflow(
				{
					name: 'Send',
					type: `${packageJson().name}.smSend`,
					parameters: {
						resource: 'sms',
						operation: 'send',
						recipient: '={{ $json.phone }}',
						sender: 'Shop',
						message: '=Ordine {{ $json.orderId }} spedito',
						options: {
							concurrency: CONCURRENCY,
							duplicateGuard: true,
							...(mappedKey ? { duplicateKey: '={{ $json.orderId }}' } : {}),
						},
					},
					credentials: { smSendApi: { id: credentialId, name: 'guard crash sandbox' } },
				},
				{ splitItems: true },
			);
			const workflowId = await n8n.importWorkflow(json);
			const body = {
				items: Array.from({ length: RECIPIENTS }, (_, i) => ({
					phone: phone(cycle, i),
					orderId: `c${cycle}-order-${i}`,
				})),
			};
			return { workflowId, webhookPath, body };
		}

		/** One cycle: a run killed after `killAfter` accepted SMS, a restart, the same run again. */
		async function cycle(no: number, killAfter: number, mappedKey: boolean) {
			const { workflowId, webhookPath, body } = await workflow(no, mappedKey);
			// The first run: its webhook call never answers (n8n dies), so it is not awaited.
			void fetch(`${n8n.url}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			}).catch(() => undefined);
			while (accepted(no).length < killAfter) await sleep(2);
			await running!.kill();
			const killedAt = accepted(no).length;
			await sleep(LATENCY_MS * 3); // requests already in the sandbox finish there
			const beforeRestart = accepted(no).length;
			await start();
			await n8n.waitForWebhook(webhookPath, 60_000);
			const again = await n8n.callWebhook(workflowId, webhookPath, body, 5 * 60_000);
			expect(again.execution.status).toBe('success');

			const perRecipient = new Map<string, number>();
			for (const sms of accepted(no))
				perRecipient.set(sms.rcpt, (perRecipient.get(sms.rcpt) ?? 0) + 1);
			const statuses = again.items.map((item) => String(item.status));
			const result = {
				cycle: no,
				key: mappedKey ? 'mapped {{ $json.orderId }}' : 'default (execution id)',
				killedAfterAccepted: killedAt,
				acceptedBeforeRestart: beforeRestart,
				acceptedTwice: [...perRecipient.values()].filter((count) => count > 1).length,
				neverSent: RECIPIENTS - perRecipient.size,
				reRunSent: statuses.filter((s) => s === 'queued').length,
				reRunSkippedDuplicate: statuses.filter((s) => s === 'skippedDuplicate').length,
			};
			log(JSON.stringify(result));
			expect(statuses).toHaveLength(RECIPIENTS);
			return result;
		}

		it('a re-run with a mapped Duplicate Key sends nothing twice and leaves at most 500 unsent', async () => {
			const results = [];
			for (const [index, killAfter] of killPoints(SEED).entries()) {
				const result = await cycle(index + 1, killAfter, true);
				results.push(result);
				expect(result.acceptedTwice).toBe(0);
				expect(result.neverSent).toBeLessThanOrEqual(BATCH);
				// Everything the first run sent or recorded is skipped; everything else is sent.
				expect(result.reRunSkippedDuplicate).toBe(result.acceptedBeforeRestart + result.neverSent);
				expect(result.reRunSent).toBe(RECIPIENTS - result.acceptedBeforeRestart - result.neverSent);
			}
			log(`mapped key, seed ${SEED}: ${JSON.stringify(results)}`);
		});

		it('with the default key a re-run is a new execution: it sends the whole list again', async () => {
			const result = await cycle(9, 600, false);
			expect(result.reRunSkippedDuplicate).toBe(0);
			expect(result.reRunSent).toBe(RECIPIENTS);
			expect(result.acceptedTwice).toBe(result.acceptedBeforeRestart);
		});
	},
);
