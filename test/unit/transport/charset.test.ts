import fc from 'fast-check';

import { decodeBody } from '../../../nodes/transport/charset';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('decodeBody', () => {
	it('defaults to UTF-8', () => {
		expect(decodeBody(utf8('Olá, €'))).toBe('Olá, €');
	});

	it('uses the Content-Type charset', () => {
		expect(decodeBody(latin1('Città'), 'text/xml; charset=ISO-8859-1')).toBe('Città');
		expect(decodeBody(latin1('Città'), 'text/plain;charset="iso-8859-1"')).toBe('Città');
		expect(decodeBody(latin1('Città'), 'text/plain; charset=latin1')).toBe('Città');
		expect(decodeBody(utf8('Città'), 'text/plain; charset=UTF-8')).toBe('Città');
		expect(decodeBody(latin1('abc'), 'text/plain; charset=us-ascii')).toBe('abc');
	});

	it('decodes windows-1252 (and ISO-8859-1, as browsers do) with the euro sign at 0x80', () => {
		expect(decodeBody(new Uint8Array([0x80, 0x20, 0x31]), 'text/plain; charset=windows-1252')).toBe(
			'€ 1',
		);
		expect(decodeBody(new Uint8Array([0x80]), 'text/plain; charset=ISO-8859-1')).toBe('€');
	});

	it('falls back to the XML declaration', () => {
		const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><a>Però</a>';
		expect(decodeBody(latin1(xml))).toBe(xml);
		expect(decodeBody(latin1(xml), 'text/xml')).toBe(xml);
		expect(decodeBody(latin1("<?xml version='1.0' encoding='windows-1252'?><a>é</a>"))).toContain(
			'é',
		);
	});

	it('the Content-Type wins over the XML declaration', () => {
		const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><a>Però</a>';
		expect(decodeBody(utf8(xml), 'text/xml; charset=utf-8')).toBe(xml);
	});

	it('ignores a UTF-16 XML declaration that is readable as ASCII', () => {
		expect(decodeBody(utf8('<?xml version="1.0" encoding="utf-16"?><a>é</a>'))).toContain('é');
	});

	it('unknown charset labels fall back to UTF-8', () => {
		expect(decodeBody(utf8('é'), 'text/plain; charset=klingon')).toBe('é');
		expect(decodeBody(utf8('é'), 'text/plain; charset=iso-2022-kr')).toBe('é');
		expect(decodeBody(utf8('<?xml version="1.0" encoding="bogus"?><a>é</a>'))).toContain('é');
	});

	it('strips a UTF-8 BOM', () => {
		expect(decodeBody(new Uint8Array([0xef, 0xbb, 0xbf, 0x4f, 0x4b]))).toBe('OK');
		expect(
			decodeBody(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa9]), 'text/plain; charset=iso-8859-1'),
		).toBe('é');
	});

	it('handles empty input and invalid UTF-8', () => {
		expect(decodeBody(new Uint8Array())).toBe('');
		expect(decodeBody(new Uint8Array([0xff, 0x41]))).toBe('\uFFFDA');
	});

	// C1 controls (U+0080–U+009F) are excluded: ISO-8859-1 is decoded as windows-1252 (WHATWG).
	const latin1Char = fc
		.oneof(fc.integer({ min: 0x00, max: 0x7f }), fc.integer({ min: 0xa0, max: 0xff }))
		.map((code) => String.fromCharCode(code));

	it('property: latin1-encoded text decodes back to itself', () => {
		fc.assert(
			fc.property(fc.string({ unit: latin1Char }), (text) => {
				expect(decodeBody(latin1(text), 'text/plain; charset=ISO-8859-1')).toBe(text);
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});

	it('property: UTF-8 text decodes back to itself', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				fc.pre(!text.startsWith('\uFEFF'));
				expect(decodeBody(utf8(text))).toBe(text);
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});

	it('property: any bytes and content type decode to a string without throwing', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 300 }),
				fc.option(fc.string()),
				(bytes, contentType) => {
					expect(typeof decodeBody(bytes, contentType ?? undefined)).toBe('string');
				},
			),
			{ seed: 42, numRuns: 1000 },
		);
	});
});
