import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { MOBILEPRONTO_DEMO_CREDENCIAL, SMSEND_DEMO, startSandbox } from '../../sandbox';
import { runNode } from '../helpers/workflowRunner';

/*
 * A saved node keeps the typeVersion it was created with: version 1 nodes keep the output and
 * parameters they had, new nodes (1.1) get the readable output and the "Input Binary Field"s.
 */
const PNG = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	Buffer.alloc(64, 1),
]);

describe('what each node version does, in an n8n-core workflow against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const smSendCredentials = () => ({
		smSendApi: {
			user: SMSEND_DEMO.user,
			password: SMSEND_DEMO.pass,
			baseUrl: sandbox.url,
			mmsId: SMSEND_DEMO.mms.id,
			mmsPassword: SMSEND_DEMO.mms.password,
		},
	});

	describe('smSend SMS → Send: the quality in the output', () => {
		const send = async (typeVersion: number, options: INodeParameters = {}) =>
			await runNode({
				type: 'smSend',
				typeVersion,
				parameters: {
					resource: 'sms',
					operation: 'send',
					recipient: '3201234567',
					sender: 'MyShop',
					message: 'Ciao',
					quality: 'n',
					options,
				},
				credentials: smSendCredentials(),
				items: [{}],
			});

		it('version 1 keeps the gateway code', async () => {
			const { items, error } = await send(1);
			expect(error).toBeUndefined();
			expect(items[0].json.quality).toBe('n');
			expect(items[0].json).not.toHaveProperty('qualityCode');
		});

		it('version 1.1 names it as the form does, with the code beside it', async () => {
			const { items, error } = await send(1.1);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ quality: 'notification', qualityCode: 'n' });
			// 1.1 reads the credit in that quality first (Credit Pre-Flight), then sends.
			expect(sandbox.requests.map((request) => request.path)).toEqual([
				'/sms/credit.php',
				'/sms/send.php',
			]);
			expect(sandbox.requests[0].params?.type).toBe('n');
			expect(sandbox.requests[1].params?.qty).toBe('n');
		});

		it('version 1 still reads a lower-case Default Country it saved as free text', async () => {
			const { items, error } = await send(1, { defaultCountry: 'it' });
			expect(error).toBeUndefined();
			expect(items[0].json.recipient).toBe('+393201234567');
		});

		it('version 1.1 reads the country picked from the list', async () => {
			const { items } = await send(1.1, { defaultCountry: 'IT' });
			expect(items[0].json.recipient).toBe('+393201234567');
		});
	});

	it('smSend Account → Get Credit names the quality in version 1.1 only', async () => {
		const run = async (typeVersion: number) =>
			(
				await runNode({
					type: 'smSend',
					typeVersion,
					parameters: { resource: 'account', operation: 'getCredit', creditType: 'h' },
					credentials: smSendCredentials(),
					items: [{}],
				})
			).items[0].json;
		expect(await run(1)).toMatchObject({ type: 'h', quality: 'h' });
		expect(await run(1)).not.toHaveProperty('qualityCode');
		expect(await run(1.1)).toMatchObject({ type: 'h', quality: 'high', qualityCode: 'h' });
	});

	it('MobilePronto SMS → Send gives the meaning in sentence case from version 1.1', async () => {
		const run = async (typeVersion: number) =>
			(
				await runNode({
					type: 'mobilePronto',
					typeVersion,
					parameters: {
						resource: 'sms',
						operation: 'send',
						mobile: '+5511987654321',
						message: 'Olá',
					},
					credentials: {
						mobileProntoApi: { credencial: MOBILEPRONTO_DEMO_CREDENCIAL, baseUrl: sandbox.url },
					},
					items: [{}],
				})
			).items[0].json;
		expect((await run(1)).meaning).toBe('message sent successfully');
		expect((await run(1.1)).meaning).toBe('Message sent successfully');
	});

	describe('smSend MMS → Send: where the attachments come from', () => {
		const item = (binary: Record<string, Buffer>): INodeExecutionData[] => [
			{
				json: {},
				binary: Object.fromEntries(
					Object.entries(binary).map(([key, data]) => [
						key,
						{ data: data.toString('base64'), mimeType: 'image/png', fileName: `${key}.png` },
					]),
				),
			},
		];
		const mms = async (
			typeVersion: number,
			parameters: Record<string, unknown>,
			inputItems: INodeExecutionData[],
		) =>
			await runNode({
				type: 'smSend',
				typeVersion,
				parameters: {
					resource: 'mms',
					operation: 'send',
					recipients: '+393201234567',
					subject: 'Offerta',
					text: 'Testo',
					...parameters,
				},
				credentials: smSendCredentials(),
				inputItems,
			});

		it('version 1 sends no image unless Image Binary Property names one, as before', async () => {
			const none = await mms(1, {}, item({ data: PNG }));
			expect(none.error).toBeUndefined();
			expect(none.items[0].json.media).toEqual([]);
			const named = await mms(1, { imageProperty: 'photo' }, item({ photo: PNG }));
			expect(named.items[0].json.media).toEqual([{ field: 'imagedata', format: 'PNG', bytes: 72 }]);
		});

		it('version 1.1 takes an added attachment from the binary field "data" by default', async () => {
			const { items, error } = await mms(
				1.1,
				{ attachments: { image: 'data' } },
				item({ data: PNG }),
			);
			expect(error).toBeUndefined();
			expect(items[0].json.media).toEqual([{ field: 'imagedata', format: 'PNG', bytes: 72 }]);
			expect(sandbox.smSend.mms[0].image).toMatchObject({ type: 'png' });
		});

		it('version 1.1 sends text only without attachments, and ignores version 1 parameters', async () => {
			const { items } = await mms(1.1, { imageProperty: 'data' }, item({ data: PNG }));
			expect(items[0].json.media).toEqual([]);
		});

		it('names the field of its version when the binary field is missing', async () => {
			const v1 = await mms(1, { imageProperty: 'photo' }, item({ data: PNG }));
			expect(v1.error?.message).toBe(
				"The item has no binary field 'photo' ('Image Binary Property') [item 0]",
			);
			const v11 = await mms(1.1, { attachments: { image: 'photo' } }, item({ data: PNG }));
			expect(v11.error?.message).toBe(
				"The item has no binary field 'photo' ('Image Input Binary Field') [item 0]",
			);
			expect(v11.error?.description).toContain('Binary fields of this item: data');
			expect(sandbox.smSend.mms).toHaveLength(0);
		});
	});
});
