/**
 * Credit Pre-Flight and Smart Encoding of the SMS send operations (issue 15), through n8n-core
 * against the sandbox: each test counts what the gateways really received. Nodes are version
 * 1.1 (both options on when absent) unless a test says otherwise.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { MOBILEPRONTO_DEMO_CREDENCIAL, startSandbox } from '../../sandbox';
import { runNode, type RunNodeOptions } from '../helpers/workflowRunner';

const phone = (i: number) => `+3932030000${String(i).padStart(2, '0')}`;
const list = (n: number, text = 'Ciao', extra: IDataObject = {}): IDataObject[] =>
	Array.from({ length: n }, (_, i) => ({ phone: phone(i), text, ...extra }));
/** GSM-7 text of two parts (MULTITEXT). */
const TWO_PARTS = 'a'.repeat(200);
/** 150 characters: 1 GSM-7 part, but 3 UCS-2 parts with its curly apostrophe. */
const CURLY = `It’s ${'x'.repeat(145)}`;
/** smSend's sandbox prices per SMS part, in euro (sandbox/gateways/smsend-accounts.js). */
const PRICE = { h: 0.065, ll: 0.035 };

describe('smSend SMS → Send: Credit Pre-Flight and Smart Encoding', () => {
	let sandbox: Sandbox;
	const credentials = () => ({
		smSendApi: { user: 'flight', password: 'flight-password', baseUrl: sandbox.url },
	});
	const account = (credit: number) =>
		sandbox.smSend.addAccount({ user: 'flight', pass: 'flight-password', credit });
	/** smSend SMS → Send of `items`; `extra` adds parameters and n8n's settings of the run. */
	const send = (
		items: IDataObject[],
		{
			parameters,
			typeVersion,
			...run
		}: Omit<Partial<RunNodeOptions>, 'parameters' | 'items'> & {
			parameters?: INodeParameters;
		} = {},
	) =>
		runNode({
			type: 'smSend',
			typeVersion: typeVersion ?? 1.1,
			parameters: {
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'Shop',
				message: '={{ $json.text }}',
				...parameters,
			},
			credentials: credentials(),
			items,
			...run,
		});
	const paths = () => sandbox.requests.map((request) => request.path);

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 15 });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		account(100);
	});

	it('refuses the whole run, sending nothing, when the credit cannot cover every part', async () => {
		account(5 * PRICE.h);
		const { error, items } = await send(list(3, TWO_PARTS));
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'Not enough credit to send: this run needs 6 SMS parts at High quality; the account has 5 left',
		);
		expect(error?.description).toMatch(/^Nothing was sent\. .*'Credit Pre-Flight'/);
		expect(sandbox.smSend.sent).toEqual([]);
		expect(paths()).toEqual(['/sms/credit.php']);
		expect(sandbox.requests[0].params?.type).toBe('h');
	});

	it('under Continue On Fail gives every item that refusal as its error, and sends nothing', async () => {
		account(5 * PRICE.h);
		const { error, items } = await send(list(3, TWO_PARTS), { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.error, (item.json.details as IDataObject).outcomeUnknown]),
		).toEqual(
			[0, 1, 2].map((i) => [
				`Not enough credit to send: this run needs 6 SMS parts at High quality; the account has 5 left [item ${i}]`,
				false,
			]),
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sandbox.smSend.sent).toEqual([]);
	});

	it('reads the credit once, then sends everything when it is enough (exactly enough counts)', async () => {
		account(6 * PRICE.h);
		const { error, items } = await send(list(3, TWO_PARTS));
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.status, item.json.parts])).toEqual(
			Array(3).fill(['queued', 2]),
		);
		expect(paths()).toEqual(['/sms/credit.php', ...Array(3).fill('/sms/send.php')]);
		expect(sandbox.smSend.getAccount('flight')?.credit).toBeCloseTo(0, 6);
	});

	it('sets qualities that share the credit against it in euro', async () => {
		// 1 euro buys 15 SMS in High or 28 in Low; 10 of each need about €1.02.
		account(1);
		const items = [...list(10, 'Hi', { q: 'h' }), ...list(10, 'Hi', { q: 'll' })];
		const { error } = await send(items, { parameters: { quality: '={{ $json.q }}' } });
		expect(error?.message).toBe(
			'Not enough credit to send: this run needs about €1.02 of credit (SMS parts: 10 at High, 10 at Low); the account has €1.00 left',
		);
		expect(sandbox.smSend.sent).toEqual([]);
		const fewer = await send([...list(5, 'Hi', { q: 'h' }), ...list(5, 'Hi', { q: 'll' })], {
			parameters: { quality: '={{ $json.q }}' },
		});
		expect(fewer.error).toBeUndefined();
		expect(sandbox.smSend.sent).toHaveLength(10);
	});

	it('sends nothing when the credit cannot be read, and says how to go on', async () => {
		sandbox.smSend.forceFailure('/sms/credit.php', 'KO Accesso non consentito (IP non abilitato).');
		const { error } = await send(list(2));
		expect(error?.message).toMatch(
			/^Credit pre-flight could not read the account's credit: smSend refused the request/,
		);
		expect(error?.description).toMatch(
			/Nothing was sent\..*turn off Options → 'Credit Pre-Flight'/s,
		);
		expect(sandbox.smSend.sent).toEqual([]);
	});

	it('on Retry On Fail counts only what the new try sends, not what the first try sent', async () => {
		// Credit for the three messages; the first try sends item 0, then item 1 is refused.
		account(3 * PRICE.h);
		sandbox.inject({
			kind: 'gateway-error',
			match: { path: '/sms/send.php', params: { rcpt: phone(1) } },
			text: 'KO Impossibile accodare il/i messaggio/i.',
			times: 1,
		});
		const result = await send(list(3), {
			parameters: { options: { concurrency: 1 } },
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});
		expect(result.error).toBeUndefined();
		expect(result.tries).toBe(2);
		// The second try needs 2 parts and has 2 left: counting item 0 again would refuse it.
		expect(sandbox.smSend.sent.map((sms) => sms.rcpt)).toEqual([phone(0), phone(1), phone(2)]);
		expect(paths().filter((path) => path === '/sms/credit.php')).toHaveLength(2);
	});

	it('in a loop (Loop Over Items batches) checks each batch against the credit the batches before it left', async () => {
		account(3 * PRICE.h);
		const batch = (from: number) =>
			[from, from + 1].map((i) => ({ phone: phone(i), name: `Cliente ${i}` }));
		const result = await send(batch(0), {
			parameters: { message: '=Ciao {{ $json.name }}, ci vediamo domenica.' },
			laterRuns: [batch(2)],
			continueOnFail: true,
		});
		expect(
			result.runOutputs.map((run) => run.map((item) => item.json.error ?? item.json.status)),
		).toEqual([
			['queued', 'queued'],
			[0, 1].map(
				(i) =>
					`Not enough credit to send: this run needs 2 SMS parts at High quality; the account has 1 left [item ${i}]`,
			),
		]);
		expect(sandbox.smSend.sent.map((sms) => [sms.rcpt, sms.data])).toEqual([
			[phone(0), 'Ciao Cliente 0, ci vediamo domenica.'],
			[phone(1), 'Ciao Cliente 1, ci vediamo domenica.'],
		]);
		expect(paths().filter((path) => path === '/sms/credit.php')).toHaveLength(2);
	});

	it('ends a Dry Run with the totals and the credit, paired with every item, sending nothing', async () => {
		const { items } = await send([...list(2, TWO_PARTS), { phone: phone(9), text: CURLY }], {
			parameters: { dryRun: true },
		});
		expect(items).toHaveLength(4);
		expect(items[3]).toEqual({
			json: {
				runTotals: true,
				dryRun: true,
				messages: 3,
				parts: 5,
				creditNeeded: 5,
				creditLeft: 1538,
				creditUnit: 'SMS parts at High quality',
				enoughCredit: true,
			},
			pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
		});
		// Smart Encoding shows in the dry run: the request carries the GSM-7 text.
		expect(items[2].json).toMatchObject({
			messageType: 'TEXT',
			encoding: 'GSM-7',
			parts: 1,
			smartEncoding: { partsSaved: 2, originalParts: 3 },
			request: { data: `It's ${'x'.repeat(145)}`, operation: 'TEXT' },
		});
		expect(sandbox.smSend.sent).toEqual([]);
		expect(paths()).toEqual(['/sms/credit.php']);

		account(4 * PRICE.h);
		const short = await send(list(3, TWO_PARTS), { parameters: { dryRun: true } });
		expect(short.items[3].json).toMatchObject({
			parts: 6,
			creditLeft: 4,
			enoughCredit: false,
			wouldBeRefused: 'this run needs 6 SMS parts at High quality; the account has 4 left',
		});
	});

	it('sends a curly apostrophe as GSM-7 in one part instead of three, saying what it replaced', async () => {
		const { items, error } = await send([{ phone: phone(0), text: CURLY }], {
			parameters: { quality: 'll' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			messageType: 'TEXT',
			encoding: 'GSM-7',
			parts: 1,
			status: 'queued',
			smartEncoding: {
				replaced: [{ character: '’', unicode: 'U+2019', replacedWith: "'", count: 1 }],
				originalEncoding: 'UCS-2',
				originalParts: 3,
				partsSaved: 2,
			},
		});
		expect(sandbox.smSend.sent.map((sms) => [sms.data, sms.operation, sms.qty])).toEqual([
			[`It's ${'x'.repeat(145)}`, 'TEXT', 'll'],
		]);
	});

	it('keeps a text with an emoji as written, in UCS-2, without smartEncoding in the output', async () => {
		const { items } = await send([{ phone: phone(0), text: 'It’s ready 😀' }]);
		expect(items[0].json).toMatchObject({ messageType: 'UCS2', encoding: 'UCS-2' });
		expect(items[0].json).not.toHaveProperty('smartEncoding');
		expect(sandbox.smSend.sent[0].data).toBe('It’s ready 😀');
	});

	it('version 1 reads no credit and sends the text as written, unless the options are turned on', async () => {
		account(0);
		const old = await send([{ phone: phone(0), text: CURLY }], { typeVersion: 1 });
		// No pre-flight: the gateway itself refuses for want of credit.
		expect(old.error?.message).toMatch(/^smSend/);
		expect(paths()).toEqual(['/sms/send.php']);
		expect(sandbox.requests[0].params).toMatchObject({ data: CURLY, operation: 'MULTIUCS2' });

		sandbox.reset();
		account(100);
		const on = await send([{ phone: phone(0), text: CURLY }], {
			typeVersion: 1,
			parameters: { options: { smartEncoding: true, creditPreflight: true } },
		});
		expect(on.error).toBeUndefined();
		expect(paths()).toEqual(['/sms/credit.php', '/sms/send.php']);
		expect(sandbox.smSend.sent[0].data).toBe(`It's ${'x'.repeat(145)}`);
	});

	it("reads no credit in an evaluation run, whose requests n8n's mock answers", async () => {
		const mocked: string[] = [];
		const result = await send(list(2), {
			configureAdditionalData: (additionalData) => {
				additionalData.evalLlmMockHandler = async (request: { url?: string }) => {
					mocked.push(String(request.url));
					return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'OK MOCK1' };
				};
			},
		});
		expect(result.error).toBeUndefined();
		expect(mocked.map((url) => new URL(url).pathname)).toEqual(['/sms/send.php', '/sms/send.php']);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('version 1.1 with both options turned off sends as version 1 does', async () => {
		const { items } = await send([{ phone: phone(0), text: CURLY }], {
			parameters: { options: { smartEncoding: false, creditPreflight: false } },
		});
		expect(items[0].json).toMatchObject({ encoding: 'UCS-2', parts: 3 });
		expect(paths()).toEqual(['/sms/send.php']);
	});
});

