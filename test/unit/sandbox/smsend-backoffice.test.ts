import { startSandbox, SMSEND_DEMO, Sandbox } from '../../../sandbox';
import { AUTH, BACKOFFICE, post, text } from './smsend-client';

const CLIENT = { name: 'Pizzeria Roma', username: 'pizzeria', password: 'segreta' };
const DEST = '+393401112233';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const bo = (
	endpoint: string,
	fields: Record<string, string>,
	login: Record<string, string> = BACKOFFICE,
) => text(sb.url, `/backoffice/${endpoint}.php`, { ...login, ...fields });

async function addClient(fields: Record<string, string> = {}): Promise<string> {
	const reply = await bo('client-add', { ...CLIENT, reseller: '0', ...fields });
	expect(reply).toMatch(/^OK \d+$/);
	return reply.slice(3);
}

describe('smSend back office login', () => {
	it.each([
		'client-add',
		'client-status',
		'credit-get',
		'credit-add',
		'recv-add',
		'recv-del',
		'userlog-get',
	])('%s checks the reseller login', async (endpoint) => {
		expect(await bo(endpoint, {}, { smsusername: 'reseller', smspassword: 'wrong' })).toBe(
			'KO Username o password errati.',
		);
		expect(await bo(endpoint, {}, {})).toBe('KO Username o password errati.');
		sb.smSend.addAccount({ user: 'plain', pass: 'p', smsusername: 'plainbo', smspassword: 'pw' });
		expect(await bo(endpoint, {}, { smsusername: 'plainbo', smspassword: 'pw' })).toBe(
			'KO Accesso non consentito.',
		);
		sb.smSend.addAccount({
			user: 'far',
			pass: 'p',
			reseller: true,
			smsusername: 'farbo',
			smspassword: 'pw',
			allowedIps: ['10.1.1.1'],
		});
		expect(await bo(endpoint, {}, { smsusername: 'farbo', smspassword: 'pw' })).toBe(
			'KO Accesso non consentito.',
		);
		expect(
			(await post(sb.url, `/backoffice/${endpoint}.php`, { ...BACKOFFICE }, { method: 'GET' }))
				.text,
		).toBe('KO Parametri non corretti.');
		expect(sb.requests[0]).toMatchObject({
			gateway: 'smsend',
			operation: endpoint,
			resultCode: 'KO Username o password errati.',
		});
	});
});

describe('smSend client-add.php', () => {
	it('creates a client that can then use the HTTP API', async () => {
		const reply = await bo('client-add', {
			...CLIENT,
			email: 'info@pizzeria.it',
			tpl_id: '2',
			contact: 'Mario',
			ref_id: 'R-7',
			reseller: '0',
			vhost: 'sms.pizzeria.it',
		});
		expect(reply).toBe('OK 1001');
		expect(sb.smSend.clients).toEqual([
			expect.objectContaining({
				id: 1001,
				parent: 'demo',
				name: 'Pizzeria Roma',
				username: 'pizzeria',
				email: 'info@pizzeria.it',
				tplId: 2,
				contact: 'Mario',
				refId: 'R-7',
				reseller: false,
				vhost: 'sms.pizzeria.it',
				active: true,
			}),
		]);
		expect(sb.smSend.getAccount('pizzeria')).toMatchObject({
			id: 1001,
			credit: 0,
			parent: 'demo',
			reseller: false,
		});
		const send = {
			user: 'pizzeria',
			pass: 'segreta',
			rcpt: DEST,
			data: 'Ciao',
			sender: 'Pizzeria',
			qty: 'll',
		};
		expect(await text(sb.url, '/sms/send.php', send)).toBe('KO Credito insufficiente.');
		expect(await bo('credit-add', { u_id: '1001', bill_id: '1', credit: '1' })).toBe('OK 1');
		expect(await text(sb.url, '/sms/send.php', send)).toBe('OK 0.0350');
		expect(await addClient({ username: 'second' })).toBe('1002');
	});

	it.each([
		['name', 'KO Parametro name non impostato.'],
		['username', 'KO Parametro username non impostato.'],
		['password', 'KO Parametro password non impostato'],
	])('answers a missing %s exactly as the document', async (field, ko) => {
		const fields: Record<string, string> = { ...CLIENT };
		delete fields[field];
		expect(await bo('client-add', fields)).toBe(ko);
		expect(sb.smSend.clients).toHaveLength(0);
	});

	it('checks the profile, reseller flag and duplicate usernames', async () => {
		expect(await bo('client-add', { ...CLIENT, tpl_id: '3' })).toBe('KO Profilo non corretto.');
		expect(await bo('client-add', { ...CLIENT, tpl_id: 'uno' })).toBe('KO Profilo non corretto.');
		expect(await bo('client-add', { ...CLIENT, reseller: '2' })).toBe('KO Parametri non corretti.');
		expect(await bo('client-add', { ...CLIENT, username: 'demo' })).toBe(
			'KO Username già esistente.',
		);
		expect(await bo('client-add', CLIENT)).toBe('OK 1001');
		expect(sb.smSend.clients[0]).toMatchObject({ reseller: true, tplId: 1 });
		expect(await bo('client-add', CLIENT)).toBe('KO Username già esistente.');
		// The new reseller logs in to the back office with its panel credentials, but cannot create resellers.
		const login = { smsusername: 'pizzeria', smspassword: 'segreta' };
		expect(await bo('client-add', { name: 'Sub', username: 'sub', password: 'x' }, login)).toBe(
			'OK 1002',
		);
		sb.smSend.addAccount({
			user: 'small',
			pass: 'p',
			reseller: true,
			canCreateResellers: false,
			smsusername: 'smallbo',
			smspassword: 'pw',
		});
		const small = { smsusername: 'smallbo', smspassword: 'pw' };
		expect(await bo('client-add', { ...CLIENT, username: 'c1' }, small)).toBe(
			'KO Impossibile creare un rivenditore.',
		);
		expect(await bo('client-add', { ...CLIENT, username: 'c1', reseller: '0' }, small)).toMatch(
			/^OK \d+$/,
		);
	});
});

