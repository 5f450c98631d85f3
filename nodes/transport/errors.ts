export type Gateway = 'MobilePronto' | 'smSend';

/** gateway = the gateway refused; transport = HTTP/network; reply = unreadable reply */
export type GatewayErrorKind = 'gateway' | 'transport' | 'reply';

export interface GatewayErrorDetails {
	kind: GatewayErrorKind;
	gateway: Gateway;
	code: string;
	message: string;
	description: string;
	raw?: string;
	retryable: boolean;
	outcomeUnknown?: boolean;
	httpCode?: number;
}

export class GatewayError extends Error {
	readonly details: GatewayErrorDetails;

	constructor(details: GatewayErrorDetails) {
		super(details.message);
		this.name = 'GatewayError';
		this.details = details;
	}
}

export interface CodeInfo {
	code: string;
	meaning: string;
	action: string;
	retryable: boolean;
}

type CodeEntry = Omit<CodeInfo, 'code'>;

const RAW_LIMIT = 500;

export function truncateRaw(raw: string | undefined): string | undefined {
	if (raw === undefined) return undefined;
	return raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…` : raw;
}

/* ------------------------------------------------------------------ */
/* MobilePronto return codes                                           */
/* ------------------------------------------------------------------ */

const MOBILE_FORMAT_EXAMPLE = '+55(11)987654321';

export const MOBILEPRONTO_RETURN_CODES: Readonly<Record<string, CodeEntry>> = Object.freeze({
	'000': {
		meaning: 'message sent successfully',
		action: 'Nothing to fix: the message was accepted.',
		retryable: false,
	},
	'001': {
		meaning: 'invalid credential',
		action:
			'Check the 40-character Credencial key in the MobilePronto credential in n8n; copy it again from your MobilePronto account.',
		retryable: false,
	},
	'005': {
		meaning: 'mobile number not in the required format',
		action: `Write the mobile number as +CC(AREA)NUMBER, e.g. ${MOBILE_FORMAT_EXAMPLE}.`,
		retryable: false,
	},
	'007': {
		meaning: 'the Send_Project flag must be S, s, Y, y, N or n',
		action:
			'This operation does not use Send_Project; if the error persists, contact MobilePronto support.',
		retryable: false,
	},
	'008': {
		meaning: 'message longer than the maximum allowed for the destination country',
		action: 'Shorten the message; a single SMS holds at most 160 characters.',
		retryable: false,
	},
	'009': {
		meaning: 'account without funds',
		action: 'Buy more credits in your MobilePronto account.',
		retryable: false,
	},
	'010': {
		meaning: 'gateway locked for this account',
		action:
			'Your MobilePronto gateway access is blocked; contact MobilePronto support to unlock it.',
		retryable: false,
	},
	'012': {
		meaning: 'mobile number in the right format but not a valid mobile number',
		action: `Check the digits of the mobile number, e.g. ${MOBILE_FORMAT_EXAMPLE}.`,
		retryable: false,
	},
	'013': {
		meaning: 'message empty or invalid',
		action: 'Enter a non-empty message text.',
		retryable: false,
	},
	'015': {
		meaning: 'MobilePronto does not operate in the destination country',
		action: 'Send only to numbers in a country MobilePronto serves (check the country code).',
		retryable: false,
	},
	'016': {
		meaning: 'area code of the mobile number has the wrong length',
		action: `The area code must have 2 digits, e.g. ${MOBILE_FORMAT_EXAMPLE}.`,
		retryable: false,
	},
	'017': {
		meaning: 'mobile operator not allowed for this credential',
		action: 'Ask MobilePronto to enable the recipient’s mobile operator for your credential.',
		retryable: false,
	},
	'018': {
		meaning: 'mobile number is on the black list',
		action: 'The recipient is blocked (opted out); remove the number from your list.',
		retryable: false,
	},
	'019': {
		meaning: 'invalid token',
		action:
			'Check the credential key in the MobilePronto credential in n8n; ask MobilePronto for a new key if it was revoked.',
		retryable: false,
	},
	'022': {
		meaning: 'daily sending limit reached',
		action: 'Wait until tomorrow, or ask MobilePronto to raise the daily limit of your account.',
		retryable: false,
	},
});

export interface CodeRange extends CodeEntry {
	from: number;
	to: number;
}

export const MOBILEPRONTO_CODE_RANGES: readonly CodeRange[] = [
	{
		from: 800,
		to: 899,
		meaning: 'internal failure of the MobilePronto gateway',
		action: 'Try again later; if it persists, contact MobilePronto support and quote the code.',
		retryable: true,
	},
	{
		from: 900,
		to: 900,
		meaning: 'authentication error or security limit exceeded',
		action:
			'Check the credential key, and send fewer requests per minute; if it persists, contact MobilePronto support.',
		retryable: false,
	},
	{
		from: 901,
		to: 999,
		meaning: 'error reaching the mobile operator',
		action:
			'Try again later; if it persists, contact the MobilePronto customer center and quote the code.',
		retryable: true,
	},
];

export function describeMobileProntoCode(code: string): CodeInfo {
	const known = Object.prototype.hasOwnProperty.call(MOBILEPRONTO_RETURN_CODES, code)
		? MOBILEPRONTO_RETURN_CODES[code]
		: undefined;
	if (known) return { code, ...known };
	if (/^\d{3}$/.test(code)) {
		const value = Number(code);
		const range = MOBILEPRONTO_CODE_RANGES.find((r) => value >= r.from && value <= r.to);
		if (range)
			return { code, meaning: range.meaning, action: range.action, retryable: range.retryable };
	}
	return {
		code,
		meaning: `unknown return code ${code}`,
		action: `Contact MobilePronto support and quote return code ${code}.`,
		retryable: false,
	};
}

export function mobileProntoError(code: string, raw: string): GatewayError {
	const info = describeMobileProntoCode(code);
	return new GatewayError({
		kind: 'gateway',
		gateway: 'MobilePronto',
		code,
		message: `MobilePronto refused the request: ${info.meaning} (code ${code})`,
		description: info.action,
		raw: truncateRaw(raw),
		retryable: info.retryable,
	});
}

/* ------------------------------------------------------------------ */
/* smSend "KO <text>" replies                                          */
/* ------------------------------------------------------------------ */

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

export function smSendKoError(
	text: string,
	raw: string,
	gateway: Gateway = 'smSend',
): GatewayError {
	const info = describeSmSendKo(text);
	return new GatewayError({
		kind: 'gateway',
		gateway,
		code: info.code,
		message: `${gateway} refused the request: ${info.meaning} (${info.code})`,
		description: info.action,
		raw: truncateRaw(raw),
		retryable: info.retryable,
	});
}

/* ------------------------------------------------------------------ */
/* SOAP faults                                                         */
/* ------------------------------------------------------------------ */

const TRY_LATER = 'Try again later; if it persists, contact smSend support and quote the code.';
const NOT_ALLOWED =
	'Ask smSend to enable MMS sending for this account id, and check the account id in the credential.';

export const SMSEND_SOAP_FAULTS: Readonly<Record<string, CodeEntry>> = Object.freeze({
	'101': { meaning: 'not allowed', action: NOT_ALLOWED, retryable: false },
	'102': {
		meaning: 'operation not permitted',
		action: 'Ask smSend to enable this operation for your account.',
		retryable: false,
	},
	'103': {
		meaning: 'bad recipient',
		action:
			'Write recipients in international format, e.g. +393112224455, separated by commas for several.',
		retryable: false,
	},
	'104': { meaning: 'not allowed', action: NOT_ALLOWED, retryable: false },
	'105': { meaning: 'not allowed', action: NOT_ALLOWED, retryable: false },
	'106': { meaning: 'not allowed', action: NOT_ALLOWED, retryable: false },
	'107': {
		meaning: 'no suitable authentication',
		action:
			'Check the password, and whether the account uses plain password or MD5 ticket authentication; set the credential accordingly.',
		retryable: false,
	},
	'109': { meaning: 'carrier problem', action: TRY_LATER, retryable: true },
	'110': {
		meaning: 'message blocked',
		action: 'The gateway blocked the content; change the subject, text or attachment.',
		retryable: false,
	},
	'111': {
		meaning: 'banned',
		action: 'The account or recipient is banned; contact smSend support.',
		retryable: false,
	},
	'124': {
		meaning: 'text too long',
		action: 'Shorten the MMS text to at most 2400 characters (and the subject to 25).',
		retryable: false,
	},
	'211': {
		meaning: 'credit exhausted',
		action: 'Buy more credit in your smSend account.',
		retryable: false,
	},
	'213': {
		meaning: 'no notification credit left',
		action: 'Buy more notification credit in your smSend account.',
		retryable: false,
	},
	'215': {
		meaning: 'image file bigger than 100 kB',
		action: 'Use an image of at most 100 kB.',
		retryable: false,
	},
	'216': {
		meaning: 'image file type not supported',
		action: 'Use a JPEG, GIF or PNG image.',
		retryable: false,
	},
	'217': {
		meaning: 'sound file bigger than 100 kB',
		action: 'Use a sound file of at most 100 kB.',
		retryable: false,
	},
	'218': {
		meaning: 'sound file type not supported',
		action: 'Use a MIDI or MP3 sound file.',
		retryable: false,
	},
	'300': { meaning: 'internal system error', action: TRY_LATER, retryable: true },
	'301': { meaning: 'connection problem', action: TRY_LATER, retryable: true },
	'302': { meaning: 'generic error', action: TRY_LATER, retryable: true },
	'303': { meaning: 'connection problem', action: TRY_LATER, retryable: true },
	'310': {
		meaning: 'message type not supported',
		action:
			'Check the attachments: images must be JPEG, GIF or PNG, sounds MIDI or MP3, videos MOV or 3GP.',
		retryable: false,
	},
	'311': { meaning: 'send error', action: TRY_LATER, retryable: true },
	'400': { meaning: 'internal error', action: TRY_LATER, retryable: true },
	'401': { meaning: 'internal error', action: TRY_LATER, retryable: true },
	'402': { meaning: 'internal error', action: TRY_LATER, retryable: true },
	'500': { meaning: 'internal error', action: TRY_LATER, retryable: true },
	'501': { meaning: 'internal error', action: TRY_LATER, retryable: true },
	'502': { meaning: 'internal error', action: TRY_LATER, retryable: true },
	'555': { meaning: 'relay error', action: TRY_LATER, retryable: true },
});

export interface StandardFault extends CodeEntry {
	id: string;
}

// Keyed by the local part of the fault code, SOAP 1.1 and 1.2 names.
export const STANDARD_SOAP_FAULTS: Readonly<Record<string, StandardFault>> = Object.freeze({
	client: {
		id: 'SOAP_CLIENT',
		meaning: 'the gateway rejected the request as invalid',
		action:
			'Check the field values (phone number, message, credential key); if they look right, check the base URL points to the right service version.',
		retryable: false,
	},
	sender: {
		id: 'SOAP_CLIENT',
		meaning: 'the gateway rejected the request as invalid',
		action:
			'Check the field values (phone number, message, credential key); if they look right, check the base URL points to the right service version.',
		retryable: false,
	},
	server: {
		id: 'SOAP_SERVER',
		meaning: 'the gateway failed while processing the request',
		action:
			'Try again later; if it persists, contact the gateway support and quote the fault text.',
		retryable: true,
	},
	receiver: {
		id: 'SOAP_SERVER',
		meaning: 'the gateway failed while processing the request',
		action:
			'Try again later; if it persists, contact the gateway support and quote the fault text.',
		retryable: true,
	},
	versionmismatch: {
		id: 'SOAP_VERSION_MISMATCH',
		meaning: 'the gateway does not accept this SOAP version',
		action: 'Switch the SOAP version (1.1 / 1.2) in the node options or credential.',
		retryable: false,
	},
	mustunderstand: {
		id: 'SOAP_MUST_UNDERSTAND',
		meaning: 'the gateway did not understand a mandatory SOAP header',
		action:
			'Switch the SOAP version in the node options; if it persists, report it to the node maintainers.',
		retryable: false,
	},
	dataencodingunknown: {
		id: 'SOAP_DATA_ENCODING_UNKNOWN',
		meaning: 'the gateway does not accept the request encoding',
		action:
			'Switch the SOAP version in the node options; if it persists, report it to the node maintainers.',
		retryable: false,
	},
});

function faultLocalName(faultcode: string): string {
	const local = faultcode.trim().split(':').pop() ?? '';
	return (local.split('.')[0] ?? '').toLowerCase();
}

function clip(text: string, limit = 200): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > limit ? `${oneLine.slice(0, limit)}…` : oneLine;
}

export function soapFaultError(
	gateway: Gateway,
	faultcode: string,
	faultstring: string,
	raw: string,
): GatewayError {
	const base = { kind: 'gateway' as const, gateway, raw: truncateRaw(raw) };
	const koCode = /^KO\s*(\d{3})\b/i.exec(faultcode.trim())?.[1];
	if (koCode !== undefined) {
		const code = `KO ${koCode}`;
		const entry = Object.prototype.hasOwnProperty.call(SMSEND_SOAP_FAULTS, koCode)
			? SMSEND_SOAP_FAULTS[koCode]
			: undefined;
		if (entry) {
			return new GatewayError({
				...base,
				code,
				message: `${gateway} refused the request: ${entry.meaning} (${code})`,
				description: entry.action,
				retryable: entry.retryable,
			});
		}
		return new GatewayError({
			...base,
			code,
			message: `${gateway} refused the request with unknown fault ${code}: ${clip(faultstring) || '(no text)'}`,
			description: 'Contact the gateway support and quote the fault code and text.',
			retryable: false,
		});
	}

	const local = faultLocalName(faultcode);
	const standard = Object.prototype.hasOwnProperty.call(STANDARD_SOAP_FAULTS, local)
		? STANDARD_SOAP_FAULTS[local]
		: undefined;
	const detail = clip(faultstring);
	if (standard) {
		return new GatewayError({
			...base,
			code: standard.id,
			message: `${gateway} returned a SOAP fault: ${standard.meaning}${detail ? ` (${detail})` : ''}`,
			description: standard.action,
			retryable: standard.retryable,
		});
	}
	const shownCode = clip(faultcode, 80) || '(no code)';
	return new GatewayError({
		...base,
		code: 'SOAP_FAULT',
		message: `${gateway} returned SOAP fault ${shownCode}: ${detail || '(no text)'}`,
		description:
			'Check the request values; if the fault persists, contact the gateway support and quote it.',
		retryable: false,
	});
}

/* ------------------------------------------------------------------ */
/* Transport and reply errors                                          */
/* ------------------------------------------------------------------ */

export type TransportErrorCode =
	| 'TIMEOUT'
	| 'CONNECTION_REFUSED'
	| 'CONNECTION_RESET'
	| 'DNS'
	| 'HTTP_STATUS'
	| 'HTML_PAGE'
	| 'EMPTY_BODY'
	| 'MALFORMED_XML'
	| 'UNEXPECTED_REPLY'
	| 'REPLY_TOO_LARGE'
	| 'REDIRECT'
	| 'BLOCKED_BY_N8N';

export interface TransportErrorExtra {
	httpCode?: number;
	raw?: string;
	outcomeUnknown?: boolean;
	detail?: string;
}

export interface TransportEntry {
	kind: GatewayErrorKind;
	what: string;
	action: string;
	retryable: boolean;
	outcomeUnknown?: boolean;
}

const CHECK_URL = 'Check the base URL in the credential';

export const TRANSPORT_ERRORS: Readonly<
	Record<Exclude<TransportErrorCode, 'HTTP_STATUS'>, TransportEntry>
> = {
	TIMEOUT: {
		kind: 'transport',
		what: 'did not answer in time',
		action: `Check the gateway status and the network/proxy settings of n8n. ${CHECK_URL}. The request may have been processed: check the gateway's report before sending again.`,
		retryable: true,
		outcomeUnknown: true,
	},
	CONNECTION_REFUSED: {
		kind: 'transport',
		what: 'refused the connection',
		action: `${CHECK_URL} (host and port), the gateway status, and any firewall or proxy between n8n and the gateway.`,
		retryable: true,
	},
	CONNECTION_RESET: {
		kind: 'transport',
		what: 'closed the connection unexpectedly',
		action: `Check the gateway status and the proxy settings of n8n. The request may have been processed: check the gateway's report before sending again.`,
		retryable: true,
		outcomeUnknown: true,
	},
	DNS: {
		kind: 'transport',
		what: 'could not be found (DNS lookup failed)',
		action: `${CHECK_URL} for typos, and that the n8n server can resolve internet host names.`,
		retryable: false,
	},
	HTML_PAGE: {
		kind: 'reply',
		what: 'answered with an HTML page instead of an API reply',
		action: `${CHECK_URL}: it must point to the API endpoint, not the website; a proxy or login page may also be in the way.`,
		retryable: false,
	},
	EMPTY_BODY: {
		kind: 'reply',
		what: 'answered with an empty reply',
		action: `${CHECK_URL} and the gateway status. The request may have been processed: check the gateway's report before sending again.`,
		retryable: true,
		outcomeUnknown: true,
	},
	MALFORMED_XML: {
		kind: 'reply',
		what: 'answered with XML that could not be read (malformed or cut off)',
		action: `${CHECK_URL} and the gateway status, then try again.`,
		retryable: true,
	},
	UNEXPECTED_REPLY: {
		kind: 'reply',
		what: 'answered with a reply this node does not understand',
		action: `${CHECK_URL}: it must point to the API of this gateway. If it does, report the raw reply to the node maintainers.`,
		retryable: false,
	},
	REPLY_TOO_LARGE: {
		kind: 'reply',
		what: 'answered with a reply larger than the allowed size',
		action: `${CHECK_URL}: it must point to the API endpoint; ask for smaller reports (shorter date range).`,
		retryable: false,
	},
	REDIRECT: {
		kind: 'transport',
		what: 'redirected the request elsewhere',
		action: `${CHECK_URL}: use the final address (for example https:// instead of http://, or the reseller's own domain).`,
		retryable: false,
	},
	BLOCKED_BY_N8N: {
		kind: 'transport',
		what: "is an address n8n's outbound-request (SSRF) policy does not allow; nothing was sent",
		action: `${CHECK_URL}. If the address is right, ask your n8n administrator to allow it (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).`,
		retryable: false,
		outcomeUnknown: false,
	},
};

