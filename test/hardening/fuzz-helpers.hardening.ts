import fc from 'fast-check';
import type { CountryCode } from 'libphonenumber-js/max';

import { gatewayTimeToIso } from '../../nodes/SmSend/transport/inbox';
import { countMessageParts } from '../../nodes/helpers/messageParts';
import {
	describeMobileRejection,
	normalizeMobile,
	toMobileProntoFormat,
} from '../../nodes/helpers/phone';
import { GATEWAY_DATES } from './corpus';
import { anyText, check, fuzz, mutated, nasty } from './fuzzHarness';

const COUNTRIES: CountryCode[] = ['BR', 'IT', 'US', 'GB', 'DE', 'FR', 'PT', 'AR', 'CH', 'IN'];

/* ------------------------------------------------------------------ */
/* Phone normalisation                                                 */
/* ------------------------------------------------------------------ */

const digits = (min: number, max: number) =>
	fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));

const structuredPhone = fc.oneof(
	// Brazilian mobiles in every way users write them.
	fc
		.tuple(fc.integer({ min: 11, max: 99 }), digits(8, 8))
		.chain(([area, rest]) =>
			fc.constantFrom(
				`+55(${area})9${rest}`,
				`+55${area}9${rest}`,
				`(${area}) 9${rest.slice(0, 4)}-${rest.slice(4)}`,
				`0055 ${area} 9${rest}`,
				`${area}9${rest}`,
			),
		),
	// Italian mobiles and landlines.
	fc
		.tuple(fc.constantFrom('320', '333', '340', '347', '02', '06', '0'), digits(5, 9))
		.chain(([prefix, rest]) =>
			fc.constantFrom(
				`+39${prefix}${rest}`,
				`+39 ${prefix} ${rest}`,
				`0039${prefix}${rest}`,
				`${prefix}${rest}`,
				`+39-${prefix}-${rest}`,
			),
		),
	fc.tuple(fc.constantFrom('+', '00', '', '+0', '++'), digits(0, 20)).map(([p, d]) => `${p}${d}`),
	fc
		.array(
			fc.oneof(
				digits(1, 4),
				fc.constantFrom(
					' ',
					'-',
					'(',
					')',
					'+',
					'.',
					'/',
					'x',
					'ext.',
					'#',
					'*',
					';',
					',',
					'٣',
					'０',
				),
			),
			{ maxLength: 10 },
		)
		.map((parts) => parts.join('')),
);

