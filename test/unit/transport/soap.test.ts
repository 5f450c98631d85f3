import fc from 'fast-check';

import { smSendSoapFaultError } from '../../../nodes/SmSend/transport/soapFaults';
import { GatewayError } from '../../../nodes/transport/errors';
import { buildSoapEnvelope, soapHeaders } from '../../../nodes/transport/soapEnvelope';
import { escapeXml } from '../../../nodes/transport/xmlText';
import { parseSoapReply } from '../../../nodes/transport/soapReply';

function expectGatewayError(run: () => unknown, code: string): GatewayError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(GatewayError);
		expect((error as GatewayError).details.code).toBe(code);
		return error as GatewayError;
	}
	throw new Error('expected a GatewayError');
}

const MP = { gateway: 'MobilePronto' as const, responseElement: 'MPG_SendSimple_SMSResponse' };
const RECV = {
	gateway: 'smSend' as const,
	responseElement: 'receiveSmsResponse',
	readFault: smSendSoapFaultError,
};
const MMS = {
	gateway: 'smSend' as const,
	responseElement: 'sendMmsResponse',
	readFault: smSendSoapFaultError,
};

const asmx = (inner: string, version: '1.1' | '1.2' = '1.1') => {
	const [prefix, ns] =
		version === '1.1'
			? ['soap', 'http://schemas.xmlsoap.org/soap/envelope/']
			: ['soap12', 'http://www.w3.org/2003/05/soap-envelope'];
	return (
		'<?xml version="1.0" encoding="utf-8"?>\r\n' +
		`<${prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:${prefix}="${ns}">\r\n` +
		`  <${prefix}:Body>\r\n    ${inner}\r\n  </${prefix}:Body>\r\n</${prefix}:Envelope>`
	);
};

const nusoap = (inner: string) =>
	'<?xml version="1.0" encoding="ISO-8859-1"?>\n' +
	'<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" ' +
	'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
	'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ' +
	'xmlns:tns="urn:receiveSmswsdl">\n<SOAP-ENV:Body>\n' +
	inner +
	'\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>';

describe('escapeXml', () => {
	it('escapes the five special characters', () => {
		expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
	});

	it('keeps tab/LF, keeps CR as a reference, strips illegal characters', () => {
		expect(escapeXml('a\tb\nc\rd')).toBe('a\tb\nc&#13;d');
		expect(escapeXml('x\u0000\u0001\u0008\u000B\u000C\u001Fy\uFFFE\uFFFF')).toBe('xy');
		expect(escapeXml('lone \uD800 high \uDC00 low 😀 pair')).toBe('lone  high  low 😀 pair');
	});

	it('is idempotent on plain text', () => {
		expect(escapeXml('Olá mundo 123')).toBe('Olá mundo 123');
	});
});

