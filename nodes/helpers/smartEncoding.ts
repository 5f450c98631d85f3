import type { IDataObject } from 'n8n-workflow';
// Twilio's Smart Encoding table, as sms-segments-calculator applies it in
// `new SegmentedMessage(text, 'auto', true)`; the package's index does not re-export it, so it is
// read from the module the class itself loads (present in every 1.x release). None of its keys is
// a GSM-7 character and all of its values are (test/unit/helpers/smartEncoding.test.ts checks both).
import SmartEncodingMap from 'sms-segments-calculator/dist/libs/SmartEncodingMap';

import type { MessageParts } from './messageParts';
import { countMessageParts } from './messageParts';

/** One character Smart Encoding replaced, and how often. */
export interface Replacement {
	character: string;
	/** Its code point, e.g. U+2019: many of these characters (spaces, zero-width) are invisible. */
	unicode: string;
	replacedWith: string;
	count: number;
}

export interface SmartEncoded {
	/** The text to send: the original, or the GSM-7 text with look-alikes. */
	text: string;
	parts: MessageParts;
	/** Set only when characters were replaced: what the output shows. */
	smartEncoding?: {
		replaced: Replacement[];
		originalEncoding: 'UCS-2';
		originalParts: number;
		partsSaved: number;
	};
}

function lookAlikeOf(character: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(SmartEncodingMap, character)
		? SmartEncodingMap[character]
		: undefined;
}

/**
 * Smart Encoding: a text that needs UCS-2 only because of characters with GSM-7 look-alikes
 * (curly quotes, dashes, ellipsis, non-breaking and other spaces, …) is sent in GSM-7 with
 * those characters replaced, e.g. one ’ pasted from a word processor turns a 150-character
 * text from 1 GSM-7 part into 3 UCS-2 parts. Anything without a look-alike (emoji, other
 * alphabets) keeps the text UCS-2 and unchanged, as does a replacement that would need more
 * parts (an ellipsis becomes three characters) or that `fits` refuses (a gateway's limit).
 */
export function smartEncode(
	text: string,
	fits: (parts: MessageParts) => boolean = () => true,
): SmartEncoded {
	const original = countMessageParts(text);
	// The common case, a GSM-7 text, costs one cached lookup.
	if (original.encoding === 'GSM-7') return { text, parts: original };
	const counts = new Map<string, number>();
	let encoded = '';
	for (const character of text) {
		const lookAlike = lookAlikeOf(character);
		if (lookAlike === undefined) {
			encoded += character;
			continue;
		}
		encoded += lookAlike;
		counts.set(character, (counts.get(character) ?? 0) + 1);
	}
	if (counts.size === 0) return { text, parts: original };
	const parts = countMessageParts(encoded);
	if (parts.encoding !== 'GSM-7' || parts.parts > original.parts || !fits(parts))
		return { text, parts: original };
	return {
		text: encoded,
		parts,
		smartEncoding: {
			replaced: [...counts].map(([character, count]) => ({
				character,
				unicode: `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
				replacedWith: lookAlikeOf(character) ?? '',
				count,
			})),
			originalEncoding: 'UCS-2',
			originalParts: original.parts,
			partsSaved: original.parts - parts.parts,
		},
	};
}

/** What an item's output shows of Smart Encoding: nothing unless characters were replaced. */
export function smartEncodingOutput(encoded: SmartEncoded): IDataObject {
	return encoded.smartEncoding
		? { smartEncoding: encoded.smartEncoding as unknown as IDataObject }
		: {};
}
