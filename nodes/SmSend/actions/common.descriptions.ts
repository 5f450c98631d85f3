import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_OPT_OUT_KEYWORD_LIST } from '../../helpers/optOut';

/*
 * Properties several smSend operations (and the trigger) show, defined once. Saved workflows
 * store parameters by name, so a factory takes the name a property has always had where two
 * operations differ: the reception number is `recipientNumber` in Inbox and the Trigger and
 * `receptionNumber` in Reception.
 */

/** The number people send SMS to (receiveSms `rcpt`, back office `dest`). */
export function receptionNumberProperty(
	name: 'recipientNumber' | 'receptionNumber',
	description: string,
): INodeProperties {
	return {
		displayName: 'Reception Number',
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: '+393400000000',
		description,
	};
}

/** A share code of a reception number, kept as text so leading zeros survive. */
export function sharecodeProperty(description?: string): INodeProperties {
	return {
		displayName: 'Sharecode',
		name: 'sharecode',
		type: 'string',
		required: true,
		default: '',
		placeholder: '001',
		...(description !== undefined ? { description } : {}),
	};
}

/** The reseller's client an operation acts on (u_id). */
export function clientIdProperty(
	description = 'Numeric ID of the client (u_id), as returned by Client → Create',
): INodeProperties {
	return {
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001',
		description,
	};
}

/** Options of the Reception operations: the country of a national reception number. */
export const receptionOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Default Country',
			name: 'defaultCountry',
			type: 'string',
			default: 'IT',
			description:
				'Two-letter country code used for a reception number written without a country code',
		},
	],
};

/** The time zone smSend's inbox dates are in (Inbox and the Trigger). */
export const gatewayTimeZoneOption: INodeProperties = {
	displayName: 'Gateway Time Zone',
	name: 'timeZone',
	type: 'string',
	default: 'Europe/Rome',
	description: 'Time zone of the dates smSend reports, used to give Received At with its offset',
};

/** The words that make a received message an opt-out request (Inbox and the Trigger). */
export const optOutKeywordsOption: INodeProperties = {
	displayName: 'Opt-Out Keywords',
	name: 'optOutKeywords',
	type: 'string',
	default: DEFAULT_OPT_OUT_KEYWORD_LIST,
	description:
		'Comma-separated keywords that make a received message an opt-out request (optOut: true, optOutKeyword: the keyword): the whole message, or its first word(s), ignoring case, accents, punctuation and spaces. "Stop!" and "STOP please" are; "I will stop by later" is not. Replace the list with your own; empty: no message is an opt-out request.',
};
