import { createHash } from 'node:crypto';
import { startSandbox, SMSEND_DEMO as DEMO, Sandbox } from '../../../sandbox';
import {
	MMS,
	RECEIVE,
	bodyOf,
	faultOf,
	latin1,
	postSoap,
	rpcEnvelope,
	soapCall,
} from './smsend-client';

const receive = (
	fields: Partial<Record<'user' | 'pass' | 'rcpt' | 'sharecode' | 'messages', string>> = {},
) => ({
	user: DEMO.user,
	pass: DEMO.pass,
	rcpt: DEMO.rcpt,
	sharecode: DEMO.sharecode,
	messages: '10',
	...fields,
});
const mms = (fields: Record<string, string | null> = {}) => ({
	id: DEMO.mms.id,
	password: DEMO.mms.password,
	ticket: '',
	subject: 'Oggetto',
	text: "Testo dell'MMS",
	rcpt: '+393477005440',
	imagedata: null,
	sounddata: null,
	...fields,
});

const b64 = (bytes: Buffer) => bytes.toString('base64');
const file = (head: number[] | string, size = 64) => {
	const buffer = Buffer.alloc(size, 0x20);
	Buffer.from(typeof head === 'string' ? Buffer.from(head, 'latin1') : head).copy(buffer);
	return buffer;
};
const PNG = file([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = file([0xff, 0xd8, 0xff, 0xe0]);
const GIF = file('GIF89a');
const BMP = file('BM');
const MIDI = file('MThd');
const MP3 = file('ID3');
const WAV = file('RIFF');
const THREE_GP = file('\0\0\0\x18ftyp3gp4');
const MOV = file('\0\0\0\x14ftypqt  ');
const AVI = file('RIFF\0\0\0\0AVI ');
const LIMIT = 100 * 1024;

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

async function receiveOk(fields = {}, path?: string) {
	const reply = await soapCall(sb.url, RECEIVE, 'receiveSms', receive(fields), path);
	expect(reply.status).toBe(200);
	return reply;
}

describe('smSend receiveSms', () => {
	it('answers an empty inbox as an empty recvSms array', async () => {
		const reply = await receiveOk();
		expect(reply.contentType).toBe('text/xml; charset=ISO-8859-1');
		expect(reply.text).toMatch(
			/^<\?xml version="1\.0" encoding="ISO-8859-1"\?><SOAP-ENV:Envelope /,
		);
		expect(reply.text).toContain(
			'<ns1:receiveSmsResponse xmlns:ns1="urn:receiveSmswsdl"><response xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:recvSms[0]"></response>',
		);
		expect(sb.requests[0]).toMatchObject({
			gateway: 'smsend',
			operation: 'receiveSms',
			params: receive(),
			resultCode: 'OK',
			status: 200,
		});
	});

	it('lists the last messages newest first, with Rome local dates', async () => {
		const add = (text: string, date: string) =>
			sb.smSend.addInboxMessage({
				rcpt: DEMO.rcpt,
				sharecode: DEMO.sharecode,
				sender: '+393471234567',
				text,
				date: new Date(date),
			});
		expect(add('inverno', '2005-11-22T10:07:02Z')).toMatchObject({ id: 5678, text: 'inverno' });
		add('estate', '2024-07-01T10:00:00Z');
		add('primo', '2024-01-01T00:00:00Z');
		expect(
			sb.smSend.addInboxMessage({
				rcpt: DEMO.rcpt,
				sharecode: DEMO.sharecode,
				sender: 'Banca',
				text: 'fissato',
				id: 9000,
				date: new Date('2023-05-05T05:05:05Z'),
			}).id,
		).toBe(9000);
		expect(add('dopo', '2020-01-01T00:00:00Z').id).toBe(9001);

		const items = bodyOf((await receiveOk()).text).receiveSmsResponse.response.item;
		expect(items).toEqual([
			{ id: '5679', sender: '+393471234567', text: 'estate', date: '2024-07-01 12:00:00' },
			{ id: '5680', sender: '+393471234567', text: 'primo', date: '2024-01-01 01:00:00' },
			{ id: '9000', sender: 'Banca', text: 'fissato', date: '2023-05-05 07:05:05' },
			{ id: '9001', sender: '+393471234567', text: 'dopo', date: '2020-01-01 01:00:00' },
			{ id: '5678', sender: '+393471234567', text: 'inverno', date: '2005-11-22 11:07:02' },
		]);
		const two = await receiveOk({ messages: '2' });
		expect(two.text).toContain('SOAP-ENC:arrayType="tns:recvSms[2]"');
		expect(two.text).toContain(
			'<item xsi:type="tns:recvSms"><id xsi:type="xsd:int">5679</id><sender xsi:type="xsd:string">+393471234567</sender>',
		);
		expect(
			bodyOf(two.text).receiveSmsResponse.response.item.map((i: { text: string }) => i.text),
		).toEqual(['estate', 'primo']);
		expect(
			bodyOf((await receiveOk({ messages: '100' })).text).receiveSmsResponse.response.item,
		).toHaveLength(5);
	});

	it('replies in ISO-8859-1 with accents as bytes and other characters as numeric references', async () => {
		sb.smSend.addInboxMessage({
			rcpt: DEMO.rcpt,
			sharecode: DEMO.sharecode,
			sender: '+393471234567',
			text: 'Caffè pronto: 2€ «ok» 😀 <&>',
		});
		const reply = await receiveOk();
		expect(reply.bytes.includes(Buffer.from([0x43, 0x61, 0x66, 0x66, 0xe8]))).toBe(true); // "Caffè" in Latin-1
		expect(reply.text).toContain('Caffè pronto: 2&#8364; «ok» &#128512; &lt;&amp;&gt;');
		expect(bodyOf(reply.text).receiveSmsResponse.response.item[0].text).toBe(
			'Caffè pronto: 2€ «ok» 😀 <&>',
		);
	});

	it('decodes ISO-8859-1 requests with numeric character references', async () => {
		sb.smSend.addAccount({ user: 'José', pass: 'pässwörd€', reseller: false });
		sb.smSend.addReception({ user: 'José', rcpt: '+393409999999', sharecode: '007' });
		const body = latin1(
			rpcEnvelope(
				'receiveSms',
				RECEIVE.namespace,
				receive({ user: 'José', pass: 'pässwörd€', rcpt: '+393409999999', sharecode: '007' }),
			),
		);
		expect(body.toString('latin1')).toContain('pässwörd&#8364;');
		const reply = await postSoap(sb.url, RECEIVE.path, body, 'receiveSms', RECEIVE.namespace);
		expect(reply.status).toBe(200);
		expect(sb.requests[0].params).toMatchObject({ user: 'José', pass: 'pässwörd€' });
	});

	it('is served at /wsdl/ too', async () => {
		await receiveOk({}, '/wsdl/');
	});

	it.each([
		['a wrong password', { pass: 'x' }, 'KO 101', 'not allowed'],
		['an unknown user', { user: 'nobody' }, 'KO 101', 'not allowed'],
		['more than 100 messages', { messages: '101' }, 'KO 102', 'operation not permitted'],
		['a non-numeric count', { messages: 'dieci' }, 'KO 102', 'operation not permitted'],
		['an unknown sharecode', { sharecode: '002' }, 'KO 104', 'not allowed'],
		['an unknown number', { rcpt: '+393400000001' }, 'KO 104', 'not allowed'],
	])('answers %s with a Fault', async (_label, fields, code, text) => {
		const reply = await soapCall(sb.url, RECEIVE, 'receiveSms', receive(fields));
		expect(reply.status).toBe(500);
		expect(reply.contentType).toBe('text/xml; charset=ISO-8859-1');
		expect(faultOf(reply.text)).toEqual({ code, text });
		expect(sb.requests[0]).toMatchObject({
			operation: 'receiveSms',
			resultCode: code,
			error: text,
			status: 500,
		});
	});

	it("refuses another account's reception and disabled accounts", async () => {
		sb.smSend.addAccount({ user: 'other', pass: 'p' });
		expect(
			faultOf(
				(await soapCall(sb.url, RECEIVE, 'receiveSms', receive({ user: 'other', pass: 'p' }))).text,
			).code,
		).toBe('KO 104');
		sb.smSend.addAccount({ user: 'demo', pass: 'demo-password', enabled: false });
		expect(faultOf((await soapCall(sb.url, RECEIVE, 'receiveSms', receive())).text).code).toBe(
			'KO 101',
		);
	});

	it('answers malformed XML and the wrong operation with client faults', async () => {
		const broken = await postSoap(
			sb.url,
			RECEIVE.path,
			'<SOAP-ENV:Envelope><oops',
			'receiveSms',
			RECEIVE.namespace,
		);
		expect(broken.status).toBe(500);
		expect(faultOf(broken.text.replace(/^[\s\S]*?(<\?xml)/, '$1')).code).toBe('SOAP-ENV:Client');
		const wrong = await soapCall(sb.url, RECEIVE, 'sendMms', mms());
		expect(faultOf(wrong.text)).toEqual({
			code: 'SOAP-ENV:Client',
			text: "Operation 'sendMms' is not defined in the WSDL for this service",
		});
		expect(sb.smSend.mms).toHaveLength(0);
	});
});

describe('smSend sendMms', () => {
	async function sendMms(fields: Record<string, string | null> = {}, path?: string) {
		return soapCall(sb.url, MMS, 'sendMms', mms(fields), path);
	}
	async function expectFault(fields: Record<string, string | null>, code: string, text: string) {
		const before = sb.smSend.mms.length;
		const reply = await sendMms(fields);
		expect(reply.status).toBe(500);
		expect(faultOf(reply.text)).toEqual({ code, text });
		expect(sb.smSend.mms).toHaveLength(before);
	}

	it('sends with a plain password and answers the cost in ten-thousandths', async () => {
		const reply = await sendMms({ imagedata: b64(GIF) });
		expect(reply.status).toBe(200);
		expect(reply.contentType).toBe('text/xml; charset=ISO-8859-1');
		expect(reply.text).toContain(
			'<ns1:sendMmsResponse xmlns:ns1="urn:sendMmswsdl"><response xsi:type="xsd:int">3700</response></ns1:sendMmsResponse>',
		);
		expect(sb.smSend.mms).toEqual([
			expect.objectContaining({
				mmsId: DEMO.mms.id,
				user: 'demo',
				rcpt: ['+393477005440'],
				subject: 'Oggetto',
				text: "Testo dell'MMS",
				image: { type: 'gif', size: 64 },
				sound: null,
				video: null,
				cost: 3700,
			}),
		]);
		expect(sb.smSend.getAccount('demo')?.mms?.credit).toBe(10000000 - 3700);
		expect(sb.requests[0]).toMatchObject({ operation: 'sendMms', resultCode: 'OK' });
	});

	it('charges every recipient and is served at /sms-gw/ too', async () => {
		const reply = await sendMms({ rcpt: '+393112224455,+393114445566,+393229998877' }, '/sms-gw/');
		expect(bodyOf(reply.text).sendMmsResponse.response).toBe('11100');
		expect(sb.smSend.mms[0].rcpt).toEqual(['+393112224455', '+393114445566', '+393229998877']);
	});

	it('authenticates md5 accounts by ticket', async () => {
		sb.smSend.addAccount({
			user: 'md5',
			pass: 'p',
			mms: { id: 'C00000_002', password: 'k3y', auth: 'md5' },
		});
		const fields = {
			id: 'C00000_002',
			password: '',
			subject: 'Saldi',
			text: 'Sconti è €',
			rcpt: '+393477005440',
		};
		const ticket = createHash('md5')
			.update(`C00000_002+393477005440SaldiSconti è €k3y`, 'utf8')
			.digest('hex');
		expect((await sendMms({ ...fields, ticket: ticket.toUpperCase() })).status).toBe(500);
		expect((await sendMms({ ...fields, ticket: 'k3y' })).status).toBe(500);
		await expectFault({ ...fields, password: 'k3y', ticket: '' }, 'KO 107', 'no auth suitable');
		const reply = await sendMms({ ...fields, ticket });
		expect(bodyOf(reply.text).sendMmsResponse.response).toBe('3700');
		expect(sb.smSend.mms[0]).toMatchObject({ mmsId: 'C00000_002', text: 'Sconti è €' });
	});

	it('refuses a wrong plain password and an unknown id', async () => {
		await expectFault({ password: 'wrong' }, 'KO 107', 'no auth suitable');
		await expectFault({ password: null }, 'KO 107', 'no auth suitable');
		await expectFault({ id: 'C99999_999' }, 'KO 101', 'not allowed');
	});

	it('limits subject to 25 and text to 2400 characters', async () => {
		expect((await sendMms({ subject: 's'.repeat(25), text: 't'.repeat(2400) })).status).toBe(200);
		await expectFault({ subject: 's'.repeat(26) }, 'KO 124', 'text too long');
		await expectFault({ text: 't'.repeat(2401) }, 'KO 124', 'text too long');
	});

	it.each(['393477005440', '+393477005440;+393477005441', '+393477005440,', '', ' 393477005440'])(
		'refuses recipient %j',
		async (rcpt) => {
			await expectFault({ rcpt }, 'KO 103', 'bad recipient');
		},
	);

	it.each([
		['JPEG image', { imagedata: b64(JPEG) }, 'image', 'jpeg'],
		['PNG image', { imagedata: b64(PNG) }, 'image', 'png'],
		['MIDI sound', { sounddata: b64(MIDI) }, 'sound', 'midi'],
		['MP3 sound', { sounddata: b64(MP3) }, 'sound', 'mp3'],
		['3GP video', { videodata: b64(THREE_GP) }, 'video', '3gp'],
		['MOV video', { videodata: b64(MOV) }, 'video', 'mov'],
		[
			'100 kB image',
			{ imagedata: b64(file([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], LIMIT)) },
			'image',
			'png',
		],
	])('accepts a %s', async (_label, fields, kind, type) => {
		expect((await sendMms(fields)).status).toBe(200);
		expect(sb.smSend.mms[0]).toMatchObject({ [kind]: { type } });
	});

	it.each([
		['a BMP image', { imagedata: b64(BMP) }, 'KO 216', 'Image file type not supported'],
		[
			'image data that is not base64',
			{ imagedata: '***' },
			'KO 216',
			'Image file type not supported',
		],
		[
			'an image over 100 kB',
			{ imagedata: b64(file([0xff, 0xd8, 0xff], LIMIT + 1)) },
			'KO 215',
			'Image file cannot be bigger than 100kB',
		],
		['a WAV sound', { sounddata: b64(WAV) }, 'KO 218', 'Sound file type not supported'],
		[
			'a sound over 100 kB',
			{ sounddata: b64(file('ID3', LIMIT + 1)) },
			'KO 217',
			'Sound file bigger than 100kB',
		],
		['an AVI video', { videodata: b64(AVI) }, 'KO 310', 'type unsupported'],
		[
			'a video over 100 kB',
			{ videodata: b64(file('\0\0\0\x18ftyp3gp4', LIMIT + 1)) },
			'KO 310',
			'type unsupported',
		],
	])('refuses %s', async (_label, fields, code, text) => {
		await expectFault(fields, code, text);
		expect(sb.smSend.getAccount('demo')?.mms?.credit).toBe(10000000);
	});

	it('refuses a send the MMS credit does not cover', async () => {
		sb.smSend.addAccount({
			user: 'poor',
			pass: 'p',
			mms: { id: 'C00000_003', password: 'x', credit: 7399 },
		});
		expect((await sendMms({ id: 'C00000_003', password: 'x' })).status).toBe(200);
		await expectFault({ id: 'C00000_003', password: 'x' }, 'KO 211', 'quota_abs reached');
		expect(sb.smSend.getAccount('poor')?.mms?.credit).toBe(3699);
	});

	it('applies faults and forced failures on SOAP paths', async () => {
		sb.inject({ kind: 'status', status: 503, match: { operation: 'sendMms' }, times: 1 });
		expect((await sendMms()).status).toBe(503);
		sb.inject({ kind: 'malformed', match: { path: MMS.path }, when: 'after', times: 1 });
		const cut = await sendMms();
		expect(cut.contentType).toBe('text/xml; charset=ISO-8859-1');
		expect(() => bodyOf(cut.text).sendMmsResponse.response).toThrow();
		expect(sb.smSend.mms).toHaveLength(1);
		sb.smSend.forceFailure('/sms-gw/index.php', 'KO 300 System (Internal Error)', 1);
		const forced = await sendMms();
		expect(forced.status).toBe(500);
		expect(faultOf(forced.text)).toEqual({ code: 'KO 300', text: 'System (Internal Error)' });
		expect(sb.smSend.mms).toHaveLength(1);
		expect(() => sb.smSend.forceFailure('sendMms', 'not a KO code')).toThrow(TypeError);
		expect((await sendMms()).status).toBe(200);
	});

	it('resets MMS, inboxes and receptions', async () => {
		await sendMms();
		sb.smSend.addReception({ user: 'demo', rcpt: '+393409999999', sharecode: '005' });
		sb.smSend.addInboxMessage({
			rcpt: DEMO.rcpt,
			sharecode: DEMO.sharecode,
			sender: 'x',
			text: 'y',
		});
		const sent = sb.smSend.mms;
		sb.reset();
		expect(sent).toHaveLength(0);
		expect(sb.smSend.getAccount('demo')?.mms?.credit).toBe(10000000);
		expect(sb.state().smSend.receptions).toEqual([
			{ user: 'demo', rcpt: DEMO.rcpt, sharecode: DEMO.sharecode, inbox: [] },
		]);
		expect(
			sb.smSend.addInboxMessage({
				rcpt: DEMO.rcpt,
				sharecode: DEMO.sharecode,
				sender: 'x',
				text: 'y',
			}).id,
		).toBe(5678);
	});
});
