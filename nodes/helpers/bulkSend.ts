import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { GatewayError } from '../transport/errors';
import type { OpenedClient } from '../transport/senders';
import { openDuplicateGuard } from './duplicateGuard';
import { errorItemJson, toNodeError } from './nodeErrors';

export interface SendingOptions {
	concurrency?: number;
	reuseConnections?: boolean;
	messagesPerSecond?: number;
	duplicateGuard?: boolean;
	duplicateKey?: string;
}

export const DEFAULT_CONCURRENCY = 20;

/** One item, validated and ready to send. */
export interface PreparedSend<Request> {
	/** What `send` receives. */
	request: Request;
	/** The item's own fields (recipient, parts, …): first in its output, whether sent or not. */
	summary: IDataObject;
	/** Dry run: the request as the gateway would receive it, shown under `request`. */
	preview?: IDataObject;
	/** Set when the Duplicate Guard is on. */
	duplicateKey?: string;
}

export interface BulkSendPlan<Request, Client> {
	/** Validate, normalise and show every item; send nothing and open no client (no credential needed). */
	dryRun: boolean;
	/** Opens the gateway client, once, before any item is prepared; never in a dry run. */
	open: () => Promise<OpenedClient<Client>>;
	/** Validates and normalises one item; throws to refuse it. Runs for every item before anything is sent. */
	prepare: (itemIndex: number) => Promise<PreparedSend<Request>>;
	/** Sends one prepared item; its result follows the summary in the output. Never retried. */
	send: (client: Client, request: Request, itemIndex: number) => Promise<IDataObject>;
	concurrency: number;
	messagesPerSecond: number;
}

type Outcome = { json: IDataObject } | { error: unknown };

interface Ready<Request> {
	itemIndex: number;
	prepared: PreparedSend<Request>;
}

/**
 * Runs a send operation in two passes: every item is validated first (so a known-bad item
 * stops the run before anything is sent, or becomes an error item under continueOnFail),
 * then the valid ones are sent with bounded concurrency and an optional rate, or, in a dry
 * run, shown as they would be sent. Output order and pairing follow input order. A send is
 * never repeated, whatever happens to it.
 */
