import { ReplyDeadline } from './cappedStream';
import type { Gateway } from './errors';
import { GatewayError, transportError } from './errors';
import { redactSecrets } from './redact';

const NETWORK_CODES: Record<string, 'TIMEOUT' | 'CONNECTION_REFUSED' | 'CONNECTION_RESET' | 'DNS'> =
	{
		ECONNABORTED: 'TIMEOUT',
		ETIMEDOUT: 'TIMEOUT',
		ESOCKETTIMEDOUT: 'TIMEOUT',
		UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT',
		UND_ERR_BODY_TIMEOUT: 'TIMEOUT',
		ECONNREFUSED: 'CONNECTION_REFUSED',
		ECONNRESET: 'CONNECTION_RESET',
		EPIPE: 'CONNECTION_RESET',
		UND_ERR_SOCKET: 'CONNECTION_RESET',
		ERR_BAD_RESPONSE: 'CONNECTION_RESET',
		ENOTFOUND: 'DNS',
		EAI_AGAIN: 'DNS',
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
		if (typeof candidate.code === 'string' && candidate.code in NETWORK_CODES) {
			found = candidate.code;
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
	if (error instanceof ReplyDeadline)
		return transportError(gateway, 'TIMEOUT', { outcomeUnknown: true });
	const code = networkCodeOf(error);
	const kind = code ? NETWORK_CODES[code] : undefined;
	if (kind) {
		// Once the request may have left, a lost reply says nothing about whether the gateway acted on it.
		const outcomeUnknown = kind === 'TIMEOUT' || kind === 'CONNECTION_RESET';
		return transportError(gateway, kind, { outcomeUnknown });
	}
	const message = error instanceof Error ? error.message : String(error);
	return transportError(gateway, 'CONNECTION_RESET', {
		outcomeUnknown: true,
		detail: redactSecrets(message, secrets),
	});
}
