import { createHash } from 'node:crypto';

import type { SmsToSend } from '../../../nodes/SmSend/transport/client';
import { previewSendSms, smSendClient } from '../../../nodes/SmSend/transport/client';
import type { SmSendCredentials } from '../../../nodes/SmSend/transport/requests';
import type { CannedReply } from '../../helpers/recordingSender';
import { recordingSender } from '../../helpers/recordingSender';

const credentials = (overrides: Partial<SmSendCredentials> = {}): SmSendCredentials => ({
	user: 'mario',
	password: 'pa ss+word',
	resellerUser: 'rivenditore',
	resellerPassword: 'r3s3ll3r&pw',
	baseUrl: 'http://127.0.0.1:9/',
	serviceUrl: 'http://127.0.0.1:8',
	mmsId: 'C00000_001',
	mmsPassword: 'mmsSecret',
	mmsAuth: 'plain',
	...overrides,
});

/** The client over a sender answering `replies`, and the requests it made. */
function clientAnswering(replies: CannedReply[], overrides: Partial<SmSendCredentials> = {}) {
	const { send, sent } = recordingSender(...replies);
	return { client: smSendClient(send, credentials(overrides)), sent };
}

/** The fields of a form body, in order. */
const fields = (body: string) => [...new URLSearchParams(body)];

const USER = [
	['user', 'mario'],
	['pass', 'pa ss+word'],
];
const RESELLER = [
	['smsusername', 'rivenditore'],
	['smspassword', 'r3s3ll3r&pw'],
];

const nusoap = (inner: string) =>
	'<?xml version="1.0" encoding="ISO-8859-1"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" ' +
	'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body>' +
	inner +
	'</SOAP-ENV:Body></SOAP-ENV:Envelope>';

const SMS: SmsToSend = {
	recipient: '+393201234567',
	text: 'Ciao & a presto',
	sender: 'MyShop',
	quality: 'h',
	messageType: 'TEXT',
	returnId: true,
};

describe('smSendClient: HTTP API', () => {
	it('sendSms posts the login and the documented fields to /sms/send.php, in order', async () => {
		const { client, sent } = clientAnswering([{ body: 'OK HTTP00000000111' }]);
		expect(await client.sendSms(SMS, { timeoutMs: 2500 })).toEqual({
			requestId: 'HTTP00000000111',
			raw: 'OK HTTP00000000111',
		});
		expect(sent[0].url).toBe('http://127.0.0.1:9/sms/send.php');
		expect(sent[0].timeout).toBe(2500);
		expect(sent[0].headers['Content-Type']).toBe(
			'application/x-www-form-urlencoded; charset=utf-8',
		);
		expect(fields(sent[0].body)).toEqual([
			...USER,
			['rcpt', '+393201234567'],
			['data', 'Ciao & a presto'],
			['sender', 'MyShop'],
			['qty', 'h'],
			['operation', 'TEXT'],
			['return_id', '1'],
		]);
	});

	it('sendSms sends a WAP push URL, and answers the cost when no request id is asked for', async () => {
		const { client, sent } = clientAnswering([{ body: 'OK 0,0650' }]);
		const wap = { ...SMS, messageType: 'WAPPUSH' as const, url: 'https://x.it', returnId: false };
		expect(await client.sendSms(wap, { timeoutMs: 1000 })).toEqual({
			cost: 0.065,
			raw: 'OK 0,0650',
		});
		expect(fields(sent[0].body).slice(2)).toEqual([
			['rcpt', '+393201234567'],
			['data', 'Ciao & a presto'],
			['sender', 'MyShop'],
			['qty', 'h'],
			['operation', 'WAPPUSH'],
			['url', 'https://x.it'],
		]);
		expect(previewSendSms(wap)).toEqual({
			endpoint: '/sms/send.php',
			...Object.fromEntries(fields(sent[0].body).slice(2)),
		});
	});

	it('sendSms throws a KO reply as the error its table describes', async () => {
		const { client } = clientAnswering([{ body: 'KO Credito insufficiente.' }]);
		await expect(client.sendSms(SMS, { timeoutMs: 1000 })).rejects.toMatchObject({
			message: 'smSend refused the request: not enough credit (KO_CREDIT)',
		});
	});

	it('credit asks credit.php for the type and reads the amount', async () => {
		const { client, sent } = clientAnswering([{ body: 'OK 12,3456' }]);
		expect(await client.credit('n')).toEqual({ amount: 12.3456, raw: 'OK 12,3456' });
		expect(sent[0].url).toBe('http://127.0.0.1:9/sms/credit.php');
		expect(sent[0].timeout).toBe(30000);
		expect(fields(sent[0].body)).toEqual([...USER, ['type', 'n']]);
	});

	it('batchStatus asks batch-status.php for schema 1 and gives each CSV row its status word', async () => {
		const { client, sent } = clientAnswering([
			{ body: 'id,dest,status\r\n1,+393201234567,200\r\n2,+393201234568,100\r\n' },
		]);
		const rows = await client.batchStatus('HTTP01', 'notify', { timeoutMs: 7000 });
		expect(sent[0].url).toBe('http://127.0.0.1:9/sms/batch-status.php');
		expect(sent[0].timeout).toBe(7000);
		expect(fields(sent[0].body)).toEqual([
			...USER,
			['id', 'HTTP01'],
			['type', 'notify'],
			['schema', '1'],
		]);
		expect(rows).toEqual([
			{ id: '1', dest: '+393201234567', status: '200', statusWord: 'delivered', final: true },
			{ id: '2', dest: '+393201234568', status: '100', statusWord: 'waiting', final: false },
		]);
	});

	it('mnc sends the numbers comma-separated and asks for the request id', async () => {
		const { client, sent } = clientAnswering([{ body: 'OK MNC0001' }]);
		expect(await client.mnc(['+393201234567', '+393331234567'])).toEqual({
			requestId: 'MNC0001',
			raw: 'OK MNC0001',
		});
		expect(sent[0].url).toBe('http://127.0.0.1:9/sms/mnc.php');
		expect(fields(sent[0].body)).toEqual([
			...USER,
			['numbers', '+393201234567,+393331234567'],
			['return_id', '1'],
		]);
	});
});

