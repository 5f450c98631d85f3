/* Reading a reply body as a stream: a byte cap, and one deadline over the whole exchange. */

export function toBytes(body: unknown): Uint8Array {
	if (body instanceof Uint8Array) return body;
	if (body instanceof ArrayBuffer) return new Uint8Array(body);
	if (typeof body === 'string') return new TextEncoder().encode(body);
	if (body === undefined || body === null) return new Uint8Array(0);
	return new TextEncoder().encode(JSON.stringify(body));
}

/** What n8n answers for `encoding: 'stream'`: Node's IncomingMessage (or any Readable). */
export interface ByteStream {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy(error?: Error): unknown;
	resume?(): unknown;
}

export function isByteStream(body: unknown): body is ByteStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		!(body instanceof Uint8Array) &&
		typeof (body as ByteStream).on === 'function' &&
		typeof (body as ByteStream).destroy === 'function'
	);
}

/** The stream was cut short because it passed the byte cap. */
export class ReplyTooLarge extends Error {
	constructor(readonly bytes: number) {
		super(`more than ${bytes} bytes`);
	}
}

/** The whole exchange (headers and body) took longer than the request's timeout. */
export class ReplyDeadline extends Error {
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
export function readCapped(
	stream: ByteStream,
	limit: number,
	deadline: Deadline,
): Promise<Uint8Array> {
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
export class Deadline {
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
export function abandon(stream: ByteStream): void {
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
