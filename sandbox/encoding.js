'use strict';

/** Parses a Content-Type header into { type, params } with lower-cased type and parameter names. */
function parseContentType(header) {
	if (!header) return { type: '', params: {} };
	const [type, ...rest] = String(header).split(';');
	const params = {};
	for (const part of rest) {
		const eq = part.indexOf('=');
		if (eq === -1) continue;
		let value = part.slice(eq + 1).trim();
		if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
			value = value.slice(1, -1);
		params[part.slice(0, eq).trim().toLowerCase()] = value;
	}
	return { type: type.trim().toLowerCase(), params };
}

const CHARSETS = {
	'utf-8': 'utf8',
	utf8: 'utf8',
	'iso-8859-1': 'latin1',
	'iso8859-1': 'latin1',
	latin1: 'latin1',
	'us-ascii': 'latin1',
};

/** Node's Buffer encoding for a charset name, or undefined for one the sandbox does not know. */
function charsetEncoding(charset) {
	return CHARSETS[String(charset).toLowerCase()];
}

/**
 * Decodes a request body by the charset declared in Content-Type, else in the XML
 * declaration, else UTF-8. Returns null for a charset the sandbox does not know.
 */
function decodeBody(buffer, contentTypeParams) {
	let charset = contentTypeParams.charset;
	if (!charset) {
		const decl = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(
			buffer.subarray(0, 200).toString('latin1'),
		);
		charset = decl ? decl[1] : 'utf-8';
	}
	const encoding = charsetEncoding(charset);
	if (!encoding) return null;
	return buffer.toString(encoding).replace(/^\uFEFF/, '');
}

/**
 * Re-encodes a reply as ISO-8859-1: declares it in the Content-Type and XML declaration and
 * turns characters outside Latin-1 into numeric character references so the XML stays valid.
 */
function toLatin1(contentType, text) {
	const declared = /charset=/i.test(contentType)
		? contentType.replace(/charset=[^;]*/i, 'charset=ISO-8859-1')
		: `${contentType}; charset=ISO-8859-1`;
	const body = text
		.replace(/^(<\?xml[^>]*encoding=["'])[^"']*(["'])/, '$1ISO-8859-1$2')
		.replace(/[\u0100-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`);
	return { contentType: declared, buffer: Buffer.from(body, 'latin1') };
}

module.exports = { parseContentType, charsetEncoding, decodeBody, toLatin1 };
