export type FormParams =
	| Record<string, string | number | undefined>
	| Array<[string, string | number]>;

export type FormCharset = 'utf-8' | 'iso-8859-1';

function toPairs(params: FormParams): Array<[string, string]> {
	const entries: Array<[string, string | number | undefined]> = Array.isArray(params)
		? params
		: Object.entries(params);
	return entries
		.filter((entry): entry is [string, string | number] => entry[1] !== undefined)
		.map(([name, value]) => [name, String(value)]);
}

// Parameters whose characters must not appear in error messages.
const SECRET_PARAMETERS = new Set(['pass', 'password', 'smspassword', 'ticket']);

// Characters the application/x-www-form-urlencoded serializer leaves as they are.
const UNRESERVED = /[A-Za-z0-9*\-._]/;

function encodeLatin1(text: string, parameter: string): string {
	let out = '';
	for (const char of text) {
		const codePoint = char.codePointAt(0) ?? 0;
		if (char === ' ') out += '+';
		else if (UNRESERVED.test(char)) out += char;
		else if (codePoint <= 0xff) out += `%${codePoint.toString(16).toUpperCase().padStart(2, '0')}`;
		else {
			const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
			const shown = SECRET_PARAMETERS.has(parameter.toLowerCase())
				? 'A character'
				: `The character "${char}" (U+${hex})`;
			throw new RangeError(`${shown} in parameter "${parameter}" cannot be sent as ISO-8859-1`);
		}
	}
	return out;
}

/** application/x-www-form-urlencoded body; undefined values are skipped, order is kept. */
export function encodeFormBody(params: FormParams, charset: FormCharset = 'utf-8'): string {
	const pairs = toPairs(params);
	if (charset === 'utf-8') return new URLSearchParams(pairs).toString();
	return pairs
		.map(([name, value]) => `${encodeLatin1(name, name)}=${encodeLatin1(value, name)}`)
		.join('&');
}
