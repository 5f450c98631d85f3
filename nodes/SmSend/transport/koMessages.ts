import type { CodeInfo } from '../../transport/errors';
import { GatewayError, truncateRaw } from '../../transport/errors';

/* smSend's HTTP API refuses a request with `KO <Italian text>`; each entry reads one such text. */

export interface SmSendKoEntry {
	id: string;
	/** Matched against the normalised text: no 'KO' prefix, no final period, single spaces. */
	pattern: RegExp;
	meaning: string;
	action: string;
	retryable: boolean;
}

type Capture = { parameter?: string; max?: string };

// Capture groups: `p` = parameter name, `n` = limit.
export const SMSEND_KO_MESSAGES: readonly SmSendKoEntry[] = [
	{
		id: 'KO_USER_NOT_ENABLED',
		pattern: /^accesso non consentito \(utente non abilitato\)$/i,
		meaning: 'access not allowed: the user is not enabled for the API',
		action: 'Ask smSend (or your reseller) to enable API access for this account.',
		retryable: false,
	},
	{
		id: 'KO_IP_NOT_ENABLED',
		pattern: /^accesso non consentito \(ip non abilitato\)$/i,
		meaning: 'access not allowed: the IP address of the n8n server is not enabled',
		action:
			'Ask smSend (or your reseller) to allow the public IP address of your n8n server in the account’s API settings.',
		retryable: false,
	},
	{
		id: 'KO_ACCESS_DENIED',
		pattern: /^accesso non consentito$/i,
		meaning: 'access not allowed',
		action:
			'Back-office access is limited to enabled IP addresses or subnets: ask smSend to enable the public IP address of your n8n server, and check the account has back-office rights.',
		retryable: false,
	},
	{
		id: 'KO_BAD_LOGIN',
		pattern: /^username o password errat[io]$/i,
		meaning: 'wrong username or password',
		action: 'Check the username and password in the smSend credential in n8n.',
		retryable: false,
	},
	{
		id: 'KO_PARAMS_INVALID',
		pattern: /^parametr[io] non corrett[io]$/i,
		meaning: 'the request parameters are not correct',
		action: 'Check the values of the node fields; a required field may be empty or malformed.',
		retryable: false,
	},
	{
		id: 'KO_PARAM_MISSING',
		pattern: /^parametro (?<p>\S+) non impostato$/i,
		meaning: "the parameter '{p}' is missing",
		action: "Fill in the field that sets '{p}'.",
		retryable: false,
	},
	{
		id: 'KO_PARAM_INVALID',
		pattern: /^parametro (?<p>\S+) non valido$/i,
		meaning: "the parameter '{p}' is not valid",
		action: "Correct the value of '{p}'.",
		retryable: false,
	},
	{
		id: 'KO_PARAM_INCORRECT',
		pattern: /^parametro (?<p>\S+) non corretto$/i,
		meaning: "the parameter '{p}' is not correct",
		action: "Correct the value of '{p}'.",
		retryable: false,
	},
	{
		id: 'KO_PARAM_TOO_LONG',
		pattern: /^il parametro (?<p>\S+) pu\S* contenere al massimo (?<n>\d+) caratteri$/i,
		meaning: "the parameter '{p}' can contain at most {n} characters",
		action: "Shorten the value of '{p}' to at most {n} characters.",
		retryable: false,
	},
	{
		id: 'KO_PARAM_TOO_MANY_NUMBERS',
		pattern: /^il parametro (?<p>\S+) pu\S* contenere al massimo (?<n>\d+) numeri$/i,
		meaning: "the parameter '{p}' can contain at most {n} numbers",
		action: "Split the request so that '{p}' holds at most {n} phone numbers.",
		retryable: false,
	},
	{
		id: 'KO_NUM_TOO_HIGH',
		pattern: /^il parametro (?<p>num) deve essere (?:<=|&lt;=|≤) ?(?<n>\d+)$/i,
		meaning: "the parameter 'num' must be at most {n}",
		action: 'Request at most {n} share codes at a time.',
		retryable: false,
	},
	{
		id: 'KO_CANNOT_CREATE_RESELLER',
		pattern: /^impossibile creare un rivenditore$/i,
		meaning: 'your account cannot create reseller clients',
		action:
			"Create the client with 'reseller' set to 0, or ask smSend to allow you to create resellers.",
		retryable: false,
	},
	{
		id: 'KO_PROFILE_INVALID',
		pattern: /^profilo non corretto$/i,
		meaning: 'the profile (tpl_id) is not correct',
		action:
			'Use the id of a profile that exists in your reseller panel, or leave the profile empty.',
		retryable: false,
	},
	{
		id: 'KO_USERNAME_EXISTS',
		pattern: /^username gi\S* esistente$/i,
		meaning: 'the username already exists',
		action: 'Choose a different username for the new client.',
		retryable: false,
	},
	{
		id: 'KO_CREATION_FAILED',
		pattern: /^errore nella creazione$/i,
		meaning: 'the gateway failed to create the item',
		action:
			'Check in the smSend panel whether the item was created before trying again; if not, contact smSend support.',
		retryable: false,
	},
	{
		id: 'KO_USER_NOT_FOUND',
		pattern: /^utente non trovato$/i,
		meaning: 'client not found',
		action: 'Check the client id (u_id): it must be a client of your reseller account.',
		retryable: false,
	},
	{
		id: 'KO_RATE_INVALID',
		pattern: /^tariffa non corretta$/i,
		meaning: 'the rate (bill_id) is not correct',
		action: 'Use the id of a rate that exists in your reseller panel.',
		retryable: false,
	},
	{
		id: 'KO_RECEIVING_NUMBER_INVALID',
		pattern: /^numero di ricezione non corretto$/i,
		meaning: 'the receiving number is not correct',
		action:
			'Use one of the receiving numbers enabled on your smSend account, in international format.',
		retryable: false,
	},
	{
		id: 'KO_SHARECODE_NOT_ASSOCIATED',
		pattern: /^sharecode non associato all\S*\s?utente specificato$/i,
		meaning: 'the share code does not belong to the given client',
		action:
			'Check the share code and the client id (u_id): the code must be assigned to that client.',
		retryable: false,
	},
	{
		id: 'KO_UNKNOWN_OPERATOR',
		pattern: /^operatore sconosciuto$/i,
		meaning: 'the mobile operator of the recipient is unknown',
		action:
			'Check the recipient number: it must be a mobile number in international format, e.g. +393331234567.',
		retryable: false,
	},
	{
		id: 'KO_CREDIT',
		pattern: /^credito insufficiente$/i,
		meaning: 'not enough credit',
		action:
			'Buy more credit in your smSend account (or ask your reseller), or use a cheaper quality.',
		retryable: false,
	},
	{
		id: 'KO_QUEUE_FAILED',
		pattern: /^impossibile accodare il\/i messaggio\/i$/i,
		meaning: 'the gateway could not queue the message(s)',
		action: 'Try again later; if it persists, contact smSend support.',
		retryable: true,
	},
	{
		id: 'KO_REQUEST_QUEUE_FAILED',
		pattern: /^impossibile accodare la\/e richiesta\/e$/i,
		meaning: 'the gateway could not queue the request(s)',
		action: 'Try again later; if it persists, contact smSend support.',
		retryable: true,
	},
	{
		id: 'KO_INTERNAL_ERROR',
		pattern: /^errore interno$/i,
		meaning: 'internal error of the gateway',
		action: 'Try again later; if it persists, contact smSend support.',
		retryable: true,
	},
];

