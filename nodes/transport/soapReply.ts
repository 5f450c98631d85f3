import { XMLParser, XMLValidator } from 'fast-xml-parser';

import type { Gateway, GatewayError } from './errors';
import { transportError } from './errors';
import type { ExchangeReply } from './exchange';
import { looksLikeHtml } from './replyText';
import { soapFaultError } from './soapFaults';
import { decodeXmlText } from './xmlText';

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

/** Turns a fault's code and text into the error to throw; a gateway with fault codes of its own passes one. */
export type SoapFaultReader = (faultcode: string, faultstring: string, raw: string) => GatewayError;

function throwFault(read: SoapFaultReader, fault: unknown, raw: string): never {
	const node = isObject(fault) ? fault : {};
	// SOAP 1.1: faultcode/faultstring. SOAP 1.2: Code/Value and Reason/Text.
	const faultcode =
		node.faultcode !== undefined ? textOf(node.faultcode) : textOf(single(node.Code)?.Value);
	const faultstring =
		node.faultstring !== undefined ? textOf(node.faultstring) : textOf(single(node.Reason)?.Text);
	throw read(faultcode.trim(), faultstring.trim(), raw);
}

export interface ParseSoapReplyOptions {
	gateway: Gateway;
	/** Local name of the response element, e.g. 'MPG_SendSimple_SMSResponse' or 'receiveSmsResponse'. */
	responseElement: string;
	/** Reads a Fault; default: the standard SOAP faults. */
	readFault?: SoapFaultReader;
}

/**
 * Whether a non-2xx reply is a SOAP fault for parseSoapReply to read: SOAP services report their
 * faults with HTTP 500 and an XML body. SOAP clients hand this to the exchange.
 */
export function isSoapFaultReply(reply: ExchangeReply): boolean {
	const isXml =
		/xml/i.test(reply.contentType) || /^\s*<\?xml|^\s*<[\w-]+:Envelope/i.test(reply.text);
	return reply.statusCode === 500 && isXml && !looksLikeHtml(reply.text);
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
	if (fault !== undefined) {
		const readFault: SoapFaultReader =
			o.readFault ??
			((faultcode, faultstring, raw) => soapFaultError(gateway, faultcode, faultstring, raw));
		throwFault(readFault, fault, xml);
	}

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
