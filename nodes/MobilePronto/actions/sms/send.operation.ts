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
import { toMobileProntoFormat } from '../../../helpers/phone';
import type { PreparedSend, SendingOptions } from '../../../helpers/bulkSend';
import { duplicateKeyFor, runBulkSend, sendingOptions } from '../../../helpers/bulkSend';
import { openMobilePronto } from '../../helpers/context';
import type { MobileProntoClient, SimpleSms } from '../../transport/client';
import { previewSendSimpleSms } from '../../transport/client';

/** The gateway's limit for one SMS; longer texts come back as code 008. */
export const GATEWAY_MAX_LENGTH = 160;

const properties: INodeProperties[] = [
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+55(11)987654321',
		description:
			'Who receives the SMS: the gateway format +55(11)987654321, E.164 +5511987654321, or a national number such as (11) 98765-4321 read in the default country',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'Text of the SMS. MobilePronto sends up to 160 characters per message.',
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
			defaultCountryOption('BR'),
			{
				displayName: 'Maximum Length',
				name: 'maxLength',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: GATEWAY_MAX_LENGTH,
				description:
					'Refuse, before sending, messages longer than this many characters (emoji count two). The gateway itself refuses more than 160.',
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
	maxLength?: number;
	timeout?: number;
}

interface SendRequest {
	sms: SimpleSms;
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
		mobile: itemParameter<unknown>(this, 'mobile', ''),
		message: itemParameter<unknown>(this, 'message', ''),
	};

	return await runBulkSend<SendRequest, MobileProntoClient>(this, items, {
		...sending,
		dryRun,
		open: async () => await openMobilePronto(this, sending),
		prepare: async (itemIndex): Promise<PreparedSend<SendRequest>> => {
			const options = param.options(itemIndex) as SendOptions;
			const defaultCountry = readCountry(node, options.defaultCountry, 'BR', itemIndex);
			const normalized = readMobile(
				node,
				param.mobile(itemIndex),
				itemIndex,
				'Mobile',
				defaultCountry,
				'+55(11)987654321, +5511987654321',
			);
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
					description: 'MobilePronto refuses empty messages (code 013). Enter the text to send.',
				});
			}
			const parts = countMessageParts(message);
			const maxLength = options.maxLength ?? GATEWAY_MAX_LENGTH;
			if (parts.characters > maxLength) {
				throw new NodeOperationError(
					node,
					`The Message of item ${itemIndex} has ${parts.characters} characters; the limit is ${maxLength}`,
					{
						itemIndex,
						description: `Shorten the text by ${parts.characters - maxLength} characters${
							maxLength < GATEWAY_MAX_LENGTH ? ' or raise Options → Maximum Length' : ''
						}. MobilePronto sends at most ${GATEWAY_MAX_LENGTH} characters per SMS (emoji count two).`,
					},
				);
			}
			admitRecipients(node, gate, [normalized.e164], itemIndex);
			const mobile = toMobileProntoFormat(normalized);
			const summary = {
				mobile,
				mobileE164: normalized.e164,
				characters: parts.characters,
				encoding: parts.encoding,
				parts: parts.parts,
			};
			const sms = { mobile, message };
			return {
				request: { sms, timeoutMs: options.timeout ?? 30000 },
				summary,
				preview: previewSendSimpleSms(sms),
				duplicateKey: duplicateKeyFor(this, options, itemIndex),
			};
		},
		send: async (client, { sms, timeoutMs }) => ({
			status: 'sent',
			...(await client.sendSimpleSms(sms, { timeoutMs })),
		}),
	});
}
