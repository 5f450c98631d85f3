import type {
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { decodeBody } from './charset';
import type { Gateway } from './errors';
import { transportError } from './errors';
import { looksLikeHtml } from './replies';

export interface GatewayRequest {
	gateway: Gateway;
	url: string;
	headers: Record<string, string>;
	/** A Buffer when the body must go out in a charset other than UTF-8 (NuSOAP's ISO-8859-1). */
	body: string | Buffer;
	timeoutMs: number;
	/** Credential values to blank out of anything the gateway echoes back. */
	secrets: string[];
}

export interface GatewayReply {
	statusCode: number;
	contentType: string;
	text: string;
}

/** Anything that can put an HTTP request on the wire and return the raw reply. */
export type HttpSender = (options: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>;

/** Largest reply any documented operation can produce, with a wide margin (inbox lists, CSV reports). */
export const MAX_REPLY_BYTES = 10 * 1024 * 1024;

type RequestingContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** Sends through n8n, so its proxy, outbound (SSRF) policy and tracing apply. */
export function n8nSender(context: RequestingContext, credentialType: string): HttpSender {
	return async (options) =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			options,
		)) as IN8nHttpFullResponse;
}

/** Credential tests only get n8n's legacy request helper. */
export function credentialTestSender(context: ICredentialTestFunctions): HttpSender {
	return async (options) => {
		const response = (await context.helpers.request({
			method: options.method,
			uri: options.url,
			headers: options.headers,
			body: options.body,
			timeout: options.timeout,
			encoding: null,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
		})) as { statusCode: number; headers: Record<string, string>; body: Buffer };
		return { statusCode: response.statusCode, headers: response.headers, body: response.body };
	};
}

export function redactSecrets(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length < 4) continue;
		for (const form of new Set([secret, encodeURIComponent(secret), escapeForXml(secret)])) {
			result = result.split(form).join('***');
		}
	}
	return result;
}

function escapeForXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string {
	const value = (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0] ?? '');
	return value === undefined || value === null ? '' : String(value);
}

function toBytes(body: unknown): Uint8Array {
	if (body instanceof Uint8Array) return body;
	if (body instanceof ArrayBuffer) return new Uint8Array(body);
	if (typeof body === 'string') return new TextEncoder().encode(body);
	if (body === undefined || body === null) return new Uint8Array(0);
	return new TextEncoder().encode(JSON.stringify(body));
}

const NETWORK_CODES: Record<string, 'TIMEOUT' | 'CONNECTION_REFUSED' | 'CONNECTION_RESET' | 'DNS'> = {
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
 * Sends one gateway request and returns the decoded reply. Whatever goes wrong on the
 * way becomes a GatewayError; the reply's meaning is left to the gateway's parser.
 * Nothing here retries: whether a request may be repeated is the caller's decision.
 */
export async function sendGatewayRequest(send: HttpSender, request: GatewayRequest): Promise<GatewayReply> {
	const { gateway, secrets } = request;
	let response: IN8nHttpFullResponse;
	try {
		response = await send({
			method: 'POST',
			url: request.url,
			headers: request.headers,
			body: request.body,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: request.timeoutMs,
			json: false,
		});
	} catch (error) {
		const code = networkCodeOf(error);
		const kind = code ? NETWORK_CODES[code] : undefined;
		if (kind) {
			// Once the request may have left, a lost reply says nothing about whether the gateway acted on it.
			const outcomeUnknown = kind === 'TIMEOUT' || kind === 'CONNECTION_RESET';
			throw transportError(gateway, kind, { outcomeUnknown });
		}
		const message = error instanceof Error ? error.message : String(error);
		throw transportError(gateway, 'CONNECTION_RESET', {
			outcomeUnknown: true,
			detail: redactSecrets(message, secrets),
		});
	}

	const statusCode = response.statusCode;
	const contentType = headerValue(response.headers, 'content-type');
	const bytes = toBytes(response.body);
	if (bytes.byteLength > MAX_REPLY_BYTES) {
		throw transportError(gateway, 'REPLY_TOO_LARGE', { httpCode: statusCode, detail: `${bytes.byteLength} bytes` });
	}
	const text = redactSecrets(decodeBody(bytes, contentType), secrets);

	if (statusCode >= 300 && statusCode < 400) {
		const location = headerValue(response.headers, 'location');
		throw transportError(gateway, 'REDIRECT', { httpCode: statusCode, detail: redactSecrets(location, secrets) });
	}
	const isXml = /xml/i.test(contentType) || /^\s*<\?xml|^\s*<[\w-]+:Envelope/i.test(text);
	// SOAP services report their faults with HTTP 500 and an XML body the caller must read.
	const soapFault = statusCode === 500 && isXml && !looksLikeHtml(text);
	if ((statusCode < 200 || statusCode >= 300) && !soapFault) {
		throw transportError(gateway, 'HTTP_STATUS', { httpCode: statusCode, raw: text });
	}
	if (text.trim() === '') throw transportError(gateway, 'EMPTY_BODY', { httpCode: statusCode });
	if (looksLikeHtml(text)) throw transportError(gateway, 'HTML_PAGE', { httpCode: statusCode, raw: text });
	return { statusCode, contentType, text };
}