describe('smSend client-status.php', () => {
	it('deactivates and activates a client', async () => {
		const uId = await addClient();
		const send = { user: 'pizzeria', pass: 'segreta' };
		expect(await bo('client-status', { u_id: uId, active: '0' })).toBe('OK Disattivato');
		expect(sb.smSend.clients[0].active).toBe(false);
		expect(await text(sb.url, '/sms/credit.php', send)).toBe(
			'KO Accesso non consentito (utente non abilitato).',
		);
		expect(await bo('client-status', { u_id: uId, active: '1' })).toBe('OK Attivato');
		expect(await text(sb.url, '/sms/credit.php', send)).toBe('OK 0.0000');
	});

	it('validates its parameters', async () => {
		const uId = await addClient();
		expect(await bo('client-status', { active: '1' })).toBe('KO Parametro u_id non impostato.');
		expect(await bo('client-status', { u_id: uId })).toBe('KO Parametro active non impostato.');
		expect(await bo('client-status', { u_id: uId, active: 'yes' })).toBe(
			'KO Parametri non corretti.',
		);
		expect(await bo('client-status', { u_id: '9999', active: '1' })).toBe('KO Utente non trovato.');
		expect(
			await bo('client-status', { u_id: String(sb.smSend.getAccount('demo')!.id), active: '0' }),
		).toBe('KO Utente non trovato.');
		sb.smSend.addAccount({
			user: 'rival',
			pass: 'p',
			reseller: true,
			smsusername: 'rivalbo',
			smspassword: 'pw',
		});
		expect(
			await bo(
				'client-status',
				{ u_id: uId, active: '0' },
				{ smsusername: 'rivalbo', smspassword: 'pw' },
			),
		).toBe('KO Utente non trovato.');
	});
});