export interface HttpStatusEntry {
	what: string;
	action: string;
}

export const HTTP_STATUS_ERRORS: Readonly<Record<number, HttpStatusEntry>> = {
	400: {
		what: 'rejected the request as malformed',
		action: `Check the field values. ${CHECK_URL}.`,
	},
	401: {
		what: 'refused the credentials',
		action: 'Check the username/password or key in the credential.',
	},
	403: {
		what: 'denied access',
		action:
			'Check the credential, and ask the gateway to enable the public IP address of your n8n server.',
	},
	404: {
		what: 'does not know the requested address',
		action: `${CHECK_URL}: the path may be wrong.`,
	},
	405: {
		what: 'does not accept this request method',
		action: `${CHECK_URL}: it must point to the API endpoint.`,
	},
	429: {
		what: 'is limiting the request rate',
		action: 'Send fewer requests per minute, then try again.',
	},
	500: {
		what: 'had an internal error',
		action: 'Try again later; if it persists, contact the gateway support.',
	},
	502: {
		what: 'is unreachable behind its proxy (bad gateway)',
		action: 'Try again later; check the gateway status and the proxy settings of n8n.',
	},
	503: { what: 'is temporarily unavailable', action: 'Try again later; check the gateway status.' },
	504: {
		what: 'did not answer in time behind its proxy',
		action:
			"Try again later. The request may have been processed: check the gateway's report before sending again.",
	},
};

