import { escapeXml } from './xmlText';

export type SoapVersion = '1.1' | '1.2';
export type SoapStyle = 'document' | 'rpc';
export type SoapEncoding = 'utf-8' | 'ISO-8859-1';

export interface TypedSoapValue {
	/** e.g. 'xsd:base64Binary' */
	type: string;
	value: string | number | null;
}

export type SoapValue = string | number | null | undefined | TypedSoapValue;

export interface SoapEnvelopeOptions {
	version: SoapVersion;
	style: SoapStyle;
	namespace: string;
	operation: string;
	params: Array<[string, SoapValue]> | Record<string, SoapValue>;
	/** Defaults to utf-8 for document style and ISO-8859-1 for rpc style. */
	encoding?: SoapEncoding;
}

const SOAP_ENVELOPE_NS: Record<SoapVersion, string> = {
	'1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
	'1.2': 'http://www.w3.org/2003/05/soap-envelope',
};

const SOAP_ENCODING_NS: Record<SoapVersion, string> = {
	'1.1': 'http://schemas.xmlsoap.org/soap/encoding/',
	'1.2': 'http://www.w3.org/2003/05/soap-encoding',
};

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

const DOCUMENT_PREFIX: Record<SoapVersion, string> = { '1.1': 'soap', '1.2': 'soap12' };
const RPC_PREFIX = 'SOAP-ENV';

const DEFAULT_ENCODING: Record<SoapStyle, SoapEncoding> = { document: 'utf-8', rpc: 'ISO-8859-1' };

/**
 * Characters that the declared encoding cannot hold become character references. So do the C1
 * controls U+0080–U+009F: as raw ISO-8859-1 bytes they are ambiguous, since most readers of
 * "ISO-8859-1" (browsers, WHATWG decoders, many PHP setups) take bytes 0x80–0x9F as windows-1252
 * (€ ‚ “ ” …), so the text would arrive changed.
 */
function fitEncoding(xmlText: string, encoding: SoapEncoding): string {
	if (encoding === 'utf-8') return xmlText;
	return xmlText.replace(
		/[\u0080-\u009F\u0100-\u{10FFFF}]/gu,
		(char) => `&#${char.codePointAt(0) ?? 0};`,
	);
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;

function assertXmlName(name: string, what: string): void {
	if (!XML_NAME.test(name)) throw new TypeError(`Invalid SOAP ${what} name: "${name}"`);
}

function isTyped(value: SoapValue): value is TypedSoapValue {
	return typeof value === 'object' && value !== null;
}

function rpcType(value: string | number): string {
	return typeof value === 'number' ? 'xsd:int' : 'xsd:string';
}

function renderParam(
	name: string,
	value: SoapValue,
	style: SoapStyle,
	encoding: SoapEncoding,
): string {
	assertXmlName(name, 'parameter');
	const typed = isTyped(value) ? value : undefined;
	const plain = typed ? typed.value : (value as string | number | null | undefined);
	if (plain === null) {
		if (style === 'document') return `<${name} xsi:nil="true" />`;
		return `<${name} xsi:nil="true" xsi:type="${escapeXml(typed?.type ?? 'xsd:base64Binary')}"/>`;
	}
	const text = fitEncoding(escapeXml(String(plain)), encoding);
	if (style === 'document') return `<${name}>${text}</${name}>`;
	const type = typed?.type ?? rpcType(plain as string | number);
	return `<${name} xsi:type="${escapeXml(type)}">${text}</${name}>`;
}

function paramEntries(params: SoapEnvelopeOptions['params']): Array<[string, SoapValue]> {
	const entries = Array.isArray(params) ? params : Object.entries(params);
	return entries.filter(([, value]) => value !== undefined);
}

export function buildSoapEnvelope(o: SoapEnvelopeOptions): string {
	assertXmlName(o.operation, 'operation');
	const encoding = o.encoding ?? DEFAULT_ENCODING[o.style];
	const namespace = fitEncoding(escapeXml(o.namespace), encoding);
	const children = paramEntries(o.params)
		.map(([name, value]) => renderParam(name, value, o.style, encoding))
		.join('');
	const declaration = `<?xml version="1.0" encoding="${encoding}"?>`;
	const envNs = SOAP_ENVELOPE_NS[o.version];

	if (o.style === 'document') {
		const env = DOCUMENT_PREFIX[o.version];
		return (
			declaration +
			`<${env}:Envelope xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}" xmlns:${env}="${envNs}">` +
			`<${env}:Body><${o.operation} xmlns="${namespace}">${children}</${o.operation}></${env}:Body>` +
			`</${env}:Envelope>`
		);
	}

	const encodingStyle = `${RPC_PREFIX}:encodingStyle="${SOAP_ENCODING_NS[o.version]}"`;
	// SOAP 1.2 only allows encodingStyle below the Body.
	const onEnvelope = o.version === '1.1' ? ` ${encodingStyle}` : '';
	const onOperation = o.version === '1.2' ? ` ${encodingStyle}` : '';
	return (
		declaration +
		`<${RPC_PREFIX}:Envelope${onEnvelope} xmlns:${RPC_PREFIX}="${envNs}" xmlns:xsd="${XSD_NS}"` +
		` xmlns:xsi="${XSI_NS}" xmlns:SOAP-ENC="${SOAP_ENCODING_NS[o.version]}" xmlns:tns="${namespace}">` +
		`<${RPC_PREFIX}:Body><tns:${o.operation} xmlns:tns="${namespace}"${onOperation}>${children}</tns:${o.operation}>` +
		`</${RPC_PREFIX}:Body></${RPC_PREFIX}:Envelope>`
	);
}

function soapAction(namespace: string, operation: string, style: SoapStyle): string {
	if (style === 'rpc') return `${namespace}#${operation}`;
	return `${namespace.replace(/\/+$/, '')}/${operation}`;
}

export function soapHeaders(
	version: SoapVersion,
	namespace: string,
	operation: string,
	style: SoapStyle,
	encoding: SoapEncoding = DEFAULT_ENCODING[style],
): Record<string, string> {
	const action = soapAction(namespace, operation, style);
	if (version === '1.2') {
		return { 'Content-Type': `application/soap+xml; charset=${encoding}; action="${action}"` };
	}
	return { 'Content-Type': `text/xml; charset=${encoding}`, SOAPAction: `"${action}"` };
}
