import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { dryRunOption, guardrailsOption } from '../../../helpers/guardrails';
import {
	admitRecipients,
	defaultCountryOption,
	readSendSetup,
	sendTimeoutOption,
} from '../../../helpers/sendSetup';
import { itemParameter } from '../../../helpers/itemParameter';
import { readCountry, readMobile, readText } from '../../../helpers/itemFields';
import type { MediaKind } from '../../../helpers/mediaType';
import { ACCEPTED_FORMATS, detectMedia } from '../../../helpers/mediaType';
import type { PreparedSend, SendingOptions } from '../../../helpers/bulkSend';
import { duplicateKeyFor, runBulkSend, sendingOptions } from '../../../helpers/bulkSend';
import { openSmSend } from '../../helpers/context';
import type { SmSendClient, MmsToSend } from '../../transport/client';

export const MMS_MAX_MEDIA_BYTES = 100 * 1024;
export const MMS_MAX_SUBJECT = 25;
export const MMS_MAX_TEXT = 2400;

const MEDIA_FIELDS: Array<{ kind: MediaKind; parameter: string; soapName: string; label: string }> =
	[
		{ kind: 'image', parameter: 'imageProperty', soapName: 'imagedata', label: 'Image' },
		{ kind: 'sound', parameter: 'soundProperty', soapName: 'sounddata', label: 'Sound' },
		{ kind: 'video', parameter: 'videoProperty', soapName: 'videodata', label: 'Video' },
	];

const properties: INodeProperties[] = [
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+393201234567, +393331234567',
		description: 'One or more mobile numbers, separated by commas',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		description: 'Up to 25 characters',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'Up to 2400 characters',
	},
	{
		displayName: 'Image Binary Property',
		name: 'imageProperty',
		type: 'string',
		default: '',
		placeholder: 'data',
		description:
			'Name of the binary property holding a JPEG, GIF or PNG image (at most 100 KB). Empty: no image.',
	},
	{
		displayName: 'Sound Binary Property',
		name: 'soundProperty',
		type: 'string',
		default: '',
		description:
			'Name of the binary property holding a MIDI or MP3 sound (at most 100 KB). Empty: no sound.',
	},
	{
		displayName: 'Video Binary Property',
		name: 'videoProperty',
		type: 'string',
		default: '',
		description:
			'Name of the binary property holding a MOV or 3GP video (at most 100 KB). Empty: no video.',
	},
	dryRunOption,
	guardrailsOption,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [defaultCountryOption('IT'), sendTimeoutOption('An MMS', 60000), ...sendingOptions],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['mms'], operation: ['send'] } },
	properties,
);

interface MmsOptions extends SendingOptions {
	defaultCountry?: string;
	timeout?: number;
}

interface MmsRequest {
	mms: MmsToSend;
	timeoutMs: number;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { dryRun, gate, ...sending } = readSendSetup(this);

	// Parameters without expressions are read once for all items.
	const param = {
		options: itemParameter<unknown>(this, 'options', {}),
		recipients: itemParameter<unknown>(this, 'recipients', ''),
		subject: itemParameter<unknown>(this, 'subject', ''),
		text: itemParameter<unknown>(this, 'text', ''),
	};

