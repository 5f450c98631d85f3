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

// Counting is slow (about 1.7 ms a text) and bulk sends often repeat the same text, so
// recent results are kept; the oldest entry goes first once the cache is full.
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

function countUncached(text: string): MessageParts {
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
