import type { INodePropertyOptions } from 'n8n-workflow';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';

/*
 * Lists for parameters that used to be free text, so a user picks a value instead of learning
 * at run time that "Italia" or "Rome" is not accepted. Built from the same sources the node
 * checks values against: libphonenumber-js's countries and the time zones of the running n8n.
 */

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Every country libphonenumber-js knows, as "Italy (+39)" → IT, sorted by name. */
export const COUNTRY_OPTIONS: INodePropertyOptions[] = getCountries()
	.map((code) => ({
		name: `${regionNames.of(code) ?? code} (+${getCountryCallingCode(code)})`,
		value: code,
	}))
	.sort((a, b) => a.name.localeCompare(b.name, 'en'));

/** The IANA time zones of this Node.js (the ones the node accepts), UTC first. */
export const TIME_ZONE_OPTIONS: INodePropertyOptions[] = [
	'UTC',
	...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC'),
].map((zone) => ({ name: zone, value: zone }));
