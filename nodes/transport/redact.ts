import { escapeXml } from './xmlText';

/** Secrets this short are blanked only where they stand alone, not inside longer words. */
const SHORT_SECRET = 3;

function numericReferences(text: string, radix: 10 | 16): string {
	return Array.from(text, (char) => {
		const code = char.codePointAt(0) as number;
		if (code >= 0x20 && code < 0x7f && !'&<>"\''.includes(char)) return char;
		return radix === 10 ? `&#${code};` : `&#x${code.toString(16)};`;
	}).join('');
}

function decoded(text: string, plusIsSpace: boolean): string | undefined {
	try {
		const value = decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
		return value === text ? undefined : value;
	} catch {
		// Not percent-encoded after all (a lone '%'): there is no decoded form.
		return undefined;
	}
}

/**
 * Every form a secret can travel in, and so come back in: as typed; URL- and form-encoded, or
 * decoded once more by a gateway that decodes what it echoes; XML-escaped, with named or numeric
 * character references (NuSOAP writes what ISO-8859-1 cannot carry as `&#8364;`); and its UTF-8
 * bytes read as ISO-8859-1 by a gateway that assumes that charset.
 */
export function secretForms(secret: string): string[] {
	const partialXml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const forms = [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams([['', secret]]).toString().slice(1),
		decoded(secret, false),
		decoded(secret, true),
		partialXml,
		partialXml.replace(/"/g, '&quot;'),
		escapeXml(secret),
		escapeXml(secret).replace(/&apos;/g, '&#39;'),
		numericReferences(secret, 10),
		numericReferences(secret, 16),
		Buffer.from(secret, 'utf8').toString('latin1'),
	];
	return [...new Set(forms.filter((form): form is string => !!form))];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern per set of secrets, kept: a bulk send redacts thousands of replies with the same ones. */
const patterns = new Map<string, RegExp | null>();
const PATTERN_CACHE = 32;

function patternFor(secrets: string[]): RegExp | null {
	const key = secrets.join('\u0000');
	let pattern = patterns.get(key);
	if (pattern === undefined) {
		const alternatives: string[] = [];
		for (const secret of secrets) {
			if (secret === '') continue;
			for (const form of secretForms(secret)) {
				const literal = escapeRegExp(form);
				alternatives.push(
					secret.length <= SHORT_SECRET
						? `(?<![\\p{L}\\p{N}])${literal}(?![\\p{L}\\p{N}])`
						: literal,
				);
			}
		}
		// Longest first, so a longer form is not left half-replaced by a shorter one inside it.
		alternatives.sort((a, b) => b.length - a.length);
		pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'gu') : null;
		if (patterns.size >= PATTERN_CACHE) patterns.delete(patterns.keys().next().value as string);
		patterns.set(key, pattern);
	}
	return pattern;
}

/** Blanks every form of every secret out of a text the gateway sent back. */
export function redactSecrets(text: string, secrets: string[]): string {
	const pattern = patternFor(secrets);
	return pattern ? text.replace(pattern, '***') : text;
}
