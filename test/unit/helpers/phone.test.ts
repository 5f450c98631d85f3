import fc from 'fast-check';

import {
	describeMobileRejection,
	isCountryCode,
	normalizeMobile,
	toMobileProntoFormat,
} from '../../../nodes/helpers/phone';

describe('normalizeMobile', () => {
	it.each([
		['+55(11)987654321'],
		['+5511987654321'],
		['(11) 98765-4321'],
		['11987654321'],
		['005511987654321'],
		[' +55 11 98765 4321 '],
	])('reads %p as the São Paulo mobile +5511987654321', (input) => {
		const result = normalizeMobile(input, 'BR');
		expect(result).toEqual({
			ok: true,
			mobile: {
				e164: '+5511987654321',
				countryCallingCode: '55',
				areaCode: '11',
				subscriberNumber: '987654321',
				country: 'BR',
			},
		});
		if (result.ok) expect(toMobileProntoFormat(result.mobile)).toBe('+55(11)987654321');
	});

	it('reads national numbers in the default country', () => {
		const result = normalizeMobile('320 123 4567', 'IT');
		expect(result.ok && result.mobile.e164).toBe('+393201234567');
		expect(result.ok && toMobileProntoFormat(result.mobile)).toBe('+39(320)1234567');
	});

	it('rejects empty, garbage, too short and landline numbers with the reason', () => {
		expect(normalizeMobile('  ', 'BR')).toEqual({ ok: false, rejection: { reason: 'empty' } });
		expect(normalizeMobile('hello', 'BR')).toEqual({
			ok: false,
			rejection: { reason: 'unparseable' },
		});
		const short = normalizeMobile('+55119876', 'BR');
		expect(short.ok).toBe(false);
		expect(normalizeMobile('+551133334444', 'BR')).toEqual({
			ok: false,
			rejection: { reason: 'notMobile', e164: '+551133334444', type: 'FIXED_LINE' },
		});
	});

	it('describes a rejection with the value and the reason', () => {
		expect(
			describeMobileRejection('+551133334444', {
				reason: 'notMobile',
				e164: '+551133334444',
				type: 'FIXED_LINE',
			}),
		).toBe(
			'The mobile number "+551133334444" is not a mobile number (+551133334444 is a fixed line number)',
		);
		expect(describeMobileRejection('', { reason: 'empty' })).toBe('The mobile number is empty');
	});

	it('knows ISO country codes', () => {
		expect(isCountryCode('BR')).toBe(true);
		expect(isCountryCode('XX')).toBe(false);
	});

	it('never throws, and anything accepted is valid E.164 in the gateway format', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (input) => {
				const result = normalizeMobile(input, 'BR');
				if (result.ok) {
					expect(result.mobile.e164).toMatch(/^\+\d{6,15}$/);
					expect(toMobileProntoFormat(result.mobile)).toMatch(/^\+\d{1,3}(\(\d{1,5}\))?\d+$/);
				}
			}),
			{ seed: 42, numRuns: 2000 },
		);
	});
});