describe('smSendClient: web services', () => {
	it('receiveSms calls the receiveSms service on the SOAP host and reads the messages', async () => {
		const { client, sent } = clientAnswering([
			{
				contentType: 'text/xml; charset=ISO-8859-1',
				body: nusoap(
					'<ns1:receiveSmsResponse xmlns:ns1="urn:receiveSmswsdl"><response><item><id>5678</id>' +
						'<sender>+393331112222</sender><text>ciao</text><date>2025-01-15 10:00:00</date></item>' +
						'</response></ns1:receiveSmsResponse>',
				),
			},
		]);
		const messages = await client.receiveSms({
			receptionNumber: '+393400000000',
			sharecode: '001',
			count: 20,
			timeZone: 'Europe/Rome',
		});
		expect(messages).toEqual([
			{
				id: 5678,
				sender: '+393331112222',
				text: 'ciao',
				receivedAt: '2025-01-15T10:00:00+01:00',
				recipientNumber: '+393400000000',
				sharecode: '001',
				raw: { id: '5678', sender: '+393331112222', text: 'ciao', date: '2025-01-15 10:00:00' },
			},
		]);
		expect(sent[0].url).toBe('http://127.0.0.1:8/wsdl/index.php');
		expect(sent[0].headers.SOAPAction).toBe('"urn:receiveSmswsdl#receiveSms"');
		expect(sent[0].body).toContain(
			'<tns:receiveSms xmlns:tns="urn:receiveSmswsdl">' +
				'<user xsi:type="xsd:string">mario</user><pass xsi:type="xsd:string">pa ss+word</pass>' +
				'<rcpt xsi:type="xsd:string">+393400000000</rcpt><sharecode xsi:type="xsd:string">001</sharecode>' +
				'<messages xsi:type="xsd:string">20</messages></tns:receiveSms>',
		);
	});

	const mmsReply = {
		contentType: 'text/xml; charset=ISO-8859-1',
		body: nusoap(
			'<ns1:sendMmsResponse xmlns:ns1="urn:sendMmswsdl"><response>3700</response></ns1:sendMmsResponse>',
		),
	};
	const MMS = { recipients: ['+393201234567', '+393331234567'], subject: 'Offerta', text: 'Testo' };

	it('sendMms sends the plain password, the media present (no video element without one) and reads the credit spent', async () => {
		const { client, sent } = clientAnswering([mmsReply]);
		expect(await client.sendMms({ ...MMS, image: 'aW1n' }, { timeoutMs: 60000 })).toEqual({
			creditSpentEuro: 0.37,
			creditSpent: 3700,
			raw: '3700',
		});
		expect(sent[0].url).toBe('http://127.0.0.1:8/sms-gw/index.php');
		expect(sent[0].headers.SOAPAction).toBe('"urn:sendMmswsdl#sendMms"');
		expect(sent[0].body).toContain(
			'<id xsi:type="xsd:string">C00000_001</id><password xsi:type="xsd:string">mmsSecret</password>' +
				'<ticket xsi:type="xsd:string"></ticket><subject xsi:type="xsd:string">Offerta</subject>' +
				'<text xsi:type="xsd:string">Testo</text><rcpt xsi:type="xsd:string">+393201234567,+393331234567</rcpt>' +
				'<imagedata xsi:type="xsd:base64Binary">aW1n</imagedata>' +
				'<sounddata xsi:nil="true" xsi:type="xsd:base64Binary"/></tns:sendMms>',
		);
	});

	it('sendMms with MD5 authentication sends the ticket, never the password', async () => {
		const { client, sent } = clientAnswering([mmsReply], { mmsAuth: 'md5' });
		await client.sendMms({ ...MMS, video: 'dmlk' }, { timeoutMs: 60000 });
		const ticket = createHash('md5')
			.update('C00000_001+393201234567,+393331234567OffertaTestommsSecret')
			.digest('hex');
		expect(sent[0].body).toContain(
			`<password xsi:type="xsd:string"></password><ticket xsi:type="xsd:string">${ticket}</ticket>`,
		);
		expect(sent[0].body).toContain('<videodata xsi:type="xsd:base64Binary">dmlk</videodata>');
		expect(sent[0].body).not.toContain('mmsSecret');
	});
});

