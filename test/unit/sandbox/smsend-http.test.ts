import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { request } from 'undici';
import { startSandbox, SMSEND_DEMO, Sandbox } from '../../../sandbox';
import { AUTH, csv, post, text } from './smsend-client';

const RCPT = '+393401234567';
const SEND = '/sms/send.php';
const MNC = '/sms/mnc.php';
const STATUS = '/sms/batch-status.php';
const CREDIT = '/sms/credit.php';
const sms = (extra: Record<string, string> = {}) => ({
	...AUTH,
	rcpt: RCPT,
	data: 'Ciao',
	sender: 'Negozio',
	qty: 'h',
	...extra,
});

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const send = (extra: Record<string, string> = {}) => text(sb.url, SEND, sms(extra));
const status = (id: string, type: string, auth = AUTH) =>
	text(sb.url, STATUS, { ...auth, id, type, schema: '1' });

describe('smSend send.php', () => {
	it('accepts an SMS, answers its cost and records it', async () => {
		const reply = await post(sb.url, SEND, sms({ data: 'Caffè alle 5?' }));
		expect(reply).toMatchObject({ status: 200, text: 'OK 0.0650' });
		expect(reply.contentType).toBe('text/plain; charset=utf-8');
		expect(sb.smSend.getAccount('demo')?.credit).toBeCloseTo(99.935, 10);
		expect(sb.smSend.sent).toEqual([
			expect.objectContaining({
				rcpt: RCPT,
				sender: 'Negozio',
				data: 'Caffè alle 5?',
				qty: 'h',
				operation: 'TEXT',
				url: null,
				parts: 1,
				cost: 0.065,
				status: 'queued',
			}),
		]);
		expect(sb.requests[0]).toMatchObject({
			gateway: 'smsend',
			operation: 'send',
			path: SEND,
			params: { user: 'demo', rcpt: RCPT, data: 'Caffè alle 5?', qty: 'h' },
			resultCode: 'OK',
			status: 200,
		});
	});

	it.each([
		['ll', 'OK 0.0350'],
		['l', 'OK 0.0450'],
		['a', 'OK 0.0550'],
		['h', 'OK 0.0650'],
		['n', 'OK 0.0750'],
	])('charges quality %s', async (qty, expected) => {
		expect(await send({ qty })).toBe(expected);
	});

	it('answers unique, incrementing request ids with return_id=1', async () => {
		expect(await send({ return_id: '1' })).toBe('OK HTTP00000000111');
		expect(await send({ return_id: '1' })).toBe('OK HTTP00000000112');
		expect(sb.smSend.sent.map((m) => m.requestId)).toEqual(['HTTP00000000111', 'HTTP00000000112']);
		expect(await send({ return_id: '2' })).toBe('KO Parametro return_id non valido.');
	});

	it.each([
		['MULTITEXT', 'a'.repeat(307), 3, 'OK 0.1950'],
		['MULTITEXT', 'a'.repeat(153), 1, 'OK 0.0650'],
		['MULTIUCS2', 'я'.repeat(68), 2, 'OK 0.1300'],
		['UCS2', 'я'.repeat(70), 1, 'OK 0.0650'],
	])('counts %s parts (%#)', async (operation, data, parts, reply) => {
		expect(await send({ operation, data })).toBe(reply);
		expect(sb.smSend.sent[0]).toMatchObject({ operation, parts });
	});

	it.each([
		['TEXT', 160],
		['UCS2', 70],
		['MULTITEXT', 918],
		['MULTIUCS2', 402],
	])('limits %s to %d characters', async (operation, max) => {
		expect(await send({ operation, data: 'a'.repeat(max) })).toMatch(/^OK /);
		expect(await send({ operation, data: 'a'.repeat(max + 1) })).toBe(
			`KO Il parametro data può contenere al massimo ${max} caratteri.`,
		);
	});

	it('counts UTF-16 code units: an emoji is two', async () => {
		expect(await send({ operation: 'UCS2', data: '😀'.repeat(35) })).toBe('OK 0.0650');
		expect(await send({ operation: 'UCS2', data: '😀'.repeat(35) + 'a' })).toBe(
			'KO Il parametro data può contenere al massimo 70 caratteri.',
		);
	});

	it('requires GSM-7 text for TEXT and MULTITEXT', async () => {
		expect(await send({ data: 'Prezzo: 5€ [promo] {ok} ~ ^' })).toBe('OK 0.0650');
		expect(await send({ data: 'Привет' })).toBe('KO Parametro data non valido.');
		expect(await send({ operation: 'MULTITEXT', data: 'ok 😀' })).toBe(
			'KO Parametro data non valido.',
		);
		expect(await send({ operation: 'UCS2', data: 'Привет' })).toBe('OK 0.0650');
	});

	it.each(['UCS2', 'MULTITEXT', 'MULTIUCS2'])(
		'accepts %s only in quality h or n',
		async (operation) => {
			for (const qty of ['ll', 'l', 'a'])
				expect(await send({ operation, qty })).toBe('KO Parametro qty non valido.');
			expect(await send({ operation, qty: 'n' })).toBe('OK 0.0750');
		},
	);

	it.each(['rcpt', 'data', 'sender', 'qty'])(
		'answers a missing or empty %s as not set',
		async (name) => {
			const fields: Record<string, string> = sms();
			delete fields[name];
			expect(await text(sb.url, SEND, fields)).toBe(`KO Parametro ${name} non impostato.`);
			expect(await send({ [name]: '' })).toBe(`KO Parametro ${name} non impostato.`);
		},
	);

	it('ignores misspelled fields, so the real one is missing', async () => {
		const { rcpt, ...rest } = sms();
		expect(await text(sb.url, SEND, { ...rest, rcpt_number: rcpt })).toBe(
			'KO Parametro rcpt non impostato.',
		);
	});

	it('needs the + of rcpt percent-encoded: a raw + decodes to a space', async () => {
		const raw = `user=demo&pass=demo-password&rcpt=+393401234567&data=Ciao&sender=Negozio&qty=h`;
		expect((await post(sb.url, SEND, raw)).text).toBe('KO Parametro rcpt non valido.');
		expect(sb.requests[0].params?.rcpt).toBe(' 393401234567');
		expect((await post(sb.url, SEND, raw.replace('rcpt=+', 'rcpt=%2B'))).text).toBe('OK 0.0650');
		expect((await post(sb.url, SEND, raw.replace('rcpt=+', 'rcpt=%2b'))).text).toBe('OK 0.0650');
		expect(sb.smSend.sent).toHaveLength(2);
	});

	it.each(['393401234567', '+39340', '+39 340 1234567', '+3934012345678901'])(
		'rejects rcpt %j',
		async (rcpt) => {
			expect(await send({ rcpt })).toBe('KO Parametro rcpt non valido.');
		},
	);

	it('checks the sender: 11 alphanumerics or a number', async () => {
		expect(await send({ sender: 'ABCDEFGHIJK' })).toBe('OK 0.0650');
		expect(await send({ sender: '+393471234567' })).toBe('OK 0.0650');
		expect(await send({ sender: 'ABCDEFGHIJKL' })).toBe(
			'KO Il parametro sender può contenere al massimo 11 caratteri.',
		);
		expect(await send({ sender: 'Shop!' })).toBe('KO Parametro sender non valido.');
		expect(await send({ sender: '+39' })).toBe('KO Parametro sender non valido.');
	});

	it('checks operation and the WAPPUSH url', async () => {
		expect(await send({ operation: 'text' })).toBe('KO Parametro operation non valido.');
		expect(await send({ operation: 'WAPPUSH' })).toBe('KO Parametro url non impostato.');
		expect(await send({ operation: 'WAPPUSH', url: 'not a url' })).toBe(
			'KO Parametro url non valido.',
		);
		expect(await send({ operation: 'WAPPUSH', url: 'http://example.it/offerta' })).toBe(
			'OK 0.0650',
		);
		expect(sb.smSend.sent[0]).toMatchObject({
			operation: 'WAPPUSH',
			url: 'http://example.it/offerta',
		});
	});

	it('refuses bad logins and disabled accounts', async () => {
		const ko = 'KO Accesso non consentito (utente non abilitato).';
		expect(await send({ pass: 'wrong' })).toBe(ko);
		expect(await send({ user: 'nobody' })).toBe(ko);
		expect(await text(sb.url, SEND, { rcpt: RCPT, data: 'x', sender: 'S', qty: 'h' })).toBe(ko);
		sb.smSend.addAccount({ user: 'off', pass: 'p', enabled: false });
		expect(await send({ user: 'off', pass: 'p' })).toBe(ko);
		expect(sb.smSend.sent).toHaveLength(0);
	});

	it('refuses clients outside allowedIps', async () => {
		sb.smSend.addAccount({ user: 'office', pass: 'p', allowedIps: ['10.0.0.1'] });
		expect(await send({ user: 'office', pass: 'p' })).toBe(
			'KO Accesso non consentito (IP non abilitato).',
		);
		sb.smSend.addAccount({ user: 'office', pass: 'p', allowedIps: ['10.0.0.1', '127.0.0.1'] });
		expect(await send({ user: 'office', pass: 'p' })).toBe('OK 0.0650');
	});

	it('answers unknown operators', async () => {
		sb.smSend.addAccount({ user: 'u', pass: 'p', unknownOperatorPrefixes: ['+39399'] });
		expect(await send({ user: 'u', pass: 'p', rcpt: '+393991234567' })).toBe(
			'KO Operatore sconosciuto.',
		);
		expect(await send({ user: 'u', pass: 'p' })).toBe('OK 0.0650');
	});

	it('refuses a send the credit does not cover, without charging', async () => {
		sb.smSend.addAccount({ user: 'poor', pass: 'p', credit: 0.05 });
		expect(await send({ user: 'poor', pass: 'p', qty: 'h' })).toBe('KO Credito insufficiente.');
		expect(sb.smSend.getAccount('poor')?.credit).toBe(0.05);
		expect(await send({ user: 'poor', pass: 'p', qty: 'll' })).toBe('OK 0.0350');
		expect(sb.smSend.getAccount('poor')?.credit).toBeCloseTo(0.015, 10);
		expect(await send({ user: 'poor', pass: 'p', qty: 'll' })).toBe('KO Credito insufficiente.');
	});

	it('answers a forced failure without queueing', async () => {
		sb.smSend.forceFailure(SEND, 'KO Impossibile accodare il/i messaggio/i.', 1);
		expect(await send()).toBe('KO Impossibile accodare il/i messaggio/i.');
		expect(sb.smSend.sent).toHaveLength(0);
		expect(sb.smSend.getAccount('demo')?.credit).toBe(100);
		expect(sb.requests[0].resultCode).toBe('KO Impossibile accodare il/i messaggio/i.');
		expect(await send()).toBe('OK 0.0650');
		sb.smSend.forceFailure('mnc', 'KO Impossibile accodare la/e richiesta/e.');
		expect(await text(sb.url, MNC, { ...AUTH, numbers: RCPT })).toBe(
			'KO Impossibile accodare la/e richiesta/e.',
		);
		expect(await text(sb.url, MNC, { ...AUTH, numbers: RCPT })).toBe(
			'KO Impossibile accodare la/e richiesta/e.',
		);
		sb.smSend.forceFailure('mnc', null);
		expect(await text(sb.url, MNC, { ...AUTH, numbers: RCPT })).toBe('OK');
	});

	it('answers GET and non-form bodies with KO Parametri non corretti.', async () => {
		const query = new URLSearchParams(sms()).toString();
		const get = await request(`${sb.url}${SEND}?${query}`);
		expect(await get.body.text()).toBe('KO Parametri non corretti.');
		expect(
			(await post(sb.url, SEND, JSON.stringify(sms()), { contentType: 'application/json' })).text,
		).toBe('KO Parametri non corretti.');
		expect(
			(await post(sb.url, SEND, new URLSearchParams(sms()).toString(), { contentType: null })).text,
		).toBe('KO Parametri non corretti.');
		expect(
			(
				await post(sb.url, SEND, new URLSearchParams(sms()).toString(), {
					contentType: `${'application/x-www-form-urlencoded'}; charset=koi8-r`,
				})
			).text,
		).toBe('KO Parametri non corretti.');
		expect(sb.requests[0]).toMatchObject({
			gateway: 'smsend',
			operation: 'send',
			resultCode: 'KO Parametri non corretti.',
		});
		expect(sb.smSend.sent).toHaveLength(0);
	});

	it('decodes UTF-8 by default and honours charset=iso-8859-1', async () => {
		const body = (data: string) =>
			`user=demo&pass=demo-password&rcpt=%2B393401234567&sender=S&qty=h&data=${data}`;
		expect((await post(sb.url, SEND, body('caff%C3%A8'))).text).toBe('OK 0.0650');
		expect(
			(
				await post(sb.url, SEND, body('caff%E8'), {
					contentType: 'application/x-www-form-urlencoded; charset=ISO-8859-1',
				})
			).text,
		).toBe('OK 0.0650');
		expect(sb.smSend.sent.map((m) => m.data)).toEqual(['caffè', 'caffè']);
	});

	it('answers unknown paths with a 404 page', async () => {
		for (const p of ['/sms/sendsms.php', '/backoffice/nothing.php', '/sms/Send.php']) {
			const reply = await post(sb.url, p, sms());
			expect(reply.status).toBe(404);
			expect(reply.contentType).toMatch(/^text\/html/);
			expect(reply.text).toContain('Not Found');
		}
	});
});

