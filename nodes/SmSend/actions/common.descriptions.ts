import type { INodeProperties } from 'n8n-workflow';

import { defaultCountryOption, optionsCollection } from '../../helpers/descriptions';
import { TIME_ZONE_OPTIONS } from '../../helpers/optionLists';
import { DEFAULT_OPT_OUT_KEYWORD_LIST } from '../../helpers/optOut';

/*
 * Properties several smSend operations (and the trigger) show, defined once. Saved workflows
 * store parameters by name, so a factory takes the name a property has always had where two
 * operations differ: the reception number is `recipientNumber` in Inbox and the Trigger and
 * `receptionNumber` in Reception.
 */

/**
 * What smSend does, the description of both the smSend node and the smSend Trigger: n8n's node
 * creator shows a node and its trigger as one entry and gives that entry the trigger's
 * description (it merges `xTrigger` into `x`), so the trigger's must describe the whole app.
 */
export const SMSEND_DESCRIPTION =
	'Send SMS and MMS, receive SMS, check numbers and manage reseller clients with smSend (Italy)';

/** Shown by the reseller resources (Client, Reception, Back-Office Log) below their operation. */
export function resellerNotice(
	resource: 'client' | 'reception' | 'backofficeLog',
): INodeProperties {
	return {
		displayName:
			"Needs the reseller back-office login: in the smSend credential, set 'Account Type' to Reseller and fill in the back-office username and password",
		name: 'resellerNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [resource] } },
	};
}

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
		placeholder: 'e.g. +393400000000',
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
		placeholder: 'e.g. 001',
		...(description !== undefined ? { description } : {}),
	};
}

/** The reseller's client an operation acts on (u_id). */
export function clientIdProperty(
	description = "Numeric ID of the client (u_id), as the Client 'Create' operation returns it",
): INodeProperties {
	return {
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1001',
		description,
	};
}

/** Options of the Reception operations: the country of a national reception number. */
export const receptionOptionsProperties: INodeProperties[] = optionsCollection((v11) => [
	defaultCountryOption('IT', v11, 'a reception number written without a country code'),
]);

/**
 * The time zone smSend's inbox dates are in (Inbox and the Trigger): free text until 1.1, a list
 * of the time zones the node accepts from 1.1.
 */
export function gatewayTimeZoneOption(v11: boolean): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Gateway Time Zone',
		name: 'timeZone',
		type: 'string',
		default: 'Europe/Rome',
		description: 'Time zone of the dates smSend reports, used to give Received At with its offset',
	};
	return v11 ? { ...property, type: 'options', options: TIME_ZONE_OPTIONS } : property;
}

/** The words that make a received message an opt-out request (Inbox and the Trigger). */
export const optOutKeywordsOption: INodeProperties = {
	displayName: 'Opt-Out Keywords',
	name: 'optOutKeywords',
	type: 'string',
	default: DEFAULT_OPT_OUT_KEYWORD_LIST,
	description:
		'Comma-separated keywords that make a received message an opt-out request (optOut: true, optOutKeyword: the keyword): the whole message, or its first word(s), ignoring case, accents, punctuation and spaces. "Stop!" and "STOP please" are; "I will stop by later" is not. Replace the list with your own; empty: no message is an opt-out request.',
};
