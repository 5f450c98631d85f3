import type { Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import { runNode } from '../helpers/workflowRunner';

/* The smSend credential's Text Encoding, end to end through n8n-core against the sandbox. */
describe('smSend Text Encoding in an n8n-core workflow', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const send = async (message: string, textEncoding?: string) =>
		await runNode({
			type: 'smSend',
			typeVersion: 1.1,
			parameters: {
				resource: 'sms',
				operation: 'send',
				recipient: '+393201234567',
				sender: 'MyShop',
				message,
			},
			credentials: {
				smSendApi: {
					user: SMSEND_DEMO.user,
					password: SMSEND_DEMO.pass,
					baseUrl: sandbox.url,
					...(textEncoding ? { textEncoding } : {}),
				},
			},
			items: [{}],
		});

	it('UTF-8 (the default) carries "è €" as typed', async () => {
		const { error } = await send('Prova è €');
		expect(error).toBeUndefined();
		expect(sandbox.requests[0].headers['content-type']).toContain('charset=utf-8');
		expect(sandbox.smSend.sent[0].data).toBe('Prova è €');
	});

	it('ISO-8859-1 carries "è" to a gateway reading Latin-1', async () => {
		const { error } = await send('Prova è', 'iso-8859-1');
		expect(error).toBeUndefined();
		expect(sandbox.requests[0].headers['content-type']).toContain('charset=iso-8859-1');
		expect(sandbox.smSend.sent[0].data).toBe('Prova è');
	});

	it('ISO-8859-1 refuses "€" and sends nothing', async () => {
		const { error } = await send('Prova è €', 'iso-8859-1');
		// Refused while the items are checked, before anything is sent.
		expect(error?.message).toContain(
			`The SMS cannot be sent: the character "€" (U+20AC) in 'Message' cannot be sent in ISO-8859-1`,
		);
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.smSend.sent).toHaveLength(0);
	});
});
