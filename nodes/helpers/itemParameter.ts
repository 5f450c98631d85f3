import type { IExecuteFunctions } from 'n8n-workflow';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(containsExpression);
	return false;
}

/**
 * A reader for one node parameter across items. A parameter without any expression has the
 * same value for every item, so it is resolved once; an expression is resolved per item.
 * In a bulk send of thousands of items this saves most of the parameter work.
 */
export function itemParameter<T>(
	context: IExecuteFunctions,
	name: string,
	fallback: T,
): (itemIndex: number) => T {
	if (containsExpression(context.getNode().parameters[name])) {
		return (itemIndex) => context.getNodeParameter(name, itemIndex, fallback as never) as T;
	}
	const value = context.getNodeParameter(name, 0, fallback as never) as T;
	return () => value;
}