describe('smSend credit-get.php and credit-add.php', () => {
	it('adds credit in either decimal notation and reports it with four decimals', async () => {
		const uId = await addClient();
		expect(await bo('credit-get', { u_id: uId })).toBe('OK 0.0000');
		expect(await bo('credit-add', { u_id: uId, bill_id: '1', credit: '12,3456' })).toBe('OK 1');
		expect(await bo('credit-add', { u_id: uId, bill_id: '3', credit: '0.5' })).toBe('OK 2');
		expect(await bo('credit-add', { u_id: uId, bill_id: '2' })).toBe('OK 3');
		expect(await bo('credit-get', { u_id: uId })).toBe('OK 12.8456');
		expect(sb.smSend.getAccount('pizzeria')?.credit).toBeCloseTo(12.8456, 10);
		expect(sb.smSend.getAccount('demo')?.credit).toBe(100);
	});

	it('validates its parameters', async () => {
		const uId = await addClient();
		expect(await bo('credit-get', {})).toBe('KO Parametro u_id non impostato.');
		expect(await bo('credit-get', { u_id: '4242' })).toBe('KO Utente non trovato.');
		expect(await bo('credit-add', { bill_id: '1' })).toBe('KO Parametro u_id non impostato.');
		expect(await bo('credit-add', { u_id: uId })).toBe('KO Parametro bill_id non impostato.');
		expect(await bo('credit-add', { u_id: '4242', bill_id: '1' })).toBe('KO Utente non trovato.');
		expect(await bo('credit-add', { u_id: uId, bill_id: '4' })).toBe('KO Tariffa non corretta.');
		for (const credit of ['12,34567', '1.000,00', 'dieci', '-5', '12.']) {
			expect(await bo('credit-add', { u_id: uId, bill_id: '1', credit })).toBe(
				'KO Parametro credit non corretto.',
			);
		}
		expect(await bo('credit-get', { u_id: uId })).toBe('OK 0.0000');
	});
});

describe('smSend recv-add.php and recv-del.php', () => {
	it('creates unique three-digit sharecodes per number', async () => {
		const uId = await addClient();
		expect(await bo('recv-add', { u_id: uId, dest: DEST })).toBe('OK 001');
		expect(await bo('recv-add', { u_id: uId, dest: DEST, num: '3' })).toBe('OK 002,003,004');
		// The demo account already owns 001 on its number.
		expect(await bo('recv-add', { u_id: uId, dest: SMSEND_DEMO.rcpt, num: '2' })).toBe(
			'OK 002,003',
		);
		expect(await bo('recv-add', { u_id: uId, dest: DEST, num: '20' })).toBe(
			'OK ' + Array.from({ length: 20 }, (_, i) => String(i + 5).padStart(3, '0')).join(','),
		);
		expect(sb.state().smSend.receptions.filter((r) => r.user === 'pizzeria')).toHaveLength(26);
	});

	it('validates recv-add parameters', async () => {
		const uId = await addClient();
		expect(await bo('recv-add', { dest: DEST })).toBe('KO Parametro u_id non impostato.');
		expect(await bo('recv-add', { u_id: uId })).toBe('KO Parametro dest non impostato.');
		expect(await bo('recv-add', { u_id: '4242', dest: DEST })).toBe('KO Utente non trovato.');
		expect(await bo('recv-add', { u_id: uId, dest: '3401112233' })).toBe(
			'KO Numero di ricezione non corretto.',
		);
		expect(
			(
				await post(
					sb.url,
					'/backoffice/recv-add.php',
					`smsusername=reseller&smspassword=reseller-password&u_id=${uId}&dest=+393401112233`,
				)
			).text,
		).toBe('KO Numero di ricezione non corretto.');
		expect(await bo('recv-add', { u_id: uId, dest: DEST, num: 'due' })).toBe(
			'KO Parametro num non corretto.',
		);
		expect(await bo('recv-add', { u_id: uId, dest: DEST, num: '0' })).toBe(
			'KO Parametro num non corretto.',
		);
		expect(await bo('recv-add', { u_id: uId, dest: DEST, num: '21' })).toBe(
			'KO Il parametro num deve essere <= 20.',
		);
	});

	it('revokes a sharecode of that client only', async () => {
		const uId = await addClient();
		await bo('recv-add', { u_id: uId, dest: DEST, num: '2' });
		const notOwned = 'KO Sharecode non associato all\u2019utente specificato.';
		expect(await bo('recv-del', { u_id: uId, dest: SMSEND_DEMO.rcpt, sharecode: '001' })).toBe(
			notOwned,
		);
		expect(await bo('recv-del', { u_id: uId, dest: DEST, sharecode: '001' })).toBe('OK');
		expect(await bo('recv-del', { u_id: uId, dest: DEST, sharecode: '001' })).toBe(notOwned);
		expect(await bo('recv-del', { dest: DEST, sharecode: '002' })).toBe(
			'KO Parametro u_id non impostato.',
		);
		expect(await bo('recv-del', { u_id: uId, sharecode: '002' })).toBe(
			'KO Parametro dest non impostato.',
		);
		expect(await bo('recv-del', { u_id: uId, dest: DEST })).toBe(
			'KO Parametro sharecode non impostato.',
		);
		expect(await bo('recv-del', { u_id: '4242', dest: DEST, sharecode: '002' })).toBe(
			'KO Utente non trovato.',
		);
		expect(sb.state().smSend.receptions.map((r) => `${r.user} ${r.rcpt} ${r.sharecode}`)).toEqual([
			`demo ${SMSEND_DEMO.rcpt} 001`,
			`pizzeria ${DEST} 002`,
		]);
		expect(await bo('recv-add', { u_id: uId, dest: DEST })).toBe('OK 001');
	});
});

