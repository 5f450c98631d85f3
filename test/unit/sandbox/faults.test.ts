import { request, errors } from 'undici';
import {
	startSandbox,
	MOBILEPRONTO_DEMO_CREDENCIAL as DEMO,
	Sandbox,
	FAULT_KINDS,
} from '../../../sandbox';
import { SERVICE, bodyOf, call, envelope, send } from './soapClient';

const MOBILE = '+55(11)987654321';
const SEND = 'MPG_SendSimple_SMS';
const sms = (message = 'hi') => ({ Credencial: DEMO, Mobile: MOBILE, Message: message });

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: 7 });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

/** A send whose transport must fail; returns the error undici raised. */
async function failingSend(options: { headersTimeout?: number } = {}): Promise<Error> {
	try {
		const res = await request(sb.url + SERVICE, {
			method: 'POST',
			headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"PWGateway/${SEND}"` },
			body: envelope('1.1', SEND, sms()),
			headersTimeout: options.headersTimeout,
			bodyTimeout: options.headersTimeout,
		});
		await res.body.text();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the request to fail');
}

describe('fault injection', () => {
	it('exposes every documented kind', () => {
		expect([...FAULT_KINDS].sort()).toEqual(
			[
				'drop',
				'empty',
				'gateway-error',
				'html',
				'latency',
				'latin1',
				'malformed',
				'redirect',
				'reset-mid-reply',
				'status',
				'timeout',
				'unexpected-xml',
			].sort(),
		);
	});

	it('latency delays the reply, then handles the request normally', async () => {
		sb.inject({ kind: 'latency', ms: 300 });
		const started = Date.now();
		expect(await send(sb.url, DEMO, MOBILE, 'slow')).toBe('000');
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		expect(sb.requests[0].fault).toBe('latency');
		expect(sb.mobilePronto.sent).toHaveLength(1);
	});

	it('status replies with the HTTP status and does not process the request', async () => {
		sb.inject({ kind: 'status', status: 503 });
		const reply = await call(sb.url, SEND, sms());
		expect(reply.status).toBe(503);
		expect(reply.text).toContain('503');
		expect(sb.mobilePronto.sent).toHaveLength(0);
		expect(sb.requests[0]).toMatchObject({ fault: 'status', status: 503, resultCode: null });
	});

	it("status with when: 'after' processes the request, then fails", async () => {
		sb.inject({ kind: 'status', status: 502, when: 'after' });
		const reply = await call(sb.url, SEND, sms('lost reply'));
		expect(reply.status).toBe(502);
		expect(sb.mobilePronto.sent.map((s) => s.message)).toEqual(['lost reply']);
		expect(sb.mobilePronto.getAccount(DEMO)?.credits).toBe(999);
		expect(sb.requests[0]).toMatchObject({ fault: 'status', resultCode: '000' });
	});

	it('html replies 200 text/html', async () => {
		sb.inject({ kind: 'html' });
		const reply = await call(sb.url, SEND, sms());
		expect(reply.status).toBe(200);
		expect(reply.contentType).toMatch(/^text\/html/);
		expect(reply.text).toContain('<html>');
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('empty replies 200 with an empty body', async () => {
		sb.inject({ kind: 'empty' });
		const reply = await call(sb.url, SEND, sms());
		expect(reply.status).toBe(200);
		expect(reply.text).toBe('');
		expect(reply.headers['content-length']).toBe('0');
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('malformed replies 200 text/xml with truncated XML', async () => {
		sb.inject({ kind: 'malformed' });
		const reply = await call(sb.url, SEND, sms());
		expect(reply.status).toBe(200);
		expect(reply.contentType).toMatch(/^text\/xml/);
		expect(reply.text.startsWith('<?xml')).toBe(true);
		expect(reply.text).not.toContain('</soap:Envelope>');
		expect(() => bodyOf(reply.text).MPG_SendSimple_SMSResponse.MPG_SendSimple_SMSResult).toThrow();
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('unexpected-xml replies with well-formed XML that is not the operation response', async () => {
		sb.inject({ kind: 'unexpected-xml' });
		const reply = await call(sb.url, SEND, sms());
		expect(reply.status).toBe(200);
		expect(reply.contentType).toMatch(/^text\/xml/);
		const body = bodyOf(reply.text);
		expect(body).toBeDefined();
		expect(body.MPG_SendSimple_SMSResponse).toBeUndefined();
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('redirect replies 302 with a Location', async () => {
		sb.inject({ kind: 'redirect', times: 1 });
		const reply = await call(sb.url, SEND, sms());
		expect(reply.status).toBe(302);
		expect(String(reply.headers.location)).toMatch(/^\/errorpage\.aspx\?aspxerrorpath=/);
		const followed = await request(sb.url + String(reply.headers.location));
		expect(followed.statusCode).toBe(404);
		await followed.body.text();
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('latin1 encodes the reply as ISO-8859-1 and declares it', async () => {
		sb.inject({ kind: 'latin1' });
		sb.mobilePronto.forceCode(MOBILE, '950 Operadora indisponível 😀');
		const res = await request(sb.url + SERVICE, {
			method: 'POST',
			headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"PWGateway/${SEND}"` },
			body: envelope('1.1', SEND, sms()),
		});
		expect(res.headers['content-type']).toBe('text/xml; charset=ISO-8859-1');
		const bytes = Buffer.from(await res.body.arrayBuffer());
		const text = bytes.toString('latin1');
		expect(text.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
		expect(bytes.includes(Buffer.from([0xed]))).toBe(true); // í as a single Latin-1 byte
		expect(text).toContain('indisponível &#128512;</MPG_SendSimple_SMSResult>');
	});

	it('drop destroys the socket without a reply and does not process', async () => {
		sb.inject({ kind: 'drop', times: 1 });
		const error = await failingSend();
		expect(error).toBeInstanceOf(errors.SocketError);
		expect(sb.mobilePronto.sent).toHaveLength(0);
		expect(sb.requests[0]).toMatchObject({ fault: 'drop', status: null, resultCode: null });
	});

	it("drop with when: 'after' sends the SMS but loses the reply", async () => {
		sb.inject({ kind: 'drop', when: 'after', times: 1 });
		await failingSend();
		expect(sb.mobilePronto.sent).toHaveLength(1);
		expect(sb.mobilePronto.getAccount(DEMO)?.credits).toBe(999);
		expect(sb.requests[0]).toMatchObject({ fault: 'drop', resultCode: '000', status: null });
	});

	it('timeout never answers until the client gives up', async () => {
		sb.inject({ kind: 'timeout', times: 1 });
		const error = await failingSend({ headersTimeout: 300 });
		expect(error).toBeInstanceOf(errors.HeadersTimeoutError);
		expect(sb.mobilePronto.sent).toHaveLength(0);
		expect(sb.requests[0].fault).toBe('timeout');
	});

	it("timeout with when: 'after' records the SMS", async () => {
		sb.inject({ kind: 'timeout', when: 'after', times: 1 });
		await failingSend({ headersTimeout: 300 });
		expect(sb.mobilePronto.sent.map((s) => s.message)).toEqual(['hi']);
		// the sandbox keeps serving other requests meanwhile
		expect(await send(sb.url, DEMO, MOBILE, 'next')).toBe('000');
	});

	it('reset-mid-reply sends headers and half the body, then resets', async () => {
		sb.inject({ kind: 'reset-mid-reply', times: 1 });
		const res = await request(sb.url + SERVICE, {
			method: 'POST',
			headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"PWGateway/${SEND}"` },
			body: envelope('1.1', SEND, sms()),
		});
		expect(res.statusCode).toBe(200);
		await expect(res.body.text()).rejects.toThrow();
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it("reset-mid-reply with when: 'after' records the SMS", async () => {
		sb.inject({ kind: 'reset-mid-reply', when: 'after', times: 1 });
		const error = await failingSend();
		expect(error).toBeDefined();
		expect(sb.mobilePronto.sent).toHaveLength(1);
		expect(sb.requests[0]).toMatchObject({ fault: 'reset-mid-reply', resultCode: '000' });
	});

	it('applies only `times` times, then behaves normally', async () => {
		sb.inject({ kind: 'status', status: 500, times: 2 });
		expect((await call(sb.url, SEND, sms())).status).toBe(500);
		expect((await call(sb.url, SEND, sms())).status).toBe(500);
		expect((await call(sb.url, SEND, sms())).status).toBe(200);
		expect(sb.faults).toHaveLength(0);
	});

	it('matches by operation and by path', async () => {
		sb.inject({ kind: 'status', status: 503, match: { operation: 'MPG_Credits' } });
		sb.inject({ kind: 'html', match: { path: '/elsewhere' } });
		expect((await call(sb.url, SEND, sms())).status).toBe(200);
		expect((await call(sb.url, 'MPG_Credits', { Credencial: DEMO })).status).toBe(503);
		expect((await call(sb.url, SEND, sms(), { path: '/elsewhere' })).status).toBe(200); // html fault, 200 text/html
		expect(sb.requests.map((r) => r.fault)).toEqual([undefined, 'status', 'html']);
	});

	it('applies probabilistic faults reproducibly from the seed', async () => {
		const pattern = async () => {
			sb.reset();
			sb.inject({ kind: 'status', status: 503, probability: 0.5 });
			const statuses = [];
			for (let i = 0; i < 12; i++) statuses.push((await call(sb.url, SEND, sms())).status);
			return statuses;
		};
		const first = await pattern();
		expect(first).toContain(503);
		expect(first).toContain(200);
		expect(await pattern()).toEqual(first);
	});

	it('clearFaults and removeFault stop injection', async () => {
		const id = sb.inject({ kind: 'status', status: 503 });
		expect(sb.removeFault(id)).toBe(true);
		expect((await call(sb.url, SEND, sms())).status).toBe(200);
		sb.inject({ kind: 'status', status: 503 });
		sb.clearFaults();
		expect((await call(sb.url, SEND, sms())).status).toBe(200);
	});

	it('rejects invalid faults', () => {
		expect(() => sb.inject({ kind: 'nope' as never })).toThrow(TypeError);
		expect(() => sb.inject({ kind: 'latency' })).toThrow(TypeError);
		expect(() => sb.inject({ kind: 'status', probability: 2 })).toThrow(TypeError);
		expect(() => sb.inject({ kind: 'drop', when: 'later' as never })).toThrow(TypeError);
	});
});