/** What each smSend parameter must look like, appended to parameter errors. */
export const SMSEND_PARAMETER_HINTS: Readonly<Record<string, string>> = Object.freeze({
	user: 'It is the username of the smSend credential.',
	pass: 'It is the password of the smSend credential.',
	smsusername: 'It is the reseller username of the smSend credential.',
	smspassword: 'It is the reseller password of the smSend credential.',
	rcpt: 'Write the recipient in international format, e.g. +393331234567.',
	numbers:
		'Write the numbers in international format separated by commas, e.g. +393331234567,+393401234567.',
	dest: 'Write the number in international format, e.g. +393331234567.',
	data: 'The message text must not be empty; TEXT holds 160 characters, UCS2 70.',
	sender: 'The sender is at most 11 letters/digits, or a number in international format.',
	qty: 'The quality must be one of ll, l, a, h, n.',
	operation:
		'The message type must be TEXT, WAPPUSH, UCS2, MULTITEXT or MULTIUCS2 (UCS2 and MULTI* need quality h or n).',
	url: 'WAPPUSH messages need a full URL, e.g. https://example.com.',
	return_id: 'It must be 1 or empty.',
	id: 'Use the request id returned when the messages were sent.',
	type: 'Use one of the values listed for this operation.',
	schema: 'Only schema 1 is supported.',
	u_id: 'Use the numeric id of one of your clients.',
	bill_id: 'Use the id of a rate that exists in your reseller panel.',
	credit: 'Write the credit as a number such as 12.3456.',
	num: 'Request between 1 and 20 share codes.',
	sharecode: 'Use a share code assigned to the client.',
	active: 'Use 1 to activate or 0 to deactivate.',
	name: 'Enter the client name.',
	username: 'Enter the username for the new client.',
	password: 'Enter the password for the new client.',
	email: 'Enter a valid e-mail address.',
	tpl_id: 'Use the id of a profile that exists in your reseller panel.',
	reseller: 'Use 0 (client) or 1 (reseller).',
	from: 'Use a valid start date.',
	to: 'Use a valid end date.',
});

