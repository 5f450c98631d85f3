/* Text inside XML: what may be written into an element and how entities read back. */

// XML 1.0 forbids C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates.
const ILLEGAL_XML_CHARS =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
	// Parsers turn a literal CR into LF; a character reference keeps it.
	'\r': '&#13;',
};

export function escapeXml(text: string): string {
	return text.replace(ILLEGAL_XML_CHARS, '').replace(/[&<>"'\r]/g, (char) => XML_ESCAPES[char]);
}

const PREDEFINED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};

function fromCodePoint(codePoint: number): string | undefined {
	const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
	if (!Number.isFinite(codePoint) || codePoint <= 0 || codePoint > 0x10ffff || isSurrogate)
		return undefined;
	return String.fromCodePoint(codePoint);
}

export function decodeXmlText(text: string): string {
	return text.replace(/&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z]+));/g, (whole, hex, dec, name) => {
		if (hex !== undefined) return fromCodePoint(parseInt(hex as string, 16)) ?? whole;
		if (dec !== undefined) return fromCodePoint(parseInt(dec as string, 10)) ?? whole;
		const named = name as string;
		return Object.prototype.hasOwnProperty.call(PREDEFINED_ENTITIES, named)
			? PREDEFINED_ENTITIES[named]
			: whole;
	});
}
