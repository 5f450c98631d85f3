import fc from 'fast-check';

import { encodeFormBody } from '../../../nodes/transport/formBody';

function decodeLatin1Form(body: string): Array<[string, string]> {
	if (body === '') return [];
	const decode = (part: string) =>
		Buffer.from(
			part
				.replace(/\+/g, ' ')
				.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
			'latin1',
		).toString('latin1');
	return body.split('&').map((pair) => {
		const [name, value] = pair.split('=');
		return [decode(name), decode(value)];
	});
}

describe('encodeFormBody', () => {
	it('encodes + as %2B and spaces as +', () => {
		expect(encodeFormBody({ rcpt: '+393331234567', data: 'Ciao a tutti' })).toBe(
			'rcpt=%2B393331234567&data=Ciao+a+tutti',
		);
	});

	it('skips undefined values, keeps order, stringifies numbers', () => {
		expect(encodeFormBody({ b: 'x', a: undefined, c: 1, d: '' })).toBe('b=x&c=1&d=');
		expect(
			encodeFormBody([
				['z', 1],
				['a', 'é&='],
			]),
		).toBe('z=1&a=%C3%A9%26%3D');
		expect(encodeFormBody([])).toBe('');
	});

	it('encodes ISO-8859-1 bytes', () => {
		expect(encodeFormBody({ data: 'Però +1' }, 'iso-8859-1')).toBe('data=Per%F2+%2B1');
		expect(encodeFormBody({ 'a b': 'x*y-z._~' }, 'iso-8859-1')).toBe('a+b=x*y-z._%7E');
	});

	it('throws a RangeError naming a character outside latin-1', () => {
		expect(() => encodeFormBody({ data: 'costa 5€' }, 'iso-8859-1')).toThrow(RangeError);
		expect(() => encodeFormBody({ data: 'costa 5€' }, 'iso-8859-1')).toThrow(
			/"€" \(U\+20AC\) in parameter "data"/,
		);
	});

	it('does not show characters of secret parameters', () => {
		expect(() => encodeFormBody({ pass: 'sécret€' }, 'iso-8859-1')).toThrow(
			/^A character in parameter "pass"/,
		);
	});

	it('matches URLSearchParams for the utf-8 unreserved set', () => {
		const text = "a*b-c._~!'()";
		expect(encodeFormBody({ t: text })).toBe(new URLSearchParams({ t: text }).toString());
		expect(encodeFormBody({ t: text }, 'iso-8859-1')).toBe(
			new URLSearchParams({ t: text }).toString(),
		);
	});

	const pairs = fc.array(fc.tuple(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), {
		maxLength: 8,
	});

	it('property: utf-8 body parses back with URLSearchParams', () => {
		fc.assert(
			fc.property(pairs, (entries) => {
				const parsed = [...new URLSearchParams(encodeFormBody(entries)).entries()];
				expect(parsed).toEqual(entries);
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});

	it('property: record form skips undefined and keeps the rest', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.string(),
					fc.option(fc.oneof(fc.string(), fc.integer()), { nil: undefined }),
				),
				(record) => {
					const parsed = Object.fromEntries(new URLSearchParams(encodeFormBody(record)).entries());
					const expected = Object.fromEntries(
						Object.entries(record)
							.filter(([, value]) => value !== undefined)
							.map(([name, value]) => [name, String(value)]),
					);
					expect(parsed).toEqual(expected);
				},
			),
			{ seed: 42, numRuns: 1000 },
		);
	});

	it('property: iso-8859-1 body decodes back to the latin-1 values', () => {
		const latin1 = fc.string({
			unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)),
		});
		fc.assert(
			fc.property(fc.array(fc.tuple(latin1, latin1), { maxLength: 8 }), (entries) => {
				const body = encodeFormBody(entries, 'iso-8859-1');
				expect(body).toMatch(/^[\x21-\x7e]*$/);
				expect(decodeLatin1Form(body)).toEqual(entries);
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});

	it('property: iso-8859-1 either encodes or throws a RangeError', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				try {
					encodeFormBody({ data: text }, 'iso-8859-1');
				} catch (error) {
					expect(error).toBeInstanceOf(RangeError);
				}
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});
});
