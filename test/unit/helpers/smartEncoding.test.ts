import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import SmartEncodingMap from 'sms-segments-calculator/dist/libs/SmartEncodingMap';

import { countMessageParts } from '../../../nodes/helpers/messageParts';
import { smartEncode, smartEncodingOutput } from '../../../nodes/helpers/smartEncoding';

const LOOK_ALIKES = Object.keys(SmartEncodingMap);
const isGsm7 = (text: string) => countMessageParts(text).encoding === 'GSM-7';

describe('smartEncode', () => {
	it('turns a 150-character text with one curly apostrophe from 3 UCS-2 parts into 1 GSM-7 part', () => {
		const text = `It’s ${'a'.repeat(145)}`;
		expect(countMessageParts(text)).toMatchObject({ encoding: 'UCS-2', parts: 3 });
		const encoded = smartEncode(text);
		expect(encoded.text).toBe(`It's ${'a'.repeat(145)}`);
		expect(encoded.parts).toMatchObject({ encoding: 'GSM-7', parts: 1, characters: 150 });
		expect(encoded.smartEncoding).toEqual({
			replaced: [{ character: '’', unicode: 'U+2019', replacedWith: "'", count: 1 }],
			originalEncoding: 'UCS-2',
			originalParts: 3,
			partsSaved: 2,
		});
	});

	it('lists each replaced character once with its count, in order of first appearance', () => {
		const encoded = smartEncode('“Saldi” – fino al 50%… l’offerta\u00a0vale, l’ultima');
		expect(encoded.text).toBe('"Saldi" - fino al 50%... l\'offerta  vale, l\'ultima');
		expect(encoded.smartEncoding?.replaced).toEqual([
			{ character: '“', unicode: 'U+201C', replacedWith: '"', count: 1 },
			{ character: '”', unicode: 'U+201D', replacedWith: '"', count: 1 },
			{ character: '–', unicode: 'U+2013', replacedWith: '-', count: 1 },
			{ character: '…', unicode: 'U+2026', replacedWith: '...', count: 1 },
			{ character: '’', unicode: 'U+2019', replacedWith: "'", count: 2 },
			// The library's table gives the non-breaking space two spaces.
			{ character: '\u00a0', unicode: 'U+00A0', replacedWith: '  ', count: 1 },
		]);
		expect(encoded.smartEncoding?.partsSaved).toBe(0);
		expect(smartEncodingOutput(encoded)).toEqual({ smartEncoding: encoded.smartEncoding });
	});

	it.each([
		['an emoji', 'It’s ready 😀'],
		['another alphabet', 'Привет – it’s ready'],
		['a letter GSM-7 lacks', 'ça va’'],
	])('keeps a text with %s UCS-2 and unchanged', (_what, text) => {
		const encoded = smartEncode(text);
		expect(encoded).toEqual({ text, parts: countMessageParts(text) });
		expect(smartEncodingOutput(encoded)).toEqual({});
	});

	it('leaves a GSM-7 text alone, extension characters included', () => {
		for (const text of ['Ciao {Anna} €5 [ok] ~^|\\', 'a'.repeat(400), '']) {
			expect(smartEncode(text)).toEqual({ text, parts: countMessageParts(text) });
		}
	});

	it('keeps the text when its look-alikes would need more parts (an ellipsis is three characters)', () => {
		const text = '…'.repeat(70);
		expect(countMessageParts(text).parts).toBe(1);
		expect(smartEncode(text)).toEqual({ text, parts: countMessageParts(text) });
	});

	it('keeps the text when the caller refuses what the look-alikes give (a gateway limit)', () => {
		const text = `${'a'.repeat(158)}…`;
		expect(smartEncode(text, (parts) => parts.characters <= 160).text).toBe(text);
		expect(smartEncode(text).text).toBe(`${'a'.repeat(158)}...`);
	});

	it("uses the library's table: no key is a GSM-7 character, every replacement is GSM-7", () => {
		expect(LOOK_ALIKES.length).toBeGreaterThan(200);
		expect(LOOK_ALIKES.filter(isGsm7)).toEqual([]);
		expect(LOOK_ALIKES.filter((key) => !isGsm7(SmartEncodingMap[key]))).toEqual([]);
	});

	describe('property: GSM-7 exactly when every character outside GSM-7 has a look-alike', () => {
		const gsm = fc.constantFrom(...'abcXYZ019 .,!?@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ{}[]~^|\\€\n');
		const lookAlike = fc.constantFrom(...LOOK_ALIKES);
		// Look-alikes longer than one character, so that some texts would need more parts.
		const expander = fc.constantFrom('…', '\t', '\u00a0', '¼', '‼');
		const without = fc.constantFrom('ж', '😀', 'ç', '中', 'ą', '\u0301', '✓');
		const text = (parts: Array<fc.Arbitrary<string>>) =>
			fc
				.array(fc.oneof(...parts), { minLength: 1, maxLength: 300, size: 'max' })
				.map((cs) => cs.join(''));

		it('replaces look-alikes (as the library maps them) whenever that costs no more parts', () => {
			fc.assert(
				fc.property(text([gsm, lookAlike, expander]), (input) => {
					const encoded = smartEncode(input);
					// The library's own smart encoding, as the oracle for the replaced text.
					const mapped = new SegmentedMessage(input, 'auto', true).graphemes.join('');
					const original = countMessageParts(input);
					if (original.encoding === 'GSM-7') {
						expect(encoded.text).toBe(input);
					} else if (countMessageParts(mapped).parts <= original.parts) {
						expect(encoded.text).toBe(mapped);
						expect(encoded.parts.encoding).toBe('GSM-7');
						expect(encoded.smartEncoding?.partsSaved).toBe(
							original.parts - countMessageParts(mapped).parts,
						);
					} else {
						expect(encoded.text).toBe(input);
						expect(encoded.smartEncoding).toBeUndefined();
					}
				}),
				{ seed: 15, numRuns: 150 },
			);
		});

		it('never makes a text need more parts, even one made mostly of long look-alikes', () => {
			fc.assert(
				fc.property(text([expander, expander, lookAlike]), (input) => {
					const encoded = smartEncode(input);
					expect(encoded.parts.parts).toBeLessThanOrEqual(countMessageParts(input).parts);
				}),
				{ seed: 17, numRuns: 100 },
			);
		});

		it('sends any text with a character that has no look-alike unchanged, in UCS-2', () => {
			fc.assert(
				fc.property(text([gsm, lookAlike]), without, fc.nat(), (base, odd, at) => {
					const position = at % (base.length + 1);
					const input = base.slice(0, position) + odd + base.slice(position);
					const encoded = smartEncode(input);
					expect(encoded.text).toBe(input);
					expect(encoded.parts.encoding).toBe('UCS-2');
					expect(encoded.smartEncoding).toBeUndefined();
				}),
				{ seed: 16, numRuns: 150 },
			);
		});
	});
});
