/**
 * The fault matrix of "never twice": every send operation (and one reseller write) run through
 * n8n-core with the user's settings — Retry On Fail off/on, On Error stop / continue / error
 * output, Concurrency 1 and 20, Duplicate Guard off/on — while the sandbox damages the requests
 * of two recipients in one of the ways a gateway, a proxy or the network can. Each case counts
 * what the sandbox really accepted per recipient: nothing may be accepted twice, and each
 * item's reported outcome must match what the sandbox did (sent ⇒ accepted once; not sent ⇒
 * not accepted; outcome unknown ⇒ accepted at most once).
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Fault, RecordedRequest, Sandbox } from '../../sandbox';
import { MOBILEPRONTO_DEMO_CREDENCIAL, startSandbox } from '../../sandbox';
import type { NodeSettings, RunNodeResult } from '../helpers/workflowRunner';
import { runNode } from '../helpers/workflowRunner';
import {
	createClients as createClientsOf,
	reportedOf as baseReportedOf,
	type Reported as BaseReported,
} from '../helpers/sendOutcomes';

const ITEMS = 4;
/** Items whose request is damaged (once each): the first, so that n8n's Continue-mode retry applies, and a later one. */
const FAULTED = [0, 2];
const SEND_TIMEOUT_MS = 1000;

type FaultName =
	| 'gateway error (not sent)'
	| '503 before acting'
	| 'reply lost after acting'
	| 'HTML 502 / HTML page after acting'
	| 'reply cut off after acting'
	| 'timeout after acting'
	| 'connection refused';

type Damage = Omit<Fault, 'match' | 'times'>;

/** What happens to the requests of the two damaged items (one entry: both the same). */
const FAULTS: Record<FaultName, Damage | [Damage, Damage] | 'refused'> = {
	'gateway error (not sent)': { kind: 'gateway-error' },
	'503 before acting': { kind: 'status', status: 503 },
	'reply lost after acting': { kind: 'drop', when: 'after' },
	'HTML 502 / HTML page after acting': [
		{ kind: 'html', status: 502, when: 'after' },
		{ kind: 'html', status: 200, when: 'after' },
	],
	'reply cut off after acting': { kind: 'reset-mid-reply', when: 'after' },
	'timeout after acting': { kind: 'timeout', when: 'after' },
	'connection refused': 'refused',
};

interface Operation {
	/** Node type and the parameters of this operation; bulk options only for sends. */
	run(
		sandbox: Sandbox,
		baseUrl: string,
		options: { concurrency: number; guard: boolean; caseId: number },
	): Pick<Parameters<typeof runNode>[0], 'type' | 'parameters' | 'credentials' | 'items'>;
	/** The request field that names an item's recipient, and its value for item i. */
	field: string;
	key(itemIndex: number): string;
	/** The request the sandbox accepted (processed and succeeded), or false. */
	accepted(request: RecordedRequest): boolean;
	bulk: boolean;
	/** The reseller write has no timeout option: its 30 s default would make the case slow. */
	faults: FaultName[];
}

const ALL_FAULTS = Object.keys(FAULTS) as FaultName[];
const mobile = (i: number) => `+55119876500${String(i).padStart(2, '0')}`;
const italian = (i: number) => `+3932010000${String(i).padStart(2, '0')}`;

