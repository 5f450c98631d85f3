import type { INodeProperties } from 'n8n-workflow';

import { resellerNotice } from '../common.descriptions';
import * as create from './create.operation';
import * as revoke from './revoke.operation';

export { create, revoke };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reception'] } },
		options: [
			{
				name: 'Create Sharecodes',
				value: 'create',
				description: 'Create share codes on a reception number and assign them to a client',
				action: 'Create reception sharecodes',
			},
			{
				name: 'Revoke Sharecode',
				value: 'revoke',
				description: "Revoke a client's share code on a reception number",
				action: 'Revoke a reception sharecode',
			},
		],
		default: 'create',
	},
	resellerNotice('reception'),
	...create.description,
	...revoke.description,
];
