/**
 * The campaign path in a real n8n: opt-out requests flagged in the inbox, and the delivery
 * status of many sent SMS tracked in one run, against the sandbox's smSend gateway on loopback.
 */
import type { Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import { connectN8n, packageJson, type N8n } from './harness';

const PKG = packageJson().name;
const USER = 'campaign';
const PASS = 'campaign-password';
const RECIPIENTS = 120;
const FAILING = ['+393470000007', '+393470000050'];

describe('smSend campaign tools in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let demoCredential: string;
	let campaignCredential: string;

	const node = (credentialId: string, parameters: Record<string, unknown>) => ({
		name: 'smSend',
		type: `${PKG}.smSend`,
		parameters,
		credentials: { smSendApi: { id: credentialId, name: 'smSend sandbox' } },
	});

	beforeAll(async () => {
		n8n = await connectN8n();
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 7 });
		demoCredential = await n8n.createCredential('smSendApi', {
			user: SMSEND_DEMO.user,
			password: SMSEND_DEMO.pass,
			baseUrl: sandbox.url,
		});
		campaignCredential = await n8n.createCredential('smSendApi', {
			user: USER,
			password: PASS,
			baseUrl: sandbox.url,
		});
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(() => {
		sandbox.reset();
		// Statuses move on by themselves: queued → sent after 400 ms → delivered after 800 ms.
		sandbox.smSend.addAccount({
			user: USER,
			pass: PASS,
			credit: 1000,
			failingNumbers: FAILING,
			autoAdvanceMs: 400,
		});
	});

	it('Inbox → Get Received Messages flags opt-out requests, with the default or the user’s keywords', async () => {
		const texts = ['Ciao, quando arriva?', 'STOP', 'Annulla, grazie', 'Please stop', 'Sair.'];
		texts.forEach((text, minute) =>
			sandbox.smSend.addInboxMessage({
				rcpt: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				sender: `+39333111222${minute}`,
				text,
				date: new Date(Date.UTC(2026, 5, 1, 10, minute)),
			}),
		);
		const inbox = (options: Record<string, unknown>) =>
			n8n.run(
				node(demoCredential, {
					resource: 'inbox',
					operation: 'getMessages',
					recipientNumber: SMSEND_DEMO.rcpt,
					sharecode: SMSEND_DEMO.sharecode,
					limit: 10,
					options,
				}),
			);
		const defaults = await inbox({});
		expect(defaults.execution.status).toBe('success');
		expect(defaults.items.map((i) => [i.text, i.optOut, i.optOutKeyword])).toEqual([
			['Sair.', true, 'SAIR'],
			['Please stop', false, null],
			['Annulla, grazie', true, 'ANNULLA'],
			['STOP', true, 'STOP'],
			['Ciao, quando arriva?', false, null],
		]);
		const own = await inbox({ optOutKeywords: 'please stop, basta' });
		expect(own.items.filter((i) => i.optOut).map((i) => [i.text, i.optOutKeyword])).toEqual([
			['Please stop', 'please stop'],
		]);
	});

	it(`SMS → Send to ${RECIPIENTS} recipients, then Get Status Report waits for all of them in one loop, with a summary`, async () => {
		const sent = await n8n.run(
			node(campaignCredential, {
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'MyShop',
				message: 'Saldi: -20% fino a domenica',
				options: {},
			}),
			Array.from({ length: RECIPIENTS }, (_, i) => ({
				phone: `+39347${String(i).padStart(7, '0')}`,
			})),
		);
		expect(sent.execution.status).toBe('success');
		const requestIds = sent.items.map((i) => String(i.requestId));
		expect(new Set(requestIds).size).toBe(RECIPIENTS);

		const status = await n8n.run(
			node(campaignCredential, {
				resource: 'sms',
				operation: 'getStatus',
				requestId: '={{ $json.requestId }}',
				reportType: 'notify',
				waitForFinal: true,
				waitTimeout: 60,
				waitInterval: 1,
				output: 'rowsAndSummary',
				options: { concurrency: 8 },
			}),
			requestIds.map((requestId) => ({ requestId })),
		);
		expect(status.execution.status).toBe('success');
		const rows = status.items.slice(0, RECIPIENTS);
		expect(rows.map((row) => row.requestId)).toEqual(requestIds);
		expect(rows.map((row) => row.statusWord)).toEqual(
			requestIds.map((_, i) =>
				FAILING.includes(`+39347${String(i).padStart(7, '0')}`) ? 'unknownSubscriber' : 'delivered',
			),
		);
		const summary = status.items[RECIPIENTS];
		expect(summary).toMatchObject({
			summary: true,
			requests: RECIPIENTS,
			messages: RECIPIENTS,
			final: RECIPIENTS,
			notFinal: 0,
			allFinal: true,
			delivered: RECIPIENTS - FAILING.length,
			unknownSubscriber: FAILING.length,
			errors: 0,
		});
		// Each output row is paired with its own input item in the stored execution.
		const output = status.execution.nodeOutput('smSend');
		expect(output.slice(0, RECIPIENTS).map((item) => item.pairedItem)).toEqual(
			requestIds.map((_, item) => ({ item })),
		);
		// One loop for all: every check reads each report at most once, and a report final at a
		// check is not read again.
		const reads = sandbox.requests.filter((r) => r.operation === 'batch-status');
		const checks = Number(summary.checks);
		expect(reads.length).toBeLessThanOrEqual(RECIPIENTS * checks);
		const perId = new Map<string, number>();
		for (const read of reads)
			perId.set(read.params?.id ?? '', (perId.get(read.params?.id ?? '') ?? 0) + 1);
		expect([...perId.keys()].sort()).toEqual([...requestIds].sort());
		expect(Math.max(...perId.values())).toBe(checks);
	});
});