const OPERATIONS: Record<string, Operation> = {
	'MobilePronto SMS': {
		run: (sandbox, baseUrl, { concurrency, guard, caseId }) => {
			sandbox.mobilePronto.addAccount({ credencial: MOBILEPRONTO_DEMO_CREDENCIAL, credits: 100 });
			return {
				type: 'mobilePronto',
				parameters: {
					resource: 'sms',
					operation: 'send',
					mobile: '={{ $json.phone }}',
					message: '=Olá {{ $json.name }}, seu pedido saiu.',
					options: sendOptions(concurrency, guard),
				},
				credentials: {
					mobileProntoApi: {
						credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
						baseUrl,
						soapVersion: '1.1',
					},
				},
				items: range(ITEMS).map((i) => ({
					phone: mobile(i),
					name: `Cliente ${i}`,
					orderId: `o-${caseId}-${i}`,
				})),
			};
		},
		field: 'Mobile',
		key: (i) => `+55(11)9876500${String(i).padStart(2, '0')}`,
		accepted: (r) => r.operation === 'MPG_SendSimple_SMS' && r.resultCode === '000',
		bulk: true,
		faults: ALL_FAULTS,
	},
	'smSend SMS': {
		run: (sandbox, baseUrl, { concurrency, guard, caseId }) => {
			sandbox.smSend.addAccount({ user: 'matrix', pass: 'matrix-pass', credit: 1000 });
			return {
				type: 'smSend',
				parameters: {
					resource: 'sms',
					operation: 'send',
					recipient: '={{ $json.phone }}',
					sender: 'Shop',
					message: '=Ciao {{ $json.name }}, il tuo ordine è partito.',
					options: sendOptions(concurrency, guard),
				},
				credentials: { smSendApi: { user: 'matrix', password: 'matrix-pass', baseUrl } },
				items: range(ITEMS).map((i) => ({
					phone: italian(i),
					name: `Cliente ${i}`,
					orderId: `o-${caseId}-${i}`,
				})),
			};
		},
		field: 'rcpt',
		key: italian,
		accepted: (r) => r.operation === 'send' && r.resultCode === 'OK',
		bulk: true,
		faults: ALL_FAULTS,
	},
	'smSend MMS': {
		run: (sandbox, baseUrl, { concurrency, guard, caseId }) => {
			sandbox.smSend.addAccount({
				user: 'matrix',
				pass: 'matrix-pass',
				credit: 1000,
				mms: { id: 'C77777_001', password: 'mms-pass', credit: 10_000_000 },
			});
			return {
				type: 'smSend',
				parameters: {
					resource: 'mms',
					operation: 'send',
					recipients: '={{ $json.phone }}',
					subject: 'Offerta',
					text: '=Ciao {{ $json.name }}',
					options: sendOptions(concurrency, guard),
				},
				credentials: {
					smSendApi: {
						user: 'matrix',
						password: 'matrix-pass',
						baseUrl,
						mmsId: 'C77777_001',
						mmsPassword: 'mms-pass',
					},
				},
				items: range(ITEMS).map((i) => ({
					phone: italian(i),
					name: `Cliente ${i}`,
					orderId: `o-${caseId}-${i}`,
				})),
			};
		},
		field: 'rcpt',
		key: italian,
		accepted: (r) =>
			r.operation === 'sendMms' && r.resultCode !== null && !/^KO|:/.test(r.resultCode),
		bulk: true,
		faults: ALL_FAULTS,
	},
	'smSend Client → Add Credit (reseller write)': {
		run: (_sandbox, baseUrl) => {
			return {
				type: 'smSend',
				parameters: {
					resource: 'client',
					operation: 'addCredit',
					clientId: '={{ $json.clientId }}',
					tariffId: '1',
					additionalFields: { credit: '5' },
				},
				credentials: {
					smSendApi: {
						user: 'matrix',
						password: 'matrix-pass',
						baseUrl,
						resellerUser: RESELLER.user,
						resellerPassword: RESELLER.password,
					},
				},
				items: range(ITEMS).map((i) => ({ clientId: String(clientIds[i]) })),
			};
		},
		field: 'u_id',
		key: (i) => String(clientIds[i]),
		accepted: (r) => r.operation === 'credit-add' && r.resultCode === 'OK',
		bulk: false,
		faults: ALL_FAULTS.filter((fault) => fault !== 'timeout after acting'),
	},
};

/** Clients of the reseller, created before each reseller case. */
let clientIds: number[] = [];
let caseId = 0;

const RESELLER = { user: 'matrix-reseller', password: 'reseller-pass' };

