import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { GatewayError } from '../transport/errors';

export function gatewayNodeError(
	node: INode,
	error: GatewayError,
	itemIndex: number,
): NodeApiError {
	const { details } = error;
	const response: JsonObject = {
		gateway: details.gateway,
		code: details.code,
		kind: details.kind,
		retryable: details.retryable,
		outcomeUnknown: details.outcomeUnknown ?? false,
		...(details.raw !== undefined ? { raw: details.raw } : {}),
	};
	return new NodeApiError(node, response, {
		message: details.message,
		description: details.raw
			? `${details.description}\n\nGateway reply: ${details.raw}`
			: details.description,
		httpCode: details.httpCode !== undefined ? String(details.httpCode) : undefined,
		itemIndex,
	});
}

/** Every failure of an item becomes an n8n error that names the item. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof GatewayError) return gatewayNodeError(node, error, itemIndex);
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
export function errorItemJson(error: NodeApiError | NodeOperationError): JsonObject {
	const response =
		error instanceof NodeApiError ? (error.errorResponse as JsonObject | undefined) : undefined;
	const details: JsonObject = {
		...(response ?? {}),
		...(error.description ? { description: error.description } : {}),
		...(error.context.itemIndex !== undefined
			? { itemIndex: error.context.itemIndex as number }
			: {}),
	};
	return { error: error.message, details };
}
