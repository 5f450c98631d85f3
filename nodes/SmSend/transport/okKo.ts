import { transportError } from '../../transport/errors';
import { looksLikeHtml, stripBom } from '../../transport/replyText';
import { smSendKoError } from './koMessages';

/* smSend's HTTP API answers `OK <value>` or `KO <message>` in plain text. */

export type OkKo =
	| { ok: true; value: string; raw: string }
	| { ok: false; text: string; raw: string };

/** Why a reply that is neither OK nor KO cannot be read: empty, an HTML page, or something else. */
export function unreadable(text: string): never {
	if (stripBom(text).trim() === '') throw transportError('smSend', 'EMPTY_BODY', { raw: text });
	if (looksLikeHtml(text)) throw transportError('smSend', 'HTML_PAGE', { raw: text });
	throw transportError('smSend', 'UNEXPECTED_REPLY', { raw: text });
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
export function parseOkKo(text: string): OkKo {
	const match = OK_KO.exec(stripBom(text).trim());
	if (!match) unreadable(text);
	const [, status, rest] = match;
	const value = (looksFormEncoded(rest) ? formDecode(rest) : rest).trim();
	if (status.toUpperCase() === 'OK') return { ok: true, value, raw: text };
	return { ok: false, text: value, raw: text };
}

/** The value of an 'OK <value>' reply; a 'KO' reply becomes a GatewayError. */
export function expectOk(text: string): string {
	const reply = parseOkKo(text);
	if (!reply.ok) throw smSendKoError(reply.text, reply.raw);
	return reply.value;
}

/** Reads a numeric `OK` value, e.g. credit `12.3456` or `12,3456`. */
export function parseAmount(value: string, what: string): number {
	const amount = Number(value.trim().replace(',', '.'));
	if (value.trim() === '' || !Number.isFinite(amount)) {
		throw transportError('smSend', 'UNEXPECTED_REPLY', {
			raw: value,
			detail: `${what} is not a number`,
		});
	}
	return amount;
}

/** The numeric id of an `OK <id>` reply, or an "unexpected reply" error showing the raw text. */
export function parseReplyId(value: string, raw: string, what: string): number {
	const text = value.trim();
	if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
	throw transportError('smSend', 'UNEXPECTED_REPLY', {
		raw,
		detail: `${what} is not a numeric id`,
	});
}
