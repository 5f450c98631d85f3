import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { decodeBody } from './charset';
import type { Gateway } from './errors';
import { GatewayError, transportError } from './errors';
import { looksLikeHtml } from './replies';
import { escapeXml } from './soap';

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

/**
 * Largest reply any documented operation can produce, with a wide margin (inbox lists, CSV reports).
 * The reply is read as a stream and dropped as soon as it passes this size, so a gateway (or
 * anything the base URL points at) that answers an endless body cannot exhaust n8n's memory.
 */
export const MAX_REPLY_BYTES = 10 * 1024 * 1024;

type RequestingContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/**
 * Sends through n8n, so its proxy, outbound (SSRF) policy and tracing apply. When the node
 * already holds the decrypted credential, it is handed over so n8n does not load and
 * decrypt it again for every request of a bulk send.
 */
export function n8nSender(
	context: RequestingContext,
	credentialType: string,
	credentials?: ICredentialDataDecryptedObject,
): HttpSender {
	const reference = context.getNode().credentials?.[credentialType];
	const additional =
		credentials && reference
			? {
					credentialsDecrypted: {
						id: reference.id ?? '',
						name: reference.name,
						type: credentialType,
						data: credentials,
					},
				}
			: undefined;
	return async (options) =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			options,
			additional,
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
			// The reply is read as a stream with a byte cap (sendGatewayRequest), never buffered whole.
			useStream: true,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
		})) as IN8nHttpFullResponse;
		return { statusCode: response.statusCode, headers: response.headers, body: response.body };
	};
}

/** Every form a secret can travel in, and so come back in: plain, URL-, form- and XML-encoded. */
function secretForms(secret: string): string[] {
	const partialXml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const forms = [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams([['', secret]]).toString().slice(1),
		partialXml,
		partialXml.replace(/"/g, '&quot;'),
		escapeXml(secret),
		escapeXml(secret).replace(/&apos;/g, '&#39;'),
	];
	// Longest first, so a longer form is not left half-replaced by a shorter one inside it.
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length < 4) continue;
		for (const form of secretForms(secret)) {
			result = result.split(form).join('***');
		}
	}
	return result;
}

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string {
	const value =
		(headers as Record<string, unknown>)[name] ??
		(headers as Record<string, unknown>)[name.toLowerCase()];
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

/** What n8n answers for `encoding: 'stream'`: Node's IncomingMessage (or any Readable). */
interface ByteStream {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy(error?: Error): unknown;
	resume?(): unknown;
}

function isByteStream(body: unknown): body is ByteStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		!(body instanceof Uint8Array) &&
		typeof (body as ByteStream).on === 'function' &&
		typeof (body as ByteStream).destroy === 'function'
	);
}

/** The stream was cut short because it passed the byte cap. */
class ReplyTooLarge extends Error {
	constructor(readonly bytes: number) {
		super(`more than ${bytes} bytes`);
	}
}

/** The whole exchange (headers and body) took longer than the request's timeout. */
class ReplyDeadline extends Error {
	constructor() {
		super('the reply did not complete in time');
	}
}

function chunkBytes(chunk: unknown): Uint8Array {
	if (chunk instanceof Uint8Array) return chunk;
	return typeof chunk === 'string' ? new TextEncoder().encode(chunk) : toBytes(chunk);
}

/**
 * Destroys a reply stream nobody reads any more. Some streams (undici's) report their own
 * destruction as an 'error' event, which must not reach the process as an unhandled one.
 */
function discard(stream: ByteStream): void {
	stream.on('error', () => {});
	stream.destroy();
}

/** Reads a stream up to `limit` bytes; past it, destroys the stream instead of buffering more. */
function readCapped(stream: ByteStream, limit: number, deadline: Deadline): Promise<Uint8Array> {
	return new Promise<Uint8Array>((resolve, reject) => {
		const chunks: Uint8Array[] = [];
		let size = 0;
		let settled = false;
		const listeners: Array<[string, (...args: unknown[]) => void]> = [];
		const settle = (outcome: () => void) => {
			if (settled) return;
			settled = true;
			for (const [event, listener] of listeners) stream.removeListener(event, listener);
			deadline.onExpire(undefined);
			outcome();
		};
		const listen = (event: string, listener: (...args: unknown[]) => void) => {
			listeners.push([event, listener]);
			stream.on(event, listener);
		};
		listen('data', (chunk) => {
			const bytes = chunkBytes(chunk);
			size += bytes.byteLength;
			if (size > limit) {
				settle(() => reject(new ReplyTooLarge(limit)));
				discard(stream);
				return;
			}
			chunks.push(bytes);
		});
		listen('end', () =>
			settle(() => {
				const body = new Uint8Array(size);
				let offset = 0;
				for (const chunk of chunks) {
					body.set(chunk, offset);
					offset += chunk.byteLength;
				}
				resolve(body);
			}),
		);
		listen('error', (error) => settle(() => reject(error)));
		listen('close', () =>
			settle(() =>
				reject(
					Object.assign(new Error('the connection closed before the reply ended'), {
						code: 'ECONNRESET',
					}),
				),
			),
		);
		deadline.onExpire(() => {
			settle(() => reject(new ReplyDeadline()));
			discard(stream);
		});
		if (deadline.expired) {
			settle(() => reject(new ReplyDeadline()));
			discard(stream);
			return;
		}
		stream.resume?.();
	});
}

