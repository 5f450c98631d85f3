import type { CodeEntry, CodeInfo } from '../../transport/errors';
import { GatewayError, transportError, truncateRaw } from '../../transport/errors';
import { stripBom } from '../../transport/replyText';

/* MobilePronto answers every call with a three-digit return code: 000 is success. */

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
			"Check the 40-character 'API Key' in the MobilePronto credential in n8n; copy it again from your MobilePronto account (its Credencial).",
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
			"Check the 'API Key' in the MobilePronto credential in n8n; ask MobilePronto for a new key if it was revoked.",
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
			"Check the 'API Key' of the MobilePronto credential, and send fewer requests per minute; if it persists, contact MobilePronto support.",
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
		failure: 'gatewayRefusal',
		gateway: 'MobilePronto',
		code,
		message: `MobilePronto refused the request: ${info.meaning} (code ${code})`,
		description: info.action,
		raw: truncateRaw(raw),
		retryable: info.retryable,
	});
}

export interface MobileProntoResult {
	code: string;
	messageId?: string;
	raw: string;
}

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