describe('buildSoapEnvelope', () => {
	it('builds the ASP.NET SOAP 1.1 document envelope', () => {
		const xml = buildSoapEnvelope({
			version: '1.1',
			style: 'document',
			namespace: 'PWGateway',
			operation: 'MPG_SendSimple_SMS',
			params: [
				['Credencial', 'KEY'],
				['Mobile', '+55(11)987654321'],
				['Message', 'Tom & Jerry <3'],
			],
		});
		expect(xml).toBe(
			'<?xml version="1.0" encoding="utf-8"?>' +
				'<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
				'<soap:Body><MPG_SendSimple_SMS xmlns="PWGateway"><Credencial>KEY</Credencial>' +
				'<Mobile>+55(11)987654321</Mobile><Message>Tom &amp; Jerry &lt;3</Message></MPG_SendSimple_SMS>' +
				'</soap:Body></soap:Envelope>',
		);
	});

	it('uses soap12 for SOAP 1.2 and accepts a record', () => {
		const xml = buildSoapEnvelope({
			version: '1.2',
			style: 'document',
			namespace: 'PWGateway',
			operation: 'MPG_Credits',
			params: { Credencial: 'KEY', Skipped: undefined, Nothing: null, Count: 3 },
		});
		expect(xml).toContain('<soap12:Envelope ');
		expect(xml).toContain('xmlns:soap12="http://www.w3.org/2003/05/soap-envelope"');
		expect(xml).toContain(
			'<soap12:Body><MPG_Credits xmlns="PWGateway"><Credencial>KEY</Credencial><Nothing xsi:nil="true" /><Count>3</Count></MPG_Credits>',
		);
		expect(xml).not.toContain('Skipped');
	});

	it('builds the NuSOAP rpc/encoded envelope', () => {
		const xml = buildSoapEnvelope({
			version: '1.1',
			style: 'rpc',
			namespace: 'urn:sendMmswsdl',
			operation: 'sendMms',
			params: [
				['id', 'C00000_001'],
				['text', "Testo dell'MMS"],
				['messages', 10],
				['imagedata', { type: 'xsd:base64Binary', value: 'R0lGODlh' }],
				['sounddata', null],
				['videodata', { type: 'xsd:base64Binary', value: null }],
			],
		});
		expect(xml).toBe(
			'<?xml version="1.0" encoding="ISO-8859-1"?>' +
				'<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" ' +
				'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
				'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ' +
				'xmlns:tns="urn:sendMmswsdl"><SOAP-ENV:Body><tns:sendMms xmlns:tns="urn:sendMmswsdl">' +
				'<id xsi:type="xsd:string">C00000_001</id>' +
				'<text xsi:type="xsd:string">Testo dell&apos;MMS</text>' +
				'<messages xsi:type="xsd:int">10</messages>' +
				'<imagedata xsi:type="xsd:base64Binary">R0lGODlh</imagedata>' +
				'<sounddata xsi:nil="true" xsi:type="xsd:base64Binary"/>' +
				'<videodata xsi:nil="true" xsi:type="xsd:base64Binary"/>' +
				'</tns:sendMms></SOAP-ENV:Body></SOAP-ENV:Envelope>',
		);
	});

	it('ISO-8859-1 envelopes carry non-latin1 characters as references', () => {
		const xml = buildSoapEnvelope({
			version: '1.1',
			style: 'rpc',
			namespace: 'urn:receiveSmswsdl',
			operation: 'receiveSms',
			params: [['text', 'Però 5€ 😀']],
		});
		expect(xml).toContain('>Però 5&#8364; &#128512;</text>');
		expect([...xml].every((char) => (char.codePointAt(0) ?? 0) <= 0xff)).toBe(true);
		const utf8 = buildSoapEnvelope({
			version: '1.1',
			style: 'rpc',
			namespace: 'urn:x',
			operation: 'op',
			params: [['text', '5€']],
			encoding: 'utf-8',
		});
		expect(utf8).toContain('encoding="utf-8"');
		expect(utf8).toContain('>5€<');
	});

	it('rpc over SOAP 1.2 puts encodingStyle below the Body', () => {
		const xml = buildSoapEnvelope({
			version: '1.2',
			style: 'rpc',
			namespace: 'urn:x',
			operation: 'op',
			params: [],
		});
		expect(xml).toContain('xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"');
		expect(xml).toContain(
			'<tns:op xmlns:tns="urn:x" SOAP-ENV:encodingStyle="http://www.w3.org/2003/05/soap-encoding">',
		);
	});

	it('rejects element names that are not XML names', () => {
		expect(() =>
			buildSoapEnvelope({
				version: '1.1',
				style: 'document',
				namespace: 'n',
				operation: 'op',
				params: [['a b', 'x']],
			}),
		).toThrow(TypeError);
		expect(() =>
			buildSoapEnvelope({
				version: '1.1',
				style: 'document',
				namespace: 'n',
				operation: '<x>',
				params: [],
			}),
		).toThrow(TypeError);
	});
});

describe('soapHeaders', () => {
	it('SOAP 1.1 document', () => {
		expect(soapHeaders('1.1', 'PWGateway', 'MPG_SendSimple_SMS', 'document')).toEqual({
			'Content-Type': 'text/xml; charset=utf-8',
			SOAPAction: '"PWGateway/MPG_SendSimple_SMS"',
		});
		expect(soapHeaders('1.1', 'http://tempuri.org/', 'Op', 'document').SOAPAction).toBe(
			'"http://tempuri.org/Op"',
		);
	});

	it('SOAP 1.1 rpc', () => {
		expect(soapHeaders('1.1', 'urn:receiveSmswsdl', 'receiveSms', 'rpc')).toEqual({
			'Content-Type': 'text/xml; charset=ISO-8859-1',
			SOAPAction: '"urn:receiveSmswsdl#receiveSms"',
		});
	});

	it('SOAP 1.2 puts the action in the content type', () => {
		expect(soapHeaders('1.2', 'PWGateway', 'MPG_SendSimple_SMS', 'document')).toEqual({
			'Content-Type': 'application/soap+xml; charset=utf-8; action="PWGateway/MPG_SendSimple_SMS"',
		});
	});
});

