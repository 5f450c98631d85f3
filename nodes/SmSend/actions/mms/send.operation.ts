import type { CountryCode } from 'libphonenumber-js/max';
import type { IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	defaultCountryOption,
	dryRunOption,
	guardrailsOption,
	optionsCollection,
	sendingOptions,
	sendTimeoutOption,
} from '../../../helpers/descriptions';
import { beforeVersion, nodeVersion, sinceVersion } from '../../../helpers/nodeVersion';
import { duplicateKeyOf, readSendSetup } from '../../../helpers/sendSetup';
import type { SendingOptions } from '../../../helpers/sendSetup';
import { readCountry, readMobile } from '../../../helpers/itemFields';
import type { MediaKind } from '../../../helpers/mediaType';
import { ACCEPTED_FORMATS, detectMedia } from '../../../helpers/mediaType';
import { parameterReader } from '../../../helpers/parameterReader';
import { runBulkSend } from '../../../helpers/bulkSend';
import { openSmSend } from '../../helpers/context';
import type { SmSendClient, MmsToSend } from '../../transport/client';

export const MMS_MAX_MEDIA_BYTES = 100 * 1024;
export const MMS_MAX_SUBJECT = 25;
export const MMS_MAX_TEXT = 2400;

interface MediaField {
	kind: MediaKind;
	/** Version 1's parameter (default empty: no such medium). */
	parameter: string;
	/** How the output names the medium, after sendMms's own field (as it always has). */
	field: string;
	label: string;
	what: string;
}

// Version 1 names each medium's binary property in a parameter of its own (empty: none); 1.1
// adds them under Attachments as "Input Binary Field"s defaulting to `data`, as n8n's nodes do.
const MEDIA_FIELDS: MediaField[] = [
	{
		kind: 'image',
		parameter: 'imageProperty',
		field: 'imagedata',
		label: 'Image',
		what: 'a JPEG, GIF or PNG image',
	},
	{
		kind: 'sound',
		parameter: 'soundProperty',
		field: 'sounddata',
		label: 'Sound',
		what: 'a MIDI or MP3 sound',
	},
	{
		kind: 'video',
		parameter: 'videoProperty',
		field: 'videodata',
		label: 'Video',
		what: 'a MOV or 3GP video',
	},
];

/** The display name of a medium's field in the node's version, for errors. */
function mediaFieldName(medium: MediaField, v11: boolean): string {
	return v11 ? `${medium.label} Input Binary Field` : `${medium.label} Binary Property`;
}

