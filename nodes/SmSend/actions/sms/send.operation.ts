import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	creditPreflightOption,
	defaultCountryOption,
	dryRunOption,
	guardrailsOption,
	optionsCollection,
	sendingOptions,
	sendTimeoutOption,
	smartEncodingOption,
} from '../../../helpers/descriptions';
import { duplicateKeyOf, readSendSetup } from '../../../helpers/sendSetup';
import type { SendingOptions } from '../../../helpers/sendSetup';
import { readCountry, readMobile } from '../../../helpers/itemFields';
import type { MessageParts } from '../../../helpers/messageParts';
import { countMessageParts } from '../../../helpers/messageParts';
import { smartEncode, smartEncodingOutput } from '../../../helpers/smartEncoding';
import { nodeVersion } from '../../../helpers/nodeVersion';
import { parameterReader } from '../../../helpers/parameterReader';
import { runBulkSend } from '../../../helpers/bulkSend';
import { openSmSend } from '../../helpers/context';
import { smSendCreditPreflight } from '../../helpers/creditPreflight';
import { readSender } from '../../helpers/sender';
import type { SmSendClient, SmsToSend } from '../../transport/client';
import { previewSendSms } from '../../transport/client';
import type { SmSendMessageType, SmSendQuality } from '../../helpers/messageType';
import { automaticMessageType, messageTypeProblem, qualityOutput } from '../../helpers/messageType';

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +393201234567',
		description:
			'Mobile number, international (+393201234567) or national in the default country (320 123 4567)',
	},
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. MyShop',
		description: 'Who the SMS appears to come from: up to 11 letters and digits, or a phone number',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		hint: 'One SMS holds 160 characters, or 70 with emoji or letters outside GSM-7; longer texts go in up to 6 parts (918 or 402 characters)',
	},
	{
		displayName: 'Quality',
		name: 'quality',
		type: 'options',
		options: [
			{ name: 'Automatic', value: 'a', description: 'Gateway code a' },
			{
				name: 'High',
				value: 'h',
				description: 'Gateway code h; needed for Unicode and long messages',
			},
			{ name: 'Low', value: 'll', description: 'Gateway code ll' },
			{ name: 'Medium', value: 'l', description: 'Gateway code l' },
			{
				name: 'Notification',
				value: 'n',
				description: 'Gateway code n: high quality with delivery notification',
			},
		],
		default: 'h',
		description:
			'Delivery quality. UCS-2 and multi-part messages are sent only in High or Notification.',
	},
	{
		displayName:
			'In this quality smSend sends only single-part GSM-7 texts: a message over 160 characters, or with emoji or letters outside GSM-7, is refused before sending. Choose High or Notification for those.',
		name: 'qualityNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { quality: ['a', 'l', 'll'] } },
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description:
					'TEXT, MULTITEXT, UCS2 or MULTIUCS2, whichever carries the text in the fewest parts',
			},
			{
				name: 'Long Text',
				value: 'MULTITEXT',
				description: 'MULTITEXT: GSM-7, up to 918 characters in up to 6 parts',
			},
			{
				name: 'Long Unicode',
				value: 'MULTIUCS2',
				description: 'MULTIUCS2: UCS-2, up to 402 characters in up to 6 parts',
			},
			{ name: 'Text', value: 'TEXT', description: 'TEXT: GSM-7, up to 160 characters' },
			{ name: 'Unicode', value: 'UCS2', description: 'UCS2: up to 70 characters, any alphabet' },
			{ name: 'WAP Push', value: 'WAPPUSH', description: 'WAPPUSH: a link the phone opens' },
		],
		default: 'auto',
	},
	{
		displayName: 'WAP Push URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/offer',
		displayOptions: { show: { messageType: ['WAPPUSH'] } },
		description: 'Address the phone opens from the WAP push message',
	},
	dryRunOption,
	guardrailsOption,
	...optionsCollection((v11) => [
		defaultCountryOption('IT', v11),
		{
			displayName: 'Return Request ID',
			name: 'returnId',
			type: 'boolean',
			default: true,
			description:
				'Whether to ask smSend for the request ID (used by Get Status Report) instead of the cost of the message',
		},
		sendTimeoutOption('An SMS', 30000),
		smartEncodingOption(v11),
		creditPreflightOption(
			v11,
			'SMS left in the chosen quality; each part of a long message counts',
		),
		...sendingOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['send'] } },
	properties,
);

interface SendOptions extends SendingOptions {
	defaultCountry?: string;
	returnId?: boolean;
	timeout?: number;
	smartEncoding?: boolean;
	creditPreflight?: boolean;
}

function checkNotEmpty(node: INode, message: string, itemIndex: number): void {
	if (message.trim() !== '') return;
	throw new NodeOperationError(node, `The 'Message' is empty [item ${itemIndex}]`, {
		itemIndex,
		description: 'smSend refuses empty messages. Enter the text to send.',
	});
}

function checkWapPushUrl(node: INode, url: string, itemIndex: number): void {
	if (/^https?:\/\/\S+$/i.test(url)) return;
	throw new NodeOperationError(
		node,
		`Invalid 'WAP Push URL': "${url}" is not an http(s) address [item ${itemIndex}]`,
		{
			itemIndex,
			description: 'A WAP push needs the http(s) address the phone should open.',
		},
	);
}

