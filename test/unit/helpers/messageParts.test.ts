import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';

import { countMessageParts } from '../../../nodes/helpers/messageParts';

describe('countMessageParts', () => {
	it.each([
		['hello', { characters: 5, encoding: 'GSM-7', parts: 1, encodedLength: 5 }],
		['a'.repeat(160), { characters: 160, encoding: 'GSM-7', parts: 1, encodedLength: 160 }],
		['a'.repeat(161), { characters: 161, encoding: 'GSM-7', parts: 2, encodedLength: 161 }],
		['{}', { characters: 2, encoding: 'GSM-7', parts: 1, encodedLength: 4 }],
		['olá ção', { characters: 7, encoding: 'UCS-2', parts: 1, encodedLength: 7 }],
		['hi 😀', { characters: 5, encoding: 'UCS-2', parts: 1, encodedLength: 5 }],
		['ç'.repeat(71), { characters: 71, encoding: 'UCS-2', parts: 2, encodedLength: 71 }],
		['', { characters: 0, encoding: 'GSM-7', parts: 0, encodedLength: 0 }],
	])('counts %p', (text, expected) => {
		expect(countMessageParts(text)).toEqual(expected);
	});

	it('counts UTF-16 code units and at least one part for any non-empty text', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 400 }), (text) => {
				const parts = countMessageParts(text);
				expect(parts.characters).toBe(text.length);
				expect(parts.parts).toBeGreaterThanOrEqual(1);
				const perPart = parts.encoding === 'GSM-7' ? 153 : 67;
				expect(parts.parts).toBeLessThanOrEqual(
					Math.max(1, Math.ceil(parts.encodedLength / perPart) + 1),
				);
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});

	/** What the calculator says, as countMessageParts reports it. */
	const calculated = (text: string) => {
		const segmented = new SegmentedMessage(text, 'auto');
		const encoding = segmented.encodingName;
		return {
			characters: text.length,
			encoding,
			parts: text.length === 0 ? 0 : segmented.segmentsCount,
			encodedLength: Math.round(segmented.messageSize / (encoding === 'GSM-7' ? 7 : 16)),
		};
	};
	const GSM7_BASIC =
		'\n\r !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz¡£¤¥§¿ÄÅÆÉÑÖØÜßàäåæÇèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ';

	it('gives what the calculator gives for texts of GSM-7 characters (property)', () => {
		const character = fc.oneof(
			{ weight: 20, arbitrary: fc.constantFrom(...GSM7_BASIC) },
			{
				weight: 1,
				arbitrary: fc.constantFrom(
					'\f',
					'[',
					'\\',
					']',
					'^',
					'{',
					'|',
					'}',
					'~',
					'€',
					'ç',
					'😀',
					'\r\n',
				),
			},
		);
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ unit: character, maxLength: 200 }),
					fc.string({ unit: character, minLength: 150, maxLength: 1200 }),
				),
				(text) => {
					expect(countMessageParts(`${text}`)).toEqual(calculated(text));
				},
			),
			{ numRuns: 600 },
		);
	});

	it('gives what the calculator gives for every single character and at every part boundary', () => {
		for (let code = 0; code < 0x3000; code++) {
			const text = String.fromCharCode(code);
			expect([text, countMessageParts(text)]).toEqual([text, calculated(text)]);
		}
		for (const length of [152, 153, 154, 159, 160, 161, 305, 306, 307, 459, 460, 1530, 1531]) {
			for (const text of ['a'.repeat(length), 'è'.repeat(length), `${'a'.repeat(length - 1)}{`]) {
				expect([length, countMessageParts(text)]).toEqual([length, calculated(text)]);
			}
		}
	});
});