/** A reseller account with four clients, created through the back office as a user would. */
async function createClients(sandbox: Sandbox): Promise<number[]> {
	sandbox.smSend.addAccount({
		user: 'matrix',
		pass: 'matrix-pass',
		reseller: true,
		smsusername: RESELLER.user,
		smspassword: RESELLER.password,
		credit: 1000,
		tariffIds: [1],
	});
	const ids = await createClientsOf(
		sandbox,
		RESELLER,
		range(ITEMS).map((i) => ({ name: `Client ${i}`, username: `client-${caseId}-${i}` })),
	);
	sandbox.requests.length = 0;
	return ids;
}

function range(n: number): number[] {
	return Array.from({ length: n }, (_, i) => i);
}

function sendOptions(concurrency: number, guard: boolean): INodeParameters {
	return {
		concurrency,
		timeout: SEND_TIMEOUT_MS,
		...(guard ? { duplicateGuard: true, duplicateKey: '={{ $json.orderId }}' } : {}),
	};
}

type Reported = BaseReported | 'late';

function reportedOf(item: INodeExecutionData): Reported {
	const reported = baseReportedOf(item.json);
	// A reply slower than the node's timeout on a loaded machine: honestly unknown.
	const details = item.json.details as IDataObject | undefined;
	return reported !== 'sent' && details?.code === 'TIMEOUT' ? 'late' : reported;
}

function errorOutcome(error: NonNullable<RunNodeResult['error']>): Reported {
	if (error.errorResponse?.code === 'TIMEOUT') return 'late';
	return error.errorResponse?.outcomeUnknown === true ? 'unknown' : 'notSent';
}

interface Case {
	operation: string;
	fault: FaultName;
	retry: boolean;
	onError: NonNullable<NodeSettings['onError']>;
	concurrency: number;
	guard: boolean;
}

function cases(): Case[] {
	const all: Case[] = [];
	for (const [name, operation] of Object.entries(OPERATIONS))
		for (const fault of operation.faults)
			for (const retry of [false, true])
				for (const onError of [
					'stopWorkflow',
					'continueRegularOutput',
					'continueErrorOutput',
				] as const)
					for (const concurrency of operation.bulk ? [1, 20] : [1])
						for (const guard of operation.bulk ? [false, true] : [false])
							all.push({ operation: name, fault, retry, onError, concurrency, guard });
	return all;
}

const totals = { cases: 0, requests: 0, accepted: 0, duplicates: 0, unknown: 0, notSent: 0 };

