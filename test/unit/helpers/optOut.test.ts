import fc from 'fast-check';

import {
	DEFAULT_OPT_OUT_KEYWORD_LIST,
	DEFAULT_OPT_OUT_KEYWORDS,
	detectOptOut,
	optOutWords,
	parseOptOutKeywords,
} from '../../../nodes/helpers/optOut';

function keywords(list: string) {
	const parsed = parseOptOutKeywords(list);
	if (!parsed.ok) throw new Error(`unexpected: ${parsed.entry} ${parsed.reason}`);
	return parsed.keywords;
}

const DEFAULTS = keywords(DEFAULT_OPT_OUT_KEYWORD_LIST);
const DEFAULT_WORDS = new Set(DEFAULTS.map((k) => k.words));

describe('detectOptOut with the default keywords', () => {
	it.each([
		['STOP', 'STOP'],
		['stop', 'STOP'],
		['  Stop!  ', 'STOP'],
		['"STOP."', 'STOP'],
		['Stóp', 'STOP'],
		['ＳＴＯＰ', 'STOP'],
		['STOP ALL', 'STOP'],
		['stop-all', 'STOP'],
		['stopall', 'STOPALL'],
		['Stop sending me messages', 'STOP'],
		['Annulla, grazie', 'ANNULLA'],
		['BASTA!!! non scrivetemi più', 'BASTA'],
		['cancella', 'CANCELLA'],
		['Disiscrivimi per favore', 'DISISCRIVIMI'],
		['Sair', 'SAIR'],
		['PARAR de receber', 'PARAR'],
		['Cancelar.', 'CANCELAR'],
		['descadastrar', 'DESCADASTRAR'],
		['Unsubscribe me', 'UNSUBSCRIBE'],
		['👋 stop', 'STOP'],
		['\u00a0STOP\u3000', 'STOP'],
	])('%p is an opt-out request (%s)', (text, keyword) => {
		expect(detectOptOut(text, DEFAULTS)).toEqual({ optOut: true, optOutKeyword: keyword });
	});

	it.each([
		['Please stop'],
		['I will stop by tomorrow'],
		['Non basta, ne voglio ancora'],
		['stopwatch'],
		['Quero sair da lista'],
		['Ciao, a che ora aprite?'],
		['S T O P'],
		[''],
		['!!!'],
	])('%p is not an opt-out request', (text) => {
		expect(detectOptOut(text, DEFAULTS)).toEqual({ optOut: false, optOutKeyword: null });
	});
});

describe('parseOptOutKeywords', () => {
	it('splits on commas, semicolons and new lines, skips empty entries and repeats', () => {
		expect(keywords('STOP, , annulla;SAIR\nPARAR,Stop').map((k) => k.keyword)).toEqual([
			'annulla',
			'PARAR',
			'STOP',
			'SAIR',
		]);
	});

	it('refuses an entry that has no letter or digit, naming it', () => {
		expect(parseOptOutKeywords('STOP, !!!')).toEqual({
			ok: false,
			entry: '!!!',
			reason: 'has no letter or digit',
		});
	});

	it('an empty list has no keywords, so nothing is an opt-out request', () => {
		expect(keywords('  ')).toEqual([]);
		expect(detectOptOut('STOP', keywords(''))).toEqual({ optOut: false, optOutKeyword: null });
	});

	it('replaces the defaults, and names the longest keyword that matches', () => {
		const own = keywords('stop, Stop All, FINE');
		expect(detectOptOut('STOP ALL please', own)).toEqual({
			optOut: true,
			optOutKeyword: 'Stop All',
		});
		expect(detectOptOut('stop', own).optOutKeyword).toBe('stop');
		expect(detectOptOut('Fine.', own).optOutKeyword).toBe('FINE');
		expect(detectOptOut('ANNULLA', own).optOut).toBe(false);
	});

	it('defaults cover English, Italian and Portuguese', () => {
		for (const word of ['STOP', 'UNSUBSCRIBE', 'ANNULLA', 'CANCELLA', 'BASTA', 'SAIR', 'PARAR'])
			expect(DEFAULT_OPT_OUT_KEYWORDS).toContain(word);
		expect(DEFAULT_OPT_OUT_KEYWORDS).toContain('CANCELAR');
	});
});

