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
import { countMessageParts } from '../../../helpers/messageParts';
import { normalizeMobile } from '../../../helpers/phone';
import type { PreparedSend, SendingOptions } from '../../../helpers/bulkSend';
import { duplicateKeyFor, runBulkSend, sendingOptions } from '../../../helpers/bulkSend';
import { openSmSend } from '../../helpers/context';
import type { SmSendClient, SmsToSend } from '../../transport/client';
import { previewSendSms } from '../../transport/client';
import type { SmSendMessageType, SmSendQuality } from '../../helpers/messageType';
import { automaticMessageType, messageTypeProblem } from '../../helpers/messageType';

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+393201234567',
		description:
			'Mobile number, international (+393201234567) or national in the default country (320 123 4567)',
	},
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'MyShop',
		description: 'Who the SMS appears to come from: up to 11 letters and digits, or a phone number',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
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
		placeholder: 'https://example.com/offer',
		displayOptions: { show: { messageType: ['WAPPUSH'] } },
		description: 'Address the phone opens from the WAP push message',
	},
	dryRunOption,
	guardrailsOption,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			defaultCountryOption('IT'),
			{
				displayName: 'Return Request ID',
				name: 'returnId',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask smSend for the request ID (used by Get Status Report) instead of the cost of the message',
			},
			sendTimeoutOption('An SMS', 30000),
			...sendingOptions,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['send'] } },
	properties,
);

interface SendOptions extends SendingOptions {
	defaultCountry?: string;
	returnId?: boolean;
	timeout?: number;
}

const ALPHANUMERIC_SENDER = /^[A-Za-z0-9 ]{1,11}$/;

function readSender(value: string): { ok: true; sender: string } | { ok: false; reason: string } {
	const sender = value.trim();
	if (sender === '') return { ok: false, reason: 'is empty' };
	if (/^\+?\d+$/.test(sender.replace(/[\s()-]/g, ''))) {
		const number = normalizeMobile(
			sender.startsWith('+') || sender.startsWith('00') ? sender : `+${sender}`,
			'IT',
		);
		if (number.ok) return { ok: true, sender: number.mobile.e164 };
		return { ok: false, reason: 'looks like a phone number but is not a valid international one' };
	}
	if (sender.length > 11)
		return { ok: false, reason: `has ${sender.length} characters; a text sender takes at most 11` };
	if (!ALPHANUMERIC_SENDER.test(sender))
		return { ok: false, reason: 'may only contain letters A–Z, digits and spaces' };
	return { ok: true, sender };
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
	const { dryRun, gate, ...sending } = readSendSetup(this);

	// Parameters without expressions are read once for all items.
	const param = {
		options: itemParameter<unknown>(this, 'options', {}),
		quality: itemParameter<unknown>(this, 'quality', 'h'),
		messageType: itemParameter<unknown>(this, 'messageType', 'auto'),
		recipient: itemParameter<unknown>(this, 'recipient', ''),
		sender: itemParameter<unknown>(this, 'sender', ''),
		message: itemParameter<unknown>(this, 'message', ''),
		url: itemParameter<unknown>(this, 'url', ''),
	};

	return await runBulkSend<SendRequest, SmSendClient>(this, items, {
		...sending,
		dryRun,
		open: async () => await openSmSend(this, undefined, sending),
		send: async (client, { sms, timeoutMs }) => ({
			status: 'queued',
			...(await client.sendSms(sms, { timeoutMs })),
		}),
		prepare: async (itemIndex): Promise<PreparedSend<SendRequest>> => {
			const options = param.options(itemIndex) as SendOptions;
			const quality = param.quality(itemIndex) as SmSendQuality;
			const chosenType = param.messageType(itemIndex) as SmSendMessageType | 'auto';
			const defaultCountry = readCountry(node, options.defaultCountry, 'IT', itemIndex);
			const recipient = readMobile(
				node,
				param.recipient(itemIndex),
				itemIndex,
				'Recipient',
				defaultCountry,
				'+393201234567',
			);
			const senderText = readText(node, param.sender(itemIndex), itemIndex, 'Sender', 'MyShop');
			const sender = readSender(senderText);
			if (!sender.ok) {
				throw new NodeOperationError(
					node,
					`Invalid Sender in item ${itemIndex}: "${senderText}" ${sender.reason}`,
					{
						itemIndex,
						description:
							'Use up to 11 letters and digits (e.g. MyShop) or an international number (+393201234567).',
					},
				);
			}
			const message = readText(
				node,
				param.message(itemIndex),
				itemIndex,
				'Message',
				'{{ $json.text }}',
			);
			if (message.trim() === '') {
				throw new NodeOperationError(node, `The Message of item ${itemIndex} is empty`, {
					itemIndex,
					description: 'smSend refuses empty messages. Enter the text to send.',
				});
			}
			const parts = countMessageParts(message);
			const messageType = chosenType === 'auto' ? automaticMessageType(parts) : chosenType;
			let url: string | undefined;
			if (messageType === 'WAPPUSH') {
				url = readText(
					node,
					param.url(itemIndex),
					itemIndex,
					'WAP Push URL',
					'https://example.com',
				).trim();
				if (!/^https?:\/\/\S+$/i.test(url)) {
					throw new NodeOperationError(
						node,
						`Invalid WAP Push URL in item ${itemIndex}: "${url}"`,
						{
							itemIndex,
							description: 'A WAP push needs the http(s) address the phone should open.',
						},
					);
				}
			} else {
				const problem = messageTypeProblem(messageType, quality, parts);
				if (problem !== undefined) {
					throw new NodeOperationError(node, `The Message of item ${itemIndex} ${problem}`, {
						itemIndex,
						description:
							chosenType === 'auto'
								? 'Message Type is Automatic: shorten the text, or choose quality High or Notification for long or Unicode texts.'
								: 'Choose another Message Type (Automatic picks one that fits), shorten the text, or change the quality.',
					});
				}
			}
			const sms: SmsToSend = {
				recipient: recipient.e164,
				text: message,
				sender: sender.sender,
				quality,
				messageType,
				...(url !== undefined ? { url } : {}),
				returnId: options.returnId ?? true,
			};

			admitRecipients(node, gate, [recipient.e164], itemIndex);

			const summary = {
				recipient: recipient.e164,
				sender: sender.sender,
				messageType,
				quality,
				characters: parts.characters,
				encoding: parts.encoding,
				parts:
					messageType === 'TEXT' || messageType === 'UCS2' || messageType === 'WAPPUSH'
						? 1
						: parts.parts,
			};
			return {
				request: { sms, timeoutMs: options.timeout ?? 30000 },
				summary,
				preview: previewSendSms(sms),
				duplicateKey: duplicateKeyFor(this, options, itemIndex),
			};
		},
	});
}