describe('smSend mnc.php and batch-status.php', () => {
	it('queues an MNC request and answers OK or OK <id>', async () => {
		expect(await text(sb.url, MNC, { ...AUTH, numbers: '+393201234567,+393471234567' })).toBe('OK');
		expect(await text(sb.url, MNC, { ...AUTH, numbers: '+393201234567', return_id: '1' })).toBe(
			'OK HTTP00000000112',
		);
		expect(sb.smSend.mncRequests.map((r) => r.numbers.map((n) => n.dest))).toEqual([
			['+393201234567', '+393471234567'],
			['+393201234567'],
		]);
		expect(sb.requests[0]).toMatchObject({ operation: 'mnc', resultCode: 'OK' });
	});

	it('validates numbers', async () => {
		expect(await text(sb.url, MNC, { ...AUTH })).toBe('KO Parametro numbers non impostato.');
		expect(await text(sb.url, MNC, { ...AUTH, numbers: '+393201234567,3471234567' })).toBe(
			'KO Parametro numbers non valido.',
		);
		expect(await text(sb.url, MNC, { ...AUTH, numbers: '+393201234567,' })).toBe(
			'KO Parametro numbers non valido.',
		);
		const hundred = Array.from(
			{ length: 100 },
			(_, i) => `+3932012345${String(i).padStart(2, '0')}`,
		);
		expect(await text(sb.url, MNC, { ...AUTH, numbers: hundred.join(',') })).toBe('OK');
		expect(
			await text(sb.url, MNC, { ...AUTH, numbers: [...hundred, '+393209999999'].join(',') }),
		).toBe('KO Il parametro numbers può contenere al massimo 100 numeri.');
		expect(
			(await post(sb.url, MNC, 'user=demo&pass=demo-password&numbers=+393201234567')).text,
		).toBe('KO Parametro numbers non valido.');
		expect(await text(sb.url, MNC, { ...AUTH, pass: 'x', numbers: '+393201234567' })).toBe(
			'KO Accesso non consentito (utente non abilitato).',
		);
	});

	it('reports MNC answers by prefix; pending and unknown rows are shorter than the header', async () => {
		sb.smSend.addAccount({ user: 'u', pass: 'p', unknownOperatorPrefixes: ['+39347'] });
		const numbers = [
			'+393201111111',
			'+393331111111',
			'+393401111111',
			'+393471111111',
			'+393881111111',
			'+393921111111',
			'+441234567890',
		];
		const id = (
			await text(sb.url, MNC, { user: 'u', pass: 'p', numbers: numbers.join(','), return_id: '1' })
		).slice(3);
		const before = await status(id, 'mnc', { user: 'u', pass: 'p' });
		expect(csv(before)).toEqual([
			['id', 'dest', 'status', 'netcode', 'status_text'],
			...numbers.map((n, i) => [String(9182 + i), n, '100', 'Waiting']),
		]);
		sb.smSend.advance();
		expect(csv(await status(id, 'mnc', { user: 'u', pass: 'p' })).slice(1)).toEqual([
			['9182', '+393201111111', '200', '22201', 'TIM'],
			['9183', '+393331111111', '200', '22201', 'TIM'],
			['9184', '+393401111111', '200', '22210', 'Vodafone'],
			['9185', '+393471111111', '300', 'Unknown subscriber'],
			['9186', '+393881111111', '200', '22288', 'WindTre'],
			['9187', '+393921111111', '200', '22288', 'WindTre'],
			['9188', '+441234567890', '300', 'Unknown subscriber'],
		]);
		sb.smSend.setMncOperator('+44', { netcode: '23415', name: 'Vodafone UK' });
		const second = (
			await text(sb.url, MNC, { ...AUTH, numbers: '+441234567890', return_id: '1' })
		).slice(3);
		sb.smSend.advance();
		expect(csv(await status(second, 'mnc'))[1]).toEqual([
			'9189',
			'+441234567890',
			'200',
			'23415',
			'Vodafone UK',
		]);
	});

	it('moves SMS statuses on with advance(): queued, sent, delivered', async () => {
		const id = (await send({ return_id: '1' })).slice(3);
		expect(await status(id, 'queue')).toBe(
			'id,dest,status,status_text\n9182,+393401234567,100,Queued\n',
		);
		expect(await status(id, 'notify')).toBe(
			'id,dest,status,status_text\n9182,+393401234567,100,Waiting\n',
		);
		sb.smSend.advance();
		expect(sb.smSend.sent[0].status).toBe('sent');
		expect(csv(await status(id, 'queue'))[1]).toEqual(['9182', RCPT, '200', 'Sent']);
		expect(csv(await status(id, 'notify'))[1]).toEqual(['9182', RCPT, '100', 'Waiting']);
		sb.smSend.advance();
		expect(sb.smSend.sent[0].status).toBe('delivered');
		expect(csv(await status(id, 'queue'))[1]).toEqual(['9182', RCPT, '200', 'Sent']);
		expect(csv(await status(id, 'notify'))[1]).toEqual(['9182', RCPT, '200', 'Delivered']);
	});

	it('fails messages to failingNumbers', async () => {
		sb.smSend.addAccount({ user: 'u', pass: 'p', failingNumbers: [RCPT] });
		const id = (await send({ user: 'u', pass: 'p', return_id: '1' })).slice(3);
		sb.smSend.advance(2);
		expect(sb.smSend.sent[0].status).toBe('failed');
		expect(csv(await status(id, 'queue', { user: 'u', pass: 'p' }))[1]).toEqual([
			'9182',
			RCPT,
			'302',
			'Temporary failure',
		]);
		expect(csv(await status(id, 'notify', { user: 'u', pass: 'p' }))[1]).toEqual([
			'9182',
			RCPT,
			'300',
			'Unknown subscriber',
		]);
	});

	it('offers the extended column layout', async () => {
		sb.smSend.addAccount({ user: 'x', pass: 'p', reportLayout: 'extended' });
		const id = (await send({ user: 'x', pass: 'p', return_id: '1' })).slice(3);
		const rows = csv(await status(id, 'queue', { user: 'x', pass: 'p' }));
		expect(rows[0]).toEqual(['id', 'timestamp', 'dest', 'status', 'status_text', 'request_id']);
		expect(rows[1]).toEqual([
			'9182',
			expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			RCPT,
			'100',
			'Queued',
			id,
		]);
	});

	it('validates batch-status parameters', async () => {
		const id = (await send({ return_id: '1' })).slice(3);
		const mncId = (await text(sb.url, MNC, { ...AUTH, numbers: RCPT, return_id: '1' })).slice(3);
		expect(await text(sb.url, STATUS, { ...AUTH, type: 'queue', schema: '1' })).toBe(
			'KO Parametro id non impostato.',
		);
		expect(await text(sb.url, STATUS, { ...AUTH, id, schema: '1' })).toBe(
			'KO Parametro type non impostato.',
		);
		expect(await text(sb.url, STATUS, { ...AUTH, id, type: 'queue' })).toBe(
			'KO Parametro schema non impostato.',
		);
		expect(await text(sb.url, STATUS, { ...AUTH, id, type: 'status', schema: '1' })).toBe(
			'KO Parametro type non corretto.',
		);
		expect(await text(sb.url, STATUS, { ...AUTH, id, type: 'queue', schema: '2' })).toBe(
			'KO Parametro schema non corretto.',
		);
		expect(await status('HTTP00000099999', 'queue')).toBe('KO Parametro id non corretto.');
		expect(await status(mncId, 'queue')).toBe('KO Parametro id non corretto.');
		expect(await status(id, 'mnc')).toBe('KO Parametro id non corretto.');
		sb.smSend.addAccount({ user: 'other', pass: 'p' });
		expect(await status(id, 'queue', { user: 'other', pass: 'p' })).toBe(
			'KO Parametro id non corretto.',
		);
		expect(await status(id, 'queue', { user: 'demo', pass: 'x' })).toBe(
			'KO Accesso non consentito (utente non abilitato).',
		);
	});

	it('advances on its own after autoAdvanceMs on the sandbox clock', async () => {
		let clock = Date.UTC(2024, 0, 15, 9, 0, 0);
		const timed = await startSandbox({ port: 0, now: () => clock });
		try {
			timed.smSend.addAccount({ user: 'auto', pass: 'p', autoAdvanceMs: 60_000 });
			const id = (
				await text(timed.url, SEND, sms({ user: 'auto', pass: 'p', return_id: '1' }))
			).slice(3);
			const notify = () =>
				text(timed.url, STATUS, { user: 'auto', pass: 'p', id, type: 'notify', schema: '1' });
			expect(csv(await notify())[1][3]).toBe('Waiting');
			clock += 60_000;
			expect(timed.smSend.sent[0].status).toBe('sent');
			clock += 60_000;
			expect(csv(await notify())[1].slice(2)).toEqual(['200', 'Delivered']);
		} finally {
			await timed.close();
		}
	});
});

