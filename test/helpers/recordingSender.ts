import { Readable } from 'node:stream';

import type { IHttpRequestOptions } from 'n8n-workflow';

import type { HttpSender } from '../../nodes/transport/senders';

export interface CannedReply {
	statusCode?: number;
	contentType?: string;
	body: string | Buffer;
}

/** A request as it left the client: where it went, its headers and its body as text. */
export interface SentRequest {
	url: string;
	headers: Record<string, string>;
	body: string;
	timeout: number | undefined;
}

/**
 * A sender that records every request and answers the canned replies in turn (the last one
 * again once they run out), as n8n answers for `encoding: 'stream'`.
 */
export function recordingSender(...replies: CannedReply[]): {
	send: HttpSender;
	sent: SentRequest[];
} {
	const sent: SentRequest[] = [];
	const send: HttpSender = async (options: IHttpRequestOptions) => {
		const body = options.body;
		sent.push({
			url: String(options.url),
			headers: options.headers as Record<string, string>,
			body: Buffer.isBuffer(body) ? body.toString('latin1') : String(body),
			timeout: options.timeout,
		});
		const reply = replies[Math.min(sent.length - 1, replies.length - 1)];
		return {
			statusCode: reply.statusCode ?? 200,
			headers: { 'content-type': reply.contentType ?? 'text/plain; charset=utf-8' },
			body: Readable.from([Buffer.from(reply.body)]),
		};
	};
	return { send, sent };
}
