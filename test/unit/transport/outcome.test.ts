/**
 * The send-outcome table (nodes/transport/outcome.ts), one test per row: each row's failure is
 * produced the way it happens — over real loopback sockets through the pooled sender where a
 * socket can show it, through n8n's error shapes where only n8n or the network can — and must
 * come out as that row, with the row's outcome.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IExecuteFunctions } from 'n8n-workflow';

import { runBulkSend } from '../../../nodes/helpers/bulkSend';
import { mobileProntoError } from '../../../nodes/MobilePronto/transport/returnCodes';
import { smSendKoError } from '../../../nodes/SmSend/transport/koMessages';
import { GatewayError, transportError } from '../../../nodes/transport/errors';
import { exchange } from '../../../nodes/transport/exchange';
import { networkFailure } from '../../../nodes/transport/networkErrors';
import type { FailureKind } from '../../../nodes/transport/outcome';
import { mayHaveBeenSent, SEND_OUTCOMES } from '../../../nodes/transport/outcome';
import { pooledSender } from '../../../nodes/transport/senders';
import { parseSoapReply } from '../../../nodes/transport/soapReply';
import { smSendClient } from '../../../nodes/SmSend/transport/client';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let handler: Handler = () => {};
let url = '';

beforeAll(async () => {
	server = createServer((req, res) => handler(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send.php`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** One request through the pooled sender and the shared exchange, answered by `answer`. */
async function failureOver(answer: Handler, timeoutMs = 2000, target = url): Promise<GatewayError> {
	handler = answer;
	const transport = pooledSender(undefined, 1);
	try {
		await exchange(transport.send, {
			gateway: 'smSend',
			url: target,
			headers: { 'Content-Type': 'text/plain' },
			body: 'rcpt=%2B393200000000',
			timeoutMs,
			secrets: [],
		});
	} catch (error) {
		return error as GatewayError;
	} finally {
		await transport.close();
	}
	throw new Error('expected the request to fail');
}

function withCode(code: string, message = code): Error {
	return Object.assign(new Error(message), { code });
}

const cases: Record<FailureKind, () => Promise<unknown>> = {
	gatewayRefusal: async () => mobileProntoError('009', '009'),
	httpRefusal: async () =>
		await failureOver((_, res) => {
			res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>Not Found</html>');
		}),
	connectionRefused: async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		return await failureOver(() => {}, 2000, `http://127.0.0.1:${port}/x`);
	},
	// A connection that cannot be opened needs an address that drops packets: not on loopback.
	connectTimeout: async () =>
		networkFailure('smSend', withCode('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), []),
	// A name lookup would leave the machine: the error as Node.js reports it.
	dnsFailure: async () =>
		networkFailure('smSend', withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND gw.invalid'), []),
	blockedByN8n: async () =>
		networkFailure(
			'smSend',
			Object.assign(new Error('blocked'), { name: 'SsrfBlockedIpError', ip: '10.0.0.1' }),
			[],
		),
	cancelledBeforeSending: async () => await cancelledRun(),
	refusedBeforeSending: async () =>
		await smSendClient(
			async () => {
				throw new Error('nothing may be sent');
			},
			{
				user: 'u',
				password: 'p',
				resellerUser: '',
				resellerPassword: '',
				baseUrl: 'http://127.0.0.1:9',
				serviceUrl: 'http://127.0.0.1:9',
				mmsId: '',
				mmsPassword: '',
				mmsAuth: 'plain',
				textEncoding: 'iso-8859-1',
			},
		)
			.sendSms(
				{
					recipient: '+393200000000',
					text: '5 €',
					sender: 'Shop',
					quality: 'h',
					messageType: 'TEXT',
					returnId: true,
				},
				{ timeoutMs: 1000 },
			)
			.catch((error: unknown) => error),
	connectionLost: async () =>
		await failureOver((req) => {
			req.resume();
			req.on('end', () => req.socket.destroy());
		}),
	timeout: async () => await failureOver(() => {}, 300),
	httpServerError: async () =>
		await failureOver((_, res) => {
			res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable');
		}),
	htmlPage: async () =>
		await failureOver((_, res) => {
			res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Login</body></html>');
		}),
	emptyReply: async () =>
		await failureOver((_, res) => {
			res.writeHead(200, { 'Content-Type': 'text/plain' }).end('');
		}),
	unreadableReply: async () => {
		try {
			parseSoapReply('<?xml version="1.0"?><soap:Envelope><soap:Body><Resp', {
				gateway: 'MobilePronto',
				responseElement: 'Resp',
			});
		} catch (error) {
			return error;
		}
		throw new Error('expected a failure');
	},
	replyTooLarge: async () =>
		await failureOver((_, res) => {
			res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 50 * 1024 * 1024 });
			res.write('OK');
		}),
	cancelledInFlight: async () => {
		const controller = new AbortController();
		handler = () => controller.abort();
		const transport = pooledSender(undefined, 1, controller.signal);
		try {
			await exchange(transport.send, {
				gateway: 'smSend',
				url,
				headers: {},
				body: 'x',
				timeoutMs: 2000,
				secrets: [],
			});
		} catch (error) {
			return error;
		} finally {
			await transport.close();
		}
		throw new Error('expected a failure');
	},
	unexpectedError: async () => networkFailure('smSend', new Error('something else broke'), []),
};