/** One timer for the whole exchange: n8n's own timeout stops at the headers, this one also covers the body. */
class Deadline {
	expired = false;
	private listener: (() => void) | undefined;
	private readonly timer: ReturnType<typeof setTimeout>;
	readonly reached: Promise<never>;

	constructor(ms: number) {
		let fail: (error: Error) => void = () => {};
		this.reached = new Promise<never>((_, reject) => (fail = reject));
		// Nobody may be waiting on it when it fires; that is not an unhandled rejection.
		this.reached.catch(() => {});
		this.timer = setTimeout(() => {
			this.expired = true;
			this.listener?.();
			fail(new ReplyDeadline());
		}, ms);
	}

	onExpire(listener: (() => void) | undefined): void {
		this.listener = listener;
	}

	clear(): void {
		clearTimeout(this.timer);
	}
}

/**
 * Drops a reply stream unread. n8n's HTTP client hands out a wrapper that only closes the
 * connection once it has started reading, so the stream is let flow until its first chunk and
 * destroyed then (or after a grace period, whichever comes first).
 */
function abandon(stream: ByteStream): void {
	stream.on('error', () => {});
	const timer = setTimeout(() => stream.destroy(), 5000);
	(timer as { unref?: () => void }).unref?.();
	const drop = () => {
		clearTimeout(timer);
		stream.destroy();
	};
	stream.on('data', drop);
	stream.on('end', drop);
	stream.resume?.();
}

function declaredLength(headers: IN8nHttpFullResponse['headers']): number | undefined {
	const value = headerValue(headers, 'content-length');
	return /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

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
 * Sends one gateway request and returns the decoded reply. Whatever goes wrong on the
 * way becomes a GatewayError; the reply's meaning is left to the gateway's parser.
 * Nothing here retries: whether a request may be repeated is the caller's decision.
 */
export async function sendGatewayRequest(
	send: HttpSender,
	request: GatewayRequest,
): Promise<GatewayReply> {
	const deadline = new Deadline(request.timeoutMs);
	try {
		return await exchange(send, request, deadline);
	} finally {
		deadline.clear();
	}
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

function networkFailure(gateway: Gateway, error: unknown, secrets: string[]): GatewayError {
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

async function exchange(
	send: HttpSender,
	request: GatewayRequest,
	deadline: Deadline,
): Promise<GatewayReply> {
	const { gateway, secrets } = request;
	let response: IN8nHttpFullResponse;
	const sending = send({
		method: 'POST',
		url: request.url,
		headers: request.headers,
		body: request.body,
		// A stream, so the body is read with a byte cap instead of being buffered whole by n8n.
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: request.timeoutMs,
		json: false,
	});
	try {
		response = await Promise.race([sending, deadline.reached]);
	} catch (error) {
		// A reply whose headers arrive after the deadline is dropped unread.
		sending
			.then((late) => (isByteStream(late.body) ? abandon(late.body) : undefined))
			.catch(() => {});
		throw networkFailure(gateway, error, secrets);
	}

	const statusCode = response.statusCode;
	const contentType = headerValue(response.headers, 'content-type');
	let bytes: Uint8Array;
	if (isByteStream(response.body)) {
		const length = declaredLength(response.headers);
		if (length !== undefined && length > MAX_REPLY_BYTES) {
			abandon(response.body);
			throw transportError(gateway, 'REPLY_TOO_LARGE', {
				httpCode: statusCode,
				detail: `${length} bytes announced; the limit is ${MAX_REPLY_BYTES}`,
			});
		}
		try {
			bytes = await readCapped(response.body, MAX_REPLY_BYTES, deadline);
		} catch (error) {
			if (error instanceof ReplyTooLarge) {
				throw transportError(gateway, 'REPLY_TOO_LARGE', {
					httpCode: statusCode,
					detail: `more than ${MAX_REPLY_BYTES} bytes; reading stopped there`,
				});
			}
			throw networkFailure(gateway, error, secrets);
		}
	} else {
		bytes = toBytes(response.body);
		if (bytes.byteLength > MAX_REPLY_BYTES) {
			throw transportError(gateway, 'REPLY_TOO_LARGE', {
				httpCode: statusCode,
				detail: `${bytes.byteLength} bytes; the limit is ${MAX_REPLY_BYTES}`,
			});
		}
	}
	const text = redactSecrets(decodeBody(bytes, contentType), secrets);

	if (statusCode >= 300 && statusCode < 400) {
		const location = headerValue(response.headers, 'location');
		throw transportError(gateway, 'REDIRECT', {
			httpCode: statusCode,
			detail: redactSecrets(location, secrets),
		});
	}
	const isXml = /xml/i.test(contentType) || /^\s*<\?xml|^\s*<[\w-]+:Envelope/i.test(text);
	// SOAP services report their faults with HTTP 500 and an XML body the caller must read.
	const soapFault = statusCode === 500 && isXml && !looksLikeHtml(text);
	if ((statusCode < 200 || statusCode >= 300) && !soapFault) {
		throw transportError(gateway, 'HTTP_STATUS', { httpCode: statusCode, raw: text });
	}
	if (text.trim() === '') throw transportError(gateway, 'EMPTY_BODY', { httpCode: statusCode });
	if (looksLikeHtml(text))
		throw transportError(gateway, 'HTML_PAGE', { httpCode: statusCode, raw: text });
	return { statusCode, contentType, text };
}
