import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Gateway } from '../transport/errors';
import type { OpenedClient } from '../transport/senders';
import { isEvaluationRun } from '../transport/senders';
import type { CreditCost, CreditPreflight } from './creditPreflight';
import { checkCredit, dryRunTotalsItem, tallyNeed } from './creditPreflight';
import { errorItemJson, toNodeError } from './nodeErrors';
import { recipientBudget } from './recipientBudget';
import { runLedger } from './retryLedger';
import type { Message, Sent } from './sendPool';
import { sendWithPool } from './sendPool';
import type { SendSetup } from './sendSetup';

/** One item, validated and ready to send. */
export interface PreparedSend<Request> {
	/** What `send` receives. */
	request: Request;
	/** The item's own fields (recipient, parts, …): first in its output, whether sent or not. */
	summary: IDataObject;
	/** Dry run: the request as the gateway would receive it, shown under `request`. */
	preview?: IDataObject;
	/** The E.164 numbers the message goes to, counted against the guardrails. */
	recipients: string[];
	/** Set when the Duplicate Guard is on. */
	duplicateKey?: string;
	/** What the message draws from the account, for the credit pre-flight (none: nothing counted). */
	cost?: CreditCost;
}

export interface BulkSendPlan<Request, Client> {
	gateway: Gateway;
	/** Dry run and guardrails per item; concurrency and rate for the run. */
	setup: Pick<SendSetup, 'dryRun' | 'guardrails' | 'concurrency' | 'messagesPerSecond'>;
	/** Opens the gateway client, once, before any item is prepared; only if something is to be sent. */
	open: () => Promise<OpenedClient<Client>>;
	/**
	 * Validates and normalises one item; throws to refuse it. Runs for every item before anything
	 * is sent, with the client when one is open (not in a dry run), for checks that need the credential.
	 */
	prepare: (itemIndex: number, client?: Client) => Promise<PreparedSend<Request>>;
	/** Sends one prepared item; its result follows the summary in the output. Never repeated. */
	send: (client: Client, request: Request, itemIndex: number) => Promise<IDataObject>;
	/** The recipient as the item gives it, named by its error item if it fails before it is prepared. */
	recipientOf?: (itemIndex: number) => unknown;
	/**
	 * Credit pre-flight, when on: after every item is prepared and before any message leaves, the
	 * credit is set against what this try sends; a dry run ends with the totals and the credit.
	 */
	preflight?: CreditPreflight<Client>;
}

type Outcome = { json: IDataObject } | { error: unknown; mayHaveGone: boolean };

/**
 * Runs a send operation in two passes: every item is validated first (so a known-bad item
 * stops the run before anything is sent, or becomes an error item under continueOnFail),
 * then the valid ones are sent with bounded concurrency and an optional rate, or, for items in
 * a dry run, shown as they would be sent. Output order and pairing follow input order.
 *
 * Never twice: a message is sent at most once by the node, and n8n's Retry On Fail, which runs
 * the whole node again, does not send again what an earlier try sent or may have sent — those
 * items get the outcome of the try that decided them (retryLedger.ts); only items proven unsent
 * are tried again.
 */
