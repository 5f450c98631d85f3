'use strict';

const { escapeXml, SOAP11_NS } = require('./soap');

/** Envelopes as PHP's NuSOAP writes them: SOAP 1.1, rpc/encoded, ISO-8859-1. */

const CONTENT_TYPE = 'text/xml; charset=ISO-8859-1';

function envelope(namespace, bodyXml) {
	return (
		'<?xml version="1.0" encoding="ISO-8859-1"?>' +
		'<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"' +
		` xmlns:SOAP-ENV="${SOAP11_NS}"` +
		' xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
		' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
		' xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"' +
		` xmlns:tns="${escapeXml(namespace)}">` +
		`<SOAP-ENV:Body>${bodyXml}</SOAP-ENV:Body></SOAP-ENV:Envelope>`
	);
}

/** An xsi-typed element: typed('id', 'xsd:int', 5678). */
function typed(name, type, value) {
	return `<${name} xsi:type="${type}">${escapeXml(value)}</${name}>`;
}

/** Success reply: <ns1:{operation}Response> wrapping already-serialised return parts. */
function responseReply(namespace, operation, partsXml) {
	return {
		status: 200,
		contentType: CONTENT_TYPE,
		body: envelope(
			namespace,
			`<ns1:${operation}Response xmlns:ns1="${escapeXml(namespace)}">${partsXml}</ns1:${operation}Response>`,
		),
	};
}

/** NuSOAP fault: HTTP 500, every part typed xsd:string. */
function faultReply(namespace, code, message) {
	return {
		status: 500,
		contentType: CONTENT_TYPE,
		body: envelope(
			namespace,
			'<SOAP-ENV:Fault>' +
				typed('faultcode', 'xsd:string', code) +
				typed('faultactor', 'xsd:string', '') +
				typed('faultstring', 'xsd:string', message) +
				typed('detail', 'xsd:string', '') +
				'</SOAP-ENV:Fault>',
		),
		resultCode: code,
		error: message,
	};
}

/**
 * Reads rpc parameters by element name, ignoring namespaces as NuSOAP does.
 * A missing or xsi:nil parameter is null.
 */
function readParams(element, names) {
	const params = {};
	for (const name of names) {
		const child = element.children.find((c) => c.local === name);
		params[name] = child && child.attrs['xsi:nil'] !== 'true' ? child.text : null;
	}
	return params;
}

module.exports = { CONTENT_TYPE, envelope, typed, responseReply, faultReply, readParams };