const mediaProperties: INodeProperties[] = [
	...MEDIA_FIELDS.map(
		(medium): INodeProperties => ({
			displayName: mediaFieldName(medium, false),
			name: medium.parameter,
			type: 'string',
			default: '',
			...(medium.kind === 'image' ? { placeholder: 'e.g. data' } : {}),
			displayOptions: beforeVersion(1.1),
			description: `Name of the binary property holding ${medium.what} (at most 100 KB). Empty: no ${medium.kind}.`,
		}),
	),
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'collection',
		placeholder: 'Add Attachment',
		default: {},
		displayOptions: sinceVersion(1.1),
		description: 'Image, sound and video to attach, each from a binary field of the input item',
		options: MEDIA_FIELDS.map(
			(medium): INodeProperties => ({
				displayName: mediaFieldName(medium, true),
				name: medium.kind,
				type: 'string',
				default: 'data',
				hint: `The name of the input binary field containing ${medium.what} (at most 100 KB)`,
			}),
		),
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +393201234567, +393331234567',
		description: 'One or more mobile numbers, separated by commas',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Summer offer',
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
	...mediaProperties,
	dryRunOption,
	guardrailsOption,
	...optionsCollection((v11) => [
		defaultCountryOption('IT', v11),
		sendTimeoutOption('An MMS', 60000),
		...sendingOptions,
	]),
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

interface Medium {
	kind: MediaKind;
	field: string;
	base64: string;
	format: string;
	bytes: number;
}

function readRecipients(
	node: INode,
	text: string,
	country: CountryCode,
	itemIndex: number,
): string[] {
	const entries = text
		.split(/[,;\n]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length === 0) {
		throw new NodeOperationError(node, `The 'Recipients' are empty [item ${itemIndex}]`, {
			itemIndex,
			description: 'Enter one or more mobile numbers separated by commas.',
		});
	}
	return [
		...new Set(
			entries.map(
				(entry) => readMobile(node, entry, itemIndex, 'Recipients', country, '+393201234567').e164,
			),
		),
	];
}

function checkLength(
	node: INode,
	field: 'Subject' | 'Text',
	value: string,
	max: number,
	itemIndex: number,
): void {
	if (value.trim() === '') {
		throw new NodeOperationError(node, `The '${field}' is empty [item ${itemIndex}]`, {
			itemIndex,
			description: `smSend requires a ${field.toLowerCase()} for every MMS.`,
		});
	}
	if (value.length > max) {
		throw new NodeOperationError(
			node,
			`The '${field}' has ${value.length} characters; the limit is ${max} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Shorten it by ${value.length - max} characters.`,
			},
		);
	}
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const setup = readSendSetup(this);
	const duplicateKey = duplicateKeyOf(this);

	const read = parameterReader(this);
	const param = {
		options: read.collection<MmsOptions>('options'),
		recipients: read.text('recipients', 'Recipients', '{{ $json.phone }}'),
		subject: read.text('subject', 'Subject', 'Offer'),
		text: read.text('text', 'Text', '{{ $json.text }}'),
		attachments: read.collection<Partial<Record<MediaKind, unknown>>>('attachments'),
		media: MEDIA_FIELDS.map((medium) => ({ ...medium, property: read.value(medium.parameter) })),
	};
	const v11 = nodeVersion(this) >= 1.1;
	/** The binary field a medium comes from in item i; empty: no such medium. */
	const binaryFieldOf = (medium: (typeof param.media)[number], itemIndex: number): string =>
		String((v11 ? param.attachments(itemIndex)[medium.kind] : medium.property(itemIndex)) ?? '');

	/** The item's image, sound and video, each checked for its format and size. */
	const readMedia = async (itemIndex: number): Promise<Medium[]> => {
		const media: Medium[] = [];
		for (const medium of param.media) {
			const property = binaryFieldOf(medium, itemIndex).trim();
			if (property === '') continue;
			const binary = items[itemIndex].binary;
			if (!binary?.[property]) {
				throw new NodeOperationError(
					node,
					`The item has no binary field '${property}' ('${mediaFieldName(medium, v11)}') [item ${itemIndex}]`,
					{
						itemIndex,
						description: `Binary fields of this item: ${Object.keys(binary ?? {}).join(', ') || 'none'}. Load the file with a node such as Read/Write Files from Disk or HTTP Request first, or correct '${mediaFieldName(medium, v11)}'.`,
					},
				);
			}
			const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
			const what = `The ${medium.kind} in binary field '${property}'`;
			const format = detectMedia(medium.kind, buffer);
			if (format === undefined) {
				const declared = binary[property]?.mimeType ?? 'unknown type';
				throw new NodeOperationError(
					node,
					`${what} is not ${ACCEPTED_FORMATS[medium.kind]} (declared as ${declared}) [item ${itemIndex}]`,
					{
						itemIndex,
						description: `smSend MMS accept ${medium.label.toLowerCase()}s in ${ACCEPTED_FORMATS[medium.kind]} only.`,
					},
				);
			}
			if (buffer.byteLength > MMS_MAX_MEDIA_BYTES) {
				throw new NodeOperationError(
					node,
					`${what} is ${Math.ceil(buffer.byteLength / 1024)} KB; the limit is 100 KB [item ${itemIndex}]`,
					{
						itemIndex,
						description: 'Compress or resize the file to 100 KB or less.',
					},
				);
			}
			const { kind, field } = medium;
			media.push({
				kind,
				field,
				base64: buffer.toString('base64'),
				format,
				bytes: buffer.byteLength,
			});
		}
		return media;
	};

	return await runBulkSend<MmsRequest, SmSendClient>(this, items, {
		gateway: 'smSend',
		setup,
		open: async () => await openSmSend(this, 'mms', setup),
		recipientOf: param.recipients,
		prepare: async (itemIndex) => {
			const options = param.options(itemIndex);
			const country = readCountry(node, options.defaultCountry, 'IT', itemIndex);
			const recipients = readRecipients(node, param.recipients(itemIndex), country, itemIndex);
			const subject = param.subject(itemIndex);
			const text = param.text(itemIndex);
			checkLength(node, 'Subject', subject, MMS_MAX_SUBJECT, itemIndex);
			checkLength(node, 'Text', text, MMS_MAX_TEXT, itemIndex);
			const media = await readMedia(itemIndex);

			const mms: MmsToSend = { recipients, subject, text };
			for (const medium of media) mms[medium.kind] = medium.base64;
			// A dry run shows no request: it would only repeat the summary and the media as base64.
			return {
				request: { mms, timeoutMs: options.timeout ?? 60000 },
				summary: {
					recipients,
					subject,
					media: media.map(({ field, format, bytes }) => ({ field, format, bytes })),
				},
				recipients,
				duplicateKey: duplicateKey(options, itemIndex),
			};
		},
		send: async (client, { mms, timeoutMs }) => ({
			status: 'sent',
			...(await client.sendMms(mms, { timeoutMs })),
		}),
	});
}
