import type { CodeEntry, Gateway } from './errors';
import { clip, GatewayError, truncateRaw } from './errors';

export interface StandardFault extends CodeEntry {
	id: string;
}

// Keyed by the local part of the fault code, SOAP 1.1 and 1.2 names.
export const STANDARD_SOAP_FAULTS: Readonly<Record<string, StandardFault>> = Object.freeze({
	client: {
		id: 'SOAP_CLIENT',
		meaning: 'the gateway rejected the request as invalid',
		action:
			"Check the field values (phone number, message, the credential's key); if they look right, check the base URL points to the right service version.",
		retryable: false,
	},
	sender: {
		id: 'SOAP_CLIENT',
		meaning: 'the gateway rejected the request as invalid',
		action:
			"Check the field values (phone number, message, the credential's key); if they look right, check the base URL points to the right service version.",
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

/**
 * A SOAP fault as the standard names it (Client/Sender, Server/Receiver, VersionMismatch, …), or
 * any other fault shown with its code and text. A gateway with codes of its own reads those first
 * and hands the rest here.
 */
export function soapFaultError(
	gateway: Gateway,
	faultcode: string,
	faultstring: string,
	raw: string,
): GatewayError {
	const base = {
		kind: 'gateway' as const,
		failure: 'gatewayRefusal' as const,
		gateway,
		raw: truncateRaw(raw),
	};
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