// --- properties ------------------------------------------------------------------------------

const keyword = fc.constantFrom(...DEFAULTS.map((k) => k.keyword));
const MARKS = ['\u0301', '\u0300', '\u0302', '\u0303', '\u0308', '\u0327', '\u030c'];
/** Any mix of case and accents on each letter, as precomposed or combining characters. */
function decorated(word: string) {
	return fc
		.tuple(
			...[...word].map(() =>
				fc.tuple(fc.boolean(), fc.option(fc.constantFrom(...MARKS), { nil: undefined })),
			),
		)
		.chain((choices) =>
			fc.boolean().map((precompose) => {
				const text = [...word]
					.map((char, i) => {
						const [upper, mark] = choices[i];
						return (upper ? char.toUpperCase() : char.toLowerCase()) + (mark ?? '');
					})
					.join('');
				return precompose ? text.normalize('NFC') : text;
			}),
		);
}
const SURROUNDING = [
	' ',
	'\t',
	'\n',
	'\u00a0',
	'.',
	'!',
	'?',
	',',
	'"',
	"'",
	'¡',
	'¿',
	'(',
	')',
	'*',
	'…',
	'🙏',
];
const surrounding = fc.string({ unit: fc.constantFrom(...SURROUNDING), maxLength: 5 });
const separator = fc.string({ unit: fc.constantFrom(...SURROUNDING), minLength: 1, maxLength: 3 });
const LETTERS = 'abcdefghijklmnopqrstuvwxyzàèéìòùçãõ';
const word = fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 10 });
const anyText = fc.string({ maxLength: 40 });

describe('opt-out properties', () => {
	it('a keyword alone is found whatever its case, accents and surrounding punctuation or spaces', () => {
		fc.assert(
			fc.property(
				keyword.chain((k) => fc.tuple(fc.constant(k), surrounding, decorated(k), surrounding)),
				([k, before, written, after]) => {
					expect(detectOptOut(before + written + after, DEFAULTS)).toEqual({
						optOut: true,
						optOutKeyword: k,
					});
				},
			),
		);
	});

	it('a leading keyword followed by any text is an opt-out request', () => {
		fc.assert(
			fc.property(
				keyword.chain((k) => fc.tuple(fc.constant(k), decorated(k), separator, anyText)),
				([k, written, sep, rest]) => {
					expect(detectOptOut(written + sep + rest, DEFAULTS)).toEqual({
						optOut: true,
						optOutKeyword: k,
					});
				},
			),
		);
	});

	it('a keyword mentioned after another word is not an opt-out request', () => {
		fc.assert(
			fc.property(word, separator, keyword, anyText, (first, sep, k, rest) => {
				fc.pre(optOutWords(first) !== '' && !DEFAULT_WORDS.has(optOutWords(first)));
				expect(detectOptOut(`${first}${sep}${k} ${rest}`, DEFAULTS).optOut).toBe(false);
			}),
		);
	});

	it('a keyword that is only the start of a longer word is not matched', () => {
		fc.assert(
			fc.property(keyword, word, anyText, (k, tail, rest) => {
				const glued = optOutWords(k + tail);
				fc.pre(!DEFAULT_WORDS.has(glued));
				expect(detectOptOut(`${k}${tail} ${rest}`, DEFAULTS).optOut).toBe(false);
			}),
		);
	});

	it('the verdict on any text ignores ASCII case and surrounding punctuation or spaces', () => {
		fc.assert(
			fc.property(anyText, surrounding, surrounding, fc.boolean(), (text, before, after, up) => {
				const recased = text.replace(/[a-z]/gi, (c) => (up ? c.toUpperCase() : c.toLowerCase()));
				expect(detectOptOut(before + recased + after, DEFAULTS)).toEqual(
					detectOptOut(text, DEFAULTS),
				);
			}),
		);
	});

	it('optOutWords is idempotent and leaves only lower-case letters, digits and single spaces', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
				const words = optOutWords(text);
				expect(optOutWords(words)).toBe(words);
				expect(words).not.toMatch(/^\s|\s$|\s\s|[^\p{L}\p{N} ]/u);
			}),
		);
	});
});
