import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { GatewayError, transportError } from '../transport/errors';
import type { Gateway } from '../transport/errors';
import type { DuplicateGuard } from './duplicateGuard';
import { openDuplicateGuard } from './duplicateGuard';

/** How one message ended: its output, or the failure and whether the message may have gone out. */
export type Sent = { json: IDataObject } | { error: unknown; mayHaveGone: boolean };

export interface Message<Request> {
	itemIndex: number;
	request: Request;
	duplicateKey?: string;
}

export interface PoolSettings {
	concurrency: number;
	messagesPerSecond: number;
	continueOnFail: boolean;
	gateway: Gateway;
}

/**
 * A failure after which the message may have reached the gateway. Only a GatewayError carries the
 * proof that it did not (outcome.ts); anything else thrown while sending counts as "may have".
 */
export function mayHaveGone(error: unknown): boolean {
	return !(error instanceof GatewayError) || error.details.outcomeUnknown;
}

/**
 * Sends messages with bounded concurrency and an optional rate; each message is sent at most
 * once. `settle(message, result)` is called as each one ends. Without continueOnFail the first
 * failure (in item order among those that failed) stops new sends; those in flight finish.
 * Once the execution is cancelled no new message starts: each of them ends as "cancelled,
 * nothing was sent". With the Duplicate Guard, a message whose key was sent (or may have been)
 * before is skipped, and the keys of messages that certainly did not go out are given back.
 */
export async function sendWithPool<Request>(
	context: IExecuteFunctions,
	messages: Array<Message<Request>>,
	settings: PoolSettings,
	send: (message: Message<Request>) => Promise<IDataObject>,
	settle: (message: Message<Request>, result: Sent) => void,
): Promise<{ firstFailure?: { itemIndex: number; error: unknown } }> {
	const signal = context.getExecutionCancelSignal?.();
	const keyed = messages.filter((message) => message.duplicateKey !== undefined);
	const guard: DuplicateGuard | undefined =
		keyed.length > 0
			? openDuplicateGuard(
					context,
					keyed.map((message) => message.duplicateKey as string),
				)
			: undefined;
	const guardPosition = new Map(keyed.map((message, position) => [message, position]));
	// Guarded messages that certainly did not go out: their keys are given back at the end.
	const unsent = new Set(guardPosition.values());

	const interval = settings.messagesPerSecond > 0 ? 1000 / settings.messagesPerSecond : 0;
	let nextStart = Date.now();
	let next = 0;
	const halt: { first?: { itemIndex: number; error: unknown } } = {};

	const cancelled = (message: Message<Request>) => {
		settle(message, { error: transportError(settings.gateway, 'CANCELLED'), mayHaveGone: false });
	};

	const worker = async () => {
		while (next < messages.length && !halt.first) {
			const message = messages[next++];
			const position = guardPosition.get(message);
			if (signal?.aborted) {
				cancelled(message);
				continue;
			}
			try {
				if (guard && position !== undefined && !(await guard.claim(position))) {
					unsent.delete(position);
					settle(message, {
						json: { status: 'skippedDuplicate', duplicateKey: message.duplicateKey },
					});
					continue;
				}
				if (interval > 0) {
					const startAt = Math.max(Date.now(), nextStart);
					nextStart = startAt + interval;
					const wait = startAt - Date.now();
					if (wait > 0) await sleep(wait);
				}
				if (signal?.aborted) {
					cancelled(message);
					continue;
				}
				const json = await send(message);
				if (position !== undefined) unsent.delete(position);
				settle(message, { json });
			} catch (error) {
				const gone = mayHaveGone(error);
				// A message that may have gone out counts as sent for the guard: its key is kept.
				if (position !== undefined && gone) unsent.delete(position);
				settle(message, { error, mayHaveGone: gone });
				// Read through a widened type: the loop condition narrowed halt.first to undefined.
				const earlier = halt.first as { itemIndex: number } | undefined;
				if (!settings.continueOnFail && (!earlier || message.itemIndex < earlier.itemIndex))
					halt.first = { itemIndex: message.itemIndex, error };
			}
		}
	};
	const workers = Math.max(1, Math.min(settings.concurrency, messages.length));
	await Promise.all(Array.from({ length: workers }, async () => await worker()));

	await releaseKeys(context, guard, unsent);
	return { firstFailure: halt.first };
}

async function releaseKeys(
	context: IExecuteFunctions,
	guard: DuplicateGuard | undefined,
	unsent: Set<number>,
): Promise<void> {
	if (!guard || unsent.size === 0) return;
	try {
		await guard.release([...unsent]);
	} catch (error) {
		// The messages' outcomes stand; those keys only stay remembered, so a re-run skips rather than repeats them.
		context.logger.warn(
			`Duplicate Guard could not forget the keys of ${unsent.size} unsent messages`,
			{ error: error instanceof Error ? error.message : String(error) },
		);
	}
}
