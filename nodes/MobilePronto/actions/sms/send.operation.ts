import type { IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
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
import { toMobileProntoFormat } from '../../../helpers/phone';
import { runBulkSend } from '../../../helpers/bulkSend';
import { openMobilePronto } from '../../helpers/context';
import { mobileProntoCreditPreflight } from '../../helpers/creditPreflight';
import type { MobileProntoClient, SimpleSms } from '../../transport/client';
import { DEFAULT_TIMEOUT_MS, previewSendSimpleSms } from '../../transport/client';

/** The gateway's limit for one SMS; longer texts come back as code 008. */
export const GATEWAY_MAX_LENGTH = 160;

const properties: INodeProperties[] = [
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +55(11)987654321',
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
		description: 'Text of the SMS',
		hint: 'At most 160 characters (emoji count two); longer texts are refused before sending',
	},
	dryRunOption,
	guardrailsOption,
	...optionsCollection((v11) => [
		defaultCountryOption('BR', v11),
		{
			displayName: 'Maximum Length',
			name: 'maxLength',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: GATEWAY_MAX_LENGTH,
			description:
				'Refuse, before sending, messages longer than this many characters (emoji count two). The gateway itself refuses more than 160.',
		},
		sendTimeoutOption('An SMS', DEFAULT_TIMEOUT_MS),
		smartEncodingOption(v11),
		creditPreflightOption(v11, 'MobilePronto credits, one per SMS part'),
		...sendingOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['send'] } },
	properties,
);

function sentenceCase(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

interface SendOptions extends SendingOptions {
	defaultCountry?: string;
	maxLength?: number;
	timeout?: number;
	smartEncoding?: boolean;
	creditPreflight?: boolean;
}

interface SendRequest {
	sms: SimpleSms;
	timeoutMs: number;
}

function checkNotEmpty(node: INode, message: string, itemIndex: number): void {
	if (message.trim() !== '') return;
	throw new NodeOperationError(node, `The 'Message' is empty [item ${itemIndex}]`, {
		itemIndex,
		description: 'MobilePronto refuses empty messages (code 013). Enter the text to send.',
	});
}

function checkLength(node: INode, parts: MessageParts, maxLength: number, itemIndex: number): void {
	if (parts.characters <= maxLength) return;
	throw new NodeOperationError(
		node,
		`The 'Message' has ${parts.characters} characters; the limit is ${maxLength} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Shorten the text by ${parts.characters - maxLength} characters${
				maxLength < GATEWAY_MAX_LENGTH ? " or raise the 'Maximum Length' option" : ''
			}. MobilePronto sends at most ${GATEWAY_MAX_LENGTH} characters per SMS (emoji count two).`,
		},
	);
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
		mobile: read.value('mobile'),
		message: read.text('message', 'Message', '{{ $json.text }}'),
	};

	/** Reads and checks one item's SMS: the number normalised, the text non-empty and short enough. */
	const readSms = (itemIndex: number, options: Partial<SendOptions>) => {
		const defaultCountry = readCountry(node, options.defaultCountry, 'BR', itemIndex);
		const mobile = readMobile(
			node,
			param.mobile(itemIndex),
			itemIndex,
			'Mobile',
			defaultCountry,
			'+55(11)987654321, +5511987654321',
		);
		const written = param.message(itemIndex);
		checkNotEmpty(node, written, itemIndex);
		const maxLength = options.maxLength ?? GATEWAY_MAX_LENGTH;
		// Look-alikes may be longer (… becomes ...): a text they would push over the limit stays as written.
		const encoded =
			(options.smartEncoding ?? v11)
				? smartEncode(written, (parts) => parts.characters <= maxLength)
				: { text: written, parts: countMessageParts(written) };
		checkLength(node, encoded.parts, maxLength, itemIndex);
		return {
			mobile,
			message: encoded.text,
			parts: encoded.parts,
			smart: smartEncodingOutput(encoded),
		};
	};

	return await runBulkSend<SendRequest, MobileProntoClient>(this, items, {
		gateway: 'MobilePronto',
		setup,
		open: async () => await openMobilePronto(this, setup),
		recipientOf: param.mobile,
		prepare: async (itemIndex) => {
			const options = param.options(itemIndex);
			const { mobile, message, parts, smart } = readSms(itemIndex, options);
			const sms = { mobile: toMobileProntoFormat(mobile), message };
			return {
				request: { sms, timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS },
				summary: {
					mobile: sms.mobile,
					mobileE164: mobile.e164,
					characters: parts.characters,
					encoding: parts.encoding,
					parts: parts.parts,
					...smart,
				},
				preview: previewSendSimpleSms(sms),
				recipients: [mobile.e164],
				duplicateKey: duplicateKey(options, itemIndex),
				cost: { pool: 'credits', parts: parts.parts },
			};
		},
		preflight: (param.options(0).creditPreflight ?? v11) ? mobileProntoCreditPreflight : undefined,
		send: async (client, { sms, timeoutMs }) => {
			const sent = await client.sendSimpleSms(sms, { timeoutMs });
			// 1.1 gives the return code's meaning in sentence case, as an output value reads.
			return { status: 'sent', ...sent, ...(v11 ? { meaning: sentenceCase(sent.meaning) } : {}) };
		},
	});
}
