import fc from 'fast-check';

import { countMessageParts } from '../../../nodes/helpers/messageParts';
import {
	automaticMessageType,
	MESSAGE_TYPE_RULES,
	messageTypeProblem,
} from '../../../nodes/SmSend/helpers/messageType';

describe('smSend message types', () => {
	it.each([
		['hello', 'TEXT'],
		['a'.repeat(160), 'TEXT'],
		['a'.repeat(161), 'MULTITEXT'],
		['{'.repeat(81), 'MULTITEXT'],
		['città', 'TEXT'],
		['Привет', 'UCS2'],
		['ж'.repeat(71), 'MULTIUCS2'],
	])('automatic type of %p is %s', (text, type) => {
		expect(automaticMessageType(countMessageParts(text))).toBe(type);
	});

	it('applies the quality rule to UCS2 and the MULTI types only', () => {
		const long = countMessageParts('a'.repeat(200));
		expect(messageTypeProblem('MULTITEXT', 'a', long)).toMatch(
			/only sends in quality High \(h\) or Notification \(n\)/,
		);
		expect(messageTypeProblem('MULTITEXT', 'n', long)).toBeUndefined();
		expect(messageTypeProblem('TEXT', 'll', countMessageParts('hi'))).toBeUndefined();
	});

	it('automatic choice in quality h is always sendable up to the MULTI limits', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), (text) => {
				const parts = countMessageParts(text);
				const type = automaticMessageType(parts);
				const limit = MESSAGE_TYPE_RULES[type].maxLength;
				const length =
					MESSAGE_TYPE_RULES[type].encoding === 'GSM-7' ? parts.encodedLength : parts.characters;
				expect(messageTypeProblem(type, 'h', parts) === undefined).toBe(length <= limit);
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});
});
