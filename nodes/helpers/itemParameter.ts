import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(containsExpression);
	return false;
}

const PLAIN_REFERENCE =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])+)\s*\}\}$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;

/**
 * The field path of an expression that only names a field of the current item, such as
 * `={{ $json.phone }}` or `={{ $json["Mobile number"].home }}`; undefined for anything else.
 */
export function plainFieldPath(expression: string): string[] | undefined {
	const match = PLAIN_REFERENCE.exec(expression);
	if (!match) return undefined;
	const path: string[] = [];
	for (const segment of match[1].matchAll(SEGMENT))
		path.push(segment[1] ?? segment[2] ?? segment[3]);
	// Names such as `constructor` are left to n8n, whose sandbox treats them specially.
	return path.every((key) => key !== '' && !(key in Object.prototype)) ? path : undefined;
}

/** The string at `path` in an item's own fields, or undefined when there is none. */
export function stringAtPath(json: IDataObject | undefined, path: string[]): string | undefined {
	let value: unknown = json;
	for (const key of path) {
		if (
			value === null ||
			typeof value !== 'object' ||
			!Object.prototype.hasOwnProperty.call(value, key)
		)
			return undefined;
		value = (value as IDataObject)[key];
	}
	return typeof value === 'string' ? value : undefined;
}

/**
 * A reader for one node parameter across items. A parameter without any expression has the
 * same value for every item, so it is resolved once; an expression is resolved per item.
 * In a bulk send of thousands of items this saves most of the parameter work.
 *
 * An expression that only names a string field of the item (`={{ $json.phone }}`, the usual
 * mapping of a list) is read from the item directly: n8n would give the same string, at a
 * cost of about half a millisecond per item in its expression sandbox. Anything else,
 * including a field that is missing or not a string, goes through n8n's evaluation.
 */
export function itemParameter<T>(
	context: IExecuteFunctions,
	name: string,
	fallback: T,
): (itemIndex: number) => T {
	const raw = context.getNode().parameters[name];
	if (!containsExpression(raw)) {
		const value = context.getNodeParameter(name, 0, fallback as never) as T;
		return () => value;
	}
	const evaluate = (itemIndex: number) =>
		context.getNodeParameter(name, itemIndex, fallback as never) as T;
	const path = typeof raw === 'string' ? plainFieldPath(raw) : undefined;
	if (!path) return evaluate;
	const items = context.getInputData();
	return (itemIndex) => {
		const value = stringAtPath(items[itemIndex]?.json, path);
		return value === undefined ? evaluate(itemIndex) : (value as T);
	};
}
