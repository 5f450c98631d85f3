/**
 * The end-to-end fault matrix's cases (neverTwice.e2e.test.ts): which operations, which damage,
 * which On Error settings, and how to read what a stored execution reported for each item.
 * Every case has its own recipients (numbers built from the case number), so the cases can run
 * in parallel against one sandbox and still be counted apart.
 */
import type { Fault, RecordedRequest, Sandbox } from '../../sandbox';
import { createClients, reportedOf, type Reported } from '../helpers/sendOutcomes';

export const RECIPIENTS = 5;
/** The damaged recipient: the second, so the first is already out when it fails. */
export const FAULTED = 1;
/** Sends wait this long for a reply (the node's smallest Timeout): what a timeout fault costs. */
export const SEND_TIMEOUT_MS = 1000;

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
export type FaultName =
	| 'gateway refusal (not sent)'
	| '503 before acting'
	| 'reply lost after acting'
	| 'HTML 502 page after acting'
	| 'timeout after acting';

export interface FaultSpec {
	damage: Omit<Fault, 'match' | 'times'>;
	/** Whether the gateway carries the request out before the damage. */
	actedOn: boolean;
	/** What the node can know from what it received: refused on proof, or possibly sent. */
	known: 'notSent' | 'unknown';
}

export const FAULTS: Record<FaultName, FaultSpec> = {
	// The gateway's own error reply: proof that nothing was sent, so it may be tried again.
	'gateway refusal (not sent)': {
		damage: { kind: 'gateway-error' },
		actedOn: false,
		known: 'notSent',
	},
	// A 503 page from the front end: the gateway did nothing, but the node cannot know that.
	'503 before acting': {
		damage: { kind: 'status', status: 503 },
		actedOn: false,
		known: 'unknown',
	},
	'reply lost after acting': {
		damage: { kind: 'drop', when: 'after' },
		actedOn: true,
		known: 'unknown',
	},
	'HTML 502 page after acting': {
		damage: { kind: 'html', status: 502, when: 'after' },
		actedOn: true,
		known: 'unknown',
	},
	'timeout after acting': {
		damage: { kind: 'timeout', when: 'after' },
		actedOn: true,
		known: 'unknown',
	},
};

export const MP_CREDENCIAL = 'E2E0NEVER0TWICE0MOBILEPRONTO0000000000AA';
export const SMSEND = { user: 'never-e2e', pass: 'never-e2e-password' };
export const MMS = { id: 'C55555_001', password: 'never-mms-password' };
export const RESELLER = { user: 'never-e2e-reseller', password: 'never-reseller-password' };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface Operation {
	/** The node type (without the package prefix) and its parameters. */
	type: 'mobilePronto' | 'smSend';
	parameters: Record<string, unknown>;
	credentialType: 'mobileProntoApi' | 'smSendApi';
	/** The request field that names the recipient, and its value for a case's i-th recipient. */
	field: string;
	key(caseNo: number, i: number, clients: number[]): string;
	/** The i-th input item of a case. */
	item(caseNo: number, i: number, clients: number[]): Record<string, unknown>;
	/** Whether the sandbox carried out this request. */
	accepted(request: RecordedRequest): boolean;
	/** What a sent item carries as proof: the id the gateway answered (or, for an MMS, the credit it spent). */
	proofField: string;
	/** The same value as the sandbox recorded it for the recipient `key`, where it records one. */
	gatewayProof?(sandbox: Sandbox, key: string): unknown;
	/** Clients to create first (the reseller write needs some). */
	needsClients: boolean;
}

const sendOptions = { concurrency: 20, timeout: SEND_TIMEOUT_MS };

