const UTF8_BOM = [0xef, 0xbb, 0xbf];
const DECLARATION_SNIFF_BYTES = 1024;

function hasUtf8Bom(bytes: Uint8Array): boolean {
	return UTF8_BOM.every((byte, index) => bytes[index] === byte);
}

// windows-1252 bytes 0x80–0x9F; the five unassigned bytes keep their code point (WHATWG).
const WINDOWS_1252_HIGH = [
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
	0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
	0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

// Node's own windows-1252 decoder differs between versions (some decode it as plain latin1).
function decodeWindows1252(bytes: Uint8Array): string {
	let out = '';
	for (const byte of bytes) {
		out += String.fromCharCode(
			byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : byte,
		);
	}
	return out;
}

function charsetFromContentType(contentType: string | undefined): string | undefined {
	if (!contentType) return undefined;
	return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1];
}

function charsetFromXmlDeclaration(bytes: Uint8Array): string | undefined {
	// The declaration is ASCII, so any single-byte decoding is enough to find it.
	const head = decodeWindows1252(bytes.subarray(0, DECLARATION_SNIFF_BYTES));
	const label = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
	// A declaration readable as ASCII cannot really be UTF-16.
	if (label && /^utf-?16/i.test(label)) return 'utf-8';
	return label;
}

function supportedEncoding(label: string | undefined): string {
	if (label) {
		try {
			const { encoding } = new TextDecoder(label);
			if (encoding !== 'replacement') return encoding;
		} catch {
			// unknown label: fall through to UTF-8
		}
	}
	return 'utf-8';
}

/**
 * Decodes a reply body. Labels follow the WHATWG Encoding Standard (what TextDecoder implements),
 * so 'iso-8859-1', 'latin1' and 'us-ascii' decode as windows-1252: byte 0x80 becomes '€',
 * which is what servers that declare ISO-8859-1 actually send.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string): string {
	if (hasUtf8Bom(bytes)) {
		return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(UTF8_BOM.length));
	}
	const label = charsetFromContentType(contentType) ?? charsetFromXmlDeclaration(bytes);
	const encoding = supportedEncoding(label);
	if (encoding === 'windows-1252') return decodeWindows1252(bytes);
	return new TextDecoder(encoding).decode(bytes);
}
