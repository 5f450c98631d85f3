import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest, Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';
import { n8nLog, runNode } from '../helpers/workflowRunner';
import type { RunNodeResult } from '../helpers/workflowRunner';

/** Reseller back office of the smSend node (Client, Reception, Back-Office Log) against the sandbox over HTTP. */

const CLIENT_PASSWORD = 'n3w-Client-Secret!';
const AUTH = { smsusername: SMSEND_DEMO.smsusername, smspassword: SMSEND_DEMO.smspassword };
const SECRETS = [SMSEND_DEMO.pass, SMSEND_DEMO.smspassword, CLIENT_PASSWORD];

const todayInRome = () =>
	new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Rome',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(new Date());

describe('smSend node reseller back office in an n8n-core workflow, against the sandbox over HTTP', () => {
	let sandbox: Sandbox;
	/** Requests recorded before the node under test ran (set-up done over HTTP). */
	let mark = 0;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 11 });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
		mark = 0;
	});

	const credentials = (overrides: Record<string, string> = {}) => ({
		smSendApi: {
			user: SMSEND_DEMO.user,
			password: SMSEND_DEMO.pass,
			resellerUser: SMSEND_DEMO.smsusername,
			resellerPassword: SMSEND_DEMO.smspassword,
			baseUrl: sandbox.url,
			...overrides,
		},
	});

	/** Requests the node under test sent. */
	const nodeRequests = (): RecordedRequest[] => sandbox.requests.slice(mark);

	const run = async (
		parameters: IDataObject,
		options: {
			items?: IDataObject[];
			continueOnFail?: boolean;
			credentials?: Record<string, string>;
		} = {},
	): Promise<RunNodeResult> => {
		mark = sandbox.requests.length;
		const result = await runNode({
			type: 'smSend',
			parameters: parameters as never,
			credentials: credentials(options.credentials),
			items: options.items,
			continueOnFail: options.continueOnFail,
		});
		const shown = JSON.stringify({
			items: result.items,
			message: result.error?.message,
			description: result.error?.description,
			context: result.error?.context,
			response: result.error?.errorResponse,
		});
		for (const secret of SECRETS) expect(shown).not.toContain(secret);
		return result;
	};

	/** Set-up straight over HTTP (not through the node). */
	const backoffice = async (endpoint: string, fields: Record<string, string>): Promise<string> => {
		const response = await fetch(`${sandbox.url}/backoffice/${endpoint}.php`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ ...AUTH, ...fields }).toString(),
		});
		return await response.text();
	};

	const addClient = async (username = 'rossi'): Promise<number> => {
		const reply = await backoffice('client-add', {
			name: 'Rossi',
			username,
			password: 'x',
			reseller: '0',
		});
		expect(reply).toMatch(/^OK \d+$/);
		return Number(reply.slice(3));
	};

	const createParameters = (extra: IDataObject = {}): IDataObject => ({
		resource: 'client',
		operation: 'create',
		clientName: '={{ $json.name }}',
		clientUsername: '={{ $json.username }}',
		clientPassword: CLIENT_PASSWORD,
		accountType: 'client',
		...extra,
	});

	/* -------------------------------------------------------------- */
	/* Client                                                          */
	/* -------------------------------------------------------------- */

	describe('Client → Create', () => {
		it('creates a client, sends exactly the documented fields and never outputs the password', async () => {
			const { items, error } = await run(createParameters(), {
				items: [
					{ name: 'Rossi S.r.l.', username: 'rossi' },
					{ name: 'Bianchi', username: 'bianchi' },
				],
			});
			expect(error).toBeUndefined();
			const [first, second] = sandbox.smSend.clients;
			expect(items.map((item) => item.json)).toEqual([
				{ clientId: first.id, username: 'rossi', raw: `OK ${first.id}` },
				{ clientId: second.id, username: 'bianchi', raw: `OK ${second.id}` },
			]);
			expect(typeof items[0].json.clientId).toBe('number');
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(nodeRequests().map((r) => [r.operation, r.path, r.params])).toEqual([
				[
					'client-add',
					'/backoffice/client-add.php',
					{
						...AUTH,
						name: 'Rossi S.r.l.',
						username: 'rossi',
						password: CLIENT_PASSWORD,
						reseller: '0',
					},
				],
				[
					'client-add',
					'/backoffice/client-add.php',
					{
						...AUTH,
						name: 'Bianchi',
						username: 'bianchi',
						password: CLIENT_PASSWORD,
						reseller: '0',
					},
				],
			]);
			expect(first).toMatchObject({
				parent: 'demo',
				name: 'Rossi S.r.l.',
				username: 'rossi',
				reseller: false,
				active: true,
			});
		});

		it('sends every optional field, and the domain only for a reseller', async () => {
			const { items, error } = await run(
				createParameters({
					accountType: 'reseller',
					vhost: 'sms.example.com',
					additionalFields: {
						email: 'info@rossi.it',
						profileId: '2',
						contact: 'Mario Rossi',
						reference: 'CUST-42',
					},
				}),
				{ items: [{ name: 'Rossi', username: 'rossi' }] },
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ username: 'rossi' });
			expect(nodeRequests()[0].params).toEqual({
				...AUTH,
				name: 'Rossi',
				username: 'rossi',
				password: CLIENT_PASSWORD,
				reseller: '1',
				email: 'info@rossi.it',
				tpl_id: '2',
				contact: 'Mario Rossi',
				ref_id: 'CUST-42',
				vhost: 'sms.example.com',
			});
			expect(sandbox.smSend.clients[0]).toMatchObject({
				reseller: true,
				tplId: 2,
				email: 'info@rossi.it',
				contact: 'Mario Rossi',
				refId: 'CUST-42',
				vhost: 'sms.example.com',
			});

			// A client account has no domain: a leftover value is not sent.
			await run(createParameters({ vhost: 'sms.example.com' }), {
				items: [{ name: 'Verdi', username: 'verdi' }],
			});
			expect(nodeRequests()[0].params).not.toHaveProperty('vhost');
			expect(nodeRequests()[0].params).toMatchObject({ reseller: '0' });
		});

		it.each([
			[{ name: '  ', username: 'rossi' }, {}, "The 'Name' is empty [item 0]"],
			[{ name: 'Rossi', username: '' }, {}, "The 'Username' is empty [item 0]"],
			[
				{ name: 'Rossi', username: 'mario rossi' },
				{},
				`Invalid 'Username': "mario rossi" contains spaces [item 0]`,
			],
			[
				{ name: 'Rossi', username: 'rossi', password: '' },
				{ clientPassword: '={{ $json.password }}' },
				"The 'Password' is empty [item 0]",
			],
			[
				{ name: 'Rossi', username: 'rossi' },
				{ accountType: '={{ "admin" }}' },
				"Invalid 'Account Type' [item 0]",
			],
			[
				{ name: 'Rossi', username: 'rossi' },
				{ additionalFields: { email: 'not-an-email' } },
				`Invalid 'Email': "not-an-email" is not an e-mail address [item 0]`,
			],
			[
				{ name: 'Rossi', username: 'rossi' },
				{ additionalFields: { profileId: 'gold' } },
				`Invalid 'Profile ID': "gold" is not a positive whole number [item 0]`,
			],
			[
				{ name: 'Rossi', username: 'rossi' },
				{ accountType: 'reseller', vhost: 'https://sms.example.com/' },
				`Invalid 'Reseller Domain': "https://sms.example.com/" is not a domain name [item 0]`,
			],
		])('rejects %j %j before any request: %s', async (item, extra, message) => {
			const { error, items } = await run(createParameters(extra), { items: [item] });
			expect(items).toEqual([]);
			expect(error?.message).toBe(message);
			expect(error?.description).toBeTruthy();
			expect(error?.context?.itemIndex).toBe(0);
			expect(nodeRequests()).toHaveLength(0);
		});

		it('maps real refusals of the sandbox to clear errors', async () => {
			await addClient('rossi');
			const exists = await run(createParameters(), {
				items: [{ name: 'Rossi', username: 'rossi' }],
			});
			expect(exists.error?.message).toBe(
				'smSend refused the request: the username already exists (KO_USERNAME_EXISTS) [item 0]',
			);
			expect(exists.error?.description).toContain('Choose a different username');
			expect(exists.error?.description).toContain('Gateway reply: KO Username già esistente.');

			const profile = await run(createParameters({ additionalFields: { profileId: '99' } }), {
				items: [{ name: 'Verdi', username: 'verdi' }],
			});
			expect(profile.error?.message).toBe(
				'smSend refused the request: the profile (tpl_id) is not correct (KO_PROFILE_INVALID) [item 0]',
			);

			sandbox.smSend.addAccount({
				user: 'small',
				pass: 'small-pass',
				reseller: true,
				canCreateResellers: false,
				smsusername: 'small-reseller',
				smspassword: 'small-reseller-pass',
			});
			const reseller = await run(createParameters({ accountType: 'reseller' }), {
				items: [{ name: 'Neri', username: 'neri' }],
				credentials: { resellerUser: 'small-reseller', resellerPassword: 'small-reseller-pass' },
			});
			expect(reseller.error?.message).toBe(
				'smSend refused the request: your account cannot create reseller clients (KO_CANNOT_CREATE_RESELLER) [item 0]',
			);
			expect(JSON.stringify(reseller.error?.description)).not.toContain('small-reseller-pass');
		});
	});

	describe('Client → Activate or Deactivate', () => {
		it('deactivates and reactivates a client', async () => {
			const clientId = await addClient();
			const off = await run(
				{ resource: 'client', operation: 'setStatus', clientId: '={{ $json.id }}', active: false },
				{ items: [{ id: clientId }] },
			);
			expect(off.error).toBeUndefined();
			expect(off.items.map((item) => [item.json, item.pairedItem])).toEqual([
				[{ clientId, active: false, status: 'Disattivato', raw: 'OK Disattivato' }, { item: 0 }],
			]);
			expect(nodeRequests().map((r) => [r.operation, r.params])).toEqual([
				['client-status', { ...AUTH, u_id: String(clientId), active: '0' }],
			]);
			expect(sandbox.smSend.clients[0].active).toBe(false);

			const on = await run({
				resource: 'client',
				operation: 'setStatus',
				clientId: String(clientId),
				active: true,
			});
			expect(on.items[0].json).toEqual({
				clientId,
				active: true,
				status: 'Attivato',
				raw: 'OK Attivato',
			});
			expect(nodeRequests()[0].params).toMatchObject({ active: '1' });
			expect(sandbox.smSend.clients[0].active).toBe(true);
		});

		it('reports an unknown client as "client not found"', async () => {
			const { error } = await run({
				resource: 'client',
				operation: 'setStatus',
				clientId: '999999',
				active: true,
			});
			expect(error?.message).toBe(
				'smSend refused the request: client not found (KO_USER_NOT_FOUND) [item 0]',
			);
			expect(error?.description).toContain('Check the client id (u_id)');
			expect(error?.context?.itemIndex).toBe(0);
		});
	});

	describe('Client → Get Credit and Add Credit', () => {
		it('adds credit with a tariff and reads it back as a number with 4 decimals', async () => {
			const clientId = await addClient();
			const add = await run(
				{
					resource: 'client',
					operation: 'addCredit',
					clientId: '={{ $json.id }}',
					tariffId: '2',
					additionalFields: { credit: '={{ $json.credit }}' },
				},
				{
					items: [
						{ id: clientId, credit: '12,3456' },
						{ id: clientId, credit: 0.5 },
					],
				},
			);
			expect(add.error).toBeUndefined();
			expect(add.items.map((item) => item.json)).toEqual([
				{ clientId, creditOperationId: 1, raw: 'OK 1' },
				{ clientId, creditOperationId: 2, raw: 'OK 2' },
			]);
			expect(add.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(nodeRequests().map((r) => [r.operation, r.params])).toEqual([
				['credit-add', { ...AUTH, u_id: String(clientId), bill_id: '2', credit: '12.3456' }],
				['credit-add', { ...AUTH, u_id: String(clientId), bill_id: '2', credit: '0.5' }],
			]);

			const get = await run({
				resource: 'client',
				operation: 'getCredit',
				clientId: String(clientId),
			});
			expect(get.error).toBeUndefined();
			expect(get.items).toEqual([
				{ json: { clientId, creditEuro: 12.8456 }, pairedItem: { item: 0 } },
			]);
			expect(nodeRequests().map((r) => [r.operation, r.params])).toEqual([
				['credit-get', { ...AUTH, u_id: String(clientId) }],
			]);
		});

		it('assigns a tariff without sending a credit when none is given', async () => {
			const clientId = await addClient();
			const { items } = await run({
				resource: 'client',
				operation: 'addCredit',
				clientId: String(clientId),
				tariffId: '1',
			});
			expect(items[0].json).toMatchObject({ clientId, creditOperationId: 1 });
			expect(nodeRequests()[0].params).toEqual({ ...AUTH, u_id: String(clientId), bill_id: '1' });
		});

		it('maps a wrong tariff and an unknown client to clear errors', async () => {
			const clientId = await addClient();
			const tariff = await run({
				resource: 'client',
				operation: 'addCredit',
				clientId: String(clientId),
				tariffId: '99',
			});
			expect(tariff.error?.message).toBe(
				'smSend refused the request: the rate (bill_id) is not correct (KO_RATE_INVALID) [item 0]',
			);
			const unknown = await run({ resource: 'client', operation: 'getCredit', clientId: '424242' });
			expect(unknown.error?.message).toBe(
				'smSend refused the request: client not found (KO_USER_NOT_FOUND) [item 0]',
			);
		});

		it.each([
			[{ clientId: 'abc' }, `Invalid 'Client ID': "abc" is not a positive whole number [item 0]`],
			[{ clientId: '0' }, `Invalid 'Client ID': "0" is not a positive whole number [item 0]`],
			[
				{ clientId: '={{ 12.5 }}' },
				"Invalid 'Client ID': 12.5 is not a positive whole number [item 0]",
			],
			[{ clientId: '={{ "" }}' }, "The 'Client ID' is empty [item 0]"],
			[{ tariffId: '={{ " " }}' }, "The 'Tariff ID' is empty [item 0]"],
			[{ tariffId: '-1' }, `Invalid 'Tariff ID': "-1" is not a positive whole number [item 0]`],
			[
				{ additionalFields: { credit: '1.23456' } },
				`Invalid 'Credit (Euro)': "1.23456" has 5 decimals; smSend takes at most 4 [item 0]`,
			],
			[
				{ additionalFields: { credit: '0' } },
				`Invalid 'Credit (Euro)': "0" is not more than zero [item 0]`,
			],
			[
				{ additionalFields: { credit: '-5' } },
				`Invalid 'Credit (Euro)': "-5" is not a positive amount written with digits [item 0]`,
			],
			[
				{ additionalFields: { credit: '1e3' } },
				`Invalid 'Credit (Euro)': "1e3" is not a positive amount written with digits [item 0]`,
			],
		])('rejects %j before any request', async (extra, message) => {
			const clientId = await addClient();
			const { error } = await run({
				resource: 'client',
				operation: 'addCredit',
				clientId: String(clientId),
				tariffId: '1',
				...extra,
			});
			expect(error?.message).toBe(message);
			expect(error?.description).toBeTruthy();
			expect(error?.context?.itemIndex).toBe(0);
			expect(nodeRequests()).toHaveLength(0);
		});
	});

	/* -------------------------------------------------------------- */
	/* Reception                                                       */
	/* -------------------------------------------------------------- */

	describe('Reception', () => {
		it('creates share codes on a reception number written nationally, then revokes one', async () => {
			const clientId = await addClient();
			const created = await run(
				{
					resource: 'reception',
					operation: 'create',
					clientId: String(clientId),
					receptionNumber: '={{ $json.number }}',
					sharecodeCount: 3,
				},
				{ items: [{ number: '340 000 0001' }] },
			);
			expect(created.error).toBeUndefined();
			expect(created.items).toEqual([
				{
					json: {
						clientId,
						receptionNumber: '+393400000001',
						sharecodes: ['001', '002', '003'],
						raw: 'OK 001,002,003',
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(nodeRequests().map((r) => [r.operation, r.params])).toEqual([
				['recv-add', { ...AUTH, u_id: String(clientId), dest: '+393400000001', num: '3' }],
			]);
			expect(
				sandbox
					.state()
					.smSend.receptions.filter((r) => r.rcpt === '+393400000001')
					.map((r) => r.sharecode),
			).toEqual(['001', '002', '003']);

			const revoked = await run({
				resource: 'reception',
				operation: 'revoke',
				clientId: String(clientId),
				receptionNumber: '+39 340 000 0001',
				sharecode: '002',
			});
			expect(revoked.error).toBeUndefined();
			expect(revoked.items).toEqual([
				{
					json: { clientId, receptionNumber: '+393400000001', sharecode: '002', revoked: true },
					pairedItem: { item: 0 },
				},
			]);
			expect(nodeRequests().map((r) => [r.operation, r.params])).toEqual([
				['recv-del', { ...AUTH, u_id: String(clientId), dest: '+393400000001', sharecode: '002' }],
			]);
			expect(
				sandbox
					.state()
					.smSend.receptions.filter((r) => r.rcpt === '+393400000001')
					.map((r) => r.sharecode),
			).toEqual(['001', '003']);
		});

		it('reads national numbers in the chosen default country', async () => {
			const clientId = await addClient();
			const { items } = await run({
				resource: 'reception',
				operation: 'create',
				clientId: String(clientId),
				receptionNumber: '(11) 98765-4321',
				sharecodeCount: 1,
				options: { defaultCountry: 'BR' },
			});
			expect(items[0].json).toMatchObject({
				receptionNumber: '+5511987654321',
				sharecodes: ['001'],
			});
			expect(nodeRequests()[0].params).toMatchObject({ dest: '+5511987654321', num: '1' });
		});

		it('maps a share code of another client to a clear error', async () => {
			const clientId = await addClient();
			const { error } = await run({
				resource: 'reception',
				operation: 'revoke',
				clientId: String(clientId),
				receptionNumber: SMSEND_DEMO.rcpt,
				sharecode: SMSEND_DEMO.sharecode,
			});
			expect(error?.message).toBe(
				'smSend refused the request: the share code does not belong to the given client (KO_SHARECODE_NOT_ASSOCIATED) [item 0]',
			);
		});

		it.each([
			[{ sharecodeCount: 21 }, "Invalid 'Number of Sharecodes': 21 is outside 1–20 [item 0]"],
			[{ sharecodeCount: 0 }, "Invalid 'Number of Sharecodes': 0 is outside 1–20 [item 0]"],
			[
				{ receptionNumber: '12ab' },
				`Invalid 'Reception Number': The mobile number "12ab" is not a valid number for its country (read as +3912) [item 0]`,
			],
			[
				{ receptionNumber: '+39 06 1234 5678' },
				`Invalid 'Reception Number': The mobile number "+39 06 1234 5678" is not a mobile number (+390612345678 is a fixed line number) [item 0]`,
			],
			[
				{ receptionNumber: '={{ "" }}' },
				"Invalid 'Reception Number': The mobile number is empty [item 0]",
			],
			[{ clientId: 'x1' }, `Invalid 'Client ID': "x1" is not a positive whole number [item 0]`],
			[
				{ options: { defaultCountry: 'ZZ' } },
				`Invalid 'Default Country': "ZZ" is not a country code [item 0]`,
			],
		])('Create Sharecodes rejects %j before any request', async (extra, message) => {
			const { error } = await run({
				resource: 'reception',
				operation: 'create',
				clientId: '1001',
				receptionNumber: '3400000001',
				sharecodeCount: 1,
				...extra,
			});
			expect(error?.message).toBe(message);
			expect(error?.context?.itemIndex).toBe(0);
			expect(nodeRequests()).toHaveLength(0);
		});

		it.each([
			[{ sharecode: '={{ "" }}' }, "The 'Sharecode' is empty [item 0]"],
			[
				{ sharecode: '001,002' },
				`Invalid 'Sharecode': "001,002" holds more than one code [item 0]`,
			],
		])('Revoke Sharecode rejects %j before any request', async (extra, message) => {
			const { error } = await run({
				resource: 'reception',
				operation: 'revoke',
				clientId: '1001',
				receptionNumber: '3400000001',
				...extra,
			});
			expect(error?.message).toBe(message);
			expect(nodeRequests()).toHaveLength(0);
		});
	});

	/* -------------------------------------------------------------- */
	/* Back-Office Log                                                 */
	/* -------------------------------------------------------------- */

	describe('Back-Office Log → Get Operations', () => {
		const logParameters = (logType: string, filters: IDataObject = {}): IDataObject => ({
			resource: 'backofficeLog',
			operation: 'getOperations',
			logType,
			filters,
		});

		it('outputs one item per report row, named by the header, ids and amounts as numbers', async () => {
			const first = await addClient('rossi');
			const second = await addClient('bianchi');
			expect(
				await backoffice('credit-add', { u_id: String(first), bill_id: '1', credit: '12.3456' }),
			).toBe('OK 1');
			expect(
				await backoffice('credit-add', { u_id: String(second), bill_id: '2', credit: '5' }),
			).toBe('OK 2');
			expect(
				await backoffice('recv-add', { u_id: String(first), dest: '+393400000009', num: '2' }),
			).toBe('OK 001,002');
			const today = todayInRome();

			const credits = await run(logParameters('credits'));
			expect(credits.error).toBeUndefined();
			expect(credits.items).toHaveLength(2);
			expect(credits.items[0].json).toEqual({
				date: expect.stringMatching(new RegExp(`^${today} \\d{2}:\\d{2}:\\d{2}$`)),
				u_id: first,
				type: 'credits',
				value: 12.3456,
				note: 'bill_id=1 id=1',
			});
			expect(credits.items[1].json).toMatchObject({
				u_id: second,
				value: 5,
				note: 'bill_id=2 id=2',
			});
			expect(credits.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
			expect(nodeRequests().map((r) => [r.operation, r.params])).toEqual([
				['userlog-get', { ...AUTH, type: 'credits' }],
			]);

			// Phone numbers and share codes stay text.
			const receptions = await run(logParameters('recv_add'));
			expect(receptions.items.map((item) => item.json)).toEqual([
				{
					date: expect.any(String),
					u_id: first,
					type: 'recv_add',
					value: '+393400000009',
					note: '001,002',
				},
			]);
		});

		it('sends the client and the dates as YYYY-MM-DD, and pairs each row with its input item', async () => {
			const first = await addClient('rossi');
			const second = await addClient('bianchi');
			await backoffice('credit-add', { u_id: String(first), bill_id: '1', credit: '1' });
			await backoffice('credit-add', { u_id: String(second), bill_id: '1', credit: '2' });
			await backoffice('credit-add', { u_id: String(second), bill_id: '1', credit: '3' });
			const today = todayInRome();

			const { items, error } = await run(
				logParameters('credits', {
					clientId: '={{ $json.client }}',
					from: `${today}T00:00:00`,
					to: '={{ $json.to }}',
				}),
				{
					items: [
						{ client: first, to: `${today}T23:59:59.000+02:00` },
						{ client: second, to: `${today}` },
						{ client: second, to: '2099-12-31T00:00:00' },
					],
				},
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json.u_id, item.json.value, item.pairedItem])).toEqual([
				[first, 1, { item: 0 }],
				[second, 2, { item: 1 }],
				[second, 3, { item: 1 }],
				[second, 2, { item: 2 }],
				[second, 3, { item: 2 }],
			]);
			expect(nodeRequests().map((r) => r.params)).toEqual([
				{ ...AUTH, type: 'credits', u_id: String(first), from: today, to: today },
				{ ...AUTH, type: 'credits', u_id: String(second), from: today, to: today },
				{ ...AUTH, type: 'credits', u_id: String(second), from: today, to: '2099-12-31' },
			]);
		});

		it('takes the calendar day of dates computed by expressions ($now, JavaScript dates)', async () => {
			const { error } = await run(
				logParameters('credits', {
					from: '={{ $now.minus({ days: 1 }) }}',
					to: '={{ new Date() }}',
				}),
			);
			expect(error).toBeUndefined();
			const { from, to } = nodeRequests()[0].params ?? {};
			expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(String(from) < String(to)).toBe(true);
		});

		it('outputs no item for an empty report', async () => {
			const { items, error } = await run(
				logParameters('recv_del', { from: '2000-01-01T00:00:00', to: '2000-01-31T00:00:00' }),
			);
			expect(error).toBeUndefined();
			expect(items).toEqual([]);
			expect(nodeRequests().map((r) => [r.operation, r.params])).toEqual([
				['userlog-get', { ...AUTH, type: 'recv_del', from: '2000-01-01', to: '2000-01-31' }],
			]);
		});

		it.each([
			[
				{ from: '2025-03-10T00:00:00', to: '2025-03-01T00:00:00' },
				"Invalid dates: 'From' (2025-03-10) is after 'To' (2025-03-01) [item 0]",
			],
			[{ from: 'yesterday' }, `Invalid 'From' date: "yesterday" is not a date [item 0]`],
			[
				{ to: '2025-02-30T00:00:00' },
				"Invalid 'To' date: 2025-02-30 is not a calendar date [item 0]",
			],
			[
				{ clientId: 'rossi' },
				`Invalid 'Client ID': "rossi" is not a positive whole number [item 0]`,
			],
		])('rejects %j before any request', async (filters, message) => {
			const { error } = await run(logParameters('credits', filters));
			expect(error?.message).toBe(message);
			expect(error?.context?.itemIndex).toBe(0);
			expect(nodeRequests()).toHaveLength(0);
		});

		it('rejects an operation type mapped from data that is not one of the three', async () => {
			const { error } = await run(logParameters('={{ "sms" }}'));
			expect(error?.message).toBe("Invalid 'Operation Type' [item 0]");
			expect(error?.description).toContain('credits, recv_add or recv_del');
			expect(nodeRequests()).toHaveLength(0);
		});

		it('gives an error item per failed input item under continueOnFail, rows for the others', async () => {
			const clientId = await addClient();
			await backoffice('credit-add', { u_id: String(clientId), bill_id: '1', credit: '7' });
			sandbox.smSend.forceFailure('userlog-get', 'KO Parametri non corretti.', 1);
			const { items, error } = await run(
				logParameters('credits', { clientId: '={{ $json.client }}' }),
				{
					continueOnFail: true,
					items: [{ client: clientId }, { client: 'nope' }, { client: clientId }],
				},
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json).toEqual({
				error:
					'smSend refused the request: the request parameters are not correct (KO_PARAMS_INVALID) [item 0]',
				details: expect.objectContaining({
					code: 'KO_PARAMS_INVALID',
					gateway: 'smSend',
					itemIndex: 0,
				}),
			});
			expect(items[1].json).toEqual({
				error: `Invalid 'Client ID': "nope" is not a positive whole number [item 1]`,
				details: expect.objectContaining({ itemIndex: 1 }),
			});
			expect(items[2].json).toMatchObject({ u_id: clientId, value: 7 });
			expect(nodeRequests().map((r) => r.operation)).toEqual(['userlog-get', 'userlog-get']);
		});
	});

	/* -------------------------------------------------------------- */
	/* Shared behaviour                                                */
	/* -------------------------------------------------------------- */

	it.each([
		['client', 'create'],
		['client', 'setStatus'],
		['client', 'getCredit'],
		['client', 'addCredit'],
		['reception', 'create'],
		['reception', 'revoke'],
		['backofficeLog', 'getOperations'],
	])(
		'%s → %s needs the reseller login of the credential, and says so before any request',
		async (resource, operation) => {
			const missingLogins: Array<Record<string, string>> = [
				{ resellerUser: '' },
				{ resellerPassword: '' },
			];
			for (const missing of missingLogins) {
				const { error, items } = await run(
					{
						...createParameters({ clientName: 'Rossi', clientUsername: 'rossi' }),
						resource,
						operation,
						clientId: '1001',
						tariffId: '1',
						receptionNumber: '+393400000001',
						sharecode: '001',
					},
					{ credentials: missing, continueOnFail: false },
				);
				expect(items).toEqual([]);
				expect(error?.message).toBe(
					'This operation needs a reseller back-office login, and the smSend credential has none',
				);
				expect(error?.description).toContain(
					"set 'Account Type' to Reseller and fill in 'Reseller Back-Office Username' and 'Reseller Back-Office Password'",
				);
				expect(nodeRequests()).toHaveLength(0);
			}
		},
	);

	it('reports a wrong reseller login and a refused IP without showing the password', async () => {
		const wrong = await run(
			{ resource: 'client', operation: 'getCredit', clientId: '1001' },
			{ credentials: { resellerPassword: 'not-the-password' } },
		);
		expect(wrong.error?.message).toBe(
			'smSend refused the request: wrong username or password (KO_BAD_LOGIN) [item 0]',
		);
		expect(JSON.stringify([wrong.error?.message, wrong.error?.description])).not.toContain(
			'not-the-password',
		);

		sandbox.smSend.addAccount({
			user: 'demo',
			pass: SMSEND_DEMO.pass,
			reseller: true,
			smsusername: SMSEND_DEMO.smsusername,
			smspassword: SMSEND_DEMO.smspassword,
			allowedIps: ['203.0.113.7'],
		});
		const denied = await run({ resource: 'client', operation: 'getCredit', clientId: '1001' });
		expect(denied.error?.message).toBe(
			'smSend refused the request: access not allowed (KO_ACCESS_DENIED) [item 0]',
		);
		expect(denied.error?.description).toContain('enable the public IP address of your n8n server');
	});

	it('keeps going under continueOnFail with one output item per input item, each paired', async () => {
		const clientId = await addClient();
		const { items, error } = await run(
			{ resource: 'client', operation: 'getCredit', clientId: '={{ $json.id }}' },
			{
				continueOnFail: true,
				items: [{ id: clientId }, { id: 'abc' }, { id: 999999 }, { id: clientId }],
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json).toEqual({ clientId, creditEuro: 0 });
		expect(items[1].json).toEqual({
			error: `Invalid 'Client ID': "abc" is not a positive whole number [item 1]`,
			details: expect.objectContaining({
				itemIndex: 1,
				description: expect.stringContaining('e.g. 1001'),
			}),
		});
		expect(items[2].json).toEqual({
			error: 'smSend refused the request: client not found (KO_USER_NOT_FOUND) [item 2]',
			details: expect.objectContaining({
				code: 'KO_USER_NOT_FOUND',
				raw: 'KO Utente non trovato.',
				itemIndex: 2,
			}),
		});
		expect(items[3].json).toEqual({ clientId, creditEuro: 0 });
		// The invalid id never reached the gateway.
		expect(nodeRequests().map((r) => r.params?.u_id)).toEqual([
			String(clientId),
			'999999',
			String(clientId),
		]);
	});

	/* Every KO message the document lists for these endpoints, as the user sees it. */
	const KO_MESSAGES: Record<string, Array<[string, string]>> = {
		'client-add': [
			['KO Accesso non consentito.', 'access not allowed (KO_ACCESS_DENIED)'],
			['KO Username o password errati.', 'wrong username or password (KO_BAD_LOGIN)'],
			['KO Parametri non corretti.', 'the request parameters are not correct (KO_PARAMS_INVALID)'],
			['KO Parametro name non impostato.', "the parameter 'name' is missing (KO_PARAM_MISSING)"],
			[
				'KO Parametro username non impostato.',
				"the parameter 'username' is missing (KO_PARAM_MISSING)",
			],
			[
				'KO Parametro password non impostato',
				"the parameter 'password' is missing (KO_PARAM_MISSING)",
			],
			[
				'KO Impossibile creare un rivenditore.',
				'your account cannot create reseller clients (KO_CANNOT_CREATE_RESELLER)',
			],
			['KO Profilo non corretto.', 'the profile (tpl_id) is not correct (KO_PROFILE_INVALID)'],
			['KO Username già esistente.', 'the username already exists (KO_USERNAME_EXISTS)'],
			['KO Errore nella creazione.', 'the gateway failed to create the item (KO_CREATION_FAILED)'],
		],
		'credit-add': [
			['KO Accesso non consentito.', 'access not allowed (KO_ACCESS_DENIED)'],
			['KO Username o password errati.', 'wrong username or password (KO_BAD_LOGIN)'],
			['KO Parametri non corretti.', 'the request parameters are not correct (KO_PARAMS_INVALID)'],
			['KO Parametro u_id non impostato.', "the parameter 'u_id' is missing (KO_PARAM_MISSING)"],
			[
				'KO Parametro bill_id non impostato.',
				"the parameter 'bill_id' is missing (KO_PARAM_MISSING)",
			],
			['KO Utente non trovato.', 'client not found (KO_USER_NOT_FOUND)'],
			['KO Tariffa non corretta.', 'the rate (bill_id) is not correct (KO_RATE_INVALID)'],
			[
				'KO Parametro credit non corretto.',
				"the parameter 'credit' is not correct (KO_PARAM_INCORRECT)",
			],
		],
		'credit-get': [
			['KO Accesso non consentito.', 'access not allowed (KO_ACCESS_DENIED)'],
			['KO Username o password errati.', 'wrong username or password (KO_BAD_LOGIN)'],
			['KO Parametri non corretti.', 'the request parameters are not correct (KO_PARAMS_INVALID)'],
			['KO Parametro u_id non impostato.', "the parameter 'u_id' is missing (KO_PARAM_MISSING)"],
			['KO Utente non trovato.', 'client not found (KO_USER_NOT_FOUND)'],
		],
		'userlog-get': [
			['KO Accesso non consentito.', 'access not allowed (KO_ACCESS_DENIED)'],
			['KO Username o password errati.', 'wrong username or password (KO_BAD_LOGIN)'],
			['KO Parametri non corretti.', 'the request parameters are not correct (KO_PARAMS_INVALID)'],
			['KO Parametro type non impostato.', "the parameter 'type' is missing (KO_PARAM_MISSING)"],
		],
		'recv-add': [
			['KO Accesso non consentito.', 'access not allowed (KO_ACCESS_DENIED)'],
			['KO Username o password errati.', 'wrong username or password (KO_BAD_LOGIN)'],
			['KO Parametri non corretti.', 'the request parameters are not correct (KO_PARAMS_INVALID)'],
			['KO Parametro u_id non impostato.', "the parameter 'u_id' is missing (KO_PARAM_MISSING)"],
			['KO Parametro dest non impostato.', "the parameter 'dest' is missing (KO_PARAM_MISSING)"],
			['KO Utente non trovato.', 'client not found (KO_USER_NOT_FOUND)'],
			[
				'KO Numero di ricezione non corretto.',
				'the receiving number is not correct (KO_RECEIVING_NUMBER_INVALID)',
			],
			['KO Parametro num non corretto.', "the parameter 'num' is not correct (KO_PARAM_INCORRECT)"],
			[
				'KO Il parametro num deve essere <= 20.',
				"the parameter 'num' must be at most 20 (KO_NUM_TOO_HIGH)",
			],
			['KO Errore nella creazione.', 'the gateway failed to create the item (KO_CREATION_FAILED)'],
		],
		'recv-del': [
			['KO Accesso non consentito.', 'access not allowed (KO_ACCESS_DENIED)'],
			['KO Username o password errati.', 'wrong username or password (KO_BAD_LOGIN)'],
			['KO Parametri non corretti.', 'the request parameters are not correct (KO_PARAMS_INVALID)'],
			['KO Parametro u_id non impostato.', "the parameter 'u_id' is missing (KO_PARAM_MISSING)"],
			['KO Parametro dest non impostato.', "the parameter 'dest' is missing (KO_PARAM_MISSING)"],
			[
				'KO Parametro sharecode non impostato.',
				"the parameter 'sharecode' is missing (KO_PARAM_MISSING)",
			],
			['KO Utente non trovato.', 'client not found (KO_USER_NOT_FOUND)'],
			[
				'KO Sharecode non associato all’utente specificato.',
				'the share code does not belong to the given client (KO_SHARECODE_NOT_ASSOCIATED)',
			],
		],
		'client-status': [
			['KO Accesso non consentito.', 'access not allowed (KO_ACCESS_DENIED)'],
			['KO Username o password errati.', 'wrong username or password (KO_BAD_LOGIN)'],
			['KO Parametri non corretti.', 'the request parameters are not correct (KO_PARAMS_INVALID)'],
			['KO Parametro u_id non impostato.', "the parameter 'u_id' is missing (KO_PARAM_MISSING)"],
			[
				'KO Parametro active non impostato.',
				"the parameter 'active' is missing (KO_PARAM_MISSING)",
			],
			['KO Utente non trovato.', 'client not found (KO_USER_NOT_FOUND)'],
		],
	};

	const VALID_PARAMETERS: Record<string, IDataObject> = {
		'client-add': createParameters({ clientName: 'Rossi', clientUsername: 'rossi' }),
		'credit-add': {
			resource: 'client',
			operation: 'addCredit',
			clientId: '1001',
			tariffId: '1',
			additionalFields: { credit: '1' },
		},
		'credit-get': { resource: 'client', operation: 'getCredit', clientId: '1001' },
		'userlog-get': { resource: 'backofficeLog', operation: 'getOperations', logType: 'credits' },
		'recv-add': {
			resource: 'reception',
			operation: 'create',
			clientId: '1001',
			receptionNumber: '+393400000001',
			sharecodeCount: 1,
		},
		'recv-del': {
			resource: 'reception',
			operation: 'revoke',
			clientId: '1001',
			receptionNumber: '+393400000001',
			sharecode: '001',
		},
		'client-status': {
			resource: 'client',
			operation: 'setStatus',
			clientId: '1001',
			active: false,
		},
	};

	const koCases = Object.entries(KO_MESSAGES).flatMap(([endpoint, list]) =>
		list.map(([ko, meaning]): [string, string, string] => [endpoint, ko, meaning]),
	);

	it.each(koCases)('%s: "%s" becomes "%s"', async (endpoint, ko, meaning) => {
		sandbox.smSend.forceFailure(endpoint, ko, 1);
		const { error } = await run(VALID_PARAMETERS[endpoint]);
		expect(nodeRequests().map((r) => [r.operation, r.resultCode])).toEqual([[endpoint, ko]]);
		expect(error?.message).toBe(`smSend refused the request: ${meaning} [item 0]`);
		expect(error?.description).toContain(`Gateway reply: ${ko}`);
		expect(error?.context?.itemIndex).toBe(0);
		expect(error?.errorResponse).toMatchObject({ gateway: 'smSend', kind: 'gateway', raw: ko });
	});

	it('leaves nothing secret in what n8n logged', () => {
		const log = n8nLog.join('\n');
		for (const secret of SECRETS) expect(log).not.toContain(secret);
	});
});