export const OPERATIONS: Record<string, Operation> = {
	'MobilePronto SMS': {
		type: 'mobilePronto',
		parameters: {
			resource: 'sms',
			operation: 'send',
			mobile: '={{ $json.phone }}',
			message: '=Olá {{ $json.name }}, seu pedido saiu.',
			options: sendOptions,
		},
		credentialType: 'mobileProntoApi',
		field: 'Mobile',
		key: (c, i) => `+55(11)98${pad(c, 3)}${pad(i, 4)}`,
		item: (c, i) => ({ phone: `+551198${pad(c, 3)}${pad(i, 4)}`, name: `Cliente ${i}` }),
		accepted: (r) =>
			r.operation === 'MPG_SendSimple_SMS' && r.resultCode?.startsWith('000') === true,
		proofField: 'messageId',
		gatewayProof: (sandbox, key) => sandbox.mobilePronto.sent.find((s) => s.mobile === key)?.id,
		needsClients: false,
	},
	'smSend SMS': {
		type: 'smSend',
		parameters: {
			resource: 'sms',
			operation: 'send',
			recipient: '={{ $json.phone }}',
			sender: 'Shop',
			message: '=Ciao {{ $json.name }}, il tuo ordine è partito.',
			options: sendOptions,
		},
		credentialType: 'smSendApi',
		field: 'rcpt',
		key: (c, i) => `+39320${pad(c, 3)}${pad(i, 4)}`,
		item: (c, i) => ({ phone: `+39320${pad(c, 3)}${pad(i, 4)}`, name: `Cliente ${i}` }),
		accepted: (r) => r.operation === 'send' && r.resultCode === 'OK',
		proofField: 'requestId',
		gatewayProof: (sandbox, key) => sandbox.smSend.sent.find((s) => s.rcpt === key)?.requestId,
		needsClients: false,
	},
	'smSend MMS': {
		type: 'smSend',
		parameters: {
			resource: 'mms',
			operation: 'send',
			recipients: '={{ $json.phone }}',
			subject: 'Offerta',
			text: '=Ciao {{ $json.name }}',
			options: sendOptions,
		},
		credentialType: 'smSendApi',
		field: 'rcpt',
		key: (c, i) => `+39321${pad(c, 3)}${pad(i, 4)}`,
		item: (c, i) => ({ phone: `+39321${pad(c, 3)}${pad(i, 4)}`, name: `Cliente ${i}` }),
		accepted: (r) =>
			r.operation === 'sendMms' && r.resultCode !== null && !/^KO|:/.test(r.resultCode),
		proofField: 'creditSpent',
		gatewayProof: (sandbox, key) => sandbox.smSend.mms.find((m) => m.rcpt.includes(key))?.cost,
		needsClients: false,
	},
	'smSend Client → Add Credit': {
		type: 'smSend',
		parameters: {
			resource: 'client',
			operation: 'addCredit',
			clientId: '={{ $json.clientId }}',
			tariffId: '1',
			additionalFields: { credit: '5' },
		},
		credentialType: 'smSendApi',
		field: 'u_id',
		key: (_c, i, clients) => String(clients[i]),
		item: (_c, i, clients) => ({ clientId: String(clients[i]) }),
		accepted: (r) => r.operation === 'credit-add' && r.resultCode === 'OK',
		proofField: 'creditOperationId',
		needsClients: true,
	},
};

export interface Case {
	no: number;
	operation: string;
	fault: FaultName;
	onError: OnError;
}

export function matrix(onErrors: OnError[]): Case[] {
	const all: Case[] = [];
	for (const operation of Object.keys(OPERATIONS))
		for (const fault of Object.keys(FAULTS) as FaultName[])
			for (const onError of onErrors) all.push({ no: all.length, operation, fault, onError });
	return all;
}

/** The gateway accounts the cases use: one each, with plenty of credit. */
export function addAccounts(sandbox: Sandbox) {
	sandbox.mobilePronto.addAccount({
		credencial: MP_CREDENCIAL,
		credits: 100_000,
		returnsMessageId: true,
	});
	sandbox.smSend.addAccount({
		user: SMSEND.user,
		pass: SMSEND.pass,
		credit: 100_000,
		reseller: true,
		smsusername: RESELLER.user,
		smspassword: RESELLER.password,
		tariffIds: [1],
		mms: { id: MMS.id, password: MMS.password, credit: 1_000_000_000 },
	});
}

/** Clients of the reseller for one case, created through the back office as a user would. */
export async function createClientsFor(sandbox: Sandbox, caseNo: number): Promise<number[]> {
	return await createClients(
		sandbox,
		RESELLER,
		Array.from({ length: RECIPIENTS }, (_, i) => ({
			name: `Client ${caseNo}-${i}`,
			username: `never-${caseNo}-${i}`,
		})),
	);
}

export { reportedOf, type Reported };
