import type { Sandbox } from '../../sandbox';
import { startSandbox, MOBILEPRONTO_DEMO_CREDENCIAL } from '../../sandbox';
import { deduplicationStore, runNode } from '../helpers/workflowRunner';

const SECOND_CREDENCIAL = 'SECONDACCOUNT000000000000000000000000002';

describe('MobilePronto node in an n8n-core workflow, against the sandbox over HTTP', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 7 });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
		deduplicationStore.records.clear();
	});

	const credentials = (overrides: Record<string, string> = {}) => ({
		mobileProntoApi: {
			credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
			baseUrl: sandbox.url,
			soapVersion: '1.1',
			...overrides,
		},
	});

	const sendParameters = (extra: Record<string, unknown> = {}) => ({
		resource: 'sms',
		operation: 'send',
		mobile: '={{ $json.phone }}',
		message: '=Olá {{ $json.name }}, seu pedido saiu & chega <amanhã>',
		...extra,
	});

	const sentSms = () =>
		sandbox.requests.filter((r) => r.operation === 'MPG_SendSimple_SMS' && r.resultCode === '000');

	it.each([
		[true, 3],
		[false, 30],
	])(
		'sends 30 SMS at concurrency 3 (Reuse Connections %s) over at most %i connections',
		async (reuseConnections, connections) => {
			const { items } = await runNode({
				type: 'mobilePronto',
				parameters: sendParameters({ options: { concurrency: 3, reuseConnections } }),
				credentials: credentials(),
				items: Array.from({ length: 30 }, (_, i) => ({
					phone: `+55119${String(87654300 + i)}`,
					name: `N${i}`,
				})),
			});
			expect(items.map((item) => item.json.status)).toEqual(Array(30).fill('sent'));
			const used = new Set(sentSms().map((r) => r.connection));
			if (reuseConnections) expect(used.size).toBeLessThanOrEqual(connections);
			else expect(used.size).toBe(connections);
		},
	);

	it.each(['1.1', '1.2'])(
		'sends one SMS per item with expressions resolved (SOAP %s)',
		async (soapVersion) => {
			const { items, error } = await runNode({
				type: 'mobilePronto',
				parameters: sendParameters(),
				credentials: credentials({ soapVersion }),
				items: [
					{ phone: '+55(11)987654321', name: 'Ana' },
					{ phone: '+5521998765432', name: 'Bruno' },
					{ phone: '(31) 99876-5432', name: 'Carla' },
				],
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.mobile)).toEqual([
				'+55(11)987654321',
				'+55(21)998765432',
				'+55(31)998765432',
			]);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json).toMatchObject({
				status: 'sent',
				code: '000',
				encoding: 'UCS-2',
				parts: 1,
				raw: '000',
			});
			expect(
				sandbox.mobilePronto.sent.map((sms) => [sms.mobile, sms.message, sms.soapVersion]),
			).toEqual([
				['+55(11)987654321', 'Olá Ana, seu pedido saiu & chega <amanhã>', soapVersion],
				['+55(21)998765432', 'Olá Bruno, seu pedido saiu & chega <amanhã>', soapVersion],
				['+55(31)998765432', 'Olá Carla, seu pedido saiu & chega <amanhã>', soapVersion],
			]);
			expect(sentSms()).toHaveLength(3);
		},
	);

	it('returns the message id when the gateway gives one', async () => {
		const credencial = SECOND_CREDENCIAL;
		sandbox.mobilePronto.addAccount({ credencial, returnsMessageId: true });
		const { items } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters(),
			credentials: credentials({ credencial }),
			items: [{ phone: '+5511987654321', name: 'Ana' }],
		});
		expect(items[0].json.messageId).toMatch(/^MPG\d{12}$/);
		expect(items[0].json.raw).toBe(`000:${items[0].json.messageId}`);
	});

	it('rejects an invalid mobile before any request, naming the item and the value', async () => {
		const { items, error } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters(),
			credentials: credentials(),
			items: [
				{ phone: '+5511987654321', name: 'ok' },
				{ phone: '12ab', name: 'bad' },
			],
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Invalid 'Mobile': The mobile number "12ab" is not a valid number for its country (read as +5512) [item 1]`,
		);
		expect(error?.context?.itemIndex).toBe(1);
		// Every item is validated before anything is sent, so the valid item 0 did not go out either.
		expect(sandbox.requests).toHaveLength(0);
	});

	it('rejects empty and over-long messages before sending, with the counts', async () => {
		const empty = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters({ message: '={{ $json.text }}' }),
			credentials: credentials(),
			items: [{ phone: '+5511987654321', text: '   ' }],
		});
		expect(empty.error?.message).toBe("The 'Message' is empty [item 0]");

		const long = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters({ message: '={{ $json.text }}', options: { maxLength: 20 } }),
			credentials: credentials(),
			items: [{ phone: '+5511987654321', text: 'x'.repeat(25) }],
		});
		expect(long.error?.message).toBe("The 'Message' has 25 characters; the limit is 20 [item 0]");
		expect(sandbox.requests).toHaveLength(0);
	});

	it('maps gateway return codes to clear errors and keeps going under continueOnFail', async () => {
		sandbox.mobilePronto.blacklist('+55(11)987654321');
		sandbox.mobilePronto.forceCode('+55(11)900000801', '801');
		const { items, error } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters(),
			credentials: credentials(),
			continueOnFail: true,
			items: [
				{ phone: '+5511987654321', name: 'blacklisted' },
				{ phone: '+5511900000801', name: 'operator failure' },
				{ phone: '+5521998765432', name: 'fine' },
			],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.details).toMatchObject({
			code: '018',
			gateway: 'MobilePronto',
			itemIndex: 0,
		});
		expect(String(items[0].json.error)).toContain('018');
		expect(items[1].json.details).toMatchObject({ code: '801', itemIndex: 1 });
		expect(items[2].json).toMatchObject({ status: 'sent', mobile: '+55(21)998765432' });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('stops on a gateway error without continueOnFail, with the code and explanation', async () => {
		sandbox.mobilePronto.addAccount({ credencial: SECOND_CREDENCIAL, credits: 0 });
		const { error } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters(),
			credentials: credentials({ credencial: SECOND_CREDENCIAL }),
			items: [{ phone: '+5511987654321', name: 'Ana' }],
		});
		expect(error?.message).toContain('(code 009)');
		expect(error?.description).toMatch(/credit/i);
		expect(error?.context?.itemIndex).toBe(0);
	});

	it('reports a wrong credencial without ever showing it', async () => {
		const wrong = 'WRONGKEY0000000000000000000000000000000X';
		const { error } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters(),
			credentials: credentials({ credencial: wrong }),
			items: [{ phone: '+5511987654321', name: 'Ana' }],
		});
		expect(error?.message).toContain('(code 001)');
		expect(
			JSON.stringify({ message: error?.message, description: error?.description }),
		).not.toContain(wrong);
	});

	it('refuses a credencial of the wrong length before any request', async () => {
		const { error } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters(),
			credentials: credentials({ credencial: 'tooShortSecret' }),
			items: [{ phone: '+5511987654321', name: 'Ana' }],
		});
		expect(error?.message).toBe(
			"The 'API Key' of the MobilePronto credential must be 40 characters long; it has 14",
		);
		expect(error?.message).not.toContain('tooShortSecret');
		expect(sandbox.requests).toHaveLength(0);
	});

	it.each([
		['status', { kind: 'status', status: 503 }, 'HTTP_503'],
		['html', { kind: 'html' }, 'HTML_PAGE'],
		['empty', { kind: 'empty' }, 'EMPTY_BODY'],
		['malformed', { kind: 'malformed' }, 'MALFORMED_XML'],
		['unexpected-xml', { kind: 'unexpected-xml' }, 'UNEXPECTED_REPLY'],
		['drop', { kind: 'drop' }, 'CONNECTION_RESET'],
		['redirect', { kind: 'redirect' }, 'REDIRECT'],
	] as const)('turns a %s reply into a transport error item', async (_name, fault, code) => {
		sandbox.inject(fault as never);
		const { items } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters(),
			credentials: credentials(),
			continueOnFail: true,
			items: [{ phone: '+5511987654321', name: 'Ana' }],
		});
		expect(items[0].json.details).toMatchObject({ code, gateway: 'MobilePronto' });
		expect(String(items[0].json.error)).toMatch(/^MobilePronto/);
	});

	it('reports a timeout as outcome unknown and does not resend', async () => {
		sandbox.inject({ kind: 'timeout', when: 'after' });
		const { items } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters({ options: { timeout: 1000 } }),
			credentials: credentials(),
			continueOnFail: true,
			items: [{ phone: '+5511987654321', name: 'Ana' }],
		});
		expect(items[0].json.details).toMatchObject({ code: 'TIMEOUT', outcomeUnknown: true });
		expect(sandbox.mobilePronto.sent).toHaveLength(1);
		expect(sandbox.requests.filter((r) => r.operation === 'MPG_SendSimple_SMS')).toHaveLength(1);
	});

	it('reports a refused connection', async () => {
		const { items } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters(),
			credentials: credentials({ baseUrl: 'http://127.0.0.1:1' }),
			continueOnFail: true,
			items: [{ phone: '+5511987654321', name: 'Ana' }],
		});
		expect(items[0].json.details).toMatchObject({ code: 'CONNECTION_REFUSED' });
	});

	it('dry run validates and shows exactly what would be sent, sending nothing', async () => {
		const { items, error } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters({ dryRun: true }),
			credentials: credentials(),
			items: [{ phone: '(11) 98765-4321', name: 'Ana' }],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			mobile: '+55(11)987654321',
			mobileE164: '+5511987654321',
			characters: 41,
			encoding: 'UCS-2',
			parts: 1,
			dryRun: true,
			status: 'notSent',
			request: {
				operation: 'MPG_SendSimple_SMS',
				Mobile: '+55(11)987654321',
				Message: 'Olá Ana, seu pedido saiu & chega <amanhã>',
			},
		});
		expect(sandbox.requests).toHaveLength(0);
	});

	it('guardrails refuse recipients outside the allowed prefixes and beyond the maximum, naming the rule', async () => {
		const { items } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters({
				guardrails: { allowedPrefixes: '+5511, +5521', maxRecipients: 2 },
			}),
			credentials: credentials(),
			continueOnFail: true,
			items: [
				{ phone: '+5511987654321', name: 'a' },
				{ phone: '+5531998765432', name: 'outside' },
				{ phone: '+5521998765432', name: 'b' },
				{ phone: '+5511987654322', name: 'over the limit' },
			],
		});
		expect(items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'sent',
			"Guardrail refused the recipient: +5531998765432 does not start with an allowed prefix (+5511, +5521) ('Allowed Number Prefixes' guardrail) [item 1]",
			'sent',
			"Guardrail refused the recipient: this execution already reached its limit of 2 recipients ('Max Recipients per Execution' guardrail) [item 3]",
		]);
		expect(sandbox.mobilePronto.sent.map((sms) => sms.mobile)).toEqual([
			'+55(11)987654321',
			'+55(21)998765432',
		]);
	});

	it('rejects a mobile expression that resolves to an object', async () => {
		const { error } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters({ mobile: '={{ $json.contact }}' }),
			credentials: credentials(),
			items: [{ contact: { phone: '+5511987654321' }, name: 'Ana' }],
		});
		expect(error?.message).toBe("The 'Mobile' is not text [item 0]");
		expect(sandbox.requests).toHaveLength(0);
	});

	it('sends many items concurrently, keeping output order and pairing', async () => {
		sandbox.inject({ kind: 'latency', ms: 30 });
		const phones = Array.from({ length: 40 }, (_, i) => ({
			phone: `+55119${String(87654300 + i)}`,
			name: `n${i}`,
		}));
		const { items, error } = await runNode({
			type: 'mobilePronto',
			parameters: sendParameters({ options: { concurrency: 10 } }),
			credentials: credentials(),
			items: phones,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.mobileE164)).toEqual(phones.map((p) => p.phone));
		expect(items.map((item) => item.pairedItem)).toEqual(phones.map((_, i) => ({ item: i })));
		expect(new Set(sandbox.mobilePronto.sent.map((sms) => sms.mobile)).size).toBe(40);
		expect(sandbox.mobilePronto.sent).toHaveLength(40);
	});

	it('duplicate guard: a re-run with the same key does not send again', async () => {
		const parameters = sendParameters({
			options: { duplicateGuard: true, duplicateKey: '={{ $json.name }}' },
		});
		const first = await runNode({
			type: 'mobilePronto',
			parameters,
			credentials: credentials(),
			items: [{ phone: '+5511987654321', name: 'order-1' }],
		});
		expect(first.items[0].json.status).toBe('sent');
		const again = await runNode({
			type: 'mobilePronto',
			parameters,
			credentials: credentials(),
			items: [
				{ phone: '+5511987654321', name: 'order-1' },
				{ phone: '+5521998765432', name: 'order-2' },
			],
		});
		expect(again.items.map((item) => item.json.status)).toEqual(['skippedDuplicate', 'sent']);
		expect(sandbox.mobilePronto.sent).toHaveLength(2);
	});

	it('duplicate guard without a key: the same execution run again (a queue-mode job taken over after a worker died) skips what was sent', async () => {
		const parameters = sendParameters({ options: { duplicateGuard: true } });
		const items = [{ phone: '+5511987654321', name: 'a' }];
		await runNode({ type: 'mobilePronto', parameters, credentials: credentials(), items });
		const retry = await runNode({
			type: 'mobilePronto',
			parameters,
			credentials: credentials(),
			items,
		});
		expect(retry.items[0].json).toEqual({
			status: 'skippedDuplicate',
			duplicateKey: 'execution:execution-under-test:0:0',
		});
		expect(sandbox.mobilePronto.sent).toHaveLength(1);
	});

	it('never retries a send whose outcome is unknown, and the guard counts it as sent', async () => {
		sandbox.inject({ kind: 'drop', when: 'after', times: 1 });
		const parameters = sendParameters({
			options: { duplicateGuard: true, duplicateKey: '={{ $json.name }}' },
		});
		const first = await runNode({
			type: 'mobilePronto',
			parameters,
			credentials: credentials(),
			continueOnFail: true,
			items: [{ phone: '+5511987654321', name: 'order-9' }],
		});
		expect(first.items[0].json.details).toMatchObject({
			code: 'CONNECTION_RESET',
			outcomeUnknown: true,
		});
		expect(sandbox.mobilePronto.sent).toHaveLength(1);
		const rerun = await runNode({
			type: 'mobilePronto',
			parameters,
			credentials: credentials(),
			items: [{ phone: '+5511987654321', name: 'order-9' }],
		});
		expect(rerun.items[0].json.status).toBe('skippedDuplicate');
		expect(sandbox.mobilePronto.sent).toHaveLength(1);
	});

	it('gets the balance', async () => {
		sandbox.mobilePronto.addAccount({ credencial: SECOND_CREDENCIAL, credits: 42 });
		const { items, error } = await runNode({
			type: 'mobilePronto',
			parameters: { resource: 'account', operation: 'getBalance' },
			credentials: credentials({ credencial: SECOND_CREDENCIAL, soapVersion: '1.2' }),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { balance: 42, code: '000', raw: '42 (v_st_Status 000)' }, pairedItem: { item: 0 } },
		]);
	});

	it('reports a balance request with a wrong credencial as code 001', async () => {
		const { error } = await runNode({
			type: 'mobilePronto',
			parameters: { resource: 'account', operation: 'getBalance' },
			credentials: credentials({ credencial: 'WRONGKEY0000000000000000000000000000000X' }),
		});
		expect(error?.message).toContain('(code 001)');
	});
});
