import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_OPT_OUT_KEYWORD_LIST } from '../../nodes/helpers/optOut';
import type { Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import { pollTrigger, runNode } from '../helpers/workflowRunner';

/**
 * Opt-out requests in received SMS, through n8n-core against the sandbox's inbox: the smSend
 * Trigger's Emit choice and its cursor, and Inbox → Get Received Messages.
 */
describe('opt-out requests in received SMS', () => {
	let sandbox: Sandbox;
	let staticData: IDataObject;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		staticData = {};
	});

	const credentials = () => ({
		smSendApi: { user: SMSEND_DEMO.user, password: SMSEND_DEMO.pass, baseUrl: sandbox.url },
	});

	let minute = 0;
	const receive = (...texts: string[]) => {
		for (const text of texts) {
			sandbox.smSend.addInboxMessage({
				rcpt: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				sender: `+39333111${String(2000 + minute).slice(-4)}`,
				text,
				// One minute apart, so "oldest first" is the order written here.
				date: new Date(Date.UTC(2026, 5, 1, 10, minute++)),
			});
		}
	};

	const poll = async (parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') => {
		const result = await pollTrigger({
			type: 'smSendTrigger',
			parameters: {
				recipientNumber: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
				messagesPerPoll: 10,
				...parameters,
			},
			credentials: credentials(),
			mode,
			staticData,
		});
		if (mode === 'trigger' && !result.error) staticData = result.staticData;
		return result;
	};

	const flags = (items: INodeExecutionData[]) =>
		items.map((item) => [item.json.text, item.json.optOut, item.json.optOutKeyword]);

	describe('smSend Trigger', () => {
		it('flags every emitted message, naming the keyword (default list, all messages)', async () => {
			await poll();
			receive('Ciao, a che ora aprite?', '  Stop! ', 'Annulla, grazie', 'Please stop', 'SAIR.');
			const { items, error } = await poll();
			expect(error).toBeUndefined();
			expect(flags(items)).toEqual([
				['Ciao, a che ora aprite?', false, null],
				['  Stop! ', true, 'STOP'],
				['Annulla, grazie', true, 'ANNULLA'],
				['Please stop', false, null],
				['SAIR.', true, 'SAIR'],
			]);
			expect(items[1].json).toMatchObject({
				sender: expect.any(String),
				receivedAt: expect.any(String),
				recipientNumber: SMSEND_DEMO.rcpt,
			});
		});

		it('emits only opt-out requests, and the others are remembered: never emitted later', async () => {
			await poll({ emit: 'optOutsOnly' });
			receive('Buongiorno', 'STOP', 'Quando arriva il pacco?');
			expect(flags((await poll({ emit: 'optOutsOnly' })).items)).toEqual([['STOP', true, 'STOP']]);

			// A poll with nothing to emit still moves the cursor past what it left out.
			receive('Grazie mille');
			expect((await poll({ emit: 'optOutsOnly' })).items).toEqual([]);
			const cursor = (staticData['node:Trigger Under Test'] as IDataObject).inboxCursor as {
				seen: number[];
			};
			expect(cursor.seen).toHaveLength(4);

			// Switching to all messages emits only what arrives from now on.
			receive('basta');
			expect(flags((await poll({ emit: 'all' })).items)).toEqual([['basta', true, 'BASTA']]);
		});

		it('emits everything but opt-out requests', async () => {
			await poll({ emit: 'exceptOptOuts' });
			receive('Buongiorno', 'STOP', 'Cancelar', 'Quero sair da lista');
			expect(flags((await poll({ emit: 'exceptOptOuts' })).items)).toEqual([
				['Buongiorno', false, null],
				['Quero sair da lista', false, null],
			]);
		});

		it('uses the keywords the user lists instead of the defaults', async () => {
			await poll();
			receive('FINE.', 'stop');
			const own = { emit: 'all', options: { optOutKeywords: 'Fine, Esci' } };
			expect(flags((await poll(own)).items)).toEqual([
				['FINE.', true, 'Fine'],
				['stop', false, null],
			]);
		});

		it('filters the messages included on activation too', async () => {
			receive('Salve', 'STOP', 'Parar');
			const first = await poll({ emit: 'optOutsOnly', options: { includeOnActivation: 3 } });
			expect(flags(first.items)).toEqual([
				['STOP', true, 'STOP'],
				['Parar', true, 'PARAR'],
			]);
		});

		it('refuses a bad keyword list, or an empty one with a filtering Emit, before any request', async () => {
			const bad = await poll({ options: { optOutKeywords: 'STOP, ???' } });
			expect(bad.error?.message).toBe(`Invalid 'Opt-Out Keywords': "???" has no letter or digit`);
			expect(bad.error?.description).toContain(DEFAULT_OPT_OUT_KEYWORD_LIST);
			const empty = await poll({ emit: 'optOutsOnly', options: { optOutKeywords: ' ' } });
			expect(empty.error?.message).toBe(
				'Emit is "Only Opt-Out Requests" but Options → Opt-Out Keywords is empty',
			);
			expect(sandbox.requests).toHaveLength(0);
			// Empty with Emit all: detection is off, every message comes as not an opt-out.
			await poll({ options: { optOutKeywords: '' } });
			receive('STOP');
			expect(flags((await poll({ options: { optOutKeywords: '' } })).items)).toEqual([
				['STOP', false, null],
			]);
		});

		it('Fetch Test Event shows what Emit would emit, and says when none of the recent messages match', async () => {
			receive('Buongiorno', 'Quando arriva?');
			const none = await poll({ emit: 'optOutsOnly' }, 'manual');
			expect(none.error?.message).toBe(
				`None of the 2 most recent SMS on ${SMSEND_DEMO.rcpt} (sharecode ${SMSEND_DEMO.sharecode}) is an opt-out request`,
			);
			receive('Stop');
			const shown = await poll({ emit: 'optOutsOnly' }, 'manual');
			expect(flags(shown.items)).toEqual([['Stop', true, 'STOP']]);
			sandbox.reset();
			receive('Basta', 'STOP');
			const allOptOuts = await poll({ emit: 'exceptOptOuts' }, 'manual');
			expect(allOptOuts.error?.message).toBe(
				`All 2 most recent SMS on ${SMSEND_DEMO.rcpt} (sharecode ${SMSEND_DEMO.sharecode}) are opt-out requests`,
			);
		});
	});

	describe('Inbox → Get Received Messages', () => {
		const getMessages = (
			options: Record<string, string>,
			items?: IDataObject[],
			continueOnFail = false,
		) =>
			runNode({
				type: 'smSend',
				parameters: {
					resource: 'inbox',
					operation: 'getMessages',
					recipientNumber: SMSEND_DEMO.rcpt,
					sharecode: SMSEND_DEMO.sharecode,
					limit: 10,
					options,
				},
				credentials: credentials(),
				items,
				continueOnFail,
			});

		it('flags each message (newest first, as the gateway lists them)', async () => {
			receive('Ciao', 'STOP please', 'Cancella');
			const { items, error } = await getMessages({});
			expect(error).toBeUndefined();
			expect(flags(items)).toEqual([
				['Cancella', true, 'CANCELLA'],
				['STOP please', true, 'STOP'],
				['Ciao', false, null],
			]);
		});

		it('takes the keyword list per item, and names the item whose list is wrong', async () => {
			receive('Fine', 'Stop');
			const { items } = await getMessages(
				{ optOutKeywords: '={{ $json.keywords }}' },
				[{ keywords: 'FINE' }, { keywords: '--' }],
				true,
			);
			expect(flags(items.slice(0, 2))).toEqual([
				['Stop', false, null],
				['Fine', true, 'FINE'],
			]);
			expect(items[2].json.error).toBe(
				`Invalid 'Opt-Out Keywords': "--" has no letter or digit [item 1]`,
			);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
			// The refused item asked nothing of the gateway.
			expect(sandbox.requests.filter((r) => r.operation === 'receiveSms')).toHaveLength(1);
		});
	});
});
