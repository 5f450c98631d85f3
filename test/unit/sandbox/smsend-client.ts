import { request } from 'undici';
import { XMLParser } from 'fast-xml-parser';

export const AUTH = { user: 'demo', pass: 'demo-password' };
export const BACKOFFICE = { smsusername: 'reseller', smspassword: 'reseller-password' };
export const FORM = 'application/x-www-form-urlencoded';

export interface Reply {
	status: number;
	contentType: string;
	text: string;
	bytes: Buffer;
}

async function toReply(
	res: Awaited<ReturnType<typeof request>>,
	decodeAs: BufferEncoding = 'utf8',
): Promise<Reply> {
	const bytes = Buffer.from(await res.body.arrayBuffer());
	return {
		status: res.statusCode,
		contentType: String(res.headers['content-type'] ?? ''),
		text: bytes.toString(decodeAs),
		bytes,
	};
}

/** POSTs fields URL-encoded (as a correct client does) or a raw body, to an smSend HTTP endpoint. */
export async function post(
	baseUrl: string,
	path: string,
	fields: Record<string, string> | string | Buffer,
	options: { contentType?: string | null; method?: 'GET' | 'POST' } = {},
): Promise<Reply> {
	const body =
		typeof fields === 'string' || Buffer.isBuffer(fields)
			? fields
			: new URLSearchParams(fields).toString();
	const headers: Record<string, string> = {};
	if (options.contentType !== null) headers['content-type'] = options.contentType ?? FORM;
	const method = options.method ?? 'POST';
	const res = await request(baseUrl + path, {
		method,
		headers,
		body: method === 'GET' ? undefined : body,
	});
	return toReply(res);
}

/** Just the reply text of an smSend HTTP call. */
export async function text(
	baseUrl: string,
	path: string,
	fields: Record<string, string>,
): Promise<string> {
	return (await post(baseUrl, path, fields)).text;
}

export function csv(report: string): string[][] {
	return report
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => line.split(','));
}

export const RECEIVE = { path: '/wsdl/index.php', namespace: 'urn:receiveSmswsdl' };
export const MMS = { path: '/sms-gw/index.php', namespace: 'urn:sendMmswsdl' };

function escapeXml(value: string): string {
	return value.replace(
		/[<>&"']/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
	);
}

/** A NuSOAP-style rpc/encoded request, as in the document; null fields are sent xsi:nil. */
export function rpcEnvelope(
	operation: string,
	namespace: string,
	fields: Record<string, string | null>,
): string {
	const parts = Object.entries(fields)
		.map(([name, value]) =>
			value === null
				? `<${name} xsi:nil="true" xsi:type="xsd:string"/>`
				: `<${name} xsi:type="xsd:string">${escapeXml(value)}</${name}>`,
		)
		.join('');
	return (
		'<?xml version="1.0" encoding="ISO-8859-1"?>' +
		'<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"' +
		' xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
		' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"' +
		` xmlns:tns="${namespace}"><SOAP-ENV:Body><tns:${operation} xmlns:tns="${namespace}">${parts}</tns:${operation}></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	);
}

/** ISO-8859-1 bytes, characters outside Latin-1 as numeric character references (as NuSOAP sends them). */
export function latin1(xml: string): Buffer {
	return Buffer.from(
		xml.replace(/[\u0100-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`),
		'latin1',
	);
}

export async function postSoap(
	baseUrl: string,
	path: string,
	body: string | Buffer,
	operation: string,
	namespace: string,
): Promise<Reply> {
	const res = await request(baseUrl + path, {
		method: 'POST',
		headers: {
			'content-type': 'text/xml; charset=ISO-8859-1',
			soapaction: `"${namespace}#${operation}"`,
		},
		body,
	});
	return toReply(res, 'latin1');
}

export async function soapCall(
	baseUrl: string,
	service: { path: string; namespace: string },
	operation: string,
	fields: Record<string, string | null>,
	path = service.path,
): Promise<Reply> {
	return postSoap(
		baseUrl,
		path,
		latin1(rpcEnvelope(operation, service.namespace, fields)),
		operation,
		service.namespace,
	);
}

const parser = new XMLParser({
	removeNSPrefix: true,
	parseTagValue: false,
	htmlEntities: true,
	isArray: (name) => name === 'item',
});

/** Parses an ISO-8859-1 reply (already decoded as latin1), decoding numeric character references. */
// A parsed XML tree (fast-xml-parser's own result type is any): the tests walk it to the element
// they assert on, and a wrong path fails that assertion.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function bodyOf(xml: string): Record<string, any> {
	return parser.parse(xml).Envelope.Body;
}

export function faultOf(xml: string): { code: string; text: string } {
	const fault = bodyOf(xml).Fault;
	return { code: String(fault.faultcode), text: String(fault.faultstring) };
}
