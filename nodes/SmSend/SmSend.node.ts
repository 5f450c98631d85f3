import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account';
import * as inbox from './actions/inbox';
import * as mms from './actions/mms';
import * as numberLookup from './actions/numberLookup';
import * as backofficeLog from './actions/backofficeLog';
import * as client from './actions/client';
import * as reception from './actions/reception';
import { router } from './actions/router';
import * as sms from './actions/sms';
import { smSendApiTest } from './methods/credentialTest';

export class SmSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'smSend',
		name: 'smSend',
		icon: { light: 'file:../../icons/smSend.svg', dark: 'file:../../icons/smSend.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send SMS and MMS, check numbers, read received SMS and manage reseller clients with smSend (Italy)',
		defaults: { name: 'smSend' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smSendApi', required: true, testedBy: 'smSendApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Back-Office Log', value: 'backofficeLog', description: 'Resellers only' },
					{ name: 'Client', value: 'client', description: 'Resellers only' },
					{ name: 'Inbox', value: 'inbox' },
					{ name: 'MMS Message', value: 'mms' },
					{ name: 'Number Lookup', value: 'numberLookup' },
					{ name: 'Reception', value: 'reception', description: 'Resellers only' },
					{ name: 'SMS', value: 'sms' },
				],
				default: 'sms',
			},
			...sms.description,
			...mms.description,
			...account.description,
			...numberLookup.description,
			...inbox.description,
			...client.description,
			...reception.description,
			...backofficeLog.description,
		],
	};

	methods = { credentialTest: { smSendApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