function httpStatusEntry(status: number): HttpStatusEntry {
	const known = HTTP_STATUS_ERRORS[status];
	if (known) return known;
	if (status >= 500) return HTTP_STATUS_ERRORS[500];
	if (status >= 400) return HTTP_STATUS_ERRORS[400];
	if (status >= 300)
		return { what: 'redirected the request', action: TRANSPORT_ERRORS.REDIRECT.action };
	return { what: 'answered with an unexpected status', action: `${CHECK_URL}.` };
}

function isRetryableStatus(status: number | undefined): boolean {
	return status !== undefined && (status >= 500 || status === 429);
}

export function transportError(
	gateway: Gateway,
	code: TransportErrorCode,
	extra: TransportErrorExtra = {},
): GatewayError {
	const suffix = extra.detail ? ` (${clip(extra.detail)})` : '';
	const common = {
		gateway,
		raw: truncateRaw(extra.raw),
		...(extra.httpCode !== undefined ? { httpCode: extra.httpCode } : {}),
	};

	if (code === 'HTTP_STATUS') {
		const status = extra.httpCode ?? 0;
		const entry = httpStatusEntry(status);
		const outcomeUnknown = extra.outcomeUnknown ?? (status === 504 ? true : undefined);
		return new GatewayError({
			...common,
			kind: 'transport',
			code: `HTTP_${status}`,
			message: `${gateway} ${entry.what} (HTTP ${status})${suffix}`,
			description: entry.action,
			retryable: isRetryableStatus(status),
			...(outcomeUnknown !== undefined ? { outcomeUnknown } : {}),
		});
	}

	const entry = TRANSPORT_ERRORS[code];
	const outcomeUnknown = extra.outcomeUnknown ?? entry.outcomeUnknown;
	const retryable = code === 'HTML_PAGE' ? isRetryableStatus(extra.httpCode) : entry.retryable;
	return new GatewayError({
		...common,
		kind: entry.kind,
		code,
		message: `${gateway} ${entry.what}${suffix}`,
		description: entry.action,
		retryable,
		...(outcomeUnknown !== undefined ? { outcomeUnknown } : {}),
	});
}
