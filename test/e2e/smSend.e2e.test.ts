/**
 * smSend in a real n8n: every operation of the node imported into n8n and run through a
 * webhook-started workflow, against the sandbox's smSend gateway on loopback.
 */
import type { Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import { connectN8n, packageJson, type N8n } from './harness';

const PKG = packageJson().name;
const PNG_BASE64 = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	Buffer.alloc(64, 1),
]).toString('base64');

describe('smSend in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let credentialId: string;

	const node = (parameters: Record<string, unknown>, continueOnFail = false) => ({
		name: 'smSend',
		type: `${PKG}.smSend`,
		parameters,
		credentials: { smSendApi: { id: credentialId, name: 'smSend sandbox' } },
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	});

	beforeAll(async () => {
		n8n = await connectN8n();
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 5 });
		credentialId = await n8n.createCredential(
			'smSendApi',
			{
				user: SMSEND_DEMO.user,
				password: SMSEND_DEMO.pass,
				baseUrl: sandbox.url,
				resellerUser: SMSEND_DEMO.smsusername,
				resellerPassword: SMSEND_DEMO.smspassword,
				mmsId: SMSEND_DEMO.mms.id,
				mmsPassword: SMSEND_DEMO.mms.password,
				mmsAuth: 'plain',
			},
			'smSend sandbox',
		);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(() => sandbox.reset());

	it('SMS → Send, then Get Status Report for the returned request id', async () => {
		const run = await n8n.run(
			node({
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'MyShop',
				message: '=Ciao {{ $json.name }} 2+2',
				options: {},
			}),
			[
				{ phone: '+393201234567', name: 'Anna' },
				{ phone: '333 123 4567', name: 'Bruno' },
			],
		);
		expect(run.execution.status).toBe('success');
		expect(run.items.map((i) => [i.recipient, i.messageType, i.status])).toEqual([
			['+393201234567', 'TEXT', 'queued'],
			['+393331234567', 'TEXT', 'queued'],
		]);
		expect(sandbox.smSend.sent.map((s) => [s.rcpt, s.data, s.sender, s.qty])).toEqual([
			['+393201234567', 'Ciao Anna 2+2', 'MyShop', 'h'],
			['+393331234567', 'Ciao Bruno 2+2', 'MyShop', 'h'],
		]);

		sandbox.smSend.advance(2);
		const status = await n8n.run(
			node({
				resource: 'sms',
				operation: 'getStatus',
				requestId: '={{ $json.requestId }}',
				reportType: 'notify',
			}),
			[{ requestId: run.items[0].requestId }],
		);
		expect(status.items).toEqual([
			expect.objectContaining({ dest: '+393201234567', statusWord: 'delivered', final: true }),
		]);
	});

	it("SMS → Send with Duplicate Guard: a re-run of the same workflow skips what was sent (keys in n8n's deduplication store)", async () => {
		const guarded = node({
			resource: 'sms',
			operation: 'send',
			recipient: '={{ $json.phone }}',
			sender: 'MyShop',
			message: '=Ordine {{ $json.orderId }}',
			options: { duplicateGuard: true, duplicateKey: '={{ $json.orderId }}' },
		});
		const { path, workflow } = n8n.webhookWorkflow(guarded, { splitItems: true });
		const workflowId = await n8n.importWorkflow(workflow);
		const orders = (ids: number[]) => ({
			items: ids.map((id) => ({ orderId: `E-${id}`, phone: `+3932055500${id}` })),
		});

		const first = await n8n.callWebhook(workflowId, path, orders([1, 2, 3]));
		expect(first.items.map((i) => i.status)).toEqual(['queued', 'queued', 'queued']);
		const again = await n8n.callWebhook(workflowId, path, orders([2, 3, 4]));
		expect(again.execution.status).toBe('success');
		expect(again.items.map((i) => i.status)).toEqual([
			'skippedDuplicate',
			'skippedDuplicate',
			'queued',
		]);
		expect(sandbox.smSend.sent.map((s) => s.data)).toEqual([
			'Ordine E-1',
			'Ordine E-2',
			'Ordine E-3',
			'Ordine E-4',
		]);
	});

	it('SMS → Send: a KO reply with continueOnFail on gives an error item; off fails the execution', async () => {
		const tooLowQuality = node(
			{
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'MyShop',
				message: '={{ $json.text }}',
				quality: 'll',
				options: {},
			},
			true,
		);
		const soft = await n8n.run(tooLowQuality, [{ phone: '+393201234567', text: 'a'.repeat(200) }]);
		expect(soft.items[0].error).toContain('only sends in quality High (h) or Notification (n)');
		expect(sandbox.requests).toHaveLength(0);

		sandbox.smSend.forceFailure('/sms/send.php', 'KO Impossibile accodare il/i messaggio/i.', 1);
		const hard = await n8n.run(
			node({
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'MyShop',
				message: 'hi',
				options: {},
			}),
			[{ phone: '+393201234567' }],
		);
		expect(hard.execution.status).toBe('error');
		expect(String(hard.execution.error?.message)).toMatch(/^smSend/);
	});

	it('MMS Message → Send with an image from a binary property', async () => {
		const path = `e2e-mms-${Date.now()}`;
		const id = await n8n.importWorkflow({
			name: path,
			nodes: [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: path,
					parameters: {
						httpMethod: 'POST',
						path,
						responseMode: 'lastNode',
						responseData: 'allEntries',
						options: {},
					},
				},
				{
					name: 'Image',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [200, 0],
					parameters: {
						jsCode: `return [{ json: { phones: '+393201234567,+393331234567' }, binary: { image: { data: '${PNG_BASE64}', mimeType: 'image/png', fileName: 'offer.png' } } }];`,
					},
				},
				{
					...node({
						resource: 'mms',
						operation: 'send',
						recipients: '={{ $json.phones }}',
						subject: 'Offerta',
						text: 'Solo oggi',
						imageProperty: 'image',
						options: {},
					}),
					typeVersion: 1,
					position: [400, 0],
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Image', type: 'main', index: 0 }]] },
				Image: { main: [[{ node: 'smSend', type: 'main', index: 0 }]] },
			},
		});
		const run = await n8n.callWebhook(id, path, {});
		expect(run.execution.status).toBe('success');
		expect(run.items[0]).toMatchObject({
			status: 'sent',
			creditSpent: 7400,
			creditSpentEuro: 0.74,
		});
		expect(sandbox.smSend.mms).toHaveLength(1);
		expect(sandbox.smSend.mms[0]).toMatchObject({ subject: 'Offerta', text: 'Solo oggi' });
	});

	it('Account → Get Credit, and Number Lookup → Check Numbers splitting the answer back per item', async () => {
		const credit = await n8n.run(
			node({ resource: 'account', operation: 'getCredit', creditType: 'credit' }),
		);
		expect(credit.items[0]).toMatchObject({ creditEuro: 100 });

		const lookup = n8n.run(
			node({
				resource: 'numberLookup',
				operation: 'check',
				number: '={{ $json.phone }}',
				waitForResults: true,
				waitTimeout: 20,
				waitInterval: 1,
				options: {},
			}),
			[{ phone: '+393201234567' }, { phone: '+393401234567' }],
		);
		setTimeout(() => sandbox.smSend.advance(1), 1500);
		const result = await lookup;
		expect(result.items.map((i) => i.networkCode)).toEqual(['22201', '22210']);
		expect(sandbox.requests.filter((r) => r.operation === 'mnc')).toHaveLength(1);
	});

	it('Inbox → Get Many Messages', async () => {
		sandbox.smSend.addInboxMessage({
			rcpt: SMSEND_DEMO.rcpt,
			sharecode: SMSEND_DEMO.sharecode,
			sender: '+393331112222',
			text: 'Ciao è arrivato?',
		});
		const run = await n8n.run(
			node({
				resource: 'inbox',
				operation: 'getMessages',
				recipientNumber: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				limit: 10,
			}),
		);
		expect(run.items).toEqual([
			expect.objectContaining({
				sender: '+393331112222',
				text: 'Ciao è arrivato?',
				recipientNumber: SMSEND_DEMO.rcpt,
			}),
		]);
	});

	it('Client, Reception and Back-Office Log (reseller)', async () => {
		const created = await n8n.run(
			node({
				resource: 'client',
				operation: 'create',
				clientName: 'Bar Roma',
				clientUsername: 'barroma',
				clientPassword: 'client-secret-1',
				accountType: 'client',
				additionalFields: {},
			}),
		);
		expect(created.execution.status).toBe('success');
		const clientId = created.items[0].clientId;
		expect(clientId).toEqual(expect.any(Number));
		expect(JSON.stringify(created.items)).not.toContain('client-secret-1');

		const credit = await n8n.run(
			node({
				resource: 'client',
				operation: 'addCredit',
				clientId: String(clientId),
				tariffId: '1',
				additionalFields: { credit: '12.5' },
			}),
		);
		expect(credit.items[0]).toMatchObject({ clientId });
		const status = await n8n.run(
			node({
				resource: 'client',
				operation: 'setStatus',
				clientId: String(clientId),
				active: false,
			}),
		);
		expect(status.items[0]).toMatchObject({ clientId, active: false });
		const balance = await n8n.run(
			node({ resource: 'client', operation: 'getCredit', clientId: String(clientId) }),
		);
		expect(balance.items[0]).toMatchObject({ creditEuro: 12.5 });

		const reception = await n8n.run(
			node({
				resource: 'reception',
				operation: 'create',
				clientId: String(clientId),
				receptionNumber: '+393400000001',
				sharecodeCount: 2,
			}),
		);
		expect(reception.items[0].sharecodes).toHaveLength(2);
		const revoked = await n8n.run(
			node({
				resource: 'reception',
				operation: 'revoke',
				clientId: String(clientId),
				receptionNumber: '+393400000001',
				sharecode: (reception.items[0].sharecodes as string[])[0],
			}),
		);
		expect(revoked.items[0]).toMatchObject({ revoked: true });

		const log = await n8n.run(
			node({
				resource: 'backofficeLog',
				operation: 'getOperations',
				logType: 'credits',
				filters: {},
			}),
		);
		expect(log.execution.status).toBe('success');
		expect(log.items.length).toBeGreaterThanOrEqual(1);
	});

	it('credential test button: checks every login it holds, and says which one failed', async () => {
		const logins = {
			user: SMSEND_DEMO.user,
			password: SMSEND_DEMO.pass,
			baseUrl: sandbox.url,
		};
		const ok = await n8n.client.testCredential({
			name: 'smSend ok',
			type: 'smSendApi',
			data: logins,
		});
		expect(ok).toMatchObject({
			status: 'OK',
			message: 'Connection successful. Credit: 100.0000 EUR.',
		});
		// As saved before Account Type and Use MMS existed: n8n hands the test every filled-in login.
		const all = {
			...logins,
			resellerUser: SMSEND_DEMO.smsusername,
			resellerPassword: SMSEND_DEMO.smspassword,
			mmsId: SMSEND_DEMO.mms.id,
			mmsPassword: SMSEND_DEMO.mms.password,
		};
		const every = await n8n.client.testCredential({
			name: 'smSend all',
			type: 'smSendApi',
			data: all,
		});
		expect(every).toMatchObject({
			status: 'OK',
			message:
				'Connection successful. Credit: 100.0000 EUR. The reseller back-office login and the MMS login work too.',
		});
		expect(sandbox.smSend.mms).toHaveLength(0);
		const badReseller = await n8n.client.testCredential({
			name: 'smSend bad reseller',
			type: 'smSendApi',
			data: { ...all, accountType: 'reseller', useMms: true, resellerPassword: 'not-the-password' },
		});
		expect(badReseller.status).toBe('Error');
		expect(badReseller.message).toMatch(
			/^The reseller back-office login failed: smSend refused the request: .*\. The User\/Password login and the MMS login work\.$/,
		);
		expect(badReseller.message).not.toContain('not-the-password');
		const bad = await n8n.client.testCredential({
			name: 'smSend bad',
			type: 'smSendApi',
			data: { ...logins, password: 'not-the-password' },
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/^The User\/Password login failed: smSend/);
	});

	it('a version 1 node keeps its output, a new (1.1) node names the quality', async () => {
		const send = (typeVersion: number) =>
			n8n.run(
				{
					...node({
						resource: 'sms',
						operation: 'send',
						recipient: '+393201234567',
						sender: 'MyShop',
						message: 'Ciao',
						options: {},
					}),
					typeVersion,
				},
				[{}],
			);
		expect((await send(1)).items[0]).toMatchObject({ quality: 'h' });
		expect((await send(1)).items[0]).not.toHaveProperty('qualityCode');
		expect((await send(1.1)).items[0]).toMatchObject({ quality: 'high', qualityCode: 'h' });
	});

	it('is registered as an AI-agent tool', async () => {
		const types: Array<{ name: string }> = await n8n.client.nodeTypes();
		expect(types.map((t) => t.name)).toContain(`${PKG}.smSendTool`);
	});

	it('n8n lists versions 1 and 1.1 and the README sections as documentation', async () => {
		// /types/nodes.json gives whole descriptions; n8nClient types only the fields it reads.
		const types = (await n8n.client.nodeTypes()) as unknown as Array<{
			name: string;
			version: number | number[];
			defaultVersion?: number;
			description: string;
			documentationUrl?: string;
		}>;
		for (const name of ['smSend', 'smSendTrigger']) {
			const type = types.find((t) => t.name === `${PKG}.${name}`);
			expect(type).toMatchObject({ version: [1, 1.1], defaultVersion: 1.1 });
			expect(type?.documentationUrl).toMatch(/^https:\/\/www\.npmjs\.com\/package\/.*#smsend-/);
		}
		// The node creator merges the two into one entry described by the trigger's description.
		const descriptions = ['smSend', 'smSendTrigger'].map(
			(name) => types.find((t) => t.name === `${PKG}.${name}`)?.description,
		);
		expect(descriptions[1]).toBe(descriptions[0]);
	});
});
