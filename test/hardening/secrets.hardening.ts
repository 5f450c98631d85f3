import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Fault, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { n8nLog, pollTrigger, runNode } from '../helpers/workflowRunner';
import { binaryItem, PNG } from './fixtures';
import { record } from './summary';

/**
 * Every operation of both nodes and the trigger, with distinctive credential values, through
 * success and every failure class: no credential value, in any form it can travel in, may appear
 * in an output item, an error (message, description, response) or n8n's log.
 */
const pad40 = (text: string) => text.padEnd(40, 'Z');
const CREDENCIAL = pad40('MPs3cr3t&<k>"q"+=%');
const PASSWORD = 'smS3cr3t&pass=+%<x>"q"';
const RESELLER_PASSWORD = 'R3s3ll3r&pw=+<y>"q"';
const MMS_PASSWORD = 'MmS3cr3t&<z>=+"q"';
const CLIENT_PASSWORD = 'Cl13ntS3cr3t&<c>=+';
const SECRETS = [CREDENCIAL, PASSWORD, RESELLER_PASSWORD, MMS_PASSWORD, CLIENT_PASSWORD];

const xmlEscaped = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const FORMS = (secret: string) => [
	...new Set([
		secret,
		encodeURIComponent(secret),
		xmlEscaped(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
		secret.slice(0, 12),
	]),
];

interface Operation {
	name: string;
	node: 'mobilePronto' | 'smSend' | 'smSendTrigger';
	parameters: IDataObject;
	items?: IDataObject[];
	inputItems?: INodeExecutionData[];
	/** A gateway refusal for this operation. */
	refuse: (sandbox: Sandbox) => void;
}

const IT = '+393201234567';
const RCPT = '+393400000009';
const SHARECODE = '009';
const OPERATIONS: Operation[] = [
	{
		name: 'MobilePronto SMS → Send',
		node: 'mobilePronto',
		parameters: { resource: 'sms', operation: 'send', mobile: '+5511987654321', message: 'hi' },
		refuse: (s) => s.mobilePronto.forceCode('+55(11)987654321', '009'),
	},
	{
		name: 'MobilePronto Account → Get Balance',
		node: 'mobilePronto',
		parameters: { resource: 'account', operation: 'getBalance' },
		refuse: (s) => void s.mobilePronto.updateAccount(CREDENCIAL, { blocked: true }),
	},
	{
		name: 'smSend SMS → Send',
		node: 'smSend',
		parameters: {
			resource: 'sms',
			operation: 'send',
			recipient: IT,
			sender: 'MyShop',
			message: 'hi',
		},
		refuse: (s) => s.smSend.forceFailure('send', 'KO Credito insufficiente.'),
	},
	{
		name: 'smSend SMS → Get Status Report',
		node: 'smSend',
		parameters: {
			resource: 'sms',
			operation: 'getStatus',
			requestId: 'HTTP00000000001',
			reportType: 'queue',
			waitForFinal: false,
		},
		refuse: (s) => s.smSend.forceFailure('batch-status', 'KO Parametro id non corretto.'),
	},
	{
		name: 'smSend MMS → Send',
		node: 'smSend',
		parameters: {
			resource: 'mms',
			operation: 'send',
			recipients: IT,
			subject: 'S',
			text: 'T',
			imageProperty: 'image',
		},
		inputItems: [binaryItem({}, { image: { data: PNG, mimeType: 'image/png' } })],
		refuse: (s) => s.smSend.forceFailure('sendMms', 'KO 211 credito esaurito'),
	},
	{
		name: 'smSend Account → Get Credit',
		node: 'smSend',
		parameters: { resource: 'account', operation: 'getCredit', creditType: 'credit' },
		refuse: (s) => s.smSend.forceFailure('credit', 'KO Username o password errati.'),
	},
	{
		name: 'smSend Number Lookup → Check',
		node: 'smSend',
		parameters: { resource: 'numberLookup', operation: 'check', number: IT, waitForResults: false },
		refuse: (s) => s.smSend.forceFailure('mnc', 'KO Credito insufficiente.'),
	},
	{
		name: 'smSend Inbox → Get Received Messages',
		node: 'smSend',
		parameters: {
			resource: 'inbox',
			operation: 'getMessages',
			recipientNumber: RCPT,
			sharecode: SHARECODE,
			limit: 5,
		},
		refuse: (s) => s.smSend.forceFailure('receiveSms', 'KO 107 no suitable authentication'),
	},
	{
		name: 'smSend Client → Create',
		node: 'smSend',
		parameters: {
			resource: 'client',
			operation: 'create',
			clientName: 'Rossi',
			clientUsername: 'rossi',
			clientPassword: CLIENT_PASSWORD,
			accountType: 'client',
		},
		refuse: (s) => s.smSend.forceFailure('client-add', 'KO Username già esistente.'),
	},
	{
		name: 'smSend Client → Activate/Deactivate',
		node: 'smSend',
		parameters: { resource: 'client', operation: 'setStatus', clientId: '1001', active: false },
		refuse: (s) => s.smSend.forceFailure('client-status', 'KO Utente non trovato.'),
	},
	{
		name: 'smSend Client → Get Credit',
		node: 'smSend',
		parameters: { resource: 'client', operation: 'getCredit', clientId: '1001' },
		refuse: (s) => s.smSend.forceFailure('credit-get', 'KO Utente non trovato.'),
	},
	{
		name: 'smSend Client → Add Credit',
		node: 'smSend',
		parameters: {
			resource: 'client',
			operation: 'addCredit',
			clientId: '1001',
			tariffId: '1',
			additionalFields: { credit: '1' },
		},
		refuse: (s) => s.smSend.forceFailure('credit-add', 'KO Tariffa non corretta.'),
	},
	{
		name: 'smSend Reception → Create Sharecodes',
		node: 'smSend',
		parameters: {
			resource: 'reception',
			operation: 'create',
			clientId: '1001',
			receptionNumber: '+393400000001',
			sharecodeCount: 1,
		},
		refuse: (s) => s.smSend.forceFailure('recv-add', 'KO Numero di ricezione non corretto.'),
	},
	{
		name: 'smSend Reception → Revoke Sharecode',
		node: 'smSend',
		parameters: {
			resource: 'reception',
			operation: 'revoke',
			clientId: '1001',
			receptionNumber: '+393400000001',
			sharecode: '001',
		},
		refuse: (s) =>
			s.smSend.forceFailure('recv-del', 'KO Sharecode non associato all’utente specificato.'),
	},
	{
		name: 'smSend Back-Office Log → Get Operations',
		node: 'smSend',
		parameters: { resource: 'backofficeLog', operation: 'getOperations', logType: 'credits' },
		refuse: (s) => s.smSend.forceFailure('userlog-get', 'KO Accesso non consentito.'),
	},
	{
		name: 'smSend Trigger (poll)',
		node: 'smSendTrigger',
		parameters: { recipientNumber: RCPT, sharecode: SHARECODE, messagesPerPoll: 5 },
		refuse: (s) => s.smSend.forceFailure('receiveSms', 'KO 104 not allowed'),
	},
];

type FailureClass = {
	name: string;
	fault?: Fault;
	refuse?: boolean;
	echo?: 'ko' | 'http400' | 'html';
	wrongSecret?: boolean;
};

const CLASSES: FailureClass[] = [
	{ name: 'success' },
	{ name: 'gateway refusal', refuse: true },
	{ name: 'wrong login', wrongSecret: true },
	{ name: 'HTTP 503', fault: { kind: 'status', status: 503, times: 1 } },
	{ name: 'HTML page', fault: { kind: 'html', times: 1 } },
	{ name: 'malformed reply', fault: { kind: 'malformed', times: 1 } },
	{ name: 'empty reply', fault: { kind: 'empty', times: 1 } },
	{ name: 'redirect', fault: { kind: 'redirect', times: 1 } },
	{ name: 'reset mid-reply', fault: { kind: 'reset-mid-reply', times: 1 } },
	{ name: 'gateway echoing the request in a KO / SOAP fault', echo: 'ko' },
	{ name: 'gateway echoing the request in an HTTP 400 page', echo: 'http400' },
	{ name: 'gateway echoing the request in an HTML page', echo: 'html' },
];

/** A gateway that repeats the whole request back: the worst case for leaking what was sent. */
function startEchoServer(): Promise<Server> {
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks).toString('latin1');
			let decoded = body;
			try {
				decoded = decodeURIComponent(body.replace(/\+/g, ' '));
			} catch {
				// not form-encoded
			}
			const mode = request.url?.split('/')[1];
			const isSoap = /xml/.test(String(request.headers['content-type']));
			if (mode === 'http400') {
				response
					.writeHead(400, { 'content-type': 'text/plain' })
					.end(`Bad request: ${body} ${decoded}`);
			} else if (mode === 'html') {
				response
					.writeHead(200, { 'content-type': 'text/html' })
					.end(`<html><body>${body}</body></html>`);
			} else if (isSoap) {
				const fault = `<faultcode>KO 999</faultcode><faultstring>${xmlEscaped(body)}</faultstring>`;
				response
					.writeHead(500, { 'content-type': 'text/xml; charset=ISO-8859-1' })
					.end(
						Buffer.from(
							`<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>${fault}</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
							'latin1',
						),
					);
			} else {
				response
					.writeHead(200, { 'content-type': 'text/plain' })
					.end(`KO Parametro ${body} non valido. ${decoded}`);
			}
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('no credential value ever shows, whatever happens', () => {
	let sandbox: Sandbox;
	let echo: Server;
	let echoUrl: string;
	let checks = 0;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 9 });
		echo = await startEchoServer();
		echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await sandbox.close();
		await new Promise((resolve) => echo.close(resolve));
		record('secret', 'checks', checks);
	});
	beforeEach(() => {
		sandbox.reset();
		sandbox.mobilePronto.addAccount({ credencial: CREDENCIAL });
		sandbox.smSend.addAccount({
			user: 'secretive',
			pass: PASSWORD,
			reseller: true,
			smsusername: 'secretive-reseller',
			smspassword: RESELLER_PASSWORD,
			mms: { id: 'C00000_042', password: MMS_PASSWORD, auth: 'plain' },
		});
		sandbox.smSend.addReception({ user: 'secretive', rcpt: RCPT, sharecode: SHARECODE });
		sandbox.smSend.addInboxMessage({
			rcpt: RCPT,
			sharecode: SHARECODE,
			sender: '+393331112222',
			text: 'ciao',
		});
	});

	const credentials = (base: string, wrong: boolean) => ({
		mobileProntoApi: {
			credencial: wrong ? pad40('MPwr0ng&<k>') : CREDENCIAL,
			baseUrl: base,
			soapVersion: '1.1',
		},
		smSendApi: {
			user: 'secretive',
			password: wrong ? 'Wr0ngS3cr3t&=+<>' : PASSWORD,
			resellerUser: 'secretive-reseller',
			resellerPassword: wrong ? 'Wr0ngR3s3ll3r&=+<>' : RESELLER_PASSWORD,
			baseUrl: base,
			serviceUrl: '',
			mmsId: 'C00000_042',
			mmsPassword: wrong ? 'Wr0ngMm5&=+<>' : MMS_PASSWORD,
			mmsAuth: 'plain',
		},
	});

	const cases = OPERATIONS.flatMap((operation) =>
		CLASSES.map((failure) => [operation.name, failure.name, operation, failure] as const),
	);

	it.each(cases)('%s, %s', async (_o, _f, operation, failure) => {
		if (failure.refuse) operation.refuse(sandbox);
		if (failure.fault) sandbox.inject(failure.fault);
		const base = failure.echo ? `${echoUrl}/${failure.echo}` : sandbox.url;
		const logBefore = n8nLog.length;
		const wrongSecrets = failure.wrongSecret
			? ['MPwr0ng&<k>', 'Wr0ngS3cr3t&=+<>', 'Wr0ngR3s3ll3r&=+<>', 'Wr0ngMm5&=+<>']
			: [];
		let shown: unknown;
		if (operation.node === 'smSendTrigger') {
			const result = await pollTrigger({
				type: 'smSendTrigger',
				parameters: operation.parameters as never,
				credentials: credentials(base, failure.wrongSecret === true),
				mode: 'manual',
			});
			shown = {
				items: result.items,
				message: result.error?.message,
				description: result.error?.description,
				error: result.error,
			};
		} else {
			// Alternate continueOnFail so both error items and thrown errors are checked.
			const continueOnFail = CLASSES.indexOf(failure) % 2 === 1;
			const result = await runNode({
				type: operation.node,
				parameters: operation.parameters as never,
				credentials: credentials(base, failure.wrongSecret === true),
				items: operation.items,
				inputItems: operation.inputItems,
				continueOnFail,
			});
			shown = {
				items: result.items,
				message: result.error?.message,
				description: result.error?.description,
				context: result.error?.context,
				response: result.error?.errorResponse,
				cause: (result.error as { cause?: unknown } | undefined)?.cause,
			};
		}
		const text = `${JSON.stringify(shown, (_key, value: unknown) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value))}\n${n8nLog.slice(logBefore).join('\n')}`;
		// JSON.stringify escapes quotes; check the decoded text too.
		const decoded = text.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
		for (const secret of [...SECRETS, ...wrongSecrets]) {
			for (const form of FORMS(secret)) {
				expect(decoded).not.toContain(form);
				checks++;
			}
		}
	});

	it('wrote nothing secret to n8n’s log over the whole run', () => {
		const log = n8nLog.join('\n');
		for (const secret of SECRETS) for (const form of FORMS(secret)) expect(log).not.toContain(form);
	});
});
