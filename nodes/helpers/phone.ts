import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { getCountries, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface NormalizedMobile {
	/** E.164, e.g. +5511987654321 */
	e164: string;
	countryCallingCode: string;
	/** National destination (area) code as the numbering plan groups it, e.g. 11 */
	areaCode: string;
	subscriberNumber: string;
	/** ISO country, e.g. BR */
	country?: string;
}

export type MobileRejection =
	| { reason: 'empty' }
	| { reason: 'unparseable' }
	| { reason: 'invalid'; e164: string }
	| { reason: 'notMobile'; e164: string; type: string };

export type MobileResult =
	| { ok: true; mobile: NormalizedMobile }
	| { ok: false; rejection: MobileRejection };

const ACCEPTED_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

const KNOWN_COUNTRIES = new Set<string>(getCountries());

export function isCountryCode(value: string): value is CountryCode {
	return KNOWN_COUNTRIES.has(value);
}

/**
 * Accepts the gateway format `+55(11)987654321`, E.164 `+5511987654321`, or a
 * national number (`(11) 98765-4321`) read in `defaultCountry`.
 */
export function normalizeMobile(input: string, defaultCountry: CountryCode): MobileResult {
	const text = input.trim();
	if (text === '') return { ok: false, rejection: { reason: 'empty' } };
	// libphonenumber reads "00" as an international prefix only for some
	// countries; gateways and users in both markets write it for "+".
	const candidate = text.startsWith('00') ? `+${text.slice(2)}` : text;
	let parsed: PhoneNumber | undefined;
	try {
		parsed = parsePhoneNumberFromString(candidate, defaultCountry);
	} catch {
		parsed = undefined;
	}
	if (!parsed) return { ok: false, rejection: { reason: 'unparseable' } };
	const e164 = parsed.number;
	if (!parsed.isValid()) return { ok: false, rejection: { reason: 'invalid', e164 } };
	const type = parsed.getType();
	// Numbers whose type the metadata cannot tell are let through: the gateway decides.
	if (type !== undefined && !ACCEPTED_TYPES.has(type)) {
		return { ok: false, rejection: { reason: 'notMobile', e164, type } };
	}
	const national = parsed.nationalNumber;
	const groups = parsed.formatInternational().split(' ');
	// formatInternational gives "+CC AREA REST…"; the first group after the
	// calling code is the national destination code.
	const areaCode = groups.length > 2 ? groups[1].replace(/\D/g, '') : '';
	return {
		ok: true,
		mobile: {
			e164,
			countryCallingCode: parsed.countryCallingCode,
			areaCode,
			subscriberNumber: national.slice(areaCode.length),
			country: parsed.country,
		},
	};
}

/** MobilePronto's own format: +CC(AREA)NUMBER. */
export function toMobileProntoFormat(mobile: NormalizedMobile): string {
	if (mobile.areaCode === '') return mobile.e164;
	return `+${mobile.countryCallingCode}(${mobile.areaCode})${mobile.subscriberNumber}`;
}

const REJECTION_TEXT: Record<MobileRejection['reason'], string> = {
	empty: 'is empty',
	unparseable: 'is not a phone number',
	invalid: 'is not a valid number for its country',
	notMobile: 'is not a mobile number',
};

export function describeMobileRejection(value: string, rejection: MobileRejection): string {
	const seen = rejection.reason === 'empty' ? '' : ` "${value}"`;
	const detail =
		rejection.reason === 'notMobile'
			? ` (${rejection.e164} is a ${rejection.type.toLowerCase().replace(/_/g, ' ')} number)`
			: rejection.reason === 'invalid'
				? ` (read as ${rejection.e164})`
				: '';
	return `The mobile number${seen} ${REJECTION_TEXT[rejection.reason]}${detail}`;
}