describe('MobilePronto SMS → Send: Credit Pre-Flight and Smart Encoding', () => {
	let sandbox: Sandbox;
	const send = (items: IDataObject[], parameters: INodeParameters = {}) =>
		runNode({
			type: 'mobilePronto',
			typeVersion: 1.1,
			parameters: {
				resource: 'sms',
				operation: 'send',
				mobile: '={{ $json.phone }}',
				message: '={{ $json.text }}',
				...parameters,
			},
			credentials: {
				mobileProntoApi: {
					credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
					baseUrl: sandbox.url,
					soapVersion: '1.1',
				},
			},
			items,
		});
	const numbers = (n: number, text: string) =>
		Array.from({ length: n }, (_, i) => ({
			phone: `+55119876543${String(i).padStart(2, '0')}`,
			text,
		}));
	const operations = () => sandbox.requests.map((request) => request.operation);

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 16 });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('refuses a run the credits cannot cover, sending nothing', async () => {
		sandbox.mobilePronto.updateAccount(MOBILEPRONTO_DEMO_CREDENCIAL, { credits: 2 });
		const { error } = await send(numbers(3, 'Oi'));
		expect(error?.message).toBe(
			'Not enough credit to send: this run needs 3 credits (3 SMS, 3 parts); the account has 2 left',
		);
		expect(operations()).toEqual(['MPG_Credits']);
		expect(sandbox.mobilePronto.sent).toEqual([]);
	});

	it('reads MPG_Credits first, then sends with look-alikes replaced', async () => {
		const { items, error } = await send(numbers(2, '“Oi” – it’s here…'));
		expect(error).toBeUndefined();
		expect(operations()).toEqual(['MPG_Credits', 'MPG_SendSimple_SMS', 'MPG_SendSimple_SMS']);
		expect(sandbox.mobilePronto.sent.map((sms) => sms.message)).toEqual(
			Array(2).fill('"Oi" - it\'s here...'),
		);
		expect(items[0].json).toMatchObject({ encoding: 'GSM-7', status: 'sent' });
		expect((items[0].json.smartEncoding as IDataObject).replaced).toHaveLength(5);
	});

	it('keeps a text its look-alikes would push over 160 characters as written', async () => {
		const text = `${'a'.repeat(158)}…`;
		const { items } = await send(numbers(1, text));
		expect(items[0].json).toMatchObject({ characters: 159, encoding: 'UCS-2' });
		expect(sandbox.mobilePronto.sent[0].message).toBe(text);
	});

	it('ends a Dry Run with the totals and the credits left', async () => {
		const { items } = await send(numbers(2, 'Oi'), { dryRun: true });
		expect(items[2].json).toEqual({
			runTotals: true,
			dryRun: true,
			messages: 2,
			parts: 2,
			creditNeeded: 2,
			creditLeft: 1000,
			creditUnit: 'credits (one per SMS part)',
			enoughCredit: true,
		});
		expect(sandbox.mobilePronto.sent).toEqual([]);
	});
});
