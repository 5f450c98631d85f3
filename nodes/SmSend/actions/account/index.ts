import type { INodeProperties } from 'n8n-workflow';

import * as getCredit from './getCredit.operation';

export { getCredit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Credit',
				value: 'getCredit',
				description: 'Get the remaining credit in euro, or how many SMS it buys per quality',
				action: 'Get the account credit',
			},
		],
		default: 'getCredit',
	},
	...getCredit.description,
];