describe('smSend credit.php', () => {
	it('answers the credit in euro and in SMS per quality', async () => {
		expect(await text(sb.url, CREDIT, { ...AUTH })).toBe('OK 100.0000');
		expect(await send({ qty: 'n' })).toBe('OK 0.0750');
		expect(await text(sb.url, CREDIT, { ...AUTH, type: 'credit' })).toBe('OK 99.9250');
		const expected: Record<string, number> = {
			n: 750,
			h: 650,
			hqs: 650,
			a: 550,
			l: 450,
			ll: 350,
			lqs: 350,
		};
		for (const [type, price] of Object.entries(expected)) {
			expect(await text(sb.url, CREDIT, { ...AUTH, type })).toBe(
				`OK ${Math.floor(999250 / price)}`,
			);
		}
		expect(await text(sb.url, CREDIT, { ...AUTH, type: 'sms' })).toBe(
			'KO Parametro type non corretto.',
		);
		expect(await text(sb.url, CREDIT, { ...AUTH, pass: 'x' })).toBe(
			'KO Accesso non consentito (utente non abilitato).',
		);
	});
});

describe('smSend in the sandbox', () => {
	/** Calls the control API; `T` is what the route answers (the sandbox's own types). */
	async function control<T = unknown>(method: string, route: string, body?: unknown) {
		const res = await request(`${sb.url}/__sandbox/${route}`, {
			method: method as 'GET',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.statusCode, json: (await res.body.json()) as T };
	}

	it('exports the demo account', () => {
		expect(SMSEND_DEMO).toEqual({
			user: 'demo',
			pass: 'demo-password',
			smsusername: 'reseller',
			smspassword: 'reseller-password',
			mms: { id: 'C00000_001', password: 'mms-password', auth: 'plain' },
			rcpt: '+393400000000',
			sharecode: '001',
		});
		expect(sb.smSend.getAccount('demo')).toMatchObject({
			credit: 100,
			reseller: true,
			smsusername: 'reseller',
			mms: { id: 'C00000_001', auth: 'plain' },
		});
	});

	it('applies faults matched by smSend path or operation', async () => {
		sb.inject({ kind: 'status', status: 503, match: { path: SEND }, times: 1 });
		expect((await post(sb.url, SEND, sms())).status).toBe(503);
		expect(sb.smSend.sent).toHaveLength(0);
		expect(await send()).toBe('OK 0.0650');

		sb.inject({ kind: 'malformed', match: { operation: 'credit' }, when: 'after', times: 1 });
		const cut = await post(sb.url, CREDIT, { ...AUTH });
		expect(cut.text).toBe('OK 99'); // first half of 'OK 99.9350'
		expect(cut.contentType).toBe('text/plain; charset=utf-8');

		sb.inject({ kind: 'empty', match: { operation: 'send' }, when: 'after', times: 1 });
		expect((await post(sb.url, SEND, sms())).text).toBe('');
		expect(sb.smSend.sent).toHaveLength(2); // processed, reply lost

		sb.inject({ kind: 'latin1', match: { path: '/backoffice/recv-del.php' }, times: 1 });
		const latin = await post(sb.url, '/backoffice/recv-del.php', {
			smsusername: 'reseller',
			smspassword: 'reseller-password',
			u_id: '1',
			dest: RCPT,
			sharecode: '001',
		});
		expect(latin.contentType).toBe('text/plain; charset=ISO-8859-1');
		expect(latin.text).toBe('KO Utente non trovato.');
		expect(sb.requests.map((r) => r.fault ?? null)).toEqual([
			'status',
			null,
			'malformed',
			'empty',
			'latin1',
		]);
	});

	it('exposes smSend through the control API', async () => {
		expect(
			(await control('POST', 'smsend/accounts', { user: 'ctl', pass: 'p', credit: 1 })).json,
		).toMatchObject({ user: 'ctl', credit: 1 });
		expect(await send({ user: 'ctl', pass: 'p', return_id: '1' })).toBe('OK HTTP00000000111');
		expect((await control('POST', 'smsend/advance', { times: 2 })).status).toBe(200);
		const inbox = await control('POST', 'smsend/inbox', {
			rcpt: SMSEND_DEMO.rcpt,
			sharecode: '001',
			sender: '+393471234567',
			text: 'Ciao',
			date: '2024-07-01T10:00:00Z',
		});
		expect(inbox.json).toEqual({
			id: 5678,
			rcpt: SMSEND_DEMO.rcpt,
			sharecode: '001',
			sender: '+393471234567',
			text: 'Ciao',
			date: '2024-07-01T10:00:00.000Z',
		});
		expect(
			(
				await control('POST', 'smsend/force-failure', {
					endpoint: '/sms/credit.php',
					koText: 'KO Errore interno.',
					times: 1,
				})
			).status,
		).toBe(200);
		expect(await text(sb.url, CREDIT, { ...AUTH })).toBe('KO Errore interno.');
		const { json } = await control<ReturnType<Sandbox['state']>>('GET', 'state');
		expect(json.smSend.sent).toEqual([
			expect.objectContaining({ user: 'ctl', status: 'delivered', requestId: 'HTTP00000000111' }),
		]);
		expect(json.smSend.accounts.map((a) => a.user)).toEqual(['demo', 'ctl']);
		expect(json.smSend.receptions[0].inbox).toEqual([
			expect.objectContaining({ id: 5678, text: 'Ciao' }),
		]);
		expect(json.mobilePronto.accounts).toHaveLength(1);
		expect((await control('POST', 'smsend/accounts', { user: 'bad' })).status).toBe(400);
		expect(
			(
				await control('POST', 'smsend/inbox', {
					rcpt: '+390000000000',
					sharecode: '001',
					sender: 'x',
					text: 'y',
				})
			).status,
		).toBe(400);
		expect((await control('POST', 'smsend/advance', { times: 0 })).status).toBe(400);
	});

	it('resets smSend state', async () => {
		sb.smSend.addAccount({ user: 'gone', pass: 'p' });
		await send({ return_id: '1' });
		sb.smSend.forceFailure('send', 'KO Impossibile accodare il/i messaggio/i.');
		const sent = sb.smSend.sent;
		sb.reset();
		expect(sent).toHaveLength(0);
		expect(sb.smSend.getAccount('gone')).toBeUndefined();
		expect(sb.smSend.getAccount('demo')?.credit).toBe(100);
		expect(await send({ return_id: '1' })).toBe('OK HTTP00000000111');
		expect(sb.state().smSend.forcedFailures).toEqual([]);
	});

	it('the CLI prints the smSend endpoints and demo logins', async () => {
		const cli = path.join(__dirname, '../../../sandbox/cli.js');
		const child = spawn(process.execPath, [cli, '--port', '0'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.setEncoding('utf8');
		await new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (chunk: string) => {
				output += chunk;
				if (output.includes('Press Ctrl+C')) resolve();
			});
			child.once('exit', () => reject(new Error(`CLI exited early: ${output}`)));
		});
		child.kill('SIGTERM');
		await once(child, 'exit');
		for (const expected of [
			'/sms/{send,mnc,batch-status,credit}.php',
			'/backoffice/',
			'/wsdl/index.php',
			'/sms-gw/index.php',
			'demo-password',
			'reseller-password',
			'C00000_001',
			'/__sandbox/smsend/inbox',
		]) {
			expect(output).toContain(expected);
		}
	});
});