export function normaliseKoText(text: string): string {
	return text
		.replace(/^\uFEFF/, '')
		.trim()
		.replace(/^KO(?:\s+|$)/i, '')
		.replace(/\s+/g, ' ')
		.replace(/[.\s]+$/, '');
}

function fill(template: string, capture: Capture): string {
	return template.replace(/\{p\}/g, capture.parameter ?? '').replace(/\{n\}/g, capture.max ?? '');
}

export function describeSmSendKo(text: string): CodeInfo & { parameter?: string } {
	const normalised = normaliseKoText(text);
	for (const entry of SMSEND_KO_MESSAGES) {
		const match = entry.pattern.exec(normalised);
		if (!match) continue;
		const capture: Capture = { parameter: match.groups?.p, max: match.groups?.n };
		const hint =
			capture.parameter !== undefined &&
			Object.prototype.hasOwnProperty.call(SMSEND_PARAMETER_HINTS, capture.parameter)
				? ` ${SMSEND_PARAMETER_HINTS[capture.parameter]}`
				: '';
		const info: CodeInfo & { parameter?: string } = {
			code: entry.id,
			meaning: fill(entry.meaning, capture),
			action: fill(entry.action, capture) + hint,
			retryable: entry.retryable,
		};
		if (capture.parameter !== undefined) info.parameter = capture.parameter;
		return info;
	}
	const shown = normalised === '' ? '(no error text)' : `'${normalised.slice(0, 200)}'`;
	return {
		code: 'KO_UNKNOWN',
		meaning: `unrecognised error ${shown}`,
		action:
			'Check the request values; if the error persists, contact smSend support and quote the error text.',
		retryable: false,
	};
}

export function smSendKoError(text: string, raw: string): GatewayError {
	const info = describeSmSendKo(text);
	return new GatewayError({
		kind: 'gateway',
		failure: 'gatewayRefusal',
		gateway: 'smSend',
		code: info.code,
		message: `smSend refused the request: ${info.meaning} (${info.code})`,
		description: info.action,
		raw: truncateRaw(raw),
		retryable: info.retryable,
	});
}
