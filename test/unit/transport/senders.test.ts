import * as http from 'node:http';
import { lookup as dnsLookup } from 'node:dns';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type { IExecuteFunctions, NodeEgressFilter } from 'n8n-workflow';

import { GatewayError } from '../../../nodes/transport/errors';
import {
	n8nMajorVersion,
	openSender,
	pooledSender,
	proxyConfigured,
} from '../../../nodes/transport/senders';
import { exchange } from '../../../nodes/transport/exchange';

/** A server that answers `OK <n>` and tells which connection each request came on. */
async function startServer(delayMs = 0) {
	let connections = 0;
	const seen: Array<{ connection: number; body: string; headers: http.IncomingHttpHeaders }> = [];
	const ids = new WeakMap<object, number>();
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			seen.push({ connection: ids.get(req.socket) ?? 0, body, headers: req.headers });
			setTimeout(() => res.end(`OK ${seen.length}`), delayMs).unref();
		});
	});
	server.on('connection', (socket) => ids.set(socket, ++connections));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const close = async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	};
	return { port, seen, close };
}

type Verdict = Awaited<ReturnType<NodeEgressFilter['validateUrl']>>;

function egressFilter(verdict: (url: URL) => Verdict = () => ({ ok: true, result: undefined })) {
	const validated: string[] = [];
	const lookedUp: string[] = [];
	const filter: NodeEgressFilter = {
		validateUrl: async (url) => {
			validated.push(String(url));
			return verdict(new URL(String(url)));
		},
		validateConnectionHost: () => ({ ok: true, result: undefined }),
		createSecureLookup: () =>
			((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
				lookedUp.push(hostname);
				dnsLookup(hostname, { ...options, family: 4 }, callback as never);
			}) as never,
		validateRedirectSync: () => {},
	};
	return { filter, validated, lookedUp };
}

const smSendRequest = (url: string, rcpt: string) => ({
	gateway: 'smSend' as const,
	url,
	headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	body: `rcpt=${encodeURIComponent(rcpt)}`,
	timeoutMs: 5000,
	secrets: [],
});

describe('pooledSender', () => {
	it('carries 100 concurrent requests over at most the given number of connections', async () => {
		const server = await startServer(5);
		const { filter, validated } = egressFilter();
		const transport = pooledSender(filter, 4);
		try {
			const url = `http://127.0.0.1:${server.port}/sms/send.php`;
			const replies = await Promise.all(
				Array.from(
					{ length: 100 },
					async (_, i) => await exchange(transport.send, smSendRequest(url, `+39320${i}`)),
				),
			);
			expect(replies.every((reply) => /^OK \d+$/.test(reply.text))).toBe(true);
			expect(new Set(server.seen.map((request) => request.connection)).size).toBeLessThanOrEqual(4);
			expect(server.seen.map((request) => request.body).sort()).toEqual(
				Array.from({ length: 100 }, (_, i) => `rcpt=%2B39320${i}`).sort(),
			);
			// The address is checked against n8n's policy once, not per request.
			expect(validated).toEqual([url]);
			expect(server.seen[0].headers['user-agent']).toBe('n8n');
		} finally {
			await transport.close();
			await server.close();
		}
	});

	it("resolves host names through n8n's checking lookup", async () => {
		const server = await startServer();
		const { filter, lookedUp } = egressFilter();
		const transport = pooledSender(filter, 2);
		try {
			await exchange(
				transport.send,
				smSendRequest(`http://localhost:${server.port}/sms/send.php`, '+1'),
			);
			expect(lookedUp).toContain('localhost');
		} finally {
			await transport.close();
			await server.close();
		}
	});

	it('sends nothing to an address the policy refuses, and says so', async () => {
		const server = await startServer();
		const refusal = Object.assign(
			new Error('The request was blocked because it resolves to a restricted IP address'),
			{
				name: 'SsrfBlockedIpError',
				ip: '127.0.0.1',
			},
		);
		const { filter } = egressFilter(() => ({ ok: false, error: refusal }));
		const transport = pooledSender(filter, 2);
		try {
			const url = `http://127.0.0.1:${server.port}/sms/send.php`;
			const failures = await Promise.all(
				[1, 2, 3].map(
					async (i) =>
						await exchange(transport.send, smSendRequest(url, `+${i}`)).catch((e: unknown) => e),
				),
			);
			for (const failure of failures) {
				expect(failure).toBeInstanceOf(GatewayError);
				expect((failure as GatewayError).details).toMatchObject({
					code: 'BLOCKED_BY_N8N',
					retryable: false,
				});
				expect((failure as GatewayError).details.outcomeUnknown).not.toBe(true);
				expect((failure as GatewayError).message).toMatch(/nothing was sent \(127\.0\.0\.1\)/);
			}
			expect(server.seen).toHaveLength(0);
		} finally {
			await transport.close();
			await server.close();
		}
	});

	it('reports a request cut off by cancelling the execution as of unknown outcome', async () => {
		const server = await startServer(2000);
		const { filter } = egressFilter();
		const cancel = new AbortController();
		const transport = pooledSender(filter, 2, cancel.signal);
		try {
			const sending = exchange(
				transport.send,
				smSendRequest(`http://127.0.0.1:${server.port}/x`, '+1'),
			).catch((e: unknown) => e);
			setTimeout(() => cancel.abort(), 100);
			const failure = (await sending) as GatewayError;
			expect(failure).toBeInstanceOf(GatewayError);
			expect(failure.details.outcomeUnknown).toBe(true);
		} finally {
			await transport.close();
			await server.close();
		}
	});
});

