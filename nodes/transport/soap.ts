import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { type Gateway, soapFaultError, transportError } from './errors';
import { looksLikeHtml } from './replies';

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

// XML 1.0 forbids C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates.
const ILLEGAL_XML_CHARS =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
	// Parsers turn a literal CR into LF; a character reference keeps it.
	'\r': '&#13;',
};

export function escapeXml(text: string): string {
	return text.replace(ILLEGAL_XML_CHARS, '').replace(/[&<>"'\r]/g, (char) => XML_ESCAPES[char]);
}

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

/* ------------------------------------------------------------------ */
/* Reply parsing                                                       */
/* ------------------------------------------------------------------ */

const TEXT = '#text';
const CDATA = '#cdata';
const ATTR = '@_';

const parser = new XMLParser({
	// Entities stay as written, so DOCTYPE entities are never expanded; decodeXmlText handles the rest.
	processEntities: false,
	htmlEntities: false,
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	ignoreAttributes: false,
	attributeNamePrefix: ATTR,
	trimValues: false,
	cdataPropName: CDATA,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

const PREDEFINED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};

function fromCodePoint(codePoint: number): string | undefined {
	const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
	if (!Number.isFinite(codePoint) || codePoint <= 0 || codePoint > 0x10ffff || isSurrogate)
		return undefined;
	return String.fromCodePoint(codePoint);
}

export function decodeXmlText(text: string): string {
	return text.replace(/&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z]+));/g, (whole, hex, dec, name) => {
		if (hex !== undefined) return fromCodePoint(parseInt(hex as string, 16)) ?? whole;
		if (dec !== undefined) return fromCodePoint(parseInt(dec as string, 10)) ?? whole;
		const named = name as string;
		return Object.prototype.hasOwnProperty.call(PREDEFINED_ENTITIES, named)
			? PREDEFINED_ENTITIES[named]
			: whole;
	});
}

type XmlObject = Record<string, unknown>;

function isObject(value: unknown): value is XmlObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinText(value: unknown): string {
	if (value === undefined) return '';
	if (Array.isArray(value)) return value.map(joinText).join('');
	return String(value);
}

function isArrayType(node: XmlObject): boolean {
	const type = node[`${ATTR}type`];
	return (typeof type === 'string' && /(^|:)Array$/.test(type)) || `${ATTR}arrayType` in node;
}

function normaliseChild(key: string, value: unknown): unknown {
	const normalised = Array.isArray(value) ? value.map(normaliseNode) : normaliseNode(value);
	// NuSOAP arrays: one <item> and several <item> must look the same to callers.
	if (key === 'item' && !Array.isArray(normalised)) return [normalised];
	return normalised;
}

/** Parser output → strings, nested objects, arrays; attributes dropped, xsi:nil → null. */
function normaliseNode(node: unknown): unknown {
	if (!isObject(node)) return decodeXmlText(joinText(node));
	const nil = node[`${ATTR}nil`];
	if (nil === 'true' || nil === '1') return null;

	const childKeys = Object.keys(node).filter(
		(key) => !key.startsWith(ATTR) && key !== TEXT && key !== CDATA,
	);
	const text = decodeXmlText(joinText(node[TEXT])) + joinText(node[CDATA]);
	if (childKeys.length === 0) return isArrayType(node) ? { item: [] } : text;

	const children = Object.fromEntries(
		childKeys.map((key) => [key, normaliseChild(key, node[key])]),
	);
	if (text.trim() !== '') children[TEXT] = text;
	return children;
}

function own(node: XmlObject, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
}

function single(value: unknown): XmlObject | undefined {
	return isObject(value) ? value : undefined;
}

function textOf(value: unknown): string {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return textOf(value[0]);
	if (isObject(value)) return typeof value[TEXT] === 'string' ? value[TEXT] : '';
	return '';
}

function throwFault(gateway: Gateway, fault: unknown, raw: string): never {
	const node = isObject(fault) ? fault : {};
	// SOAP 1.1: faultcode/faultstring. SOAP 1.2: Code/Value and Reason/Text.
	const faultcode =
		node.faultcode !== undefined ? textOf(node.faultcode) : textOf(single(node.Code)?.Value);
	const faultstring =
		node.faultstring !== undefined ? textOf(node.faultstring) : textOf(single(node.Reason)?.Text);
	throw soapFaultError(gateway, faultcode.trim(), faultstring.trim(), raw);
}

export interface ParseSoapReplyOptions {
	gateway: Gateway;
	/** Local name of the response element, e.g. 'MPG_SendSimple_SMSResponse' or 'receiveSmsResponse'. */
	responseElement: string;
}

export function parseSoapReply(xml: string, o: ParseSoapReplyOptions): Record<string, unknown> {
	const { gateway } = o;
	const text = xml.replace(/^\uFEFF/, '').trimStart();
	if (text.trim() === '') throw transportError(gateway, 'EMPTY_BODY', { raw: xml });
	if (looksLikeHtml(text)) throw transportError(gateway, 'HTML_PAGE', { raw: xml });

	let validation: ReturnType<typeof XMLValidator.validate>;
	try {
		validation = XMLValidator.validate(text);
	} catch (error) {
		throw transportError(gateway, 'MALFORMED_XML', { raw: xml, detail: (error as Error).message });
	}
	if (validation !== true) {
		throw transportError(gateway, 'MALFORMED_XML', { raw: xml, detail: validation.err.msg });
	}

	let document: unknown;
	try {
		document = normaliseNode(parser.parse(text) as unknown);
	} catch (error) {
		throw transportError(gateway, 'UNEXPECTED_REPLY', {
			raw: xml,
			detail: (error as Error).message,
		});
	}

	const envelope = single(own(single(document) ?? {}, 'Envelope'));
	const body = single(own(envelope ?? {}, 'Body'));
	if (!body) {
		throw transportError(gateway, 'UNEXPECTED_REPLY', {
			raw: xml,
			detail: 'no SOAP Envelope/Body',
		});
	}
	const fault = own(body, 'Fault');
	if (fault !== undefined) throwFault(gateway, fault, xml);

	const response = own(body, o.responseElement);
	if (response === undefined || Array.isArray(response)) {
		throw transportError(gateway, 'UNEXPECTED_REPLY', {
			raw: xml,
			detail: `no ${o.responseElement} element`,
		});
	}
	// An empty response element means no children.
	return isObject(response) ? response : {};
}
