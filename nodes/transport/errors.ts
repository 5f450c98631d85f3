import type { FailureKind } from './outcome';
import { mayHaveBeenSent } from './outcome';

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
	/** What went wrong, in the terms of the send-outcome table (outcome.ts). */
	failure: FailureKind;
	/** The request may have reached the gateway and been acted on: never repeat it automatically. */
	outcomeUnknown: boolean;
	httpCode?: number;
}

export class GatewayError extends Error {
	readonly details: GatewayErrorDetails;

	/** `outcomeUnknown` always follows from `failure`, through the one table that decides it. */
	constructor(details: Omit<GatewayErrorDetails, 'outcomeUnknown'>) {
		super(details.message);
		this.name = 'GatewayError';
		this.details = { ...details, outcomeUnknown: mayHaveBeenSent(details.failure) };
	}
}

export interface CodeInfo {
	code: string;
	meaning: string;
	action: string;
	retryable: boolean;
}

export type CodeEntry = Omit<CodeInfo, 'code'>;

const RAW_LIMIT = 500;

export function truncateRaw(raw: string | undefined): string | undefined {
	if (raw === undefined) return undefined;
	return raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…` : raw;
}

/** One line of at most `limit` characters, for a detail quoted inside a message. */
export function clip(text: string, limit = 200): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > limit ? `${oneLine.slice(0, limit)}…` : oneLine;
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
	| 'BLOCKED_BY_N8N'
	| 'CONNECT_TIMEOUT'
	| 'CANCELLED'
	| 'CANCELLED_IN_FLIGHT'
	| 'NETWORK_ERROR'
	| 'CANNOT_ENCODE';

export interface TransportErrorExtra {
	httpCode?: number;
	raw?: string;
	detail?: string;
}

export interface TransportEntry {
	kind: GatewayErrorKind;
	what: string;
	action: string;
	retryable: boolean;
	/** The row of the send-outcome table this failure falls under. */
	failure: FailureKind;
}

const MAY_HAVE_BEEN_PROCESSED =
	"The request may have been processed: check the gateway's report before sending again.";

const CHECK_URL = 'Check the base URL in the credential';

export const TRANSPORT_ERRORS: Readonly<
	Record<Exclude<TransportErrorCode, 'HTTP_STATUS'>, TransportEntry>
> = {
	TIMEOUT: {
		kind: 'transport',
		what: 'did not answer in time',
		action: `Check the gateway status and the network/proxy settings of n8n. ${CHECK_URL}. ${MAY_HAVE_BEEN_PROCESSED}`,
		retryable: true,
		failure: 'timeout',
	},
	CONNECTION_REFUSED: {
		kind: 'transport',
		what: 'refused the connection',
		action: `${CHECK_URL} (host and port), the gateway status, and any firewall or proxy between n8n and the gateway.`,
		retryable: true,
		failure: 'connectionRefused',
	},
	CONNECT_TIMEOUT: {
		kind: 'transport',
		what: 'could not be connected to in time; nothing was sent',
		action: `${CHECK_URL} (host and port), the gateway status, and any firewall or proxy between n8n and the gateway.`,
		retryable: true,
		failure: 'connectTimeout',
	},
	CONNECTION_RESET: {
		kind: 'transport',
		what: 'closed the connection unexpectedly',
		action: `Check the gateway status and the proxy settings of n8n. ${MAY_HAVE_BEEN_PROCESSED}`,
		retryable: true,
		failure: 'connectionLost',
	},
	DNS: {
		kind: 'transport',
		what: 'could not be found (DNS lookup failed)',
		action: `${CHECK_URL} for typos, and that the n8n server can resolve internet host names.`,
		retryable: false,
		failure: 'dnsFailure',
	},
	HTML_PAGE: {
		kind: 'reply',
		what: 'answered with an HTML page instead of an API reply',
		action: `${CHECK_URL}: it must point to the API endpoint, not the website; a proxy or login page may also be in the way. ${MAY_HAVE_BEEN_PROCESSED}`,
		retryable: false,
		failure: 'htmlPage',
	},
	EMPTY_BODY: {
		kind: 'reply',
		what: 'answered with an empty reply',
		action: `${CHECK_URL} and the gateway status. ${MAY_HAVE_BEEN_PROCESSED}`,
		retryable: true,
		failure: 'emptyReply',
	},
	MALFORMED_XML: {
		kind: 'reply',
		what: 'answered with XML that could not be read (malformed or cut off)',
		action: `${CHECK_URL} and the gateway status. ${MAY_HAVE_BEEN_PROCESSED}`,
		retryable: true,
		failure: 'unreadableReply',
	},
	UNEXPECTED_REPLY: {
		kind: 'reply',
		what: 'answered with a reply this node does not understand',
		action: `${CHECK_URL}: it must point to the API of this gateway. If it does, report the raw reply to the node maintainers. ${MAY_HAVE_BEEN_PROCESSED}`,
		retryable: false,
		failure: 'unreadableReply',
	},
	REPLY_TOO_LARGE: {
		kind: 'reply',
		what: 'answered with a reply larger than the allowed size',
		action: `${CHECK_URL}: it must point to the API endpoint; ask for smaller reports (shorter date range).`,
		retryable: false,
		failure: 'replyTooLarge',
	},
	REDIRECT: {
		kind: 'transport',
		what: 'redirected the request elsewhere',
		action: `${CHECK_URL}: use the final address (for example https:// instead of http://, or the reseller's own domain).`,
		retryable: false,
		failure: 'httpRefusal',
	},
	BLOCKED_BY_N8N: {
		kind: 'transport',
		what: "is an address n8n's outbound-request (SSRF) policy does not allow; nothing was sent",
		action: `${CHECK_URL}. If the address is right, ask your n8n administrator to allow it (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).`,
		retryable: false,
		failure: 'blockedByN8n',
	},
	NETWORK_ERROR: {
		kind: 'transport',
		what: 'could not be reached: the request failed on its way',
		action: `Check the gateway status and the network/proxy settings of n8n. ${MAY_HAVE_BEEN_PROCESSED}`,
		retryable: true,
		failure: 'unexpectedError',
	},
	CANNOT_ENCODE: {
		kind: 'transport',
		what: 'was not called: a value cannot be written in the text encoding of the credential; nothing was sent',
		action:
			"Remove the character, or set the credential's 'Text Encoding' to UTF-8 if your gateway reads UTF-8.",
		retryable: false,
		failure: 'refusedBeforeSending',
	},
	CANCELLED: {
		kind: 'transport',
		what: 'was not called: the execution was cancelled before this message was sent; nothing was sent',
		action: 'Run the workflow again to send it.',
		retryable: false,
		failure: 'cancelledBeforeSending',
	},
	CANCELLED_IN_FLIGHT: {
		kind: 'transport',
		what: 'did not answer before the execution was cancelled',
		action: `The message was on its way when the execution stopped. ${MAY_HAVE_BEEN_PROCESSED}`,
		retryable: false,
		failure: 'cancelledInFlight',
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
		action: `Try again later; if it persists, contact the gateway support. ${MAY_HAVE_BEEN_PROCESSED}`,
	},
	502: {
		what: 'is unreachable behind its proxy (bad gateway)',
		action: `Try again later; check the gateway status and the proxy settings of n8n. ${MAY_HAVE_BEEN_PROCESSED}`,
	},
	503: {
		what: 'is temporarily unavailable',
		action: `Try again later; check the gateway status. ${MAY_HAVE_BEEN_PROCESSED}`,
	},
	504: {
		what: 'did not answer in time behind its proxy',
		action: `Try again later. ${MAY_HAVE_BEEN_PROCESSED}`,
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

/**
 * A status without a gateway reply in it: 5xx may come from a proxy or front end after the
 * gateway acted; 3xx and 4xx are the server declining the request (see outcome.ts).
 */
export function httpStatusFailure(status: number): FailureKind {
	return status >= 300 && status < 500 ? 'httpRefusal' : 'httpServerError';
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
		return new GatewayError({
			...common,
			kind: 'transport',
			code: `HTTP_${status}`,
			message: `${gateway} ${entry.what} (HTTP ${status})${suffix}`,
			description: entry.action,
			retryable: isRetryableStatus(status),
			failure: httpStatusFailure(status),
		});
	}

	const entry = TRANSPORT_ERRORS[code];
	const retryable = code === 'HTML_PAGE' ? isRetryableStatus(extra.httpCode) : entry.retryable;
	return new GatewayError({
		...common,
		kind: entry.kind,
		code,
		message: `${gateway} ${entry.what}${suffix}`,
		description: entry.action,
		retryable,
		failure: entry.failure,
	});
}