describe('openSender', () => {
	const context = (helpers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		({
			helpers,
			getNode: () => ({ credentials: { smSendApi: { id: '1', name: 'smSend' } } }),
			getExecutionCancelSignal: () => undefined,
			getMode: () => 'manual',
			...extra,
		}) as unknown as IExecuteFunctions;

	it("falls back to n8n's request helper where n8n 2.x offers nodes no egress filter, or reuse is off", async () => {
		const calls: string[] = [];
		const helpers = {
			httpRequestWithAuthentication: async (_type: string, options: { url: string }) => {
				calls.push(options.url);
				return { statusCode: 200, headers: {}, body: Buffer.from('OK 1') };
			},
		};
		const withoutFilter = openSender(
			context(helpers),
			'smSendApi',
			{},
			{ reuseConnections: true, concurrency: 5 },
		);
		await withoutFilter.send({ url: 'http://gateway.example/a' });
		const { filter } = egressFilter();
		const reuseOff = openSender(
			context({ ...helpers, getSecureEgressFilter: () => filter }),
			'smSendApi',
			{},
			{
				reuseConnections: false,
				concurrency: 5,
			},
		);
		await reuseOff.send({ url: 'http://gateway.example/b' });
		const forReads = openSender(
			context({ ...helpers, getSecureEgressFilter: () => filter }),
			'smSendApi',
			{},
		);
		await forReads.send({ url: 'http://gateway.example/c' });
		expect(calls).toEqual([
			'http://gateway.example/a',
			'http://gateway.example/b',
			'http://gateway.example/c',
		]);
	});

	describe("keeps n8n's request helper wherever the pool would not send exactly what n8n sends", () => {
		const calls: string[] = [];
		const helpers = () => {
			const { filter } = egressFilter();
			return {
				getSecureEgressFilter: () => filter,
				httpRequestWithAuthentication: async (_type: string, options: { url: string }) => {
					calls.push(options.url);
					return { statusCode: 200, headers: {}, body: Buffer.from('OK 1') };
				},
			};
		};
		const reuse = { reuseConnections: true, concurrency: 5 };
		const saved = { ...process.env };
		afterEach(() => {
			process.env = { ...saved };
			calls.length = 0;
		});

		it.each([
			['an evaluation run', { getMode: () => 'evaluation' }, {}],
			[
				"an evaluation mock in n8n's additional data",
				{ additionalData: { evalLlmMockHandler: async () => undefined } },
				{},
			],
			['HTTP_PROXY', {}, { HTTP_PROXY: 'http://127.0.0.1:3128' }],
			['https_proxy', {}, { https_proxy: 'http://127.0.0.1:3128' }],
			['ALL_PROXY', {}, { ALL_PROXY: 'http://127.0.0.1:3128' }],
			['npm_config_proxy', {}, { npm_config_proxy: 'http://127.0.0.1:3128' }],
			['N8N_ENFORCE_GLOBAL_USER_AGENT', {}, { N8N_ENFORCE_GLOBAL_USER_AGENT: 'true' }],
		])('%s', async (_, extra, env) => {
			Object.assign(process.env, env);
			const sender = openSender(context(helpers(), extra), 'smSendApi', {}, reuse);
			await sender.send({ url: 'http://gateway.example/x' });
			expect(calls).toEqual(['http://gateway.example/x']);
		});

		it('and pools otherwise (the helper is never called)', async () => {
			for (const name of Object.keys(process.env))
				if (/proxy|ENFORCE_GLOBAL_USER_AGENT/i.test(name)) delete process.env[name];
			const sender = openSender(context(helpers()), 'smSendApi', {}, reuse);
			await expect(sender.send({ url: 'http://127.0.0.1:9/x' })).rejects.toThrow();
			expect(calls).toEqual([]);
			await sender.close();
		});
	});
});

describe('pooled connections on n8n 1.x (no egress filter, no outbound policy)', () => {
	it('carries concurrent requests over at most the given number of direct connections', async () => {
		const server = await startServer(5);
		const transport = pooledSender(undefined, 3);
		try {
			const url = `http://127.0.0.1:${server.port}/sms/send.php`;
			const replies = await Promise.all(
				Array.from(
					{ length: 30 },
					async (_, i) => await exchange(transport.send, smSendRequest(url, `+39320${i}`)),
				),
			);
			expect(replies.every((reply) => /^OK \d+$/.test(reply.text))).toBe(true);
			expect(new Set(server.seen.map((request) => request.connection)).size).toBeLessThanOrEqual(3);
			expect(server.seen).toHaveLength(30);
		} finally {
			await transport.close();
			await server.close();
		}
	});

	it("tells n8n's major version from the package.json beside its start script", () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-version-'));
		const install = (name: string, version: string) => {
			const dir = path.join(root, name, 'bin');
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'n8n'), '');
			fs.writeFileSync(path.join(root, name, 'package.json'), JSON.stringify({ name, version }));
			return path.join(dir, 'n8n');
		};
		try {
			expect(n8nMajorVersion(install('n8n', '1.123.81'))).toBe(1);
			expect(n8nMajorVersion(install('other', '1.0.0'))).toBeUndefined();
			expect(n8nMajorVersion(path.join(root, 'missing', 'bin', 'n8n'))).toBeUndefined();
			expect(n8nMajorVersion(undefined)).toBeUndefined();
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});

	it.each([
		[{}, false],
		[{ NO_PROXY: 'localhost' }, false],
		[{ HTTP_PROXY: '' }, false],
		[{ HTTP_PROXY: 'http://proxy:3128' }, true],
		[{ https_proxy: 'http://proxy:3128' }, true],
		[{ ALL_PROXY: 'http://proxy:3128' }, true],
		[{ npm_config_https_proxy: 'http://proxy:3128' }, true],
		[{ npm_config_proxy: 'http://proxy:3128' }, true],
	])('with %j a proxy is configured: %s', (env, expected) => {
		expect(proxyConfigured(env as NodeJS.ProcessEnv)).toBe(expected);
	});
});
