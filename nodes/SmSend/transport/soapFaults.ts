import type { CodeEntry } from '../../transport/errors';
import { clip, GatewayError, truncateRaw } from '../../transport/errors';
import { soapFaultError } from '../../transport/soapFaults';

/* smSend's web services (sendMms, receiveSms) report their own failures as faults coded `KO nnn`. */

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

/** A fault of smSend's web services: its own `KO nnn` codes first, then the standard SOAP faults. */
export function smSendSoapFaultError(
	faultcode: string,
	faultstring: string,
	raw: string,
): GatewayError {
	const koCode = /^KO\s*(\d{3})\b/i.exec(faultcode.trim())?.[1];
	if (koCode === undefined) return soapFaultError('smSend', faultcode, faultstring, raw);
	const base = {
		kind: 'gateway' as const,
		failure: 'gatewayRefusal' as const,
		gateway: 'smSend' as const,
		raw: truncateRaw(raw),
	};
	const code = `KO ${koCode}`;
	const entry = Object.prototype.hasOwnProperty.call(SMSEND_SOAP_FAULTS, koCode)
		? SMSEND_SOAP_FAULTS[koCode]
		: undefined;
	if (entry) {
		return new GatewayError({
			...base,
			code,
			message: `smSend refused the request: ${entry.meaning} (${code})`,
			description: entry.action,
			retryable: entry.retryable,
		});
	}
	return new GatewayError({
		...base,
		code,
		message: `smSend refused the request with unknown fault ${code}: ${clip(faultstring) || '(no text)'}`,
		description: 'Contact the gateway support and quote the fault code and text.',
		retryable: false,
	});
}
