import { ReplyDeadline } from './cappedStream';
import type { Gateway, TransportErrorCode } from './errors';
import { GatewayError, transportError } from './errors';
import { redactSecrets } from './redact';

type NetworkCode = Extract<
	TransportErrorCode,
	| 'TIMEOUT'
	| 'CONNECTION_REFUSED'
	| 'CONNECT_TIMEOUT'
	| 'CONNECTION_RESET'
	| 'DNS'
	| 'CANCELLED_IN_FLIGHT'
>;

/**
 * Error codes of Node.js, axios (n8n's request helper) and undici (the pooled sender). Only the
 * ones raised before a connection exists (refused, connect timeout, DNS) prove nothing was sent;
 * what each code means for the message is decided by the outcome table (outcome.ts).
 */
const NETWORK_CODES: Record<string, NetworkCode> = {
	ECONNABORTED: 'TIMEOUT',
	ETIMEDOUT: 'TIMEOUT',
	ESOCKETTIMEDOUT: 'TIMEOUT',
	UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT',
	UND_ERR_BODY_TIMEOUT: 'TIMEOUT',
	UND_ERR_CONNECT_TIMEOUT: 'CONNECT_TIMEOUT',
	ECONNREFUSED: 'CONNECTION_REFUSED',
	ECONNRESET: 'CONNECTION_RESET',
	EPIPE: 'CONNECTION_RESET',
	UND_ERR_SOCKET: 'CONNECTION_RESET',
	ERR_BAD_RESPONSE: 'CONNECTION_RESET',
	ENOTFOUND: 'DNS',
	EAI_AGAIN: 'DNS',
	// The execution's cancel signal stopped a request on its way (undici, axios, Node).
	UND_ERR_ABORTED: 'CANCELLED_IN_FLIGHT',
	ERR_CANCELED: 'CANCELLED_IN_FLIGHT',
	ABORT_ERR: 'CANCELLED_IN_FLIGHT',
};

/**
 * n8n wraps the HTTP client's error, and its wrapper may restate the code (a timeout's
 * ECONNABORTED becomes ECONNRESET), so the innermost code is the one that tells.
 */
function networkCodeOf(error: unknown): string | undefined {
	let found: string | undefined;
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current; depth++) {
		const candidate = current as { code?: unknown; cause?: unknown; message?: unknown };
		if (typeof candidate.code === 'string' && Object.hasOwn(NETWORK_CODES, candidate.code)) {
			found = candidate.code;
		} else if ((candidate as { name?: unknown }).name === 'AbortError') {
			found = 'ABORT_ERR';
		} else if (typeof candidate.message === 'string') {
			if (/timeout of \d+ms exceeded|timed out/i.test(candidate.message)) found = 'ETIMEDOUT';
			else if (/ECONNREFUSED/.test(candidate.message)) found = 'ECONNREFUSED';
			else if (/socket hang up|ECONNRESET/i.test(candidate.message)) found = 'ECONNRESET';
		}
		current = candidate.cause;
	}
	return found;
}

/**
 * The address n8n's SSRF protection refused (SsrfBlockedIpError, SsrfBlockedHostnameError), if
 * that is what stopped the request: before it was sent, or when its connection was opened.
 */
function egressRefusal(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current; depth++) {
		const candidate = current as {
			name?: unknown;
			ip?: unknown;
			hostname?: unknown;
			cause?: unknown;
		};
		if (typeof candidate.name === 'string' && /^SsrfBlocked\w*Error$/.test(candidate.name)) {
			const target = [candidate.hostname, candidate.ip].filter(
				(part) => typeof part === 'string' && part !== '',
			);
			return target.length > 0 ? target.join(' → ') : 'address refused';
		}
		current = candidate.cause;
	}
	return undefined;
}

export function networkFailure(gateway: Gateway, error: unknown, secrets: string[]): GatewayError {
	if (error instanceof GatewayError) return error;
	const refused = egressRefusal(error);
	if (refused !== undefined) return transportError(gateway, 'BLOCKED_BY_N8N', { detail: refused });
	if (error instanceof ReplyDeadline) return transportError(gateway, 'TIMEOUT');
	const code = networkCodeOf(error);
	if (code) return transportError(gateway, NETWORK_CODES[code]);
	// Anything else may have happened after the request left: its outcome stays unknown.
	const message = error instanceof Error ? error.message : String(error);
	return transportError(gateway, 'NETWORK_ERROR', { detail: redactSecrets(message, secrets) });
}
