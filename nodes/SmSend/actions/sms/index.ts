import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus.operation';
import * as send from './send.operation';

export { getStatus, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Get Status Report',
				value: 'getStatus',
				description: 'Get the queue, delivery or number-lookup report of a request',
				action: 'Get an SMS status report',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send an SMS to one recipient',
				action: 'Send an SMS',
			},
		],
		default: 'send',
	},
	...send.description,
	...getStatus.description,
];
