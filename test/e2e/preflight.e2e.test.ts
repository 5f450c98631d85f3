/**
 * Smart Encoding and Credit Pre-Flight (issue 15) in a real n8n, with a node of version 1.1
 * (both on by default), against the sandbox's smSend gateway on loopback.
 */
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { connectN8n, packageJson, type N8n } from './harness';

const PKG = packageJson().name;
const USER = 'preflight';
const PASS = 'preflight-password';
/** 1 GSM-7 part once its curly apostrophe is replaced; 3 UCS-2 parts as written. */
const CURLY = `Ciao, l’offerta vale fino a domenica ${'x'.repeat(113)}`;
const HIGH_PRICE = 0.065;

describe('Smart Encoding and Credit Pre-Flight in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let credential: string;

	const send = (parameters: Record<string, unknown>, count: number) =>
		n8n.run(
			{
				name: 'smSend',
				type: `${PKG}.smSend`,
				typeVersion: 1.1,
				parameters: {
					resource: 'sms',
					operation: 'send',
					recipient: '={{ $json.phone }}',
					sender: 'MyShop',
					message: '={{ $json.text }}',
					...parameters,
				},
				credentials: { smSendApi: { id: credential, name: 'smSend sandbox' } },
			},
			Array.from({ length: count }, (_, i) => ({
				phone: `+39347${String(i).padStart(7, '0')}`,
				text: CURLY,
			})),
		);

	beforeAll(async () => {
		n8n = await connectN8n();
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 15 });
		credential = await n8n.createCredential('smSendApi', {
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
		// Four SMS at High quality: three curly texts fit only once Smart Encoding makes them GSM-7.
		sandbox.smSend.addAccount({ user: USER, pass: PASS, credit: 4 * HIGH_PRICE });
	});

	it('a Dry Run shows the GSM-7 text and ends with the totals, paired with every item', async () => {
		const dry = await send({ dryRun: true }, 3);
		expect(dry.execution.status).toBe('success');
		expect(dry.items[0]).toMatchObject({
			encoding: 'GSM-7',
			parts: 1,
			smartEncoding: { partsSaved: 2, replaced: [{ character: '’', replacedWith: "'" }] },
			request: { data: CURLY.replace('’', "'"), operation: 'TEXT' },
		});
		expect(dry.items[3]).toEqual({
			runTotals: true,
			dryRun: true,
			messages: 3,
			parts: 3,
			creditNeeded: 3,
			creditLeft: 4,
			creditUnit: 'SMS parts at High quality',
			enoughCredit: true,
		});
		const stored = dry.execution.nodeOutput('smSend');
		expect(stored[3].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sandbox.smSend.sent).toHaveLength(0);
	});

	it('sends a run the credit covers in GSM-7, then refuses one it cannot cover, sending nothing', async () => {
		const sent = await send({}, 3);
		expect(sent.execution.status).toBe('success');
		expect(sandbox.smSend.sent.map((sms) => [sms.data, sms.operation, sms.parts])).toEqual(
			Array(3).fill([CURLY.replace('’', "'"), 'TEXT', 1]),
		);

		// One SMS left; the next run needs two.
		const refused = await send({}, 2);
		expect(refused.execution.status).toBe('error');
		expect(refused.execution.nodeError('smSend')?.message).toBe(
			'Not enough credit to send: this run needs 2 SMS parts at High quality; the account has 1 left',
		);
		expect(sandbox.smSend.sent).toHaveLength(3);
	});
});
