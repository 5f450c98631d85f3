import { Readable } from 'node:stream';

import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { GatewayError } from '../../../nodes/transport/errors';
import type { HttpSender } from '../../../nodes/transport/senders';
import { isSoapFaultReply } from '../../../nodes/transport/soapReply';
import { MAX_REPLY_BYTES, exchange } from '../../../nodes/transport/exchange';
import { redactSecrets } from '../../../nodes/transport/redact';

const SECRET = 'S3cr3t&Key<40chars>0000000000000000000000';

/** Answers like n8n does for `encoding: 'stream'`: the body as a stream of chunks. */
function replying(
	reply: Partial<IN8nHttpFullResponse>,
	seen: IHttpRequestOptions[] = [],
): HttpSender {
	return async (options) => {
		seen.push(options);
		const { body = Buffer.alloc(0), ...rest } = reply;
		const bytes = body as Buffer;
		const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) =>
			bytes.subarray(i * 65536, (i + 1) * 65536),
		);
		return { statusCode: 200, headers: {}, ...rest, body: Readable.from(chunks) };
	};
}

function failing(error: unknown): HttpSender {
	return async () => {
		throw error;
	};
}

const request = {
	gateway: 'MobilePronto' as const,
	url: 'http://127.0.0.1:9/x',
	headers: { A: 'b' },
	body: '<x/>',
	timeoutMs: 1234,
	secrets: [SECRET],
};

async function failureOf(send: HttpSender): Promise<GatewayError> {
	try {
		await exchange(send, request);
	} catch (error) {
		expect(error).toBeInstanceOf(GatewayError);
		return error as GatewayError;
	}
	throw new Error('expected a failure');
}

describe('redactSecrets', () => {
	it('blanks plain, URL-encoded and XML-escaped forms of each secret', () => {
		const text = `a ${SECRET} b ${encodeURIComponent(SECRET)} c S3cr3t&amp;Key&lt;40chars&gt;0000000000000000000000 d`;
		expect(redactSecrets(text, [SECRET])).toBe('a *** b *** c *** d');
	});

	it('blanks a very short secret only where it stands alone, not inside ordinary words', () => {
		expect(redactSecrets('KO abc: wrong password abc; abcdef xabc', ['abc'])).toBe(
			'KO ***: wrong password ***; abcdef xabc',
		);
	});

	it('blanks the forms a gateway may echo: decoded once more, numeric XML references, UTF-8 read as Latin-1', () => {
		expect(redactSecrets('echo p@ss and p%40ss', ['p%40ss'])).toBe('echo *** and ***');
		expect(redactSecrets('pw=&#8364;uro5 or &#x20ac;uro5', ['€uro5'])).toBe('pw=*** or ***');
		expect(redactSecrets('pw=pÃ¤sswort', ['pässwort'])).toBe('pw=***');
	});
});

describe('exchange', () => {
	it('sends one POST asking n8n for the raw byte stream and every status, without following redirects', async () => {
		const seen: IHttpRequestOptions[] = [];
		const reply = await exchange(
			replying(
				{ headers: { 'content-type': 'text/xml; charset=utf-8' }, body: Buffer.from('<ok>é</ok>') },
				seen,
			),
			request,
		);
		expect(reply).toEqual({
			statusCode: 200,
			contentType: 'text/xml; charset=utf-8',
			text: '<ok>é</ok>',
		});
		expect(seen).toEqual([
			expect.objectContaining({
				method: 'POST',
				url: request.url,
				headers: { A: 'b' },
				body: '<x/>',
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: 1234,
			}),
		]);
	});

	it('decodes by the declared charset', async () => {
		const reply = await exchange(
			replying({
				headers: { 'content-type': 'text/xml; charset=ISO-8859-1' },
				body: Buffer.from([0x3c, 0x61, 0x3e, 0xe0, 0x3c, 0x2f, 0x61, 0x3e]),
			}),
			request,
		);
		expect(reply.text).toBe('<a>à</a>');
	});

	const soapFault = {
		statusCode: 500,
		headers: { 'content-type': 'text/xml' },
		body: Buffer.from(
			'<?xml version="1.0"?><soap:Envelope><soap:Body><soap:Fault/></soap:Body></soap:Envelope>',
		),
	};

	it('passes a SOAP fault (HTTP 500 with XML) to a caller that reads it', async () => {
		const reply = await exchange(replying(soapFault), {
			...request,
			readsErrorReply: isSoapFaultReply,
		});
		expect(reply.statusCode).toBe(500);
	});

	it('reports any non-2xx reply as an HTTP status error unless the caller reads it', async () => {
		expect((await failureOf(replying(soapFault))).details.code).toBe('HTTP_500');
		const html = { ...soapFault, body: Buffer.from('<html><body>down</body></html>') };
		await expect(
			exchange(replying(html), { ...request, readsErrorReply: isSoapFaultReply }),
		).rejects.toMatchObject({ details: { code: 'HTTP_500' } });
	});

	it.each([
		[{ statusCode: 503, body: Buffer.from('busy') }, 'HTTP_503'],
		[
			{
				statusCode: 404,
				headers: { 'content-type': 'text/html' },
				body: Buffer.from('<html>nf</html>'),
			},
			'HTTP_404',
		],
		[{ statusCode: 302, headers: { location: 'http://elsewhere/' } }, 'REDIRECT'],
		[{ body: Buffer.from('   ') }, 'EMPTY_BODY'],
		[
			{
				headers: { 'content-type': 'text/html' },
				body: Buffer.from('<!DOCTYPE html><html><body>Login</body></html>'),
			},
			'HTML_PAGE',
		],
		[{ body: Buffer.alloc(MAX_REPLY_BYTES + 1, 0x61) }, 'REPLY_TOO_LARGE'],
	])('turns %o into %s', async (reply, code) => {
		expect((await failureOf(replying(reply as Partial<IN8nHttpFullResponse>))).details.code).toBe(
			code,
		);
	});

	it.each([
		[
			Object.assign(new Error('outer'), {
				code: 'ECONNRESET',
				cause: Object.assign(new Error('timeout of 1234ms exceeded'), { code: 'ECONNABORTED' }),
			}),
			'TIMEOUT',
			true,
		],
		[
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
			'CONNECTION_REFUSED',
			false,
		],
		[Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'CONNECTION_RESET', true],
		[Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }), 'DNS', false],
	])('classifies network failures: %s', async (error, code, outcomeUnknown) => {
		const failure = await failureOf(failing(error));
		expect(failure.details.code).toBe(code);
		expect(failure.details.outcomeUnknown).toBe(outcomeUnknown);
	});

	it('treats an unrecognised failure as outcome unknown, never as safe to resend', async () => {
		const failure = await failureOf(failing(new Error(`proxy said no to ${SECRET}`)));
		expect(failure.details.outcomeUnknown).toBe(true);
		expect(failure.message).not.toContain(SECRET);
	});

	it('never lets an echoed credential reach the error', async () => {
		const failure = await failureOf(
			replying({ statusCode: 400, body: Buffer.from(`bad credencial ${SECRET}`) }),
		);
		expect(JSON.stringify(failure.details)).not.toContain(SECRET);
		expect(failure.details.raw).toBe('bad credencial ***');
	});
});
