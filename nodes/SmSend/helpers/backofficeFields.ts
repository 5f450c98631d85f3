import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeValue } from '../../helpers/describeValue';

/**
 * Field readers shared by the reseller back-office operations (Client, Reception, Back-Office Log).
 * Every reader validates one item's field before any request and throws an error that names the
 * item, the field, what was wrong and what is accepted. None of them ever repeats a password.
 */

function invalid(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	accepted: string,
): NodeOperationError {
	return new NodeOperationError(node, `Invalid '${field}': ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: accepted,
	});
}

function emptyField(
	node: INode,
	itemIndex: number,
	field: string,
	accepted: string,
): NodeOperationError {
	return new NodeOperationError(node, `The '${field}' is empty [item ${itemIndex}]`, {
		itemIndex,
		description: accepted,
	});
}

/** Shows a value the user typed or mapped, clipped. */
function shown(value: string): string {
	return value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`;
}

/**
 * A positive whole number such as a client id (u_id), tariff id (bill_id) or profile id (tpl_id).
 * Accepts a number or its digits as text; returns it as a number.
 */
export function readPositiveId(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	accepted: string,
): number {
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value) && value > 0) return value;
		throw invalid(node, itemIndex, field, `${value} is not a positive whole number`, accepted);
	}
	if (typeof value !== 'string') {
		throw invalid(node, itemIndex, field, `it resolved to ${describeValue(value)}`, accepted);
	}
	const text = value.trim();
	if (text === '') throw emptyField(node, itemIndex, field, accepted);
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) <= 0) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${shown(text)} is not a positive whole number`,
			accepted,
		);
	}
	return Number(text);
}

/** Optional id: empty (or unset) gives undefined, anything else must be a positive whole number. */
export function readOptionalId(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	accepted: string,
): number | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return readPositiveId(node, value, itemIndex, field, accepted);
}

export const CLIENT_ID_ACCEPTED =
	"Use the numeric id smSend assigned to one of your clients (the Client 'Create' operation returns it as clientId), e.g. 1001.";

export function readClientId(node: INode, value: unknown, itemIndex: number): number {
	return readPositiveId(node, value, itemIndex, 'Client ID', CLIENT_ID_ACCEPTED);
}

/** Text that must not be empty; trimmed unless `keepSpaces` (passwords). Never echoes the value when `secret`. */
export function readRequiredText(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	accepted: string,
	options: { secret?: boolean; maxLength?: number } = {},
): string {
	let text: string;
	if (typeof value === 'string') text = options.secret ? value : value.trim();
	else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
	else
		throw invalid(
			node,
			itemIndex,
			field,
			`it resolved to ${describeValue(value)}, not text`,
			accepted,
		);
	if (text.trim() === '') throw emptyField(node, itemIndex, field, accepted);
	if (options.maxLength !== undefined && text.length > options.maxLength) {
		throw invalid(
			node,
			itemIndex,
			field,
			`it has ${text.length} characters; at most ${options.maxLength} are allowed`,
			accepted,
		);
	}
	return text;
}

/** Optional text: unset or blank gives undefined. */
export function readOptionalText(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	accepted: string,
): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return readRequiredText(node, value, itemIndex, field, accepted);
}

/**
 * A credit amount in euro: a positive number with at most 4 decimals ('12.3456', '12,3456' or 12.3456).
 * Returns it as smSend's documented text form with a point, e.g. '12.3456'.
 */
export function readCreditAmount(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
): string {
	const accepted =
		'Enter a positive amount in euro with at most 4 decimals, e.g. 12.3456 or 12,3456.';
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value))
			throw invalid(node, itemIndex, field, `${value} is not a number`, accepted);
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
		if (text === '') throw emptyField(node, itemIndex, field, accepted);
	} else {
		throw invalid(node, itemIndex, field, `it resolved to ${describeValue(value)}`, accepted);
	}
	const match = /^(\d+)(?:[.,](\d+))?$/.exec(text);
	if (!match) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${shown(text)} is not a positive amount written with digits`,
			accepted,
		);
	}
	const [, whole, decimals = ''] = match;
	if (decimals.length > 4) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${shown(text)} has ${decimals.length} decimals; smSend takes at most 4`,
			accepted,
		);
	}
	if (!/[1-9]/.test(whole + decimals)) {
		throw invalid(node, itemIndex, field, `${shown(text)} is not more than zero`, accepted);
	}
	const integer = whole.replace(/^0+(?=\d)/, '');
	return decimals === '' ? integer : `${integer}.${decimals}`;
}

/** A whole number within [min, max], from a number or its digits. */
export function readWholeNumberInRange(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	min: number,
	max: number,
): number {
	const accepted = `Enter a whole number from ${min} to ${max}.`;
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) number = Number(value.trim());
	else if (typeof value === 'string' && value.trim() === '')
		throw emptyField(node, itemIndex, field, accepted);
	else if (typeof value === 'string')
		throw invalid(node, itemIndex, field, `${shown(value.trim())} is not a whole number`, accepted);
	else throw invalid(node, itemIndex, field, `it resolved to ${describeValue(value)}`, accepted);
	if (!Number.isInteger(number) || number < min || number > max) {
		throw invalid(node, itemIndex, field, `${number} is outside ${min}–${max}`, accepted);
	}
	return number;
}
