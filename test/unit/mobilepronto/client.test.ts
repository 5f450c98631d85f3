import type { MobileProntoCredentials } from '../../../nodes/MobilePronto/transport/client';
import {
	mobileProntoClient,
	previewSendSimpleSms,
} from '../../../nodes/MobilePronto/transport/client';
import { GatewayError } from '../../../nodes/transport/errors';
import { recordingSender } from '../../helpers/recordingSender';

const CREDENCIAL = 'C'.repeat(20) + '&<key>' + 'K'.repeat(14);

const credentials = (soapVersion: '1.1' | '1.2' = '1.1'): MobileProntoCredentials => ({
	credencial: CREDENCIAL,
	baseUrl: 'http://127.0.0.1:9/',
	soapVersion,
});

const asmx = (inner: string) =>
	'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
	`<soap:Body>${inner}</soap:Body></soap:Envelope>`;

const sendResult = (result: string) =>
	asmx(
		`<MPG_SendSimple_SMSResponse xmlns="PWGateway"><MPG_SendSimple_SMSResult>${result}</MPG_SendSimple_SMSResult></MPG_SendSimple_SMSResponse>`,
	);

const creditsResult = (result: string, status: string) =>
	asmx(
		`<MPG_CreditsResponse xmlns="PWGateway"><MPG_CreditsResult>${result}</MPG_CreditsResult><v_st_Status>${status}</v_st_Status></MPG_CreditsResponse>`,
	);

const SMS = { mobile: '+55(11)987654321', message: 'Olá & <até> logo' };

describe('mobileProntoClient.sendSimpleSms', () => {
	it('posts the documented SOAP 1.1 request: path, SOAPAction, Credencial first, escaped fields', async () => {
		const { send, sent } = recordingSender({
			contentType: 'text/xml; charset=utf-8',
			body: sendResult('000:MPG000236180474'),
		});
		await mobileProntoClient(send, credentials()).sendSimpleSms(SMS, { timeoutMs: 4321 });
		expect(sent).toHaveLength(1);
		const [request] = sent;
		expect(request.url).toBe('http://127.0.0.1:9/sms/v_2_00/service.asmx');
		expect(request.timeout).toBe(4321);
		expect(request.headers).toEqual({
			'Content-Type': 'text/xml; charset=utf-8',
			SOAPAction: '"PWGateway/MPG_SendSimple_SMS"',
		});
		expect(request.body).toContain(
			'<MPG_SendSimple_SMS xmlns="PWGateway">' +
				'<Credencial>CCCCCCCCCCCCCCCCCCCC&amp;&lt;key&gt;KKKKKKKKKKKKKK</Credencial>' +
				'<Mobile>+55(11)987654321</Mobile>' +
				'<Message>Olá &amp; &lt;até&gt; logo</Message></MPG_SendSimple_SMS>',
		);
	});

	it('puts the action in the content type for SOAP 1.2', async () => {
		const { send, sent } = recordingSender({ body: sendResult('000') });
		await mobileProntoClient(send, credentials('1.2')).sendSimpleSms(SMS, { timeoutMs: 1000 });
		expect(sent[0].headers).toEqual({
			'Content-Type': 'application/soap+xml; charset=utf-8; action="PWGateway/MPG_SendSimple_SMS"',
		});
		expect(sent[0].body).toContain('http://www.w3.org/2003/05/soap-envelope');
	});

	it('returns code 000 with its meaning and the message id when the gateway gives one', async () => {
		const withId = recordingSender({ body: sendResult('000:MPG000236180474') });
		expect(
			await mobileProntoClient(withId.send, credentials()).sendSimpleSms(SMS, { timeoutMs: 1000 }),
		).toEqual({
			code: '000',
			meaning: 'message sent successfully',
			messageId: 'MPG000236180474',
			raw: '000:MPG000236180474',
		});
		const withoutId = recordingSender({ body: sendResult('000') });
		expect(
			await mobileProntoClient(withoutId.send, credentials()).sendSimpleSms(SMS, {
				timeoutMs: 1000,
			}),
		).toEqual({ code: '000', meaning: 'message sent successfully', raw: '000' });
	});

	it('throws any other return code as the GatewayError the code table describes', async () => {
		const { send } = recordingSender({ body: sendResult('018') });
		const failure = mobileProntoClient(send, credentials()).sendSimpleSms(SMS, {
			timeoutMs: 1000,
		});
		await expect(failure).rejects.toBeInstanceOf(GatewayError);
		await expect(failure).rejects.toMatchObject({
			message: 'MobilePronto refused the request: mobile number is on the black list (code 018)',
			details: { gateway: 'MobilePronto', code: '018', kind: 'gateway', raw: '018' },
		});
	});

	it('reads a SOAP fault answered with HTTP 500 as the fault, not as an HTTP error', async () => {
		const { send } = recordingSender({
			statusCode: 500,
			contentType: 'text/xml; charset=utf-8',
			body: asmx(
				'<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Bad request</faultstring></soap:Fault>',
			),
		});
		await expect(
			mobileProntoClient(send, credentials()).sendSimpleSms(SMS, { timeoutMs: 1000 }),
		).rejects.toMatchObject({ details: { code: 'SOAP_CLIENT' } });
	});

	it('previews exactly the fields it sends, without the credencial', () => {
		expect(previewSendSimpleSms(SMS)).toEqual({
			operation: 'MPG_SendSimple_SMS',
			Mobile: '+55(11)987654321',
			Message: 'Olá & <até> logo',
		});
	});
});

describe('mobileProntoClient.credits', () => {
	it('calls MPG_Credits with only the credencial and returns the balance', async () => {
		const { send, sent } = recordingSender({ body: creditsResult('1000', '000') });
		expect(await mobileProntoClient(send, credentials()).credits({ timeoutMs: 1000 })).toEqual({
			balance: 1000,
			code: '000',
			raw: '1000 (v_st_Status 000)',
		});
		expect(sent[0].headers.SOAPAction).toBe('"PWGateway/MPG_Credits"');
		expect(sent[0].body).toContain(
			`<MPG_Credits xmlns="PWGateway"><Credencial>${CREDENCIAL.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</Credencial></MPG_Credits>`,
		);
	});

	it('throws the return code of a refused balance (-1) and a balance that is not a number', async () => {
		const refused = recordingSender({ body: creditsResult('-1', '001') });
		await expect(
			mobileProntoClient(refused.send, credentials()).credits({ timeoutMs: 1000 }),
		).rejects.toMatchObject({ details: { code: '001', raw: '-1 (v_st_Status 001)' } });
		const garbled = recordingSender({ body: creditsResult('lots', '') });
		await expect(
			mobileProntoClient(garbled.send, credentials()).credits({ timeoutMs: 1000 }),
		).rejects.toMatchObject({ details: { code: 'UNEXPECTED_REPLY' } });
	});
});
