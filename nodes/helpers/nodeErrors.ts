import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { GatewayError } from '../transport/errors';

/** A gateway failure as an n8n error; `itemIndex` undefined for a failure of no item (a trigger's poll). */
export function gatewayNodeError(
	node: INode,
	error: GatewayError,
	itemIndex: number | undefined,
	recipient?: string,
): NodeApiError {
	const { details } = error;
	const response: JsonObject = {
		gateway: details.gateway,
		code: details.code,
		kind: details.kind,
		retryable: details.retryable,
		outcomeUnknown: details.outcomeUnknown,
		...(details.raw !== undefined ? { raw: details.raw } : {}),
	};
	const description = [
		...(recipient !== undefined ? [`Recipient: ${recipient}.`] : []),
		details.description,
		...(details.raw ? [`Gateway reply: ${details.raw}`] : []),
	].join('\n\n');
	return new NodeApiError(node, response, {
		message: itemIndex === undefined ? details.message : `${details.message} [item ${itemIndex}]`,
		description,
		httpCode: details.httpCode !== undefined ? String(details.httpCode) : undefined,
		...(itemIndex !== undefined ? { itemIndex } : {}),
	});
}

/** Every failure of an item becomes an n8n error that names the item (and, for a send, its recipient). */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number | undefined,
	recipient?: string,
): NodeApiError | NodeOperationError {
	if (error instanceof GatewayError) return gatewayNodeError(node, error, itemIndex, recipient);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/**
 * The json of an error item under continueOnFail. n8n recognises an error item by its
 * keys (only `error`, `message`, `details`), both for the error output and for display,
 * so everything else the user can branch on goes under `details`.
 */
export function errorItemJson(
	error: NodeApiError | NodeOperationError,
	send?: { recipient?: string; outcomeUnknown: boolean },
): JsonObject {
	const response =
		error instanceof NodeApiError ? (error.errorResponse as JsonObject | undefined) : undefined;
	const details: JsonObject = {
		...(response ?? {}),
		// A failed send always says whether the message may have gone out, and to whom.
		...(send ? { outcomeUnknown: send.outcomeUnknown } : {}),
		...(send?.recipient !== undefined ? { recipient: send.recipient } : {}),
		...(error.description ? { description: error.description } : {}),
		...(error.context.itemIndex !== undefined
			? { itemIndex: error.context.itemIndex as number }
			: {}),
	};
	return { error: error.message, details };
}
