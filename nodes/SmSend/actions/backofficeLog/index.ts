import type { INodeProperties } from 'n8n-workflow';

import { resellerNotice } from '../common.descriptions';
import * as getOperations from './getOperations.operation';

export { getOperations };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['backofficeLog'] } },
		options: [
			{
				name: 'Get Operations',
				value: 'getOperations',
				description:
					'List the credit and reception operations done in your back office, one item per operation',
				action: 'Get back office operations',
			},
		],
		default: 'getOperations',
	},
	resellerNotice('backofficeLog'),
	...getOperations.description,
];
