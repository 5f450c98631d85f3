'use strict';

const { parseContentType, charsetEncoding } = require('./encoding');

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Percent-decodes one form component to bytes the way PHP does: '+' is a space, a bad escape stays literal. */
function componentBytes(raw) {
	const bytes = [];
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i];
		if (c === '+') bytes.push(0x20);
		else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
			bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(raw.charCodeAt(i));
	}
	return Buffer.from(bytes);
}

/**
 * Parses an application/x-www-form-urlencoded body (charset from Content-Type, UTF-8 by default).
 * Returns the fields (a repeated name keeps its last value, as in PHP), or null when the body is
 * not form-encoded or declares a charset the sandbox does not know.
 */
function parseForm(body, contentTypeHeader) {
	const { type, params } = parseContentType(contentTypeHeader);
	if (type !== FORM_TYPE) return null;
	const encoding = charsetEncoding(params.charset || 'utf-8');
	if (!encoding) return null;
	const fields = {};
	// Bytes as latin1 characters: each char is one byte, so non-ASCII bytes survive until charset decoding.
	for (const pair of body.toString('latin1').split('&')) {
		if (!pair) continue;
		const eq = pair.indexOf('=');
		const name = componentBytes(eq === -1 ? pair : pair.slice(0, eq)).toString(encoding);
		const value = eq === -1 ? '' : componentBytes(pair.slice(eq + 1)).toString(encoding);
		if (name) fields[name] = value;
	}
	return fields;
}

module.exports = { parseForm, FORM_TYPE };
