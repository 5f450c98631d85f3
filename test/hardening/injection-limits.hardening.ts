import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CredentialTestContext } from 'n8n-core';

import { MobilePronto } from '../../nodes/MobilePronto/MobilePronto.node';
import { MAX_REPLY_BYTES } from '../../nodes/transport/exchange';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runNode } from '../helpers/workflowRunner';
import { binaryItem, mobileProntoCredentials, PNG, smSendCredentials } from './fixtures';
import { record } from './summary';

/** Texts that would be markup if concatenated into XML or a form body instead of sent as data. */
const HOSTILE = [
	'</Message><Mobile>+5511900000000</Mobile><Message>x',
	'a <b> & c ]]> "q" \'a\' <![CDATA[x]]>',
	'&amp; &lt; &#13; &#x41; &bogus;',
	'line1\r\nline2\ttab\rcr',
	'</tns:sendMms><tns:sendMms><rcpt>+393330000000</rcpt>',
	'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>&e;',
	'a&b=c+d%2B&pass=x&user=admin',
	'\u00a0é€😀 “quotes” ‘single’',
];

describe('injection: hostile texts travel as data', () => {
	let sandbox: Sandbox;
	let checks = 0;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 21 });
	});
	afterAll(async () => {
		await sandbox.close();
		record('injection', 'checks', checks);
	});
	beforeEach(() => sandbox.reset());

	it.each(HOSTILE)(
		'MobilePronto Message %j arrives exactly, to the one recipient (SOAP 1.1 and 1.2)',
		async (text) => {
			for (const soapVersion of ['1.1', '1.2']) {
				sandbox.reset();
				const { items, error } = await runNode({
					type: 'mobilePronto',
					parameters: {
						resource: 'sms',
						operation: 'send',
						mobile: '={{ $json.phone }}',
						message: '={{ $json.text }}',
					},
					credentials: mobileProntoCredentials(sandbox, { soapVersion }),
					items: [{ phone: '+5511987654321', text }],
				});
				expect(error).toBeUndefined();
				expect(items[0].json.status).toBe('sent');
				expect(sandbox.mobilePronto.sent.map((sms) => [sms.mobile, sms.message])).toEqual([
					['+55(11)987654321', text],
				]);
				checks++;
			}
		},
	);

	it('MobilePronto drops only the control characters XML 1.0 cannot carry', async () => {
		const { error } = await runNode({
			type: 'mobilePronto',
			parameters: {
				resource: 'sms',
				operation: 'send',
				mobile: '+5511987654321',
				message: '={{ $json.text }}',
			},
			credentials: mobileProntoCredentials(sandbox),
			items: [{ text: 'bell\u0007nul\u0000esc\u001b tab\t' }],
		});
		expect(error).toBeUndefined();
		expect(sandbox.mobilePronto.sent[0].message).toBe('bellnulesc tab\t');
		checks++;
	});

	it.each(HOSTILE)('smSend SMS data %j arrives exactly, with no extra form field', async (text) => {
		const { error } = await runNode({
			type: 'smSend',
			parameters: {
				resource: 'sms',
				operation: 'send',
				recipient: '+393201234567',
				sender: 'MyShop',
				message: '={{ $json.text }}',
			},
			credentials: smSendCredentials(sandbox),
			items: [{ text }],
		});
		expect(error).toBeUndefined();
		expect(sandbox.smSend.sent.map((sms) => [sms.rcpt, sms.data, sms.user])).toEqual([
			['+393201234567', text, 'demo'],
		]);
		expect(Object.keys(sandbox.requests[0].params ?? {}).sort()).toEqual([
			'data',
			'operation',
			'pass',
			'qty',
			'rcpt',
			'return_id',
			'sender',
			'user',
		]);
		checks++;
	});

	it.each(HOSTILE.filter((text) => text.length <= 2400))(
		'smSend MMS text %j and a hostile subject arrive exactly',
		async (text) => {
			const subject = '<s>&"\']]>=+';
			const { error } = await runNode({
				type: 'smSend',
				parameters: {
					resource: 'mms',
					operation: 'send',
					recipients: '+393201234567',
					subject,
					text: '={{ $json.text }}',
					imageProperty: 'image',
				},
				credentials: smSendCredentials(sandbox),
				inputItems: [binaryItem({ text }, { image: { data: PNG, mimeType: 'image/png' } })],
			});
			expect(error).toBeUndefined();
			// Control characters XML cannot carry are dropped from the envelope; everything else arrives as written.
			expect(sandbox.smSend.mms.map((mms) => [mms.rcpt, mms.subject, mms.text])).toEqual([
				[['+393201234567'], subject, text],
			]);
			checks++;
		},
	);

	it('smSend back-office fields with & = + arrive exactly', async () => {
		const name = 'Rossi & Figli=+1 <srl> %2B';
		const { error } = await runNode({
			type: 'smSend',
			parameters: {
				resource: 'client',
				operation: 'create',
				clientName: name,
				clientUsername: 'rossi',
				clientPassword: 'p&ss=+w',
				accountType: 'client',
			},
			credentials: smSendCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		expect(sandbox.smSend.clients.map((c) => [c.name, c.username, c.password])).toEqual([
			[name, 'rossi', 'p&ss=+w'],
		]);
		checks++;
	});
});

/* ------------------------------------------------------------------ */
/* Limits                                                              */
/* ------------------------------------------------------------------ */

type Behaviour = 'endless' | 'announced' | 'trickle';

