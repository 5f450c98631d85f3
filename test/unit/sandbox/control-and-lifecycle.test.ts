import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { request, errors } from 'undici';
import { startSandbox, MOBILEPRONTO_DEMO_CREDENCIAL as DEMO, Sandbox } from '../../../sandbox';
import { SERVICE, call, envelope, send } from './soapClient';

const MOBILE = '+55(11)987654321';

/** Calls the control API; `T` is what the route answers (the sandbox's own types). */
async function control<T = unknown>(sb: Sandbox, method: string, route: string, body?: unknown) {
	const res = await request(`${sb.url}/__sandbox/${route}`, {
		method: method as 'GET',
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: res.statusCode, json: (await res.body.json()) as T };
}

describe('HTTP control API', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterAll(() => sb.close());
	beforeEach(() => sb.reset());

	it('has a 40-character demo credencial with 1000 credits', () => {
		expect(DEMO).toHaveLength(40);
		expect(sb.mobilePronto.getAccount(DEMO)).toMatchObject({
			credits: 1000,
			blocked: false,
			sentToday: 0,
		});
		expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('lists recorded requests, without control calls', async () => {
		await send(sb.url, DEMO, MOBILE, 'recorded');
		await control(sb, 'GET', 'state');
		const { status, json } = await control<Sandbox['requests']>(sb, 'GET', 'requests');
		expect(status).toBe(200);
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({
			gateway: 'mobilepronto',
			operation: 'MPG_SendSimple_SMS',
			method: 'POST',
			path: SERVICE,
			params: { Message: 'recorded' },
			resultCode: '000',
		});
		expect(json[0].rawBody).toContain('<Message>recorded</Message>');
		expect(sb.requests).toHaveLength(1);
	});

	it('reports state: accounts and sent', async () => {
		await send(sb.url, DEMO, MOBILE, 'state');
		const { json } = await control<ReturnType<Sandbox['state']>>(sb, 'GET', 'state');
		expect(json.mobilePronto.accounts).toEqual([
			expect.objectContaining({ credencial: DEMO, credits: 999 }),
		]);
		expect(json.mobilePronto.sent).toEqual([
			expect.objectContaining({ mobile: MOBILE, message: 'state', soapVersion: '1.1' }),
		]);
	});

	it('adds accounts, blacklists and forces codes', async () => {
		const credencial = 'A'.repeat(40);
		expect(
			(
				await control(sb, 'POST', 'mobilepronto/accounts', {
					credencial,
					credits: 1,
					returnsMessageId: true,
				})
			).status,
		).toBe(200);
		expect(await send(sb.url, credencial, MOBILE, 'one')).toMatch(/^000:MPG\d{12}$/);
		expect(await send(sb.url, credencial, MOBILE, 'two')).toBe('009');

		expect((await control(sb, 'POST', 'mobilepronto/blacklist', { mobile: MOBILE })).status).toBe(
			200,
		);
		expect(await send(sb.url, DEMO, MOBILE, 'x')).toBe('018');

		expect(
			(
				await control(sb, 'POST', 'mobilepronto/force-code', {
					mobile: '+55(11)900000801',
					code: '801',
				})
			).status,
		).toBe(200);
		expect(await send(sb.url, DEMO, '+55(11)900000801', 'x')).toBe('801');
	});

	it('accepts JSON nulls for unlimited account limits', async () => {
		const credencial = 'N'.repeat(40);
		const { status, json } = await control(sb, 'POST', 'mobilepronto/accounts', {
			credencial,
			dailyLimit: null,
			ratePerMinute: null,
		});
		expect(status).toBe(200);
		expect(json).toMatchObject({ credencial, dailyLimit: null, ratePerMinute: null }); // Infinity serialises as null
		expect(await send(sb.url, credencial, MOBILE, 'x')).toBe('000');
	});

	it('injects and clears faults', async () => {
		const { status, json } = await control<{ id: string }>(sb, 'POST', 'faults', {
			kind: 'status',
			status: 503,
		});
		expect(status).toBe(201);
		expect(typeof json.id).toBe('string');
		expect(
			(await call(sb.url, 'MPG_SendSimple_SMS', { Credencial: DEMO, Mobile: MOBILE, Message: 'x' }))
				.status,
		).toBe(503);
		expect((await control(sb, 'DELETE', 'faults')).status).toBe(200);
		expect(await send(sb.url, DEMO, MOBILE, 'x')).toBe('000');
	});

	it('resets everything', async () => {
		sb.mobilePronto.addAccount({ credencial: 'R'.repeat(40) });
		sb.mobilePronto.blacklist(MOBILE);
		await send(sb.url, DEMO, '+55(11)987654322', 'before reset');
		sb.inject({ kind: 'status', status: 503 });
		const sent = sb.mobilePronto.sent;
		expect((await control(sb, 'POST', 'reset')).status).toBe(200);
		expect(sb.requests).toHaveLength(0);
		expect(sent).toHaveLength(0); // cleared in place
		expect(sb.faults).toHaveLength(0);
		expect(sb.mobilePronto.getAccount('R'.repeat(40))).toBeUndefined();
		expect(sb.mobilePronto.getAccount(DEMO)?.credits).toBe(1000);
		expect(await send(sb.url, DEMO, MOBILE, 'after reset')).toBe('000');
	});

	it('answers bad control input with 400 and unknown endpoints with 404', async () => {
		expect((await control(sb, 'POST', 'faults', { kind: 'bogus' })).status).toBe(400);
		expect((await control(sb, 'POST', 'faults', '{not json')).status).toBe(400);
		expect(
			(await control(sb, 'POST', 'mobilepronto/accounts', { credencial: 'short' })).status,
		).toBe(400);
		expect((await control(sb, 'POST', 'mobilepronto/blacklist', {})).status).toBe(400);
		expect((await control(sb, 'GET', 'nothing-here')).status).toBe(404);
		expect(sb.requests).toHaveLength(0);
	});
});

describe('lifecycle', () => {
	it('refuses non-loopback hosts', async () => {
		await expect(startSandbox({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
		await expect(startSandbox({ port: 0, host: '192.168.1.10' })).rejects.toThrow(/loopback/);
		await expect(startSandbox({ port: 0, host: '::' })).rejects.toThrow(/loopback/);
	});

	it('closes promptly while a timeout fault holds a socket, failing the held request', async () => {
		const sb = await startSandbox({ port: 0 });
		sb.inject({ kind: 'timeout' });
		const pending = request(sb.url + SERVICE, {
			method: 'POST',
			headers: {
				'content-type': 'text/xml; charset=utf-8',
				soapaction: '"PWGateway/MPG_SendSimple_SMS"',
			},
			body: envelope('1.1', 'MPG_SendSimple_SMS', {
				Credencial: DEMO,
				Mobile: MOBILE,
				Message: 'held',
			}),
		}).then(
			() => 'answered',
			(error: Error) => error,
		);
		while (sb.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
		const started = Date.now();
		await sb.close();
		expect(Date.now() - started).toBeLessThan(2000);
		const outcome = await pending;
		expect(outcome).toBeInstanceOf(errors.SocketError);
		await expect(request(sb.url + SERVICE)).rejects.toThrow();
	});

	it('closes promptly during an injected latency, without processing the request', async () => {
		const sb = await startSandbox({ port: 0 });
		sb.inject({ kind: 'latency', ms: 60_000 });
		const pending = send(sb.url, DEMO, MOBILE, 'slow').catch((error: Error) => error);
		while (sb.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
		const started = Date.now();
		await sb.close();
		expect(Date.now() - started).toBeLessThan(2000);
		expect(await pending).toBeInstanceOf(Error);
		expect(sb.mobilePronto.sent).toHaveLength(0);
	});

	it('close is idempotent', async () => {
		const sb = await startSandbox({ port: 0 });
		await Promise.all([sb.close(), sb.close()]);
		await sb.close();
	});
});

describe('CLI', () => {
	const cli = path.join(__dirname, '../../../sandbox/cli.js');

	it('prints the URL and the demo credencial, serves, and stops on SIGTERM', async () => {
		const child = spawn(process.execPath, [cli, '--port', '0'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.setEncoding('utf8');
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (chunk: string) => {
				output += chunk;
				const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
				if (match && output.includes('Press Ctrl+C')) resolve(match[1]);
			});
			child.once('exit', () => reject(new Error(`CLI exited early: ${output}`)));
		});
		expect(output).toContain(DEMO);
		expect(output).toContain('/__sandbox/requests');
		expect(await send(url, DEMO, MOBILE, 'via cli')).toBe('000');
		child.kill('SIGTERM');
		const [code] = await once(child, 'exit');
		expect(code).toBe(0);
	});

	it('refuses a non-loopback host', async () => {
		const child = spawn(process.execPath, [cli, '--port', '0', '--host', '0.0.0.0'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stderr = '';
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => (stderr += chunk));
		const [code] = await once(child, 'exit');
		expect(code).toBe(1);
		expect(stderr).toMatch(/loopback/);
	});
});