describe('fuzzing the helpers', () => {
	fuzz(
		'phone normalisation (normalizeMobile, +CC(AREA)NUMBER)',
		fc.tuple(
			fc.oneof(
				{ weight: 3, arbitrary: structuredPhone },
				{ weight: 1, arbitrary: anyText },
				{
					weight: 1,
					arbitrary: mutated([
						'+55(11)987654321',
						'+5511987654321',
						'(11) 98765-4321',
						'+393201234567',
						'320 123 4567',
					]),
				},
			),
			fc.constantFrom(...COUNTRIES),
		),
		([input, country]) => {
			const result = normalizeMobile(input, country);
			if (!result.ok) {
				check(
					['empty', 'unparseable', 'invalid', 'notMobile'].includes(result.rejection.reason),
					'rejection reason',
				);
				const text = describeMobileRejection(input, result.rejection);
				check(typeof text === 'string' && text.startsWith('The mobile number'), 'rejection text');
				return;
			}
			const { mobile } = result;
			check(/^\+[1-9]\d{6,14}$/.test(mobile.e164), `e164 ${mobile.e164}`);
			check(
				/^\d{1,3}$/.test(mobile.countryCallingCode) &&
					mobile.e164.startsWith(`+${mobile.countryCallingCode}`),
				'calling code',
			);
			check(
				/^\d*$/.test(mobile.areaCode) && /^\d+$/.test(mobile.subscriberNumber),
				'area/subscriber digits',
			);
			check(
				`+${mobile.countryCallingCode}${mobile.areaCode}${mobile.subscriberNumber}` === mobile.e164,
				'the parts make the number',
			);
			const gatewayFormat = toMobileProntoFormat(mobile);
			check(/^\+\d+(?:\(\d+\))?\d+$/.test(gatewayFormat), `gateway format ${gatewayFormat}`);
			// Round trip: what the node sends reads back as the same number, and normalising is idempotent.
			const again = normalizeMobile(gatewayFormat, country);
			check(
				again.ok && again.mobile.e164 === mobile.e164,
				`${gatewayFormat} does not read back as ${mobile.e164}`,
			);
			const fromE164 = normalizeMobile(mobile.e164, country);
			check(fromE164.ok && fromE164.mobile.e164 === mobile.e164, 'E.164 is not idempotent');
		},
	);

	/* -------------------------------------------------------------- */
	/* SMS segment counting                                             */
	/* -------------------------------------------------------------- */

	const GSM_BASIC =
		'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
	const GSM_EXTENSION = '^{}\\[~]|€\f';
	const gsmText = fc
		.array(
			fc.oneof(
				{ weight: 9, arbitrary: fc.constantFrom(...GSM_BASIC) },
				{ weight: 1, arbitrary: fc.constantFrom(...GSM_EXTENSION) },
			),
			{ maxLength: 1000 },
		)
		.map((c) => c.join(''));

	fuzz(
		'segment counting (countMessageParts)',
		fc.oneof(
			gsmText,
			anyText,
			fc.string({ unit: 'binary', maxLength: 500 }),
			fc
				.array(fc.oneof(nasty, fc.constantFrom('😀', '👍🏽', '🇧🇷', 'é', 'ж', '€')), {
					maxLength: 200,
				})
				.map((p) => p.join('')),
		),
		(text) => {
			const parts = countMessageParts(text);
			check(parts.characters === text.length, 'characters are UTF-16 units');
			check(parts.encoding === 'GSM-7' || parts.encoding === 'UCS-2', 'encoding');
			check(
				Number.isInteger(parts.parts) &&
					Number.isInteger(parts.encodedLength) &&
					parts.encodedLength >= 0,
				'integers',
			);
			check((parts.parts === 0) === (text.length === 0), 'only the empty text has no parts');
			if (text.length > 0) {
				const [single, perPart] = parts.encoding === 'GSM-7' ? [160, 153] : [70, 67];
				if (parts.encodedLength <= single)
					check(parts.parts === 1, `${parts.encodedLength} units in ${parts.parts} parts`);
				else
					check(
						parts.parts >= Math.ceil(parts.encodedLength / perPart) &&
							parts.parts <=
								Math.ceil(parts.encodedLength / perPart) +
									Math.ceil(parts.encodedLength / perPart / 2) +
									1,
						`${parts.encodedLength} units in ${parts.parts} parts`,
					);
			}
			if ([...text].every((c) => GSM_BASIC.includes(c) || GSM_EXTENSION.includes(c))) {
				check(parts.encoding === 'GSM-7', 'GSM text counted as UCS-2');
				const septets = [...text].reduce((n, c) => n + (GSM_EXTENSION.includes(c) ? 2 : 1), 0);
				check(
					parts.encodedLength === septets,
					`GSM text of ${septets} septets counted as ${parts.encodedLength}`,
				);
			} else {
				check(parts.encoding === 'UCS-2', 'non-GSM text counted as GSM-7');
				check(parts.encodedLength === text.length, 'UCS-2 length is UTF-16 units');
			}
		},
	);

	/* -------------------------------------------------------------- */
	/* Inbox date conversion                                            */
	/* -------------------------------------------------------------- */

	const ZONES = [
		'Europe/Rome',
		'America/Sao_Paulo',
		'UTC',
		'Asia/Kolkata',
		'America/St_Johns',
		'Pacific/Chatham',
		'Australia/Lord_Howe',
	];
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	const structuredDate = fc
		.tuple(
			fc.integer({ min: 0, max: 9999 }),
			fc.integer({ min: 0, max: 99 }),
			fc.integer({ min: 0, max: 99 }),
			fc.integer({ min: 0, max: 99 }),
			fc.integer({ min: 0, max: 99 }),
			fc.integer({ min: 0, max: 99 }),
			fc.constantFrom(' ', 'T'),
			fc.constantFrom('', '.123', 'Z', '+02:00', ' junk'),
		)
		.map(
			([y, mo, d, h, mi, s, sep, tail]) =>
				`${pad(y, 4)}-${pad(mo)}-${pad(d)}${sep}${pad(h)}:${pad(mi)}:${pad(s)}${tail}`,
		);
	const validDate = fc
		.date({
			min: new Date('1970-01-01T00:00:00Z'),
			max: new Date('2100-12-31T23:59:59Z'),
			noInvalidDate: true,
		})
		.map((date) => date.toISOString().slice(0, 19).replace('T', ' '));

	const localParts = (iso: string, timeZone: string) =>
		new Intl.DateTimeFormat('sv-SE', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		})
			.format(new Date(iso))
			.replace(' ', 'T');

	fuzz(
		'inbox date conversion (gatewayTimeToIso)',
		fc.tuple(
			fc.oneof(structuredDate, validDate, anyText, mutated(GATEWAY_DATES)),
			fc.constantFrom(...ZONES),
		),
		([value, timeZone]) => {
			const iso = gatewayTimeToIso(value, timeZone);
			if (iso === undefined) return;
			check(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(iso), `shape of ${iso}`);
			const instant = new Date(iso);
			check(!Number.isNaN(instant.getTime()), `${iso} is not a date`);
			// The wall time is the one the gateway wrote, unless it does not exist locally (a DST gap).
			const wall = iso.slice(0, 19);
			const written = value.trim().slice(0, 19).replace(' ', 'T');
			check(wall === written, `${value} became ${iso}`);
			const local = localParts(iso, timeZone);
			// Historical local mean times have offsets with seconds, which ±HH:MM cannot carry: within a minute is right.
			const inGap = Math.abs(Date.parse(`${local}Z`) - Date.parse(`${wall}Z`)) >= 60_000;
			if (inGap) {
				const before = localParts(
					new Date(instant.getTime() - 3 * 3600_000).toISOString(),
					timeZone,
				);
				const after = localParts(
					new Date(instant.getTime() + 3 * 3600_000).toISOString(),
					timeZone,
				);
				const shift = (a: string, b: string) =>
					(Date.parse(`${b}Z`) - Date.parse(`${a}Z`)) / 3600_000;
				check(
					shift(before, after) !== 6,
					`${iso} names ${local} in ${timeZone}, and no DST change is near`,
				);
			}
		},
	);
});
