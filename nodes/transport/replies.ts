import { type Gateway, smSendKoError, transportError } from './errors';

export type OkKo =
	| { ok: true; value: string; raw: string }
	| { ok: false; text: string; raw: string };

export interface TabularReport {
	columns: string[];
	rows: Array<Record<string, string>>;
}

export interface MobileProntoResult {
	code: string;
	messageId?: string;
	raw: string;
}

function stripBom(text: string): string {
	return text.replace(/^\uFEFF/, '');
}

const HTML_START =
	/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|title|h1|p|div|center)[\s/>]/i;

/** True when the text starts like an HTML page (error page, login page, proxy page). */
export function looksLikeHtml(text: string): boolean {
	return HTML_START.test(stripBom(text));
}

function unreadable(text: string, gateway: Gateway): never {
	if (stripBom(text).trim() === '') throw transportError(gateway, 'EMPTY_BODY', { raw: text });
	if (looksLikeHtml(text)) throw transportError(gateway, 'HTML_PAGE', { raw: text });
	throw transportError(gateway, 'UNEXPECTED_REPLY', { raw: text });
}

function formDecode(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text.replace(/\+/g, ' ');
	}
}

// Some deployments URL-encode the whole reply: 'KO+Parametro+rcpt+non+valido', 'KO%20Credito...'.
function looksFormEncoded(rest: string): boolean {
	return /%[0-9A-Fa-f]{2}/.test(rest) || (rest.startsWith('+') && !/\s/.test(rest));
}

const OK_KO = /^(OK|KO)(?=$|[\s+]|%[0-9A-Fa-f]{2})([\s\S]*)$/i;

/** Parses a plain-text smSend reply: 'OK <value>' or 'KO <message>'. */
export function parseOkKo(text: string, gateway: Gateway = 'smSend'): OkKo {
	const match = OK_KO.exec(stripBom(text).trim());
	if (!match) unreadable(text, gateway);
	const [, status, rest] = match;
	const value = (looksFormEncoded(rest) ? formDecode(rest) : rest).trim();
	if (status.toUpperCase() === 'OK') return { ok: true, value, raw: text };
	return { ok: false, text: value, raw: text };
}

/** The value of an 'OK <value>' reply; a 'KO' reply becomes a GatewayError. */
export function expectOk(text: string, gateway: Gateway = 'smSend'): string {
	const reply = parseOkKo(text, gateway);
	if (!reply.ok) throw smSendKoError(reply.text, reply.raw, gateway);
	return reply.value;
}

/* ------------------------------------------------------------------ */
/* CSV / TSV reports                                                   */
/* ------------------------------------------------------------------ */

interface Field {
	value: string;
	quoted: boolean;
}

/** Splits delimited text into records; quotes are honoured only when `quote` is set. */
function splitRecords(text: string, delimiter: string, quote: boolean): Field[][] {
	const records: Field[][] = [];
	let record: Field[] = [];
	let i = 0;

	const readField = (): Field => {
		if (quote) {
			let j = i;
			while (text[j] === ' ' || text[j] === '\t') j++;
			if (text[j] === '"') {
				let value = '';
				j++;
				for (;;) {
					if (j >= text.length) break; // unterminated: keep what we have
					if (text[j] === '"') {
						if (text[j + 1] === '"') {
							value += '"';
							j += 2;
							continue;
						}
						j++;
						break;
					}
					value += text[j];
					j++;
				}
				// Anything between the closing quote and the delimiter is kept, leniently.
				let tail = '';
				while (j < text.length && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') {
					tail += text[j];
					j++;
				}
				i = j;
				return { value: value + tail.trim(), quoted: true };
			}
		}
		let value = '';
		while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
			value += text[i];
			i++;
		}
		return { value: value.trim(), quoted: false };
	};

	while (i < text.length) {
		record.push(readField());
		if (text[i] === delimiter) {
			i++;
			if (i >= text.length) record.push({ value: '', quoted: false });
			continue;
		}
		// End of line (CRLF, LF or CR) or end of text.
		if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
		else if (i < text.length) i++;
		records.push(record);
		record = [];
	}
	if (record.length > 0) records.push(record);
	return records.filter(
		(fields) => !(fields.length === 1 && !fields[0].quoted && fields[0].value === ''),
	);
}

function uniqueColumns(header: Field[]): string[] {
	const seen = new Set<string>();
	return header.map((field, index) => {
		const base = field.value.trim() || `column${index + 1}`;
		let name = base;
		for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
		seen.add(name);
		return name;
	});
}

const KO_BODY = /^KO(?=$|[\s+]|%[0-9A-Fa-f]{2})/i;

function parseReport(text: string, delimiter: string, quote: boolean): TabularReport {
	const body = stripBom(text);
	if (KO_BODY.test(body.trim())) {
		const reply = parseOkKo(body);
		throw smSendKoError(reply.ok ? reply.value : reply.text, text);
	}
	if (body.trim() === '' || looksLikeHtml(body)) unreadable(text, 'smSend');

	const [header = [], ...records] = splitRecords(body, delimiter, quote);
	const columns = uniqueColumns(header);
	const rows = records.map((fields) =>
		// fromEntries keeps a column called '__proto__' as an ordinary property.
		Object.fromEntries([
			...columns.map((column, index): [string, string] => [column, fields[index]?.value ?? '']),
			...fields
				.slice(columns.length)
				.map((field, index): [string, string] => [`_extra${index + 1}`, field.value]),
		]),
	);
	return { columns, rows };
}

/** CSV with a header row (batch-status.php); columns are read by name, never by position. */
export function parseCsvReport(text: string): TabularReport {
	return parseReport(text, ',', true);
}

/** Tab-separated report with a header row (userlog-get.php). */
export function parseTsvReport(text: string): TabularReport {
	return parseReport(text, '\t', false);
}

/* ------------------------------------------------------------------ */
/* MobilePronto result strings                                         */
/* ------------------------------------------------------------------ */

/** '000', '009', '000:MPG000236180474' → code and optional message id. */
export function parseMobileProntoResult(text: string): MobileProntoResult {
	const trimmed = stripBom(text).trim();
	const match = /^([0-9]{3})(?::(.*))?/s.exec(trimmed);
	if (!match) {
		throw transportError('MobilePronto', 'UNEXPECTED_REPLY', {
			raw: text,
			detail: 'the result does not start with a three-digit return code',
		});
	}
	const messageId = match[2]?.trim();
	return messageId ? { code: match[1], messageId, raw: text } : { code: match[1], raw: text };
}