export async function runBulkSend<Request, Client>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: BulkSendPlan<Request, Client>,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const ledger = runLedger(context);
	// An evaluation run sends nothing real (n8n's mock answers): there is no credit to check.
	const preflight = plan.preflight && !isEvaluationRun(context) ? plan.preflight : undefined;
	const outcomes: Array<Outcome | undefined> = new Array(items.length);
	const recipients: Array<string | undefined> = new Array(items.length);
	const fail = (itemIndex: number, error: unknown) => {
		if (!continueOnFail) throw toNodeError(node, error, itemIndex, recipients[itemIndex]);
		outcomes[itemIndex] = { error, mayHaveGone: false };
	};

	// Items an earlier try decided keep that outcome; the others are read again.
	const open: number[] = [];
	const dryRun: boolean[] = new Array(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const decided = ledger.decided(itemIndex);
		if (decided?.kind === 'sent') outcomes[itemIndex] = { json: decided.json };
		else if (decided) {
			// Without continueOnFail that failure stops the run again, as it did then.
			if (!continueOnFail) throw toNodeError(node, decided.error, itemIndex, decided.recipient);
			outcomes[itemIndex] = { error: decided.error, mayHaveGone: true };
			recipients[itemIndex] = decided.recipient;
		} else {
			try {
				dryRun[itemIndex] = plan.setup.dryRun(itemIndex);
				open.push(itemIndex);
			} catch (error) {
				fail(itemIndex, error);
			}
		}
	}

	// The credential is read before any item when something is to be sent: a bad one concerns the run.
	const opened = open.some((itemIndex) => !dryRun[itemIndex]) ? await plan.open() : undefined;
	const budget = recipientBudget(context);
	let totals: INodeExecutionData | undefined;
	try {
		const messages: Array<Message<Request>> = [];
		const summaries = new Map<number, IDataObject>();
		const costs: CreditCost[] = [];
		const dryRunCosts: CreditCost[] = [];
		for (const itemIndex of open) {
			try {
				const prepared = await plan.prepare(itemIndex, opened?.client);
				recipients[itemIndex] = prepared.recipients.join(', ');
				const refusal = budget.admit(
					itemIndex,
					prepared.recipients,
					plan.setup.guardrails(itemIndex),
				);
				if (refusal !== undefined) throw guardrailError(context, refusal, itemIndex);
				const cost = prepared.cost ?? { pool: '', parts: 0 };
				if (dryRun[itemIndex]) {
					outcomes[itemIndex] = { json: dryRunJson(prepared) };
					dryRunCosts.push(cost);
				} else {
					costs.push(cost);
					summaries.set(itemIndex, prepared.summary);
					messages.push({
						itemIndex,
						request: prepared.request,
						duplicateKey: prepared.duplicateKey,
					});
				}
			} catch (error) {
				recipients[itemIndex] ??= recipientText(plan.recipientOf?.(itemIndex));
				fail(itemIndex, error);
			}
		}

		// Only what this try sends is counted: items an earlier try decided are not in `messages`.
		if (preflight && opened && messages.length > 0) {
			const credit = await checkCredit(node, preflight, opened.client, tallyNeed(costs));
			if (!credit.ok) {
				if (!continueOnFail) throw credit.refuse();
				for (const { itemIndex } of messages)
					outcomes[itemIndex] = { error: credit.refuse(itemIndex), mayHaveGone: false };
				messages.length = 0;
			}
		}
		if (preflight && open.some((itemIndex) => dryRun[itemIndex]))
			totals = await dryRunTotals(
				node,
				{ open: plan.open, preflight },
				opened,
				tallyNeed(dryRunCosts),
				items.length,
			);

		const { firstFailure } =
			opened && messages.length > 0
				? await sendWithPool(
						context,
						messages,
						{ ...plan.setup, continueOnFail, gateway: plan.gateway },
						async ({ itemIndex, request }) => ({
							...summaries.get(itemIndex),
							...(await plan.send(opened.client, request, itemIndex)),
						}),
						({ itemIndex }, result: Sent) => {
							outcomes[itemIndex] = result;
							if ('json' in result) ledger.record(itemIndex, { kind: 'sent', json: result.json });
							else if (result.mayHaveGone)
								ledger.record(itemIndex, {
									kind: 'mayHaveGone',
									error: result.error,
									recipient: recipients[itemIndex],
								});
						},
					)
				: {};
		if (firstFailure)
			throw toNodeError(
				node,
				firstFailure.error,
				firstFailure.itemIndex,
				recipients[firstFailure.itemIndex],
			);
	} finally {
		budget.settle((itemIndex) => {
			const outcome = outcomes[itemIndex];
			if (dryRun[itemIndex] || !outcome) return false;
			return 'json' in outcome ? outcome.json.status !== 'skippedDuplicate' : outcome.mayHaveGone;
		});
		await opened?.close();
	}

	const output = outcomes.map((outcome, itemIndex) => ({
		json:
			outcome && 'json' in outcome
				? outcome.json
				: errorItemJson(toNodeError(node, outcome?.error, itemIndex, recipients[itemIndex]), {
						recipient: recipients[itemIndex],
						outcomeUnknown: outcome?.mayHaveGone ?? false,
					}),
		pairedItem: { item: itemIndex },
	}));
	return totals ? [...output, totals] : output;
}

/**
 * A dry run's totals item. The credit is read over the run's client, or one opened for this
 * read alone; when it cannot be read the dry run still shows every item, and the totals say why.
 */
async function dryRunTotals<Client>(
	node: INode,
	plan: { open: () => Promise<OpenedClient<Client>>; preflight: CreditPreflight<Client> },
	opened: OpenedClient<Client> | undefined,
	need: ReturnType<typeof tallyNeed>,
	inputCount: number,
): Promise<INodeExecutionData> {
	let own: OpenedClient<Client> | undefined;
	try {
		own = opened ? undefined : await plan.open();
		const client = (opened ?? own)?.client as Client;
		return dryRunTotalsItem(
			need,
			await checkCredit(node, plan.preflight, client, need),
			inputCount,
		);
	} catch (error) {
		const reason = `could not read the credit: ${error instanceof Error ? error.message : String(error)}`;
		return dryRunTotalsItem(need, { ok: false, reason }, inputCount);
	} finally {
		await own?.close();
	}
}

/** What a dry run outputs for an item: its summary, that nothing was sent, and the request. */
function dryRunJson({ summary, preview }: PreparedSend<unknown>): IDataObject {
	return {
		...summary,
		dryRun: true,
		status: 'notSent',
		...(preview !== undefined ? { request: preview } : {}),
	};
}

function guardrailError(
	context: IExecuteFunctions,
	refusal: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Guardrail refused the recipient: ${refusal} [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Nothing was sent for this item. Change the recipient or the guardrail in the node.',
		},
	);
}

function recipientText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}