describe('smSendClient.backoffice', () => {
	it.each([
		[
			'createClient',
			'OK 1001',
			async (client: ReturnType<typeof smSendClient>) =>
				await client.backoffice.createClient({
					name: 'Rossi',
					username: 'rossi',
					password: 'pw',
					reseller: 0,
					profileId: 2,
					reference: 'R-1',
				}),
			'/backoffice/client-add.php',
			[
				['name', 'Rossi'],
				['username', 'rossi'],
				['password', 'pw'],
				['reseller', '0'],
				['tpl_id', '2'],
				['ref_id', 'R-1'],
			],
			{ clientId: 1001, raw: 'OK 1001' },
		],
		[
			'setClientStatus',
			'OK Disattivato',
			async (client: ReturnType<typeof smSendClient>) =>
				await client.backoffice.setClientStatus(1001, true),
			'/backoffice/client-status.php',
			[
				['u_id', '1001'],
				['active', '1'],
			],
			{ active: false, status: 'Disattivato', raw: 'OK Disattivato' },
		],
		[
			'clientCredit',
			'OK 123.4567',
			async (client: ReturnType<typeof smSendClient>) => await client.backoffice.clientCredit(7),
			'/backoffice/credit-get.php',
			[['u_id', '7']],
			{ creditEuro: 123.4567, raw: 'OK 123.4567' },
		],
		[
			'addCredit',
			'OK 55',
			async (client: ReturnType<typeof smSendClient>) =>
				await client.backoffice.addCredit({ clientId: 7, tariffId: 1, credit: '12.5' }),
			'/backoffice/credit-add.php',
			[
				['u_id', '7'],
				['bill_id', '1'],
				['credit', '12.5'],
			],
			{ creditOperationId: 55, raw: 'OK 55' },
		],
		[
			'createReception',
			'OK 001,002',
			async (client: ReturnType<typeof smSendClient>) =>
				await client.backoffice.createReception({
					clientId: 7,
					receptionNumber: '+393400000000',
					count: 2,
				}),
			'/backoffice/recv-add.php',
			[
				['u_id', '7'],
				['dest', '+393400000000'],
				['num', '2'],
			],
			{ sharecodes: ['001', '002'], raw: 'OK 001,002' },
		],
		[
			'revokeReception',
			'OK',
			async (client: ReturnType<typeof smSendClient>) =>
				await client.backoffice.revokeReception({
					clientId: 7,
					receptionNumber: '+393400000000',
					sharecode: '001',
				}),
			'/backoffice/recv-del.php',
			[
				['u_id', '7'],
				['dest', '+393400000000'],
				['sharecode', '001'],
			],
			{ raw: 'OK' },
		],
		[
			'userLog',
			'id\tvalue\n1\t10.5\n',
			async (client: ReturnType<typeof smSendClient>) =>
				await client.backoffice.userLog({ type: 'credits', clientId: 7, from: '2025-01-01' }),
			'/backoffice/userlog-get.php',
			[
				['type', 'credits'],
				['u_id', '7'],
				['from', '2025-01-01'],
			],
			{ columns: ['id', 'value'], rows: [{ id: '1', value: '10.5' }] },
		],
	])(
		'%s posts the reseller login and its fields',
		async (_, reply, call, path, expected, result) => {
			const { client, sent } = clientAnswering([{ body: reply }]);
			expect(await call(client)).toEqual(result);
			expect(sent[0].url).toBe(`http://127.0.0.1:9${path}`);
			expect(sent[0].timeout).toBe(30000);
			expect(fields(sent[0].body)).toEqual([...RESELLER, ...expected]);
		},
	);

	it("createClient never shows the new client's password, should the gateway echo it", async () => {
		const { client } = clientAnswering([{ body: 'KO Parametro secretpw non valido' }]);
		const failure = await client.backoffice
			.createClient({ name: 'n', username: 'u', password: 'secretpw', reseller: 0 })
			.catch((error: unknown) => error);
		expect(JSON.stringify(failure)).not.toContain('secretpw');
		expect(String((failure as Error).message)).not.toContain('secretpw');
	});
});