/** Refuses a text the message type cannot carry in the quality, saying what to change. */
function checkMessageType(
	node: INode,
	chosen: SmSendMessageType | 'auto',
	type: Exclude<SmSendMessageType, 'WAPPUSH'>,
	quality: SmSendQuality,
	parts: MessageParts,
	itemIndex: number,
): void {
	const problem = messageTypeProblem(type, quality, parts);
	if (problem === undefined) return;
	throw new NodeOperationError(node, `The 'Message' ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description:
			chosen === 'auto'
				? "'Message Type' is Automatic: shorten the text, or set 'Quality' to High or Notification for long or Unicode texts."
				: "Choose another 'Message Type' (Automatic picks one that fits), shorten the text, or change the 'Quality'.",
	});
}

/** What the output shows of an SMS, sent or not; 1.1 names the quality as the form does. */
function summaryOf(sms: SmsToSend, parts: MessageParts, v11: boolean): IDataObject {
	const { messageType } = sms;
	return {
		recipient: sms.recipient,
		sender: sms.sender,
		messageType,
		...qualityOutput(sms.quality, v11),
		characters: parts.characters,
		encoding: parts.encoding,
		parts: partsOf(messageType, parts),
	};
}

/** SMS parts a message goes out in: the single-SMS types are one part whatever the count says. */
function partsOf(messageType: SmSendMessageType, parts: MessageParts): number {
	return messageType === 'TEXT' || messageType === 'UCS2' || messageType === 'WAPPUSH'
		? 1
		: parts.parts;
}

interface SendRequest {
	sms: SmsToSend;
	timeoutMs: number;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const setup = readSendSetup(this);
	const duplicateKey = duplicateKeyOf(this);

	const v11 = nodeVersion(this) >= 1.1;
	const read = parameterReader(this);
	const param = {
		options: read.collection<SendOptions>('options'),
		quality: read.choice<SmSendQuality>('quality', 'h'),
		messageType: read.choice<SmSendMessageType | 'auto'>('messageType', 'auto'),
		recipient: read.value('recipient'),
		sender: read.text('sender', 'Sender', 'MyShop'),
		message: read.text('message', 'Message', '{{ $json.text }}'),
		url: read.text('url', 'WAP Push URL', 'https://example.com'),
	};

	/** Reads and checks one item's SMS, field by field in the order of the form. */
	const readSms = (itemIndex: number, options: Partial<SendOptions>) => {
		const quality = param.quality(itemIndex);
		const chosenType = param.messageType(itemIndex);
		const defaultCountry = readCountry(node, options.defaultCountry, 'IT', itemIndex);
		const recipient = readMobile(
			node,
			param.recipient(itemIndex),
			itemIndex,
			'Recipient',
			defaultCountry,
			'+393201234567',
		);
		const sender = readSender(node, param.sender(itemIndex), itemIndex);
		const written = param.message(itemIndex);
		checkNotEmpty(node, written, itemIndex);
		// Smart Encoding only where the type may be GSM-7: a chosen Unicode or WAP push type stays as written.
		const encoded =
			(options.smartEncoding ?? v11) && ['auto', 'TEXT', 'MULTITEXT'].includes(chosenType)
				? smartEncode(written)
				: { text: written, parts: countMessageParts(written) };
		const { text, parts } = encoded;
		const messageType = chosenType === 'auto' ? automaticMessageType(parts) : chosenType;
		let url: string | undefined;
		if (messageType === 'WAPPUSH') {
			url = param.url(itemIndex).trim();
			checkWapPushUrl(node, url, itemIndex);
		} else {
			checkMessageType(node, chosenType, messageType, quality, parts, itemIndex);
		}
		const sms: SmsToSend = {
			recipient: recipient.e164,
			text,
			sender,
			quality,
			messageType,
			...(url !== undefined ? { url } : {}),
			returnId: options.returnId ?? true,
		};
		return { sms, parts, smart: smartEncodingOutput(encoded) };
	};

	return await runBulkSend<SendRequest, SmSendClient>(this, items, {
		gateway: 'smSend',
		setup,
		open: async () => await openSmSend(this, undefined, setup),
		recipientOf: param.recipient,
		prepare: async (itemIndex, client) => {
			const options = param.options(itemIndex);
			const { sms, parts, smart } = readSms(itemIndex, options);
			const problem = client?.encodingProblem(sms);
			if (problem !== undefined) {
				throw new NodeOperationError(
					node,
					`The SMS cannot be sent: ${problem} [item ${itemIndex}]`,
					{
						itemIndex,
						description:
							"Nothing was sent for this item. Remove the character, or set the credential's 'Text Encoding' to UTF-8 if your gateway reads UTF-8.",
					},
				);
			}
			return {
				request: { sms, timeoutMs: options.timeout ?? 30000 },
				summary: { ...summaryOf(sms, parts, v11), ...smart },
				preview: previewSendSms(sms),
				recipients: [sms.recipient],
				duplicateKey: duplicateKey(options, itemIndex),
				cost: { pool: sms.quality, parts: partsOf(sms.messageType, parts) },
			};
		},
		preflight: (param.options(0).creditPreflight ?? v11) ? smSendCreditPreflight : undefined,
		send: async (client, { sms, timeoutMs }) => ({
			status: 'queued',
			...(await client.sendSms(sms, { timeoutMs })),
		}),
	});
}
