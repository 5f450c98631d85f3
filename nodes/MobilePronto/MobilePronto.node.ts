import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account';
import { router } from './actions/router';
import * as sms from './actions/sms';
import { mobileProntoApiTest } from './methods/credentialTest';

export class MobilePronto implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MobilePronto',
		name: 'mobilePronto',
		icon: {
			light: 'file:../../icons/mobilePronto.svg',
			dark: 'file:../../icons/mobilePronto.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS through the MobilePronto gateway (Brazil)',
		defaults: { name: 'MobilePronto' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mobileProntoApi', required: true, testedBy: 'mobileProntoApiTest' }],
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

	methods = { credentialTest: { mobileProntoApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
