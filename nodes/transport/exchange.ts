import type { IN8nHttpFullResponse } from 'n8n-workflow';

import {
	abandon,
	Deadline,
	isByteStream,
	readCapped,
	ReplyTooLarge,
	toBytes,
} from './cappedStream';
import { decodeBody } from './charset';
import type { Gateway } from './errors';
import { transportError } from './errors';
import { networkFailure } from './networkErrors';
import { redactSecrets } from './redact';
import { looksLikeHtml } from './replyText';
import type { HttpSender } from './senders';

export interface ExchangeRequest {
	gateway: Gateway;
	url: string;
	headers: Record<string, string>;
	/** A Buffer when the body must go out in a charset other than UTF-8 (NuSOAP's ISO-8859-1). */
	body: string | Buffer;
	timeoutMs: number;
	/** Credential values to blank out of anything the gateway echoes back. */
	secrets: string[];
	/**
	 * Non-2xx replies the caller reads itself instead of getting an HTTP status error, e.g. a SOAP
	 * fault, which comes as HTTP 500 with an XML body (isSoapFaultReply).
	 */
	readsErrorReply?: (reply: ExchangeReply) => boolean;
}

export interface ExchangeReply {
	statusCode: number;
	contentType: string;
	text: string;
}

/**
 * Largest reply any documented operation can produce, with a wide margin (inbox lists, CSV reports).
 * The reply is read as a stream and dropped as soon as it passes this size, so a gateway (or
 * anything the base URL points at) that answers an endless body cannot exhaust n8n's memory.
 */
export const MAX_REPLY_BYTES = 10 * 1024 * 1024;

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string {
	const value =
		(headers as Record<string, unknown>)[name] ??
		(headers as Record<string, unknown>)[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0] ?? '');
	return value === undefined || value === null ? '' : String(value);
}

function declaredLength(headers: IN8nHttpFullResponse['headers']): number | undefined {
	const value = headerValue(headers, 'content-length');
	return /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/**
 * Sends one gateway request and returns the decoded reply. Whatever goes wrong on the
 * way becomes a GatewayError; the reply's meaning is left to the gateway's parser.
 * Nothing here retries: whether a request may be repeated is the caller's decision.
 */
export async function exchange(send: HttpSender, request: ExchangeRequest): Promise<ExchangeReply> {
	const deadline = new Deadline(request.timeoutMs);
	try {
		return await exchangeWithin(send, request, deadline);
	} finally {
		deadline.clear();
	}
}

async function exchangeWithin(
	send: HttpSender,
	request: ExchangeRequest,
	deadline: Deadline,
): Promise<ExchangeReply> {
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
	const reply: ExchangeReply = { statusCode, contentType, text };
	const success = statusCode >= 200 && statusCode < 300;
	if (!success && !request.readsErrorReply?.(reply)) {
		throw transportError(gateway, 'HTTP_STATUS', { httpCode: statusCode, raw: text });
	}
	if (text.trim() === '') throw transportError(gateway, 'EMPTY_BODY', { httpCode: statusCode });
	if (looksLikeHtml(text))
		throw transportError(gateway, 'HTML_PAGE', { httpCode: statusCode, raw: text });
	return reply;
}
