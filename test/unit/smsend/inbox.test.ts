import fc from 'fast-check';

import { gatewayTimeToIso } from '../../../nodes/SmSend/transport/inbox';

describe('gatewayTimeToIso', () => {
	it.each([
		['2005-11-22 11:07:02', '2005-11-22T11:07:02+01:00'],
		['2026-07-01 10:00:00', '2026-07-01T10:00:00+02:00'],
		['2026-03-29 03:30:00', '2026-03-29T03:30:00+02:00'],
		['2026-10-25 01:59:59', '2026-10-25T01:59:59+02:00'],
		['2026-10-25 03:00:00', '2026-10-25T03:00:00+01:00'],
	])('reads %p in Europe/Rome as %p', (value, iso) => {
		expect(gatewayTimeToIso(value, 'Europe/Rome')).toBe(iso);
	});

	it('gives undefined for unreadable dates', () => {
		expect(gatewayTimeToIso('yesterday', 'Europe/Rome')).toBeUndefined();
		expect(gatewayTimeToIso('', 'Europe/Rome')).toBeUndefined();
	});

	it('round-trips: the ISO result names the same local wall time', () => {
		fc.assert(
			fc.property(
				fc.date({
					min: new Date('2000-01-01T00:00:00Z'),
					max: new Date('2040-01-01T00:00:00Z'),
					noInvalidDate: true,
				}),
				(date) => {
					const local = new Intl.DateTimeFormat('sv-SE', {
						timeZone: 'Europe/Rome',
						dateStyle: 'short',
						timeStyle: 'medium',
					}).format(date);
					const iso = gatewayTimeToIso(local, 'Europe/Rome');
					expect(iso?.slice(0, 19)).toBe(local.replace(' ', 'T'));
					expect(
						Math.abs(new Date(iso as string).getTime() - Math.floor(date.getTime() / 1000) * 1000),
					).toBeLessThanOrEqual(3600 * 1000);
				},
			),
			{ seed: 42, numRuns: 500 },
		);
	});
});
