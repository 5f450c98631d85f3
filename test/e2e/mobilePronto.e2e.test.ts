/**
 * MobilePronto in a real n8n: workflows imported into n8n and run through their webhooks, the
 * credential created through n8n's REST API, the gateway played by the sandbox on loopback.
 */
import type { Sandbox } from '../../sandbox';
import { startSandbox, MOBILEPRONTO_DEMO_CREDENCIAL } from '../../sandbox';
import { connectN8n, packageJson, type N8n } from './harness';

const PKG = packageJson().name;
const NODE_TYPE = `${PKG}.mobilePronto`;
const NO_CREDIT = 'NOCREDITACCOUNT0000000000000000000000009';
const WRONG = 'WRONGKEY0000000000000000000000000000000X';

describe('MobilePronto in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let credentialId: string;

	const credentialData = (overrides: Record<string, string> = {}) => ({
		credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
		baseUrl: sandbox.url,
		soapVersion: '1.1',
		...overrides,
	});
	const credentialRef = (id: string) => ({ mobileProntoApi: { id, name: 'MobilePronto sandbox' } });

	const sendNode = (options: { credential?: string; continueOnFail?: boolean } = {}) => ({
		name: 'MobilePronto',
		type: NODE_TYPE,
		parameters: {
			resource: 'sms',
			operation: 'send',
			mobile: '={{ $json.phone }}',
			message: '=Olá {{ $json.name }}, seu pedido {{ $json.order }} saiu & chega <amanhã>',
			options: {},
		},
		credentials: credentialRef(options.credential ?? credentialId),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	});

	const sent = () => sandbox.requests.filter((r) => r.operation === 'MPG_SendSimple_SMS');

	beforeAll(async () => {
		n8n = await connectN8n();
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 7 });
		credentialId = await n8n.createCredential(
			'mobileProntoApi',
			credentialData(),
			'MobilePronto sandbox',
		);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(() => sandbox.reset());

	it('SMS → Send: one SMS per item, expressions resolved, exact fields sent', async () => {
		const run = await n8n.run(sendNode(), [
			{ phone: '+55(11)987654321', name: 'Ana', order: '1001' },
			{ phone: '+5521998765432', name: 'Bruno', order: '1002' },
			{ phone: '(31) 99876-5432', name: 'Carla', order: '1003' },
		]);
		expect(run.status).toBe(200);
		expect(run.execution.status).toBe('success');
		expect(run.items.map((i) => [i.mobile, i.status, i.code])).toEqual([
			['+55(11)987654321', 'sent', '000'],
			['+55(21)998765432', 'sent', '000'],
			['+55(31)998765432', 'sent', '000'],
		]);
		expect(run.items[0]).toMatchObject({
			mobileE164: '+5511987654321',
			encoding: 'UCS-2',
			parts: 1,
			raw: '000',
		});
		const output = run.execution.nodeOutput('MobilePronto');
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		// Exactly one request per item, with the exact fields.
		expect(sent()).toHaveLength(3);
		expect(sent().map((r) => [r.params, r.resultCode])).toEqual([
			[
				{
					Credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
					Mobile: '+55(11)987654321',
					Message: 'Olá Ana, seu pedido 1001 saiu & chega <amanhã>',
				},
				'000',
			],
			[
				{
					Credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
					Mobile: '+55(21)998765432',
					Message: 'Olá Bruno, seu pedido 1002 saiu & chega <amanhã>',
				},
				'000',
			],
			[
				{
					Credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
					Mobile: '+55(31)998765432',
					Message: 'Olá Carla, seu pedido 1003 saiu & chega <amanhã>',
				},
				'000',
			],
		]);
		expect(sandbox.mobilePronto.sent.map((s) => [s.mobile, s.message, s.soapVersion])).toEqual([
			['+55(11)987654321', 'Olá Ana, seu pedido 1001 saiu & chega <amanhã>', '1.1'],
			['+55(21)998765432', 'Olá Bruno, seu pedido 1002 saiu & chega <amanhã>', '1.1'],
			['+55(31)998765432', 'Olá Carla, seu pedido 1003 saiu & chega <amanhã>', '1.1'],
		]);
		// No credential value in what n8n stored.
		expect(JSON.stringify(run.execution.raw)).not.toContain(MOBILEPRONTO_DEMO_CREDENCIAL);
	});

	it('SMS → Send over SOAP 1.2', async () => {
		const cred = await n8n.createCredential(
			'mobileProntoApi',
			credentialData({ soapVersion: '1.2' }),
		);
		const run = await n8n.run(sendNode({ credential: cred }), [
			{ phone: '+5511987654321', name: 'Ana', order: '7' },
		]);
		expect(run.items).toHaveLength(1);
		expect(run.items[0]).toMatchObject({ status: 'sent', code: '000' });
		expect(sandbox.mobilePronto.sent.map((s) => [s.mobile, s.soapVersion])).toEqual([
			['+55(11)987654321', '1.2'],
		]);
	});

	it('Account → Get Balance', async () => {
		const run = await n8n.run({
			name: 'MobilePronto',
			type: NODE_TYPE,
			parameters: { resource: 'account', operation: 'getBalance' },
			credentials: credentialRef(credentialId),
		});
		expect(run.status).toBe(200);
		expect(run.items).toEqual([expect.objectContaining({ balance: 1000, code: '000' })]);
		expect(sandbox.requests.map((r) => r.operation)).toEqual(['MPG_Credits']);
	});

	describe('gateway return code', () => {
		beforeEach(() => {
			sandbox.mobilePronto.blacklist('+55(11)987654321');
		});

		it('continueOnFail on: an error item for the failed item, the others sent', async () => {
			const run = await n8n.run(sendNode({ continueOnFail: true }), [
				{ phone: '+5511987654321', name: 'blacklisted', order: '1' },
				{ phone: '+5521998765432', name: 'fine', order: '2' },
			]);
			expect(run.status).toBe(200);
			expect(run.execution.status).toBe('success');
			expect(run.items).toHaveLength(2);
			expect(String(run.items[0].error)).toContain('018');
			expect(run.items[0].details).toMatchObject({ code: '018', gateway: 'MobilePronto' });
			expect(run.items[1]).toMatchObject({ status: 'sent', mobile: '+55(21)998765432' });
			expect(sent().map((r) => r.resultCode)).toEqual(['018', '000']);
			expect(sandbox.mobilePronto.sent.map((s) => s.mobile)).toEqual(['+55(21)998765432']);
		});

		it('continueOnFail off: the execution fails with the code and explanation', async () => {
			const node = sendNode();
			// One in flight at a time, so "no new send after a failure" is observable.
			node.parameters.options = { concurrency: 1 };
			const run = await n8n.run(node, [
				{ phone: '+5511987654321', name: 'blacklisted', order: '1' },
				{ phone: '+5521998765432', name: 'never sent', order: '2' },
			]);
			expect(run.status).toBeGreaterThanOrEqual(500);
			expect(run.execution.status).toBe('error');
			const error = run.execution.nodeError('MobilePronto');
			expect(error?.message).toContain('(code 018)');
			expect(run.execution.error?.message).toContain('(code 018)');
			// No new send starts after the first failure.
			expect(sent()).toHaveLength(1);
		});

		it('continueOnFail off: no credit (009) names the problem', async () => {
			sandbox.mobilePronto.addAccount({ credencial: NO_CREDIT, credits: 0 });
			const cred = await n8n.createCredential(
				'mobileProntoApi',
				credentialData({ credencial: NO_CREDIT }),
			);
			const run = await n8n.run(sendNode({ credential: cred }), [
				{ phone: '+5521998765432', name: 'x', order: '1' },
			]);
			expect(run.execution.status).toBe('error');
			const error = run.execution.nodeError('MobilePronto');
			expect(error?.message).toContain('(code 009)');
			expect(String(error?.description)).toMatch(/credit/i);
		});
	});

	describe('transport failure (HTTP 503)', () => {
		beforeEach(() => {
			sandbox.inject({ kind: 'status', status: 503 });
		});

		it('continueOnFail on: error item with HTTP_503', async () => {
			const run = await n8n.run(sendNode({ continueOnFail: true }), [
				{ phone: '+5511987654321', name: 'a', order: '1' },
				{ phone: '+5521998765432', name: 'b', order: '2' },
			]);
			expect(run.status).toBe(200);
			expect(run.items).toHaveLength(2);
			for (const item of run.items) {
				expect(item.details).toMatchObject({ code: 'HTTP_503', gateway: 'MobilePronto' });
				expect(String(item.error)).toMatch(/^MobilePronto/);
			}
			expect(sandbox.requests.map((r) => r.status)).toEqual([503, 503]);
			expect(sandbox.mobilePronto.sent).toHaveLength(0);
		});

		it('continueOnFail off: the execution fails with the transport error', async () => {
			const run = await n8n.run(sendNode(), [{ phone: '+5511987654321', name: 'a', order: '1' }]);
			expect(run.execution.status).toBe('error');
			const error = run.execution.nodeError('MobilePronto');
			expect(error?.message).toMatch(/^MobilePronto/);
			expect(error?.message).toMatch(/503/);
			expect(sandbox.requests).toHaveLength(1);
		});
	});

	describe('credential test (the Test button: POST /rest/credentials/test)', () => {
		it('succeeds with the sandbox demo credencial and shows the balance', async () => {
			const result = await n8n.testCredential('mobileProntoApi', credentialData());
			expect(result).toEqual({ status: 'OK', message: 'Connection successful. Balance: 1000' });
			expect(sandbox.requests.map((r) => r.operation)).toEqual(['MPG_Credits']);
		});

		it('succeeds for a saved credential (values kept by n8n)', async () => {
			const result = await n8n.testCredential('mobileProntoApi', credentialData(), credentialId);
			expect(result.status).toBe('OK');
		});

		it('fails with a wrong 40-character credencial, naming code 001', async () => {
			const result = await n8n.testCredential(
				'mobileProntoApi',
				credentialData({ credencial: WRONG }),
			);
			expect(result.status).toBe('Error');
			expect(result.message).toContain('001');
			expect(result.message).not.toContain(WRONG);
		});
	});

	it('is registered as an AI-agent tool', async () => {
		const types = await n8n.nodeTypes();
		const tool = types.find((t) => t.name === `${NODE_TYPE}Tool`);
		expect(tool).toBeDefined();
		expect(tool?.credentials?.map((c) => c.name)).toContain('mobileProntoApi');
	});
});
