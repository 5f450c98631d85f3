import type { INodeProperties } from 'n8n-workflow';

import { resellerNotice } from '../common.descriptions';
import * as addCredit from './addCredit.operation';
import * as create from './create.operation';
import * as getCredit from './getCredit.operation';
import * as setStatus from './setStatus.operation';

export { addCredit, create, getCredit, setStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['client'] } },
		options: [
			{
				name: 'Activate or Deactivate',
				value: 'setStatus',
				description: 'Activate or deactivate one of your clients',
				action: 'Activate or deactivate a client',
			},
			{
				name: 'Add Credit',
				value: 'addCredit',
				description: 'Assign credit to one of your clients with a tariff',
				action: 'Add credit to a client',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a client (or a reseller) under your reseller account',
				action: 'Create a client',
			},
			{
				name: 'Get Credit',
				value: 'getCredit',
				description: 'Get the credit in euro left to one of your clients',
				action: 'Get the credit of a client',
			},
		],
		default: 'create',
	},
	resellerNotice('client'),
	...create.description,
	...setStatus.description,
	...getCredit.description,
	...addCredit.description,
];
