import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import { n8nLog, runNode } from '../helpers/workflowRunner';

const PNG = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	Buffer.alloc(64, 1),
]);
const MIDI = Buffer.concat([Buffer.from('MThd'), Buffer.alloc(32, 0)]);

describe('smSend node in an n8n-core workflow, against the sandbox over HTTP', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 3 });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const credentials = (overrides: Record<string, string> = {}) => ({
		smSendApi: {
			user: SMSEND_DEMO.user,
			password: SMSEND_DEMO.pass,
			resellerUser: SMSEND_DEMO.smsusername,
			resellerPassword: SMSEND_DEMO.smspassword,
			baseUrl: sandbox.url,
			serviceUrl: '',
			mmsId: SMSEND_DEMO.mms.id,
			mmsPassword: SMSEND_DEMO.mms.password,
			mmsAuth: 'plain',
			...overrides,
		},
	});

	const send = (
		parameters: Record<string, unknown>,
		items: IDataObject[],
		extra: { continueOnFail?: boolean; creds?: Record<string, string> } = {},
	) =>
		runNode({
			type: 'smSend',
			parameters: {
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'MyShop',
				message: '={{ $json.text }}',
				...parameters,
			},
			credentials: credentials(extra.creds),
			items,
			continueOnFail: extra.continueOnFail,
		});

	describe('SMS → Send', () => {
		it('sends one SMS per item, normalising numbers and encoding + as %2B, and returns the request id', async () => {
			const { items, error } = await send({}, [
				{ phone: '+39 320 123 4567', text: 'Ciao Anna, 2+2=4 & <ok>' },
				{ phone: '3331234567', text: 'Ciao Bruno' },
			]);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([
				expect.objectContaining({
					recipient: '+393201234567',
					messageType: 'TEXT',
					quality: 'h',
					parts: 1,
					status: 'queued',
					requestId: expect.stringMatching(/^HTTP\d+$/),
				}),
				expect.objectContaining({
					recipient: '+393331234567',
					messageType: 'TEXT',
					status: 'queued',
				}),
			]);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(
				sandbox.smSend.sent.map((sms) => [sms.rcpt, sms.data, sms.sender, sms.qty, sms.operation]),
			).toEqual([
				['+393201234567', 'Ciao Anna, 2+2=4 & <ok>', 'MyShop', 'h', 'TEXT'],
				['+393331234567', 'Ciao Bruno', 'MyShop', 'h', 'TEXT'],
			]);
			expect(sandbox.requests[0].rawBody).toContain('rcpt=%2B393201234567');
		});

		it('picks the message type automatically: MULTITEXT for long GSM text, UCS2 and MULTIUCS2 for other alphabets', async () => {
			const { items } = await send({}, [
				{ phone: '+393201234567', text: 'a'.repeat(200) },
				{ phone: '+393201234567', text: 'Привет' },
				{ phone: '+393201234567', text: 'ж'.repeat(100) },
			]);
			expect(items.map((item) => [item.json.messageType, item.json.parts])).toEqual([
				['MULTITEXT', 2],
				['UCS2', 1],
				['MULTIUCS2', 2],
			]);
			expect(sandbox.smSend.sent.map((sms) => sms.operation)).toEqual([
				'MULTITEXT',
				'UCS2',
				'MULTIUCS2',
			]);
		});

		it('refuses a long or Unicode text in a low quality before sending, saying why', async () => {
			const { error } = await send({ quality: 'll' }, [
				{ phone: '+393201234567', text: 'a'.repeat(200) },
			]);
			expect(error?.message).toBe(
				"The 'Message' needs message type MULTITEXT, which smSend only sends in quality High (h) or Notification (n); the quality is Low (ll) [item 0]",
			);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('enforces each type limit with the counts', async () => {
			const text = await send({ messageType: 'TEXT' }, [
				{ phone: '+393201234567', text: 'a'.repeat(161) },
			]);
			expect(text.error?.message).toBe(
				"The 'Message' has 161 GSM-7 characters (extension characters such as € { } count two); TEXT takes at most 160 [item 0]",
			);
			const ucs = await send({ messageType: 'UCS2' }, [
				{ phone: '+393201234567', text: '😀'.repeat(36) },
			]);
			expect(ucs.error?.message).toBe(
				"The 'Message' has 72 UCS-2 characters (emoji count two); UCS2 takes at most 70 [item 0]",
			);
			const multi = await send({}, [{ phone: '+393201234567', text: 'a'.repeat(919) }]);
			expect(multi.error?.message).toBe(
				"The 'Message' has 919 GSM-7 characters (extension characters such as € { } count two); MULTITEXT takes at most 918 [item 0]",
			);
			const gsm = await send({ messageType: 'TEXT' }, [{ phone: '+393201234567', text: 'Привет' }]);
			expect(gsm.error?.message).toBe(
				"The 'Message' has characters outside the GSM-7 alphabet, which TEXT cannot carry; use UCS2 or MULTIUCS2 (or Automatic) [item 0]",
			);
			expect(sandbox.requests).toHaveLength(0);
		});

		it.each([
			['Too Long Sender', '"Too Long Sender" has 15 characters; a text sender takes at most 11'],
			['Bad!', '"Bad!" may only contain letters A–Z, digits and spaces'],
			['+39123', '"+39123" looks like a phone number but is not a valid international one'],
		])('refuses the sender %p', async (sender, reason) => {
			const { error } = await send({ sender }, [{ phone: '+393201234567', text: 'hi' }]);
			expect(error?.message).toBe(`Invalid 'Sender': ${reason} [item 0]`);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('sends a WAP push with its URL', async () => {
			const { items } = await send({ messageType: 'WAPPUSH', url: 'https://example.com/offer' }, [
				{ phone: '+393201234567', text: 'Offer' },
			]);
			expect(items[0].json).toMatchObject({ messageType: 'WAPPUSH', status: 'queued' });
			expect(sandbox.smSend.sent[0]).toMatchObject({
				operation: 'WAPPUSH',
				url: 'https://example.com/offer',
			});
		});

		it('returns the cost when the request id is not asked for', async () => {
			const { items } = await send({ options: { returnId: false } }, [
				{ phone: '+393201234567', text: 'hi' },
			]);
			expect(items[0].json.cost).toBe(0.065);
			expect(items[0].json.requestId).toBeUndefined();
		});

		it('maps KO replies to clear errors, per item under continueOnFail', async () => {
			sandbox.smSend.addAccount({ user: 'poor', pass: 'poor-password', credit: 0 });
			const { items } = await send({}, [{ phone: '+393201234567', text: 'hi' }], {
				continueOnFail: true,
				creds: { user: 'poor', password: 'poor-password' },
			});
			expect(items[0].json.error).toMatch(/^smSend/);
			expect(items[0].json.details).toMatchObject({
				gateway: 'smSend',
				raw: 'KO Credito insufficiente.',
			});
			const wrong = await send({}, [{ phone: '+393201234567', text: 'hi' }], {
				continueOnFail: true,
				creds: { password: 'wrong-password' },
			});
			expect(String(wrong.items[0].json.error)).toMatch(/^smSend/);
			expect(JSON.stringify(wrong.items)).not.toContain('wrong-password');
		});

		it('dry run shows the exact request and sends nothing; guardrails refuse with the rule', async () => {
			const dry = await send({ dryRun: true }, [{ phone: '+393201234567', text: 'hi' }]);
			expect(dry.items[0].json).toMatchObject({
				dryRun: true,
				status: 'notSent',
				request: {
					endpoint: '/sms/send.php',
					rcpt: '+393201234567',
					data: 'hi',
					sender: 'MyShop',
					qty: 'h',
					operation: 'TEXT',
					return_id: '1',
				},
			});
			const guarded = await send(
				{ guardrails: { allowedPrefixes: '+39' } },
				[{ phone: '+447911123456', text: 'hi' }],
				{ continueOnFail: true },
			);
			expect(guarded.items[0].json.error).toBe(
				"Guardrail refused the recipient: +447911123456 does not start with an allowed prefix (+39) ('Allowed Number Prefixes' guardrail) [item 0]",
			);
			expect(sandbox.requests).toHaveLength(0);
		});
	});

	describe('SMS → Get Status Report', () => {
		it('parses the CSV by header and gives statuses as words; waits for the final status', async () => {
			const sent = await send({}, [{ phone: '+393201234567', text: 'hi' }]);
			const requestId = sent.items[0].json.requestId as string;
			const status = (wait: boolean, reportType: string) =>
				runNode({
					type: 'smSend',
					parameters: {
						resource: 'sms',
						operation: 'getStatus',
						requestId,
						reportType,
						waitForFinal: wait,
						waitTimeout: 5,
						waitInterval: 1,
					},
					credentials: credentials(),
				});
			const queued = await status(false, 'queue');
			expect(queued.items[0].json).toMatchObject({
				requestId,
				reportType: 'queue',
				dest: '+393201234567',
				status: '100',
				statusWord: 'queued',
				final: false,
			});
			sandbox.smSend.advance(2);
			const delivered = await status(true, 'notify');
			expect(delivered.items[0].json).toMatchObject({
				status: '200',
				statusWord: 'delivered',
				final: true,
				allFinal: true,
			});
			expect(delivered.items[0].pairedItem).toEqual({ item: 0 });
		});

		it('reports an unknown request id', async () => {
			const { error } = await runNode({
				type: 'smSend',
				parameters: {
					resource: 'sms',
					operation: 'getStatus',
					requestId: 'HTTP99999999999',
					reportType: 'queue',
				},
				credentials: credentials(),
			});
			expect(error?.message).toMatch(/^smSend/);
			expect(error?.description).toContain('KO Parametro id non corretto.');
		});
	});

	describe('Account → Get Credit', () => {
		it('gives the credit in euro as a number, and SMS left per quality', async () => {
			const euro = await runNode({
				type: 'smSend',
				parameters: { resource: 'account', operation: 'getCredit', creditType: 'credit' },
				credentials: credentials(),
			});
			expect(euro.items[0].json).toEqual({ type: 'credit', creditEuro: 100, raw: 'OK 100.0000' });
			const high = await runNode({
				type: 'smSend',
				parameters: { resource: 'account', operation: 'getCredit', creditType: 'h' },
				credentials: credentials(),
			});
			expect(high.items[0].json).toMatchObject({ quality: 'h', smsLeft: Math.floor(100 / 0.065) });
		});
	});

	describe('Number Lookup → Check Numbers', () => {
		it('checks all items in one request and splits the answer back to each item', async () => {
			const lookup = runNode({
				type: 'smSend',
				parameters: {
					resource: 'numberLookup',
					operation: 'check',
					number: '={{ $json.phone }}',
					waitForResults: true,
					waitTimeout: 10,
					waitInterval: 1,
				},
				credentials: credentials(),
				continueOnFail: true,
				items: [
					{ phone: '+393201234567' },
					{ phone: 'not a number' },
					{ phone: '+393401234567' },
					{ phone: '+393201234567' },
				],
			});
			// The gateway answers MNC requests asynchronously: let the first poll see them pending.
			setTimeout(() => sandbox.smSend.advance(1), 300);
			const { items } = await lookup;
			expect(sandbox.requests.filter((r) => r.operation === 'mnc')).toHaveLength(1);
			expect(sandbox.requests.find((r) => r.operation === 'mnc')?.params?.numbers).toBe(
				'+393201234567,+393401234567',
			);
			expect(items.map((item) => item.json.networkCode ?? item.json.error)).toEqual([
				'22201',
				`Invalid 'Number': The mobile number "not a number" is not a phone number [item 1]`,
				'22210',
				'22201',
			]);
			expect(items.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
		});
	});

	describe('Inbox → Get Received Messages', () => {
		it('returns the received messages as the gateway lists them (newest first), with ISO dates in the gateway time zone', async () => {
			sandbox.smSend.addInboxMessage({
				rcpt: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				sender: '+393331112222',
				text: 'Prima è',
				date: new Date('2026-01-15T09:30:00Z'),
			});
			sandbox.smSend.addInboxMessage({
				rcpt: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				sender: '+393331112223',
				text: 'Seconda €',
				date: new Date('2026-07-01T08:00:00Z'),
			});
			const { items, error } = await runNode({
				type: 'smSend',
				parameters: {
					resource: 'inbox',
					operation: 'getMessages',
					recipientNumber: SMSEND_DEMO.rcpt,
					sharecode: SMSEND_DEMO.sharecode,
					limit: 10,
				},
				credentials: credentials(),
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json.sender, item.json.text, item.json.receivedAt])).toEqual(
				[
					['+393331112223', 'Seconda €', '2026-07-01T10:00:00+02:00'],
					['+393331112222', 'Prima è', '2026-01-15T10:30:00+01:00'],
				],
			);
			expect(items[0].json).toMatchObject({
				recipientNumber: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				id: expect.any(Number),
			});
		});

		it('maps a SOAP fault to a clear error', async () => {
			const { error } = await runNode({
				type: 'smSend',
				parameters: {
					resource: 'inbox',
					operation: 'getMessages',
					recipientNumber: '+393409999999',
					sharecode: '001',
					limit: 10,
				},
				credentials: credentials(),
			});
			expect(error?.message).toContain('KO 104');
		});
	});

	describe('MMS → Send', () => {
		const mmsItems = (binary: Record<string, { data: Buffer; mimeType: string }>) => [
			{
				json: { phones: '+393201234567, +393331234567' },
				binary: Object.fromEntries(
					Object.entries(binary).map(([key, value]) => [
						key,
						{ data: value.data.toString('base64'), mimeType: value.mimeType, fileName: key },
					]),
				),
			},
		];
		const mms = (
			parameters: Record<string, unknown>,
			binary: Record<string, { data: Buffer; mimeType: string }>,
			creds?: Record<string, string>,
		) =>
			runNode({
				type: 'smSend',
				parameters: {
					resource: 'mms',
					operation: 'send',
					recipients: '={{ $json.phones }}',
					subject: 'Offerta',
					text: "Testo dell'MMS",
					imageProperty: 'image',
					...parameters,
				},
				credentials: credentials(creds),
				inputItems: mmsItems(binary),
			});

		it('sends an image and a sound to several recipients and reports the credit spent', async () => {
			const { items, error } = await mms(
				{ soundProperty: 'sound' },
				{
					image: { data: PNG, mimeType: 'image/png' },
					sound: { data: MIDI, mimeType: 'audio/midi' },
				},
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				recipients: ['+393201234567', '+393331234567'],
				status: 'sent',
				creditSpent: 7400,
				creditSpentEuro: 0.74,
			});
			expect(sandbox.smSend.mms[0]).toMatchObject({ subject: 'Offerta', text: "Testo dell'MMS" });
		});

		it('authenticates with an MD5 ticket instead of the password', async () => {
			sandbox.smSend.addAccount({
				user: 'md5user',
				pass: 'md5-pass',
				mms: { id: 'C00000_777', password: 'ticket-secret', auth: 'md5' },
			});
			const { items, error } = await mms(
				{},
				{ image: { data: PNG, mimeType: 'image/png' } },
				{
					user: 'md5user',
					password: 'md5-pass',
					mmsId: 'C00000_777',
					mmsPassword: 'ticket-secret',
					mmsAuth: 'md5',
				},
			);
			expect(error).toBeUndefined();
			expect(items[0].json.status).toBe('sent');
			const request = sandbox.requests.find((r) => r.operation === 'sendMms');
			expect(request?.rawBody).not.toContain('ticket-secret');
			expect(request?.params?.ticket).toMatch(/^[0-9a-f]{32}$/);
		});

		it('checks media type, size and presence before sending', async () => {
			const wrongType = await mms({}, { image: { data: MIDI, mimeType: 'image/png' } });
			expect(wrongType.error?.message).toBe(
				"The image in binary field 'image' is not JPEG, GIF or PNG (declared as image/png) [item 0]",
			);
			const big = await mms(
				{},
				{ image: { data: Buffer.concat([PNG, Buffer.alloc(100 * 1024)]), mimeType: 'image/png' } },
			);
			expect(big.error?.message).toBe(
				"The image in binary field 'image' is 101 KB; the limit is 100 KB [item 0]",
			);
			const missing = await mms(
				{ imageProperty: 'photo' },
				{ image: { data: PNG, mimeType: 'image/png' } },
			);
			expect(missing.error?.message).toBe(
				"The item has no binary field 'photo' ('Image Binary Property') [item 0]",
			);
			const subject = await mms(
				{ subject: 'x'.repeat(26) },
				{ image: { data: PNG, mimeType: 'image/png' } },
			);
			expect(subject.error?.message).toBe(
				"The 'Subject' has 26 characters; the limit is 25 [item 0]",
			);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('maps a KO fault to a clear error', async () => {
			sandbox.smSend.addAccount({
				user: 'nomms',
				pass: 'nomms-pass',
				mms: { id: 'C00000_888', password: 'p', auth: 'plain', credit: 0 },
			});
			const { error } = await mms(
				{},
				{ image: { data: PNG, mimeType: 'image/png' } },
				{ user: 'nomms', password: 'nomms-pass', mmsId: 'C00000_888', mmsPassword: 'p' },
			);
			expect(error?.message).toContain('KO 211');
		});
	});

	it('never writes a credential value to n8n’s log', () => {
		const log = n8nLog.join('\n');
		for (const secret of [
			SMSEND_DEMO.pass,
			SMSEND_DEMO.smspassword,
			SMSEND_DEMO.mms.password,
			'md5-pass',
			'ticket-secret',
			'wrong-password',
		]) {
			expect(log).not.toContain(secret);
		}
	});
});