interface Misbehaving {
	server: Server;
	url: string;
	/** Bytes written to each connection so far. */
	sent: () => number;
	closed: () => number;
}

async function eventually(condition: () => boolean, ms = 3000): Promise<boolean> {
	const until = Date.now() + ms;
	while (!condition() && Date.now() < until)
		await new Promise((resolve) => setTimeout(resolve, 25));
	return condition();
}

/** A "gateway" that answers with an endless body, a 50 MB announced body, or one byte at a time forever. */
function startMisbehaving(behaviour: Behaviour): Promise<Misbehaving> {
	let sent = 0;
	let closed = 0;
	const chunk = Buffer.alloc(64 * 1024, 0x61);
	const server = createServer((request, response: ServerResponse) => {
		request.resume();
		let open = true;
		response.on('close', () => {
			open = false;
			closed++;
		});
		if (behaviour === 'announced') {
			response.writeHead(200, {
				'content-type': 'text/xml',
				'content-length': String(50 * 1024 * 1024),
			});
		} else {
			response.writeHead(200, { 'content-type': 'text/xml' });
		}
		if (behaviour === 'trickle') {
			const timer = setInterval(() => {
				if (!open) return clearInterval(timer);
				response.write('<');
				sent++;
			}, 100);
			return;
		}
		const pump = () => {
			while (open && sent < 200 * 1024 * 1024) {
				sent += chunk.length;
				if (!response.write(chunk)) return void response.once('drain', pump);
			}
		};
		pump();
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				server,
				url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
				sent: () => sent,
				closed: () => closed,
			}),
		),
	);
}

describe('limits: a huge or endless reply is refused without exhausting memory', () => {
	const servers: Server[] = [];
	let checks = 0;
	afterAll(async () => {
		await Promise.all(
			servers.map(
				(server) =>
					new Promise((resolve) => {
						server.closeAllConnections();
						server.close(resolve);
					}),
			),
		);
		record('limit', 'checks', checks);
	});

	const send = (url: string, timeout = 20000) =>
		runNode({
			type: 'mobilePronto',
			parameters: {
				resource: 'sms',
				operation: 'send',
				mobile: '+5511987654321',
				message: 'hi',
				options: { timeout },
			},
			credentials: {
				mobileProntoApi: { credencial: 'L'.repeat(40), baseUrl: url, soapVersion: '1.1' },
			},
		});

	it('an endless body is cut at the cap, with a clear error, and memory stays bounded', async () => {
		const gateway = await startMisbehaving('endless');
		servers.push(gateway.server);
		global.gc?.();
		const before = process.memoryUsage();
		const { error } = await send(gateway.url);
		const after = process.memoryUsage();
		expect(error?.message).toBe(
			`MobilePronto answered with a reply larger than the allowed size (more than ${MAX_REPLY_BYTES} bytes; reading stopped there) [item 0]`,
		);
		expect(error?.description).toMatch(/^Check the base URL in the credential/m);
		// The reply was dropped soon after the cap, not read to the end (the server would send 200 MB).
		expect(await eventually(() => gateway.closed() === 1)).toBe(true);
		expect(gateway.sent()).toBeLessThan(MAX_REPLY_BYTES + 16 * 1024 * 1024);
		expect(after.rss - before.rss).toBeLessThan(120 * 1024 * 1024);
		expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(40 * 1024 * 1024);
		checks++;
	});

	it('a 50 MB announced body is refused from its Content-Length, before reading it', async () => {
		const gateway = await startMisbehaving('announced');
		servers.push(gateway.server);
		const { error } = await send(gateway.url);
		expect(error?.message).toBe(
			`MobilePronto answered with a reply larger than the allowed size (${50 * 1024 * 1024} bytes announced; the limit is ${MAX_REPLY_BYTES}) [item 0]`,
		);
		// The connection is closed rather than drained: far less than the 50 MB crossed it.
		expect(await eventually(() => gateway.closed() === 1)).toBe(true);
		expect(gateway.sent()).toBeLessThan(MAX_REPLY_BYTES);
		checks++;
	});

	it('a body that trickles forever ends at the timeout, as outcome unknown', async () => {
		const gateway = await startMisbehaving('trickle');
		servers.push(gateway.server);
		const started = Date.now();
		const { items } = await runNode({
			type: 'mobilePronto',
			parameters: {
				resource: 'sms',
				operation: 'send',
				mobile: '+5511987654321',
				message: 'hi',
				options: { timeout: 1500 },
			},
			credentials: {
				mobileProntoApi: { credencial: 'L'.repeat(40), baseUrl: gateway.url, soapVersion: '1.1' },
			},
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe('MobilePronto did not answer in time [item 0]');
		expect(items[0].json.details).toMatchObject({ code: 'TIMEOUT', outcomeUnknown: true });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(await eventually(() => gateway.closed() === 1)).toBe(true);
		checks++;
	});

	it('the credential test (n8n’s legacy request helper) is capped the same way', async () => {
		const gateway = await startMisbehaving('endless');
		servers.push(gateway.server);
		const test = new MobilePronto().methods.credentialTest.mobileProntoApiTest;
		const result = await test.call(new CredentialTestContext(), {
			id: '1',
			name: 'MobilePronto',
			type: 'mobileProntoApi',
			data: { credencial: 'L'.repeat(40), baseUrl: gateway.url, soapVersion: '1.1' },
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('answered with a reply larger than the allowed size');
		checks++;
	});
});