/** A run whose execution was cancelled before its one message started: what that message ends as. */
async function cancelledRun(): Promise<unknown> {
	const controller = new AbortController();
	controller.abort();
	let sent = 0;
	const [item] = await runBulkSend(
		{
			getNode: () => ({ name: 'Send', parameters: {} }),
			continueOnFail: () => true,
			getExecutionCancelSignal: () => controller.signal,
			logger: { warn: () => {} },
		} as unknown as IExecuteFunctions,
		[{ json: {} }],
		{
			gateway: 'smSend',
			setup: {
				concurrency: 1,
				messagesPerSecond: 0,
				dryRun: () => false,
				guardrails: () => ({ allowedPrefixes: [], maxRecipients: 0 }),
			},
			open: async () => ({ client: undefined, close: async () => {} }),
			prepare: async () => ({ request: 0, summary: {}, recipients: ['+393200000000'] }),
			send: async () => {
				sent += 1;
				return {};
			},
		},
	);
	expect(sent).toBe(0);
	return transportError('smSend', String((item.json.details as { code: string }).code) as never);
}

describe('the send-outcome table', () => {
	it('has a test for every row', () => {
		expect(Object.keys(cases).sort()).toEqual(Object.keys(SEND_OUTCOMES).sort());
	});

	it('says "not sent" only for the failures that prove it', () => {
		expect(
			(Object.keys(SEND_OUTCOMES) as FailureKind[]).filter((kind) => !mayHaveBeenSent(kind)),
		).toEqual([
			'gatewayRefusal',
			'httpRefusal',
			'connectionRefused',
			'connectTimeout',
			'dnsFailure',
			'blockedByN8n',
			'cancelledBeforeSending',
			'refusedBeforeSending',
		]);
	});

	it.each(Object.keys(SEND_OUTCOMES) as FailureKind[])('%s', async (row) => {
		const error = await cases[row]();
		expect(error).toBeInstanceOf(GatewayError);
		const { details } = error as GatewayError;
		expect(details.failure).toBe(row);
		expect(details.outcomeUnknown).toBe(SEND_OUTCOMES[row].outcome === 'unknown');
	});

	it('treats every gateway refusal the same, whatever the gateway', () => {
		for (const error of [
			mobileProntoError('801', '801'),
			smSendKoError('KO Credito insufficiente.', 'KO Credito insufficiente.'),
		])
			expect(error.details).toMatchObject({ failure: 'gatewayRefusal', outcomeUnknown: false });
	});
});
