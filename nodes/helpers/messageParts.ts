import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface MessageParts {
	/** Length as the gateways count it: UTF-16 code units (an emoji counts two). */
	characters: number;
	encoding: SmsEncoding;
	/** SMS parts the text needs once concatenated (153 GSM-7 / 67 UCS-2 characters per part). */
	parts: number;
	/** Room used in the encoding's own units: septets for GSM-7 (extension characters count two), code units for UCS-2. */
	encodedLength: number;
}

// Counting with the calculator is slow (about 1.7 ms a text, 0.2 ms once warm) and bulk sends
// often repeat the same text, so recent results are kept; the oldest entry goes first once the
// cache is full. Texts of GSM-7 basic characters only are counted directly.
const CACHE_SIZE = 1000;
const cache = new Map<string, MessageParts>();

export function countMessageParts(text: string): MessageParts {
	const cached = cache.get(text);
	if (cached) return { ...cached };
	const counted = countUncached(text);
	if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
	cache.set(text, counted);
	return { ...counted };
}

/**
 * Every character of the GSM-7 basic set as the calculator maps it. A text of these alone is one
 * septet a character: one part up to 160, 153 a part beyond (the rest of each part holds the
 * concatenation header).
 */
const GSM7_BASIC_ONLY =
	/^[\n\r !"#$%&'()*+,\-./0-9:;<=>?@A-Z_a-z¡£¤¥§¿ÄÅÆÉÑÖØÜßàäåæÇèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ]*$/;

function countUncached(text: string): MessageParts {
	// Most campaign texts: counted directly, exactly as the calculator would (see the tests),
	// in microseconds instead of the calculator's fraction of a millisecond per text.
	if (GSM7_BASIC_ONLY.test(text)) {
		const length = text.length;
		return {
			characters: length,
			encoding: 'GSM-7',
			parts: length === 0 ? 0 : length <= 160 ? 1 : Math.ceil(length / 153),
			encodedLength: length,
		};
	}
	const segmented = new SegmentedMessage(text, 'auto');
	const encoding: SmsEncoding = segmented.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2';
	const bitsPerUnit = encoding === 'GSM-7' ? 7 : 16;
	return {
		characters: text.length,
		encoding,
		parts: text.length === 0 ? 0 : segmented.segmentsCount,
		encodedLength: Math.round(segmented.messageSize / bitsPerUnit),
	};
}
