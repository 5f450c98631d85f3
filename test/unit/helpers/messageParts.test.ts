import fc from 'fast-check';

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
});