describe('smSend userlog-get.php', () => {
	it('reports credits, recv_add and recv_del as tab-separated CRLF rows, filtered by client and date', async () => {
		let clock = Date.UTC(2024, 6, 1, 21, 30, 0); // 23:30 in Rome (CEST)
		const timed = await startSandbox({ port: 0, now: () => clock });
		try {
			const log = (fields: Record<string, string>) =>
				text(timed.url, '/backoffice/userlog-get.php', { ...BACKOFFICE, ...fields });
			const call = (endpoint: string, fields: Record<string, string>) =>
				text(timed.url, `/backoffice/${endpoint}.php`, { ...BACKOFFICE, ...fields });
			const a = (await call('client-add', { ...CLIENT, reseller: '0' })).slice(3);
			const b = (await call('client-add', { ...CLIENT, username: 'other', reseller: '0' })).slice(
				3,
			);
			expect(await call('credit-add', { u_id: a, bill_id: '1', credit: '10' })).toBe('OK 1');
			clock += 3600_000; // 2024-07-02 00:30 in Rome
			expect(await call('credit-add', { u_id: b, bill_id: '2', credit: '2,5' })).toBe('OK 2');
			expect(await call('recv-add', { u_id: a, dest: DEST, num: '2' })).toBe('OK 001,002');
			expect(await call('recv-del', { u_id: a, dest: DEST, sharecode: '002' })).toBe('OK');

			expect(await log({ type: 'credits' })).toBe(
				'date\tu_id\ttype\tvalue\tnote\r\n' +
					`2024-07-01 23:30:00\t${a}\tcredits\t10.0000\tbill_id=1 id=1\r\n` +
					`2024-07-02 00:30:00\t${b}\tcredits\t2.5000\tbill_id=2 id=2\r\n`,
			);
			expect(await log({ type: 'credits', u_id: b })).toBe(
				`date\tu_id\ttype\tvalue\tnote\r\n2024-07-02 00:30:00\t${b}\tcredits\t2.5000\tbill_id=2 id=2\r\n`,
			);
			expect((await log({ type: 'credits', from: '2024-07-02' })).split('\r\n')).toHaveLength(3);
			expect((await log({ type: 'credits', to: '2024-07-01' })).split('\r\n')).toHaveLength(3);
			expect(await log({ type: 'credits', from: '2024-07-03' })).toBe(
				'date\tu_id\ttype\tvalue\tnote\r\n',
			);
			expect(await log({ type: 'recv_add' })).toBe(
				`date\tu_id\ttype\tvalue\tnote\r\n2024-07-02 00:30:00\t${a}\trecv_add\t${DEST}\t001,002\r\n`,
			);
			expect(await log({ type: 'recv_del' })).toBe(
				`date\tu_id\ttype\tvalue\tnote\r\n2024-07-02 00:30:00\t${a}\trecv_del\t${DEST}\t002\r\n`,
			);

			expect(await log({})).toBe('KO Parametro type non impostato.');
			expect(await log({ type: 'sms' })).toBe('KO Parametri non corretti.');
			expect(await log({ type: 'credits', from: '01/07/2024' })).toBe('KO Parametri non corretti.');
			timed.smSend.addAccount({
				user: 'rival',
				pass: 'p',
				reseller: true,
				smsusername: 'rivalbo',
				smspassword: 'pw',
			});
			expect(
				await text(timed.url, '/backoffice/userlog-get.php', {
					smsusername: 'rivalbo',
					smspassword: 'pw',
					type: 'credits',
				}),
			).toBe('date\tu_id\ttype\tvalue\tnote\r\n');
		} finally {
			await timed.close();
		}
	});

	it('records back-office requests', async () => {
		await addClient();
		expect(sb.requests[0]).toMatchObject({
			gateway: 'smsend',
			operation: 'client-add',
			params: { ...BACKOFFICE, ...CLIENT, reseller: '0' },
			resultCode: 'OK',
		});
		expect(AUTH.user).toBe(SMSEND_DEMO.user);
	});
});
