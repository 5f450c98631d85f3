import { request } from 'undici';
import { startSandbox, MOBILEPRONTO_DEMO_CREDENCIAL as DEMO, Sandbox } from '../../../sandbox';
import { SERVICE, SOAP11, SOAP12, bodyOf, call, envelope, faultOf, post, send } from './soapClient';

const MOBILE = '+55(11)987654321';
const SEND = 'MPG_SendSimple_SMS';
const sms = (message = 'Olá') => ({ Credencial: DEMO, Mobile: MOBILE, Message: message });

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

describe('MobilePronto SOAP 1.1', () => {
	it('accepts a well-formed request and records the SMS', async () => {
		const reply = await call(sb.url, SEND, sms('Olá mundo'));
		expect(reply.status).toBe(200);
		expect(reply.contentType).toBe('text/xml; charset=utf-8');
		expect(reply.text).toContain(`<soap:Envelope xmlns:soap="${SOAP11}"`);
		expect(bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('000');
		expect(sb.mobilePronto.sent).toEqual([
			expect.objectContaining({
				mobile: MOBILE,
				message: 'Olá mundo',
				soapVersion: '1.1',
				credencial: DEMO,
			}),
		]);
		expect(sb.requests).toHaveLength(1);
		expect(sb.requests[0]).toMatchObject({
			gateway: 'mobilepronto',
			operation: SEND,
			method: 'POST',
			path: SERVICE,
			params: { Credencial: DEMO, Mobile: MOBILE, Message: 'Olá mundo' },
			resultCode: '000',
			status: 200,
		});
		expect(sb.requests[0].headers.soapaction).toBe('"PWGateway/MPG_SendSimple_SMS"');
		expect(sb.requests[0].rawBody).toContain('<Message>Olá mundo</Message>');
	});

	it('accepts an unquoted SOAPAction, as ASP.NET does', async () => {
		const reply = await call(sb.url, SEND, sms(), { soapAction: 'PWGateway/MPG_SendSimple_SMS' });
		expect(bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('000');
	});

	it.each([
		['missing', null, 'Server did not recognize the value of HTTP Header SOAPAction: .'],
		[
			'unknown',
			'"PWGateway/MPG_Other"',
			'Server did not recognize the value of HTTP Header SOAPAction: PWGateway/MPG_Other.',
		],
		[
			'wrong namespace',
			'"http://tempuri.org/MPG_SendSimple_SMS"',
			'SOAPAction: http://tempuri.org/MPG_SendSimple_SMS.',
		],
		['wrong case', '"PWGateway/mpg_sendsimple_sms"', 'SOAPAction: PWGateway/mpg_sendsimple_sms.'],
	])('rejects a %s SOAPAction with a soap:Client fault', async (_label, soapAction, message) => {
		const reply = await call(sb.url, SEND, sms(), { soapAction });
		expect(reply.status).toBe(500);
		expect(reply.contentType).toBe('text/xml; charset=utf-8');
		const fault = faultOf(reply.text);
		expect(fault.code).toBe('soap:Client');
		expect(fault.text).toContain(message);
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('rejects a body element that does not match the SOAPAction', async () => {
		const reply = await post(sb.url, envelope('1.1', 'MPG_Credits', { Credencial: DEMO }), SEND);
		expect(reply.status).toBe(500);
		expect(faultOf(reply.text)).toEqual({
			code: 'soap:Client',
			text: expect.stringContaining("<MPG_Credits xmlns='PWGateway'> was not expected"),
		});
	});

	it('rejects a body element outside the PWGateway namespace', async () => {
		const xml = envelope('1.1', SEND, sms()).replace(
			'xmlns="PWGateway"',
			'xmlns="http://tempuri.org/"',
		);
		const reply = await post(sb.url, xml, SEND);
		expect(reply.status).toBe(500);
		expect(faultOf(reply.text).text).toContain("xmlns='http://tempuri.org/'> was not expected");
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('answers a SOAP 1.2 envelope sent as text/xml with a VersionMismatch fault', async () => {
		const reply = await post(sb.url, envelope('1.1', SEND, sms(), SOAP12), SEND);
		expect(reply.status).toBe(500);
		expect(faultOf(reply.text).code).toBe('soap:VersionMismatch');
		expect(faultOf(reply.text).text).toContain(`Envelope namespace ${SOAP12} was unexpected`);
	});

	it.each([
		['truncated', (x: string) => x.slice(0, x.length - 20)],
		['unescaped ampersand', (x: string) => x.replace('Olá', 'A & B')],
		['undeclared entity', (x: string) => x.replace('Olá', 'A&nbsp;B')],
		['DTD', (x: string) => x.replace('?>', '?><!DOCTYPE x [<!ENTITY e "boom">]>')],
		['empty body', () => ''],
	])(
		'answers malformed XML (%s) with "Server was unable to read request"',
		async (_label, damage) => {
			const reply = await post(sb.url, damage(envelope('1.1', SEND, sms())), SEND);
			expect(reply.status).toBe(500);
			const fault = faultOf(reply.text);
			expect(fault.code).toBe('soap:Client');
			expect(fault.text).toMatch(/^Server was unable to read request\./);
			expect(sb.mobilePronto.sent).toHaveLength(0);
		},
	);

	it('binds misspelled or missing fields as empty', async () => {
		const misspelled = await call(sb.url, SEND, { credencial: DEMO, Mobile: MOBILE, Message: 'x' });
		expect(bodyOf(misspelled.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('001');
		const noMessage = await call(sb.url, SEND, { Credencial: DEMO, Mobile: MOBILE, message: 'x' });
		expect(bodyOf(noMessage.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('013');
		expect(sb.requests[1].params).toEqual({ Credencial: DEMO, Mobile: MOBILE, Message: null });
	});

	it('ignores fields outside the PWGateway namespace (document/literal, qualified)', async () => {
		const xml = envelope('1.1', SEND, {})
			.replace(
				'<MPG_SendSimple_SMS xmlns="PWGateway">',
				`<pw:MPG_SendSimple_SMS xmlns:pw="PWGateway"><Credencial>${DEMO}</Credencial><Mobile>${MOBILE}</Mobile><Message>x</Message>`,
			)
			.replace('</MPG_SendSimple_SMS>', '</pw:MPG_SendSimple_SMS>');
		const reply = await post(sb.url, xml, SEND);
		expect(bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('001');

		const prefixed = xml.replace(/<(\/?)(Credencial|Mobile|Message)>/g, '<$1pw:$2>');
		const ok = await post(sb.url, prefixed, SEND);
		expect(bodyOf(ok.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('000');
	});

	it('round-trips XML special characters exactly, in request and reply', async () => {
		const message = `5 < 6 & 7 > 3 "quoted" 'single' &amp; ]]> <b>`;
		expect(await send(sb.url, DEMO, MOBILE, message)).toBe('000');
		expect(sb.mobilePronto.sent[0].message).toBe(message);

		sb.mobilePronto.forceCode(MOBILE, '950<&>"\'');
		const reply = await call(sb.url, SEND, sms());
		expect(reply.text).toContain(
			'<MPG_SendSimple_SMSResult>950&lt;&amp;&gt;&quot;&apos;</MPG_SendSimple_SMSResult>',
		);
	});

	it('decodes CDATA sections and character references', async () => {
		const xml = envelope('1.1', SEND, sms('PLACEHOLDER')).replace(
			'PLACEHOLDER',
			'<![CDATA[a<b&c]]>&#233;&#x1F600;',
		);
		const reply = await post(sb.url, xml, SEND);
		expect(bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('000');
		expect(sb.mobilePronto.sent[0].message).toBe('a<b&cé😀');
	});

	it('honours a declared ISO-8859-1 request charset', async () => {
		const xml = envelope('1.1', SEND, sms('Ação à vista')).replace(
			'encoding="utf-8"',
			'encoding="ISO-8859-1"',
		);
		const reply = await post(sb.url, Buffer.from(xml, 'latin1'), SEND, {
			contentType: 'text/xml; charset=ISO-8859-1',
		});
		expect(bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('000');
		expect(sb.mobilePronto.sent[0].message).toBe('Ação à vista');
	});
});

describe('MobilePronto SOAP 1.2', () => {
	it('accepts a request without action parameter, routing by body element', async () => {
		const reply = await call(sb.url, SEND, sms(), { version: '1.2' });
		expect(reply.status).toBe(200);
		expect(reply.contentType).toBe('application/soap+xml; charset=utf-8');
		expect(reply.text).toContain(`xmlns:soap12="${SOAP12}"`);
		expect(bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('000');
		expect(sb.mobilePronto.sent[0].soapVersion).toBe('1.2');
	});

	it('accepts a matching action parameter', async () => {
		const reply = await call(sb.url, SEND, sms(), {
			version: '1.2',
			action12: 'PWGateway/MPG_SendSimple_SMS',
		});
		expect(bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toBe('000');
	});

	it('rejects an action parameter that does not match the body with a SOAP 1.2 fault', async () => {
		const reply = await call(sb.url, SEND, sms(), {
			version: '1.2',
			action12: 'PWGateway/MPG_Credits',
		});
		expect(reply.status).toBe(500);
		expect(reply.contentType).toBe('application/soap+xml; charset=utf-8');
		expect(faultOf(reply.text).code).toBe('soap12:Sender');
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('rejects an unknown body element', async () => {
		const reply = await post(sb.url, envelope('1.2', 'MPG_Other', {}), 'x', { version: '1.2' });
		expect(reply.status).toBe(500);
		expect(faultOf(reply.text).code).toBe('soap12:Sender');
	});

	it('answers a SOAP 1.1 envelope sent as application/soap+xml with a VersionMismatch fault', async () => {
		const reply = await post(sb.url, envelope('1.2', SEND, sms(), SOAP11), SEND, {
			version: '1.2',
		});
		expect(reply.status).toBe(500);
		expect(faultOf(reply.text).code).toBe('soap12:VersionMismatch');
	});
});

describe('MobilePronto HTTP surface', () => {
	it.each(['application/json', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded'])(
		'answers Content-Type %s with 415',
		async (contentType) => {
			const reply = await call(sb.url, SEND, sms(), { contentType });
			expect(reply.status).toBe(415);
			expect(sb.mobilePronto.sent).toHaveLength(0);
		},
	);

	it('serves an HTML help page on GET', async () => {
		const res = await request(sb.url + SERVICE);
		expect(res.statusCode).toBe(200);
		expect(res.headers['content-type']).toMatch(/^text\/html/);
		const html = await res.body.text();
		expect(html).toContain('MPG_SendSimple_SMS');
		expect(html).toContain('MPG_Credits');
	});

	it.each(['/sms/v_2_00/other.asmx', '/', '/sms/v_1_00/service.asmx', '/service.asmx'])(
		'answers %s with an IIS 404 page',
		async (path) => {
			const reply = await call(sb.url, SEND, sms(), { path });
			expect(reply.status).toBe(404);
			expect(reply.contentType).toMatch(/^text\/html/);
			expect(reply.text).toContain('404 - File or directory not found.');
			expect(sb.mobilePronto.sent).toHaveLength(0);
			expect(sb.requests[0]).toMatchObject({ path, status: 404 });
		},
	);

	it('does not serve the HTTP POST protocol (service.asmx/Operation)', async () => {
		const reply = await call(sb.url, SEND, sms(), { path: `${SERVICE}/MPG_SendSimple_SMS` });
		expect(reply.status).toBe(500);
		expect(reply.contentType).toMatch(/^text\/html/);
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});
});

describe('MPG_Credits', () => {
	const credits = async (credencial: string, version: '1.1' | '1.2' = '1.1') => {
		const reply = await call(sb.url, 'MPG_Credits', { Credencial: credencial }, { version });
		expect(reply.status).toBe(200);
		const response = bodyOf(reply.text).MPG_CreditsResponse;
		return [String(response.MPG_CreditsResult), String(response.v_st_Status)];
	};

	it('returns the balance and follows credit decrements', async () => {
		expect(await credits(DEMO)).toEqual(['1000', '000']);
		expect(await send(sb.url, DEMO, MOBILE, 'one')).toBe('000');
		expect(await send(sb.url, DEMO, MOBILE, 'two', '1.2')).toBe('000');
		expect(await credits(DEMO, '1.2')).toEqual(['998', '000']);
		expect(sb.mobilePronto.getAccount(DEMO)?.credits).toBe(998);
		expect(sb.requests.map((r) => r.operation)).toEqual(['MPG_Credits', SEND, SEND, 'MPG_Credits']);
	});

	it('answers -1/001 for a bad credential and -1/010 for a blocked account', async () => {
		expect(await credits('nope')).toEqual(['-1', '001']);
		expect(await credits('X'.repeat(40))).toEqual(['-1', '001']);
		sb.mobilePronto.addAccount({ credencial: 'B'.repeat(40), credits: 5, blocked: true });
		expect(await credits('B'.repeat(40))).toEqual(['-1', '010']);
	});
});
