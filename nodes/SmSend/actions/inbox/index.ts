import type { INodeProperties } from 'n8n-workflow';

import * as getMessages from './getMessages.operation';

export { getMessages };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inbox'] } },
		options: [
			{
				name: 'Get Received Messages',
				value: 'getMessages',
				description: 'Get the most recent SMS received on a reception number',
				action: 'Get received messages',
			},
		],
		default: 'getMessages',
	},
	...getMessages.description,
];
