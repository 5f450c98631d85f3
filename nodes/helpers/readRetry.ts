import { sleep } from 'n8n-workflow';

import { GatewayError } from '../transport/errors';

export const READ_ATTEMPTS = 3;
export const READ_RETRY_BASE_MS = 500;

/**
 * Repeats a read (balance, credit, report, inbox, lookup) after a transient failure, with
 * exponential backoff. Only reads come here: repeating them changes nothing at the gateway.
 * Sends never do.
 */
export async function withReadRetries<T>(
	read: () => Promise<T>,
	attempts = READ_ATTEMPTS,
	baseDelayMs = READ_RETRY_BASE_MS,
): Promise<T> {
	let failure: unknown;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		try {
			return await read();
		} catch (error) {
			failure = error;
			const transient = error instanceof GatewayError && error.details.retryable;
			if (!transient || attempt === attempts) break;
		}
		await sleep(baseDelayMs * 2 ** (attempt - 1));
	}
	// The caller turns a GatewayError into the node's error, with the item it belongs to.
	throw failure;
}
