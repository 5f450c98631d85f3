import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeValue } from './describeValue';
import type { NormalizedMobile } from './phone';
import { describeMobileRejection, isCountryCode, normalizeMobile } from './phone';
import type { CountryCode } from 'libphonenumber-js/max';

/** Reads an item's field that must be text (numbers are accepted as their digits). */
export function readText(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	example: string,
): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new NodeOperationError(node, `The '${field}' is not text [item ${itemIndex}]`, {
		itemIndex,
		description: `It resolved to ${describeValue(value)}. Map a single text value, e.g. ${example}.`,
	});
}

export function readCountry(
	node: INode,
	value: string | undefined,
	fallback: CountryCode,
	itemIndex: number,
): CountryCode {
	const country = (value ?? fallback).trim().toUpperCase();
	if (isCountryCode(country)) return country;
	throw new NodeOperationError(
		node,
		`Invalid 'Default Country': "${value}" is not a country code [item ${itemIndex}]`,
		{
			itemIndex,
			description: 'Use a two-letter ISO country code, e.g. IT for Italy or BR for Brazil.',
		},
	);
}

/** Normalises one phone number of an item, or throws an error naming the item, the field and the value. */
export function readMobile(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	defaultCountry: CountryCode,
	accepted: string,
): NormalizedMobile {
	const text = readText(node, value, itemIndex, field, '{{ $json.phone }}');
	const result = normalizeMobile(text, defaultCountry);
	if (result.ok) return result.mobile;
	throw new NodeOperationError(
		node,
		`Invalid '${field}': ${describeMobileRejection(text, result.rejection)} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Accepted: ${accepted}, or a national mobile number of the default country (${defaultCountry}).`,
		},
	);
}
