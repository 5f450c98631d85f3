import type { INodeProperties } from 'n8n-workflow';

import { changedInVersion } from './nodeVersion';
import { COUNTRY_OPTIONS } from './optionLists';
import { DEFAULT_CONCURRENCY } from './sendSetup';

/*
 * Properties both nodes show, defined once: dry run and guardrails beside every send
 * operation's fields, and the options every send operation adds to its Options collection.
 */

export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only validate, normalise and count parts, and output exactly what would be sent, without sending anything',
};

/** Settings that bound what a send operation may do, for workflows driven by an AI agent. */
export const guardrailsOption: INodeProperties = {
	displayName: 'Guardrails',
	name: 'guardrails',
	type: 'collection',
	placeholder: 'Add Guardrail',
	default: {},
	description:
		'Limits checked before anything is sent, e.g. when an AI agent decides the recipients. A refused item names the rule that refused it.',
	options: [
		{
			displayName: 'Allowed Number Prefixes',
			name: 'allowedPrefixes',
			type: 'string',
			default: '',
			placeholder: 'e.g. +39, +41',
			description:
				'Comma-separated country codes or number prefixes (E.164, with +) recipients must start with. Empty: any.',
		},
		{
			displayName: 'Max Recipients per Execution',
			name: 'maxRecipients',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Refuse recipients beyond this many in one execution. 0: no limit.',
		},
	],
};

/** Options shared by every send operation, added to its Options collection. */
export const sendingOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 200 },
		default: DEFAULT_CONCURRENCY,
		description:
			'How many messages are in flight at once. Output order always follows input order.',
	},
	{
		displayName: 'Reuse Connections',
		name: 'reuseConnections',
		type: 'boolean',
		default: true,
		description:
			"Whether to keep up to Concurrency connections to the gateway open for the whole run, checked against n8n's outbound-request (SSRF) policy and proxy settings. Much faster for bulk sends. Off, or on n8n versions without that policy for nodes: every message goes through n8n's standard HTTP client, one new connection each.",
	},
	{
		displayName: 'Messages per Second',
		name: 'messagesPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: "Most messages sent per second, to stay within the gateway's rate. 0: no limit.",
	},
	{
		displayName: 'Duplicate Guard',
		name: 'duplicateGuard',
		type: 'boolean',
		default: false,
		description:
			'Whether to remember each message\'s key (in n8n\'s database, for this node) and skip a message whose key was already sent (or may have been), e.g. when "Retry On Fail" or a re-run repeats items',
	},
	{
		displayName: 'Duplicate Key',
		name: 'duplicateKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}',
		displayOptions: { show: { duplicateGuard: [true] } },
		description:
			'What makes a message unique. Empty: the execution ID and item index, which covers Retry On Fail within one execution; map a field such as an order ID to also cover re-runs.',
	},
];

/**
 * Default Country: free text until 1.1 (where "it" worked and stays working), a list from 1.1.
 * `purpose` says which numbers it applies to.
 */
export function defaultCountryOption(
	country: string,
	v11: boolean,
	purpose = 'numbers written without a country code',
): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'string',
		default: country,
		description: `Two-letter country code used for ${purpose}`,
	};
	if (!v11) return property;
	return {
		...property,
		type: 'options',
		options: COUNTRY_OPTIONS,
		description: `Country of ${purpose}, e.g. a national number such as 320 123 4567`,
	};
}

/**
 * An operation's Options collection as version 1 shows it and as 1.1 shows it; `build` gets
 * whether it builds the 1.1 one (whose country and time zone are lists).
 */
export function optionsCollection(
	build: (v11: boolean) => INodeProperties[],
	placeholder = 'Add Option',
): INodeProperties[] {
	const collection = (v11: boolean): INodeProperties => ({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder,
		default: {},
		options: build(v11),
	});
	return changedInVersion(1.1, collection(false), collection(true));
}

export function sendTimeoutOption(what: 'An SMS' | 'An MMS', defaultMs: number): INodeProperties {
	return {
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: defaultMs,
		description: `How long to wait for the gateway. ${what} whose reply does not arrive in time is reported as outcome unknown and is never sent again automatically.`,
	};
}

/**
 * Smart Encoding (SMS send operations): on for new nodes (1.1), off for saved version-1 nodes,
 * whose texts went out as written; the default shown is what an absent option does.
 */
export function smartEncodingOption(v11: boolean): INodeProperties {
	return onSinceV11(v11, {
		displayName: 'Smart Encoding',
		name: 'smartEncoding',
		type: 'boolean',
		default: false,
		description:
			'Whether to replace characters that have a GSM-7 look-alike (curly quotes, long dashes, ellipsis, non-breaking spaces, …) when they are the only reason a text needs Unicode (UCS-2), which fits 70 characters per SMS instead of 160. Texts with emoji or other alphabets are sent unchanged. The output lists what was replaced and the parts saved.',
	});
}

/**
 * Credit pre-flight (SMS send operations): on for new nodes (1.1), off for saved version-1
 * nodes; `unit` says what the gateway's credit counts.
 */
export function creditPreflightOption(v11: boolean, unit: string): INodeProperties {
	return onSinceV11(v11, {
		displayName: 'Credit Pre-Flight',
		name: 'creditPreflight',
		type: 'boolean',
		default: false,
		description: `Whether to read the account's credit before the first message leaves and send nothing if it cannot cover the whole run (${unit}). A Dry Run ends with the run's totals and the credit left.`,
	});
}

/** A boolean option whose absence means on from 1.1: its default there is true. */
function onSinceV11(v11: boolean, property: INodeProperties): INodeProperties {
	return v11 ? { ...property, default: true } : property;
}
