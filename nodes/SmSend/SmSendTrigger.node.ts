import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionsCollection } from '../helpers/descriptions';
import { DEFAULT_NODE_VERSION, NODE_VERSIONS, sinceVersion } from '../helpers/nodeVersion';
import {
	gatewayTimeZoneOption,
	optOutKeywordsOption,
	receptionNumberProperty,
	SMSEND_DESCRIPTION,
	sharecodeProperty,
} from './actions/common.descriptions';
import { smSendApiTest } from './methods/credentialTest';
import { triggerEmitProperty } from './trigger/optOutFilter';
import { pollInbox } from './trigger/poll';

export class SmSendTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'smSend Trigger',
		name: 'smSendTrigger',
		icon: { light: 'file:../../icons/smSend.svg', dark: 'file:../../icons/smSend.dark.svg' },
		group: ['trigger'],
		version: NODE_VERSIONS,
		defaultVersion: DEFAULT_NODE_VERSION,
		subtitle: '={{ "SMS to " + $parameter["recipientNumber"] }}',
		// n8n's node creator shows this node and the smSend node as one entry ("smSend") and gives
		// it this description, so it describes the whole app; the trigger's own part is "receive".
		description: SMSEND_DESCRIPTION,
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-mobilepronto-smsend#smsend-trigger',
		defaults: { name: 'smSend Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smSendApi', required: true, testedBy: 'smSendApiTest' }],
		properties: [
			{
				// n8n's node creator lists a trigger's events by their `action` ("On SMS received");
				// without an Event parameter it shows "On new smSend event".
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'SMS Received',
						value: 'smsReceived',
						description: 'An SMS arrives on the reception number',
						action: 'On SMS received',
					},
				],
				default: 'smsReceived',
				displayOptions: sinceVersion(1.1),
			},
			receptionNumberProperty(
				'recipientNumber',
				'The number people send SMS to (your smSend reception number)',
			),
			sharecodeProperty(),
			{
				displayName: 'Messages per Poll',
				name: 'messagesPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 20,
				description:
					'How many recent messages each poll asks for. When every one of them is new, the trigger asks again for the maximum (100) so a burst is not lost.',
			},
			triggerEmitProperty,
			...optionsCollection((v11) => [
				{
					displayName: 'Include Messages on Activation',
					name: 'includeOnActivation',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 100 },
					default: 0,
					description:
						'On the first poll after activation, also emit this many of the most recent messages. 0: only messages that arrive after activation.',
				},
				gatewayTimeZoneOption(v11),
				optOutKeywordsOption,
			]),
		],
	};

	methods = { credentialTest: { smSendApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollInbox.call(this);
	}
}
