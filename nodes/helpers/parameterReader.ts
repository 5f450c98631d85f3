import type { IExecuteFunctions } from 'n8n-workflow';

import { readText } from './itemFields';
import { itemParameter } from './itemParameter';

/** A parameter's value for item i. */
export type PerItem<T> = (itemIndex: number) => T;

/**
 * Typed readers for an operation's parameters, each resolved as itemParameter does: once for all
 * items when the parameter holds no expression, straight from the item for a plain
 * `={{ $json.field }}`, otherwise by n8n for each item.
 */
export interface ParameterReader {
	/**
	 * Text typed or mapped by the user; a number counts as its digits. Anything else is refused
	 * naming the item and `field`, with `example` as what to map instead.
	 */
	text(name: string, field: string, example: string): PerItem<string>;
	/** The value of an options parameter, as its options declare it. */
	choice<T extends string>(name: string, fallback: T): PerItem<T>;
	/** A collection (Options, Additional Fields, Filters): its fields as given, each still to check. */
	collection<T extends object>(name: string): PerItem<Partial<T>>;
	number(name: string, fallback: number): PerItem<number>;
	boolean(name: string, fallback: boolean): PerItem<boolean>;
	/** Whatever the parameter resolved to, for a reader of its own (phone numbers, ids, amounts). */
	value(name: string, fallback?: unknown): PerItem<unknown>;
}

export function parameterReader(context: IExecuteFunctions): ParameterReader {
	const node = context.getNode();
	// n8n gives no type for a parameter's value; this is the one place that asserts one.
	const typed = <T>(name: string, fallback: T): PerItem<T> => {
		const read = itemParameter<unknown>(context, name, fallback);
		return (itemIndex) => read(itemIndex) as T;
	};
	return {
		text: (name, field, example) => {
			const read = itemParameter<unknown>(context, name, '');
			return (itemIndex) => readText(node, read(itemIndex), itemIndex, field, example);
		},
		choice: (name, fallback) => typed(name, fallback),
		collection: <T extends object>(name: string) => typed<Partial<T>>(name, {}),
		number: (name, fallback) => typed(name, fallback),
		boolean: (name, fallback) => typed(name, fallback),
		value: (name, fallback = '') => itemParameter<unknown>(context, name, fallback),
	};
}
