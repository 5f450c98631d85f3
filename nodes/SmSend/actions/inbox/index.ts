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
				name: 'Get Many Messages',
				value: 'getMessages',
				description: 'Retrieve a list of the SMS received on a reception number, newest first',
				action: 'Get many received messages',
			},
		],
		default: 'getMessages',
	},
	...getMessages.description,
];
