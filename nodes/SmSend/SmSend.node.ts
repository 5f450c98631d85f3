import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account';
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
		description: 'Send SMS and MMS, check numbers, read received SMS and manage reseller clients with smSend (Italy)',
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
					{ name: 'SMS', value: 'sms' },
					{ name: 'Account', value: 'account' },
				],
				default: 'sms',
			},
			...sms.description,
			...account.description,
		],
	};

	methods = { credentialTest: { smSendApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
