import type { INodeProperties } from 'n8n-workflow';

import * as check from './check.operation';

export { check };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['numberLookup'] } },
		options: [
			{
				name: 'Check Numbers',
				value: 'check',
				description: 'Find the mobile network of numbers (MNC), many per request',
				action: 'Check mobile numbers',
			},
		],
		default: 'check',
	},
	...check.description,
];