export async function runBulkSend<Request, Client>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: BulkSendPlan<Request, Client>,
): Promise<INodeExecutionData[]> {
	if (plan.dryRun) {
		const { outcomes, ready } = await prepareAll(context, items.length, plan.prepare);
		for (const { itemIndex, prepared } of ready)
			outcomes[itemIndex] = { json: dryRunJson(prepared) };
		return toOutput(context, outcomes);
	}
	// The credential is read before any item, as an invalid one concerns the whole run.
	const { client, close } = await plan.open();
	try {
		const { outcomes, ready } = await prepareAll(context, items.length, plan.prepare);
		await sendReady(context, ready, outcomes, client, plan);
		return toOutput(context, outcomes);
	} finally {
		await close();
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

async function prepareAll<Request>(
	context: IExecuteFunctions,
	count: number,
	prepare: (itemIndex: number) => Promise<PreparedSend<Request>>,
): Promise<{ outcomes: Outcome[]; ready: Array<Ready<Request>> }> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const outcomes: Outcome[] = new Array(count);
	const ready: Array<Ready<Request>> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			ready.push({ itemIndex, prepared: await prepare(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(node, error, itemIndex);
			outcomes[itemIndex] = { error };
		}
	}
	return { outcomes, ready };
}

function toOutput(context: IExecuteFunctions, outcomes: Outcome[]): INodeExecutionData[] {
	const node = context.getNode();
	return outcomes.map((outcome, itemIndex) => ({
		json:
			'json' in outcome ? outcome.json : errorItemJson(toNodeError(node, outcome.error, itemIndex)),
		pairedItem: { item: itemIndex },
	}));
}

/** Sends the prepared items, filling in their outcomes; throws the first failure without continueOnFail. */
async function sendReady<Request, Client>(
	context: IExecuteFunctions,
	toSend: Array<Ready<Request>>,
	outcomes: Outcome[],
	client: Client,
	plan: BulkSendPlan<Request, Client>,
): Promise<void> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();

	const keyed = toSend.filter((entry) => entry.prepared.duplicateKey !== undefined);
	const guard =
		keyed.length > 0
			? openDuplicateGuard(
					context,
					keyed.map((entry) => entry.prepared.duplicateKey as string),
				)
			: undefined;
	const guardPosition = new Map(keyed.map((entry, position) => [entry, position]));
	// Guarded messages that certainly did not go out: their keys are given back at the end.
	const unsent = new Set(guardPosition.values());

	const interval = plan.messagesPerSecond > 0 ? 1000 / plan.messagesPerSecond : 0;
	let nextStart = Date.now();
	let next = 0;
	const halt: { first?: { itemIndex: number; error: unknown } } = {};

	const worker = async () => {
		while (next < toSend.length && !halt.first) {
			const entry = toSend[next++];
			const { itemIndex, prepared } = entry;
			const { request, summary, duplicateKey } = prepared;
			const position = guardPosition.get(entry);
			try {
				if (guard && position !== undefined && !(await guard.claim(position))) {
					unsent.delete(position);
					outcomes[itemIndex] = { json: { status: 'skippedDuplicate', duplicateKey } };
					continue;
				}
				if (interval > 0) {
					const startAt = Math.max(Date.now(), nextStart);
					nextStart = startAt + interval;
					const wait = startAt - Date.now();
					if (wait > 0) await sleep(wait);
				}
				outcomes[itemIndex] = {
					json: { ...summary, ...(await plan.send(client, request, itemIndex)) },
				};
				if (position !== undefined) unsent.delete(position);
			} catch (error) {
				// A message that may have gone out counts as sent for the guard.
				const mayHaveGone = error instanceof GatewayError && error.details.outcomeUnknown === true;
				if (position !== undefined && mayHaveGone) unsent.delete(position);
				outcomes[itemIndex] = { error };
				// Read through a widened type: the loop condition narrowed halt.first to undefined.
				const earlier = halt.first as { itemIndex: number } | undefined;
				if (!continueOnFail && (!earlier || itemIndex < earlier.itemIndex))
					halt.first = { itemIndex, error };
			}
		}
	};
	const workers = Math.max(1, Math.min(plan.concurrency, toSend.length));
	await Promise.all(Array.from({ length: workers }, async () => await worker()));
	try {
		await guard?.release([...unsent]);
	} catch (error) {
		// The messages' outcomes stand; those keys only stay remembered, so a re-run skips rather than repeats them.
		context.logger.warn(
			`Duplicate Guard could not forget the keys of ${unsent.size} unsent messages`,
			{
				error: error instanceof Error ? error.message : String(error),
			},
		);
	}

	// Without continueOnFail the first failure stops new sends; those already in flight finish.
	if (halt.first) throw toNodeError(node, halt.first.error, halt.first.itemIndex);
}

/** The concurrency, rate and connection settings of an operation, read once from item 0. */
export function readSendingOptions(options: SendingOptions): {
	concurrency: number;
	messagesPerSecond: number;
	reuseConnections: boolean;
} {
	const concurrency = Math.max(
		1,
		Math.min(200, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)),
	);
	const messagesPerSecond = Math.max(0, options.messagesPerSecond ?? 0);
	return { concurrency, messagesPerSecond, reuseConnections: options.reuseConnections ?? true };
}

/** The duplicate key of an item, or undefined when the guard is off. */
export function duplicateKeyFor(
	context: IExecuteFunctions,
	options: SendingOptions,
	itemIndex: number,
): string | undefined {
	if (!options.duplicateGuard) return undefined;
	const custom = String(options.duplicateKey ?? '').trim();
	return custom !== '' ? `key:${custom}` : `execution:${context.getExecutionId()}:${itemIndex}`;
}
