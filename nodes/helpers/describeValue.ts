/** How an expression's unexpected result is shown to the user, without dumping its content. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing (undefined)';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return `a value of type ${typeof value}`;
}
