import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DEFAULT_NODE_VERSION, NODE_VERSIONS } from '../helpers/nodeVersion';
import { operationSubtitle } from '../helpers/subtitle';
import * as account from './actions/account';
import { router } from './actions/router';
import * as sms from './actions/sms';
import { mobileProntoApiTest } from './methods/credentialTest';

const properties: INodeProperties[] = [
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
];

export class MobilePronto implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MobilePronto',
		name: 'mobilePronto',
		icon: {
			light: 'file:../../icons/mobilePronto.svg',
			dark: 'file:../../icons/mobilePronto.dark.svg',
		},
		group: ['output'],
		version: NODE_VERSIONS,
		defaultVersion: DEFAULT_NODE_VERSION,
		subtitle: operationSubtitle(properties),
		description: 'Send SMS through the MobilePronto gateway (Brazil)',
		// Given here rather than only in the codex: n8n opens a node's documentationUrl as it is,
		// but appends its tracking query to the codex's URL, after the #anchor, which breaks it.
		documentationUrl:
			'https://www.npmjs.com/package/n8n-nodes-mobilepronto-smsend#mobilepronto-node',
		defaults: { name: 'MobilePronto' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mobileProntoApi', required: true, testedBy: 'mobileProntoApiTest' }],
		properties,
	};

	methods = { credentialTest: { mobileProntoApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
