import { request } from 'undici';
import { XMLParser } from 'fast-xml-parser';

export const SERVICE = '/sms/v_2_00/service.asmx';
export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

export function escapeXml(value: string): string {
	return value.replace(
		/[<>&"']/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
	);
}

export type SoapVersion = '1.1' | '1.2';

export function envelope(
	version: SoapVersion,
	operation: string,
	fields: Record<string, string>,
	envNs?: string,
): string {
	const ns = envNs ?? (version === '1.2' ? SOAP12 : SOAP11);
	const children = Object.entries(fields)
		.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
		.join('');
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		`<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="${ns}">` +
		`<soap:Body><${operation} xmlns="PWGateway">${children}</${operation}></soap:Body></soap:Envelope>`
	);
}

export interface PostOptions {
	version?: SoapVersion;
	/** SOAP 1.1 SOAPAction header value (raw, quotes included); undefined = the correct quoted action, null = no header. */
	soapAction?: string | null;
	/** SOAP 1.2 action parameter; undefined = none. */
	action12?: string;
	contentType?: string;
	path?: string;
}

export interface Reply {
	status: number;
	contentType: string;
	text: string;
	headers: Record<string, string | string[] | undefined>;
}

export async function post(
	baseUrl: string,
	body: string | Buffer,
	operation: string,
	options: PostOptions = {},
): Promise<Reply> {
	const version = options.version ?? '1.1';
	const headers: Record<string, string> = {};
	if (version === '1.1') {
		headers['content-type'] = options.contentType ?? 'text/xml; charset=utf-8';
		if (options.soapAction !== null)
			headers.soapaction = options.soapAction ?? `"PWGateway/${operation}"`;
	} else {
		headers['content-type'] =
			options.contentType ??
			`application/soap+xml; charset=utf-8${options.action12 !== undefined ? `; action="${options.action12}"` : ''}`;
	}
	const res = await request(baseUrl + (options.path ?? SERVICE), { method: 'POST', headers, body });
	return {
		status: res.statusCode,
		contentType: String(res.headers['content-type'] ?? ''),
		text: await res.body.text(),
		headers: res.headers,
	};
}

export async function call(
	baseUrl: string,
	operation: string,
	fields: Record<string, string>,
	options: PostOptions = {},
): Promise<Reply> {
	return post(baseUrl, envelope(options.version ?? '1.1', operation, fields), operation, options);
}

const parser = new XMLParser({
	removeNSPrefix: true,
	parseTagValue: false,
	ignoreAttributes: true,
});

/** The Body's first element, namespace prefixes removed. */
// A parsed XML tree (fast-xml-parser's own result type is any): the tests walk it to the element
// they assert on, and a wrong path fails that assertion.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function bodyOf(xml: string): Record<string, any> {
	const doc = parser.parse(xml);
	return doc.Envelope.Body;
}

export async function send(
	baseUrl: string,
	credencial: string,
	mobile: string,
	message: string,
	version: SoapVersion = '1.1',
): Promise<string> {
	const reply = await call(
		baseUrl,
		'MPG_SendSimple_SMS',
		{ Credencial: credencial, Mobile: mobile, Message: message },
		{ version },
	);
	if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
	return String(bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult);
}

export function faultOf(xml: string): { code: string; text: string } {
	const fault = bodyOf(xml).Fault;
	if (fault.faultcode !== undefined)
		return { code: String(fault.faultcode), text: String(fault.faultstring) };
	return { code: String(fault.Code.Value), text: String(fault.Reason.Text) };
}
