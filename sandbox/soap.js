'use strict';

const { XMLParser, XMLValidator } = require('fast-xml-parser');

const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

// Entity expansion stays off (no DOCTYPE-defined entities, no expansion bombs);
// the five predefined entities and character references are decoded by decodeXmlText.
const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: false,
	processEntities: false,
	htmlEntities: false,
	cdataPropName: '#cdata',
	ignoreDeclaration: true,
	ignorePiTags: true,
});

class XmlReadError extends Error {
	constructor(message, line, col) {
		super(message);
		this.name = 'XmlReadError';
		this.line = line;
		this.col = col;
	}
}

const PREDEFINED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXmlText(text) {
	return text.replace(/&([^;&\s]*);?/g, (whole, name) => {
		if (!whole.endsWith(';')) throw new XmlReadError(`Malformed entity reference '${whole}'.`);
		if (name.startsWith('#')) {
			const code = /^#x[0-9a-fA-F]+$/.test(name)
				? parseInt(name.slice(2), 16)
				: /^#[0-9]+$/.test(name)
					? parseInt(name.slice(1), 10)
					: NaN;
			if (!Number.isInteger(code) || code > 0x10ffff || code === 0) {
				throw new XmlReadError(`Invalid character reference '${whole}'.`);
			}
			return String.fromCodePoint(code);
		}
		if (Object.prototype.hasOwnProperty.call(PREDEFINED, name)) return PREDEFINED[name];
		throw new XmlReadError(`Reference to undeclared entity '${name}'.`);
	});
}

const ESCAPES = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

function escapeXml(value) {
	return String(value).replace(/[<>&"']/g, (c) => ESCAPES[c]);
}

function splitName(qname) {
	const i = qname.indexOf(':');
	return i === -1
		? { prefix: '', local: qname }
		: { prefix: qname.slice(0, i), local: qname.slice(i + 1) };
}

/** Turns fast-xml-parser's ordered output into elements with resolved namespaces. */
function buildElement(node, scope) {
	const qname = Object.keys(node).find((k) => k !== ':@');
	const rawAttrs = node[':@'] || {};
	const attrs = {};
	const nsScope = Object.create(scope);
	for (const [key, value] of Object.entries(rawAttrs)) {
		const decoded = decodeXmlText(String(value));
		attrs[key] = decoded;
		if (key === 'xmlns') nsScope[''] = decoded;
		else if (key.startsWith('xmlns:')) nsScope[key.slice(6)] = decoded;
	}
	const { prefix, local } = splitName(qname);
	if (prefix && !(prefix in nsScope))
		throw new XmlReadError(`'${prefix}' is an undeclared prefix.`);
	const element = { name: qname, local, ns: nsScope[prefix] || '', attrs, children: [], text: '' };
	for (const child of node[qname]) {
		if ('#text' in child) element.text += decodeXmlText(String(child['#text']));
		else if ('#cdata' in child) element.text += child['#cdata'].map((t) => t['#text']).join('');
		else element.children.push(buildElement(child, nsScope));
	}
	return element;
}

/**
 * Parses an XML document into { name, local, ns, attrs, children, text } elements.
 * Throws XmlReadError for anything an XML 1.0 reader would reject, and for any DTD
 * (ASP.NET prohibits DTDs in SOAP messages).
 */
function parseXml(xml) {
	const doctype = xml.search(/<!DOCTYPE/i);
	if (doctype !== -1) {
		throw new XmlReadError(
			'For security reasons DTD is prohibited in this XML document.',
			...lineCol(xml, doctype),
		);
	}
	if (!xml.trim()) throw new XmlReadError('Root element is missing.', 0, 0);
	const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
	if (valid !== true) throw new XmlReadError(valid.err.msg, valid.err.line, valid.err.col);
	const roots = parser.parse(xml).filter((n) => !('#text' in n) && !('#cdata' in n));
	if (roots.length !== 1) throw new XmlReadError('There are multiple root elements.', 1, 1);
	return buildElement(roots[0], { xml: 'http://www.w3.org/XML/1998/namespace' });
}

function lineCol(text, index) {
	const before = text.slice(0, index).split('\n');
	return [before.length, before[before.length - 1].length + 1];
}

/** Reads a SOAP envelope: returns { envelope, header, body, version } or throws XmlReadError. */
function parseEnvelope(xml) {
	const envelope = parseXml(xml);
	const version = envelope.ns === SOAP11_NS ? '1.1' : envelope.ns === SOAP12_NS ? '1.2' : null;
	const inNs = (el, local) => el.local === local && el.ns === envelope.ns;
	const header = envelope.children.find((c) => inNs(c, 'Header')) || null;
	const body = envelope.children.find((c) => inNs(c, 'Body')) || null;
	return { envelope, header, body, version };
}

function envelopeOpen(version) {
	const ns = version === '1.2' ? SOAP12_NS : SOAP11_NS;
	const prefix = version === '1.2' ? 'soap12' : 'soap';
	return {
		prefix,
		open: `<?xml version="1.0" encoding="utf-8"?><${prefix}:Envelope xmlns:${prefix}="${ns}" xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}"><${prefix}:Body>`,
		close: `</${prefix}:Body></${prefix}:Envelope>`,
	};
}

function contentTypeFor(version) {
	return version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';
}

/** Wraps an already-serialised body element in a SOAP envelope of the given version. */
function soapEnvelope(version, bodyXml) {
	const { open, close } = envelopeOpen(version);
	return open + bodyXml + close;
}

/**
 * Builds a SOAP fault. `code` is the SOAP 1.1 style local code (Client, Server, VersionMismatch,
 * MustUnderstand); SOAP 1.2 maps Client→Sender and Server→Receiver as ASP.NET does.
 */
function soapFault(version, code, message) {
	if (version === '1.2') {
		const code12 = { Client: 'Sender', Server: 'Receiver' }[code] || code;
		return soapEnvelope(
			'1.2',
			`<soap12:Fault><soap12:Code><soap12:Value>soap12:${code12}</soap12:Value></soap12:Code>` +
				`<soap12:Reason><soap12:Text xml:lang="en">${escapeXml(message)}</soap12:Text></soap12:Reason>` +
				'<soap12:Detail /></soap12:Fault>',
		);
	}
	return soapEnvelope(
		'1.1',
		`<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring><detail /></soap:Fault>`,
	);
}

module.exports = {
	SOAP11_NS,
	SOAP12_NS,
	XmlReadError,
	escapeXml,
	decodeXmlText,
	parseXml,
	parseEnvelope,
	soapEnvelope,
	soapFault,
	contentTypeFor,
};