describe('fault matrix: nothing is ever accepted twice, and every reported outcome is true', () => {
	let sandbox: Sandbox;
	/** A loopback port with nothing listening: connections to it are refused. */
	let closedPort: number;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 7 });
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		closedPort = (probe.address() as AddressInfo).port;
		await new Promise<void>((resolve) => probe.close(() => resolve()));
	});
	afterAll(async () => {
		await sandbox.close();
		// One line for the closing note: the matrix's totals.
		process.stdout.write(`fault matrix totals: ${JSON.stringify(totals)}\n`);
	});

	it.each(cases())(
		'$operation · $fault · retry $retry · $onError · concurrency $concurrency · guard $guard',
		async ({ operation: name, fault, retry, onError, concurrency, guard }) => {
			sandbox.reset();
			const operation = OPERATIONS[name];
			caseId += 1;
			if (!operation.bulk) clientIds = await createClients(sandbox);
			const damage = FAULTS[fault];
			const baseUrl = damage === 'refused' ? `http://127.0.0.1:${closedPort}` : sandbox.url;
			if (damage !== 'refused')
				for (const [position, itemIndex] of FAULTED.entries())
					sandbox.inject({
						...(Array.isArray(damage) ? damage[position] : damage),
						times: 1,
						match: { params: { [operation.field]: operation.key(itemIndex) } },
					});

			const settings: NodeSettings = {
				onError,
				...(retry ? { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 } : {}),
			};
			const run = operation.run(sandbox, baseUrl, { concurrency, guard, caseId });
			const result = await runNode({ ...run, settings });
			await result.settled;

			const acceptedPer = new Map<string, number>();
			for (const request of sandbox.requests)
				if (operation.accepted(request)) {
					const key = String(request.params?.[operation.field]);
					acceptedPer.set(key, (acceptedPer.get(key) ?? 0) + 1);
				}
			const accepted = (itemIndex: number) => acceptedPer.get(operation.key(itemIndex)) ?? 0;
			const duplicates = [...acceptedPer.values()].filter((count) => count > 1).length;
			expect(duplicates).toBe(0);

			const reported = new Map<number, Reported>();
			if (onError === 'stopWorkflow' && result.error) {
				const itemIndex = result.error.context?.itemIndex as number;
				const outcome = errorOutcome(result.error);
				if (outcome !== 'late') expect(FAULTED).toContain(itemIndex);
				reported.set(itemIndex, outcome);
			} else {
				expect(result.error).toBeUndefined();
				for (const item of [...result.items, ...result.errorItems]) {
					const { item: itemIndex } = item.pairedItem as { item: number };
					expect(reported.has(itemIndex)).toBe(false);
					reported.set(itemIndex, reportedOf(item));
				}
				expect(reported.size).toBe(ITEMS);
				if (onError === 'continueErrorOutput')
					expect(result.errorItems.every((item) => reportedOf(item) !== 'sent')).toBe(true);
			}

			for (const [itemIndex, outcome] of reported) {
				if (outcome === 'sent') expect([itemIndex, accepted(itemIndex)]).toEqual([itemIndex, 1]);
				if (outcome === 'notSent') expect([itemIndex, accepted(itemIndex)]).toEqual([itemIndex, 0]);
				if (outcome === 'unknown' || outcome === 'late')
					expect(accepted(itemIndex)).toBeLessThanOrEqual(1);
			}
			// Items nobody damaged are never reported as failures once the run went through.
			if (!result.error)
				for (const itemIndex of range(ITEMS).filter((i) => !FAULTED.includes(i)))
					if (damage !== 'refused')
						expect([itemIndex, reported.get(itemIndex)]).toEqual([
							itemIndex,
							expect.stringMatching(/^(sent|late)$/),
						]);
			// A failure the gateway proved harmless is tried again by Retry On Fail, so it ends sent.
			if (retry && fault === 'gateway error (not sent)' && !result.error)
				expect(
					[...reported.values()].every((outcome) => outcome === 'sent' || outcome === 'late'),
				).toBe(true);

			// The guard keeps the key of every message that went out or may have: a second execution
			// of the same list (no faults now) sends only what was proved unsent or never started.
			if (guard) {
				sandbox.clearFaults();
				const again = await runNode({
					...operation.run(sandbox, sandbox.url, { concurrency, guard, caseId }),
					settings: { onError: 'continueRegularOutput' },
					executionId: `second-execution-${caseId}`,
				});
				const total = new Map<string, number>();
				for (const request of sandbox.requests)
					if (operation.accepted(request)) {
						const key = String(request.params?.[operation.field]);
						total.set(key, (total.get(key) ?? 0) + 1);
					}
				expect([...total.entries()].filter(([, count]) => count > 1)).toEqual([]);
				for (const item of again.items) {
					const { item: itemIndex } = item.pairedItem as { item: number };
					if (reported.get(itemIndex) === 'notSent')
						expect([itemIndex, item.json.status]).toEqual([
							itemIndex,
							expect.not.stringMatching(/skipped/),
						]);
				}
			}

			totals.cases += 1;
			totals.requests += sandbox.requests.length;
			totals.accepted += [...acceptedPer.values()].reduce((sum, count) => sum + count, 0);
			totals.duplicates += duplicates;
			totals.unknown += [...reported.values()].filter(
				(outcome) => outcome === 'unknown' || outcome === 'late',
			).length;
			totals.notSent += [...reported.values()].filter((outcome) => outcome === 'notSent').length;
		},
	);
});
