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
import { SMSEND_DESCRIPTION } from './actions/common.descriptions';
import * as inbox from './actions/inbox';
import * as mms from './actions/mms';
import * as numberLookup from './actions/numberLookup';
import * as backofficeLog from './actions/backofficeLog';
import * as client from './actions/client';
import * as reception from './actions/reception';
import { router } from './actions/router';
import * as sms from './actions/sms';
import { smSendApiTest } from './methods/credentialTest';

const properties: INodeProperties[] = [
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
];

export class SmSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'smSend',
		name: 'smSend',
		icon: { light: 'file:../../icons/smSend.svg', dark: 'file:../../icons/smSend.dark.svg' },
		group: ['output'],
		version: NODE_VERSIONS,
		defaultVersion: DEFAULT_NODE_VERSION,
		subtitle: operationSubtitle(properties),
		description: SMSEND_DESCRIPTION,
		// n8n opens a node's documentationUrl as it is, but appends its tracking query to the
		// codex's URL, after the #anchor, which breaks it.
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-mobilepronto-smsend#smsend-node',
		defaults: { name: 'smSend' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smSendApi', required: true, testedBy: 'smSendApiTest' }],
		properties,
	};

	methods = { credentialTest: { smSendApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