describe('parseSoapReply', () => {
	it('reads the MobilePronto result (SOAP 1.1 and 1.2)', () => {
		const inner =
			'<MPG_SendSimple_SMSResponse xmlns="PWGateway"><MPG_SendSimple_SMSResult>000</MPG_SendSimple_SMSResult></MPG_SendSimple_SMSResponse>';
		expect(parseSoapReply(asmx(inner), MP)).toEqual({ MPG_SendSimple_SMSResult: '000' });
		expect(parseSoapReply(asmx(inner, '1.2'), MP)).toEqual({ MPG_SendSimple_SMSResult: '000' });
	});

	it('keeps leading zeros and several children as strings', () => {
		const inner =
			'<MPG_CreditsResponse xmlns="PWGateway"><MPG_CreditsResult>12</MPG_CreditsResult><v_st_Status>000</v_st_Status></MPG_CreditsResponse>';
		expect(
			parseSoapReply(asmx(inner), {
				gateway: 'MobilePronto',
				responseElement: 'MPG_CreditsResponse',
			}),
		).toEqual({
			MPG_CreditsResult: '12',
			v_st_Status: '000',
		});
	});

	it('decodes entities and character references in text', () => {
		const inner =
			'<MPG_SendSimple_SMSResponse xmlns="PWGateway"><MPG_SendSimple_SMSResult>a &amp;amp; &lt;b&gt; &quot;&apos; &#233;&#xE9; &#128512; &unknown; &#0;</MPG_SendSimple_SMSResult></MPG_SendSimple_SMSResponse>';
		expect(parseSoapReply(asmx(inner), MP).MPG_SendSimple_SMSResult).toBe(
			`a &amp; <b> "' éé 😀 &unknown; &#0;`,
		);
	});

	it('never expands DOCTYPE entities', () => {
		const xml =
			'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY boom "BOOM">]>' +
			'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
			'<MPG_SendSimple_SMSResponse><MPG_SendSimple_SMSResult>&boom;</MPG_SendSimple_SMSResult></MPG_SendSimple_SMSResponse>' +
			'</soap:Body></soap:Envelope>';
		expect(parseSoapReply(xml, MP).MPG_SendSimple_SMSResult).toBe('&boom;');
	});

	it('reads a NuSOAP array with one item', () => {
		const xml = nusoap(`<ns1:receiveSmsResponse xmlns:ns1="urn:receiveSmswsdl">
        <response xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:recvSms[1]">
            <item xsi:type="tns:recvSms">
                <id xsi:type="xsd:int">5678</id>
                <sender xsi:type="xsd:string">+39XXXYYYYYYY</sender>
                <text xsi:type="xsd:string">texte du message</text>
                <date xsi:type="xsd:dateTime">2005-11-22 11:07:02</date>
            </item>
        </response>
    </ns1:receiveSmsResponse>`);
		expect(parseSoapReply(xml, RECV)).toEqual({
			response: {
				item: [
					{
						id: '5678',
						sender: '+39XXXYYYYYYY',
						text: 'texte du message',
						date: '2005-11-22 11:07:02',
					},
				],
			},
		});
	});

	it('reads a NuSOAP array with two items and an empty array', () => {
		const item = (id: number) =>
			`<item xsi:type="tns:recvSms"><id xsi:type="xsd:int">${id}</id><sender xsi:type="xsd:string">+39333</sender><text xsi:type="xsd:string"> spaced </text><date xsi:type="xsd:dateTime">2005-11-22 11:07:02</date></item>`;
		const two = nusoap(
			`<ns1:receiveSmsResponse xmlns:ns1="urn:receiveSmswsdl"><response xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:recvSms[2]">${item(1)}${item(2)}</response></ns1:receiveSmsResponse>`,
		);
		const parsed = parseSoapReply(two, RECV) as {
			response: { item: Array<{ id: string; text: string }> };
		};
		expect(parsed.response.item.map((entry) => entry.id)).toEqual(['1', '2']);
		expect(parsed.response.item[0].text).toBe(' spaced ');

		const empty = nusoap(
			'<ns1:receiveSmsResponse xmlns:ns1="urn:receiveSmswsdl"><response xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:recvSms[0]"/></ns1:receiveSmsResponse>',
		);
		expect(parseSoapReply(empty, RECV)).toEqual({ response: { item: [] } });
		const emptyWithSpace = nusoap(
			'<ns1:receiveSmsResponse xmlns:ns1="urn:receiveSmswsdl"><response xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:recvSms[0]">\n</response></ns1:receiveSmsResponse>',
		);
		expect(parseSoapReply(emptyWithSpace, RECV)).toEqual({ response: { item: [] } });
	});

	it('reads the sendMms credit response and nil values', () => {
		const xml = nusoap(
			'<ns1:sendMmsResponse xmlns:ns1="urn:sendMmswsdl"><response xsi:type="xsd:int">3700</response><other xsi:nil="true"/></ns1:sendMmsResponse>',
		);
		expect(parseSoapReply(xml, MMS)).toEqual({ response: '3700', other: null });
	});

	it('an empty response element gives an empty object', () => {
		expect(parseSoapReply(asmx('<MPG_SendSimple_SMSResponse xmlns="PWGateway"/>'), MP)).toEqual({});
	});

	it('turns a NuSOAP fault into the KO table error', () => {
		const xml = nusoap(`<SOAP-ENV:Fault>
         <faultcode xsi:type="xsd:string">KO 211</faultcode>
         <faultactor xsi:type="xsd:string"></faultactor>
         <faultstring xsi:type="xsd:string">quota_abs reached</faultstring>
         <detail xsi:type="xsd:string"></detail>
      </SOAP-ENV:Fault>`);
		const error = expectGatewayError(() => parseSoapReply(xml, MMS), 'KO 211');
		expect(error.details.kind).toBe('gateway');
		expect(error.details.raw).toBe(xml.slice(0, 500) + (xml.length > 500 ? '…' : ''));
	});

	it("reads KO codes only with smSend's fault reader: elsewhere they are an unknown SOAP fault", () => {
		const xml = nusoap(
			'<SOAP-ENV:Fault><faultcode>KO 211</faultcode><faultstring>quota_abs reached</faultstring></SOAP-ENV:Fault>',
		);
		const error = expectGatewayError(
			() => parseSoapReply(xml, { gateway: 'MobilePronto', responseElement: 'x' }),
			'SOAP_FAULT',
		);
		expect(error.message).toBe('MobilePronto returned SOAP fault KO 211: quota_abs reached');
	});

	it('turns ASP.NET SOAP 1.1 and 1.2 faults into errors', () => {
		const fault11 = asmx(
			'<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server was unable to read request. ---&gt; There is an error in XML document (1, 2).</faultstring><detail /></soap:Fault>',
		);
		const error11 = expectGatewayError(() => parseSoapReply(fault11, MP), 'SOAP_CLIENT');
		expect(error11.message).toContain('Server was unable to read request. ---> There is an error');

		const fault12 = asmx(
			'<soap12:Fault><soap12:Code><soap12:Value>soap12:Receiver</soap12:Value></soap12:Code><soap12:Reason><soap12:Text xml:lang="en">Server was unable to process request.</soap12:Text></soap12:Reason><soap12:Detail /></soap12:Fault>',
			'1.2',
		);
		const error12 = expectGatewayError(() => parseSoapReply(fault12, MP), 'SOAP_SERVER');
		expect(error12.message).toContain('Server was unable to process request.');
		expect(error12.details.retryable).toBe(true);
	});

	it.each([
		['', 'EMPTY_BODY'],
		['  \r\n', 'EMPTY_BODY'],
		['<!DOCTYPE html><html><body>Runtime Error</body></html>', 'HTML_PAGE'],
		['<html><head><title>502</title></head></html>', 'HTML_PAGE'],
		['OK 0.0450', 'MALFORMED_XML'],
		['<soap:Envelope><soap:Body><MPG_SendSimple_SMSResponse>', 'MALFORMED_XML'],
		['<a>x & y</a>', 'MALFORMED_XML'],
		['<a/>', 'UNEXPECTED_REPLY'],
		['<Envelope><Header/></Envelope>', 'UNEXPECTED_REPLY'],
		['<Envelope><Body><Other/></Body></Envelope>', 'UNEXPECTED_REPLY'],
		[
			'<Envelope><Body><MPG_SendSimple_SMSResponse/><MPG_SendSimple_SMSResponse/></Body></Envelope>',
			'UNEXPECTED_REPLY',
		],
		['<Envelope><Body><constructor/></Body></Envelope>', 'UNEXPECTED_REPLY'],
		['<a>'.repeat(150) + '</a>'.repeat(150), 'UNEXPECTED_REPLY'],
	])('rejects %p with %s', (xml, code) => {
		const error = expectGatewayError(() => parseSoapReply(xml, MP), code);
		expect(error.details.gateway).toBe('MobilePronto');
	});

	it('tolerates a BOM and leading whitespace', () => {
		const inner =
			'<MPG_SendSimple_SMSResponse xmlns="PWGateway"><MPG_SendSimple_SMSResult>009</MPG_SendSimple_SMSResult></MPG_SendSimple_SMSResponse>';
		expect(parseSoapReply(`\uFEFF\r\n ${asmx(inner)}`, MP)).toEqual({
			MPG_SendSimple_SMSResult: '009',
		});
	});

	// Characters XML 1.0 allows.
	const xmlChar = fc
		.oneof(
			fc.constantFrom('\t', '\n', '\r', '&', '<', '>', '"', "'", ']]>', '&amp;', '&#233;', ' '),
			fc.integer({ min: 0x20, max: 0xd7ff }),
			fc.integer({ min: 0xe000, max: 0xfffd }),
			fc.integer({ min: 0x10000, max: 0x10ffff }),
		)
		.map((unit) => (typeof unit === 'string' ? unit : String.fromCodePoint(unit)));

	it('property: escaped text inside an envelope parses back to itself', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: xmlChar }),
				fc.constantFrom('document', 'rpc'),
				(text, style) => {
					const request = buildSoapEnvelope({
						version: '1.1',
						style: style as 'document' | 'rpc',
						namespace: 'urn:x',
						operation: 'echoResponse',
						params: [['value', text]],
					});
					expect(
						parseSoapReply(request, { gateway: 'smSend', responseElement: 'echoResponse' }),
					).toEqual({
						value: text,
					});
				},
			),
			{ seed: 42, numRuns: 1000 },
		);
	});

	it('property: escapeXml drops only illegal characters', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				const reply = asmx(`<R><V>${escapeXml(text)}</V></R>`);
				// eslint-disable-next-line no-control-regex
				const legal = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
				expect(parseSoapReply(reply, { gateway: 'MobilePronto', responseElement: 'R' })).toEqual({
					V: legal,
				});
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});

	it('property: any string gives a result or a GatewayError', () => {
		const xmlish = fc.string({
			unit: fc.oneof(
				fc.constantFrom(
					'<',
					'>',
					'/',
					'&',
					';',
					'"',
					'=',
					' ',
					'soap:',
					'Envelope',
					'Body',
					'Fault',
					'faultcode',
					'<?xml version="1.0"?>',
					'<![CDATA[',
					']]>',
					'<!DOCTYPE',
					'<!--',
					'-->',
					'MPG_SendSimple_SMSResponse',
					'item',
					'__proto__',
					'xsi:nil="true"',
				),
				fc.string({ unit: 'binary', maxLength: 2 }),
			),
		});
		fc.assert(
			fc.property(fc.oneof(xmlish, fc.string({ unit: 'binary' })), (text) => {
				try {
					parseSoapReply(text, MP);
				} catch (error) {
					expect(error).toBeInstanceOf(GatewayError);
				}
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});

	it('property: well-formed envelopes around random elements give a result or a GatewayError', () => {
		const name = fc.constantFrom(
			'MPG_SendSimple_SMSResponse',
			'Fault',
			'item',
			'faultcode',
			'Code',
			'Value',
			'x',
			'constructor',
		);
		const node: fc.Memo<string> = fc.memo((depth) =>
			depth <= 1
				? fc.string({ unit: 'grapheme-ascii' }).map(escapeXml)
				: fc
						.tuple(name, fc.array(node(depth - 1), { maxLength: 3 }), fc.boolean())
						.map(
							([tag, children, nil]) =>
								`<${tag}${nil ? ' xsi:nil="true"' : ''}>${children.join('')}</${tag}>`,
						),
		);
		fc.assert(
			fc.property(node(4), (inner) => {
				try {
					parseSoapReply(asmx(inner), MP);
				} catch (error) {
					expect(error).toBeInstanceOf(GatewayError);
				}
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});
});
