/**
 * Opt-out requests in received SMS ("STOP", "Annulla", "SAIR."): a message is one when, once
 * case, accents, punctuation and extra whitespace are set aside, it is a keyword or starts with
 * one as its first word(s). A message that only mentions a keyword later ("please stop calling
 * me tomorrow") is not: replies to a campaign put the keyword first.
 */

/**
 * Keywords people reply with to stop marketing SMS, in English, Italian and Portuguese, as the
 * node's default. Users replace the list in Options → Opt-Out Keywords.
 */
export const DEFAULT_OPT_OUT_KEYWORDS: readonly string[] = [
	'STOP',
	'STOPALL',
	'UNSUBSCRIBE',
	'CANCEL',
	'ANNULLA',
	'CANCELLA',
	'BASTA',
	'DISISCRIVIMI',
	'SAIR',
	'PARAR',
	'CANCELAR',
	'DESCADASTRAR',
];

/** The default list as the node parameter shows it. */
export const DEFAULT_OPT_OUT_KEYWORD_LIST = DEFAULT_OPT_OUT_KEYWORDS.join(', ');

/**
 * The words of a text without case, accents or punctuation: compatibility forms folded (NFKD:
 * full-width letters, ligatures), combining marks dropped (é → e), lower case, and every run of
 * characters that are neither letters nor digits (spaces, punctuation, emoji) read as one space.
 */
export function optOutWords(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

export interface OptOutKeyword {
	/** As the user wrote it (trimmed): what the output names. */
	keyword: string;
	/** optOutWords(keyword). */
	words: string;
}

export type OptOutKeywordList =
	| { ok: true; keywords: OptOutKeyword[] }
	| { ok: false; entry: string; reason: string };

/**
 * A comma-separated keyword list (also accepts semicolons and new lines). Empty entries are
 * skipped, so an empty list means no keywords; an entry without a letter or digit is refused,
 * since it could never match anything.
 */
export function parseOptOutKeywords(list: string): OptOutKeywordList {
	const keywords: OptOutKeyword[] = [];
	const known = new Set<string>();
	for (const entry of list.split(/[,;\n\r]/)) {
		const keyword = entry.trim();
		if (keyword === '') continue;
		const words = optOutWords(keyword);
		if (words === '') return { ok: false, entry: keyword, reason: 'has no letter or digit' };
		if (known.has(words)) continue;
		known.add(words);
		keywords.push({ keyword, words });
	}
	// Longest first, so that "STOP ALL" is named rather than "STOP" when both are listed.
	keywords.sort((a, b) => b.words.length - a.words.length);
	return { ok: true, keywords };
}

export interface OptOutFlag {
	optOut: boolean;
	/** The keyword that matched, as listed; null when the message is not an opt-out request. */
	optOutKeyword: string | null;
}

/** Whether `text` is an opt-out request: a keyword alone, or a keyword as its first word(s). */
export function detectOptOut(text: string, keywords: readonly OptOutKeyword[]): OptOutFlag {
	const words = optOutWords(text);
	for (const { keyword, words: key } of keywords) {
		if (words === key || words.startsWith(`${key} `))
			return { optOut: true, optOutKeyword: keyword };
	}
	return { optOut: false, optOutKeyword: null };
}