	return await runBulkSend<MmsRequest, SmSendClient>(this, items, {
		...sending,
		dryRun,
		open: async () => await openSmSend(this, 'mms', sending),
		send: async (client, { mms, timeoutMs }) => ({
			status: 'sent',
			...(await client.sendMms(mms, { timeoutMs })),
		}),
		prepare: async (itemIndex): Promise<PreparedSend<MmsRequest>> => {
			const options = param.options(itemIndex) as MmsOptions;
			const country = readCountry(node, options.defaultCountry, 'IT', itemIndex);
			const recipientsText = readText(
				node,
				param.recipients(itemIndex),
				itemIndex,
				'Recipients',
				'{{ $json.phone }}',
			);
			const entries = recipientsText
				.split(/[,;\n]/)
				.map((entry) => entry.trim())
				.filter((entry) => entry !== '');
			if (entries.length === 0) {
				throw new NodeOperationError(node, `The Recipients of item ${itemIndex} are empty`, {
					itemIndex,
					description: 'Enter one or more mobile numbers separated by commas.',
				});
			}
			const recipients = [
				...new Set(
					entries.map(
						(entry) =>
							readMobile(node, entry, itemIndex, 'Recipients', country, '+393201234567').e164,
					),
				),
			];
			const subject = readText(node, param.subject(itemIndex), itemIndex, 'Subject', 'Offer');
			const text = readText(node, param.text(itemIndex), itemIndex, 'Text', '{{ $json.text }}');
			for (const [field, value, max] of [
				['Subject', subject, MMS_MAX_SUBJECT],
				['Text', text, MMS_MAX_TEXT],
			] as const) {
				if (value.trim() === '') {
					throw new NodeOperationError(node, `The ${field} of item ${itemIndex} is empty`, {
						itemIndex,
						description: `smSend requires a ${field.toLowerCase()} for every MMS.`,
					});
				}
				if (value.length > max) {
					throw new NodeOperationError(
						node,
						`The ${field} of item ${itemIndex} has ${value.length} characters; the limit is ${max}`,
						{
							itemIndex,
							description: `Shorten it by ${value.length - max} characters.`,
						},
					);
				}
			}

			const media: Array<{
				kind: MediaKind;
				soapName: string;
				base64: string;
				format: string;
				bytes: number;
			}> = [];
			for (const field of MEDIA_FIELDS) {
				const property = String(this.getNodeParameter(field.parameter, itemIndex, '') ?? '').trim();
				if (property === '') continue;
				if (!items[itemIndex].binary?.[property]) {
					throw new NodeOperationError(
						node,
						`Item ${itemIndex} has no binary property "${property}" (${field.label} Binary Property)`,
						{
							itemIndex,
							description: `Binary properties of this item: ${Object.keys(items[itemIndex].binary ?? {}).join(', ') || 'none'}. Load the file with a node such as Read/Write Files from Disk or HTTP Request first.`,
						},
					);
				}
				const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
				const format = detectMedia(field.kind, buffer);
				if (format === undefined) {
					const declared = items[itemIndex].binary?.[property]?.mimeType ?? 'unknown type';
					throw new NodeOperationError(
						node,
						`The ${field.label.toLowerCase()} in "${property}" of item ${itemIndex} is not ${ACCEPTED_FORMATS[field.kind]} (declared as ${declared})`,
						{
							itemIndex,
							description: `smSend MMS accept ${field.label.toLowerCase()}s in ${ACCEPTED_FORMATS[field.kind]} only.`,
						},
					);
				}
				if (buffer.byteLength > MMS_MAX_MEDIA_BYTES) {
					throw new NodeOperationError(
						node,
						`The ${field.label.toLowerCase()} in "${property}" of item ${itemIndex} is ${Math.ceil(buffer.byteLength / 1024)} KB; the limit is 100 KB`,
						{
							itemIndex,
							description: 'Compress or resize the file to 100 KB or less.',
						},
					);
				}
				media.push({
					kind: field.kind,
					soapName: field.soapName,
					base64: buffer.toString('base64'),
					format,
					bytes: buffer.byteLength,
				});
			}

			admitRecipients(node, gate, recipients, itemIndex);

			const summary = {
				recipients,
				subject,
				media: media.map(({ soapName, format, bytes }) => ({ field: soapName, format, bytes })),
			};

			const mms: MmsToSend = { recipients, subject, text };
			for (const entry of media) mms[entry.kind] = entry.base64;
			// A dry run shows no request: it would only repeat the summary and the media as base64.
			return {
				request: { mms, timeoutMs: options.timeout ?? 60000 },
				summary,
				duplicateKey: duplicateKeyFor(this, options, itemIndex),
			};
		},
	});
}
