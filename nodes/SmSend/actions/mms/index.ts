import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mms'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description:
					'Send an MMS with text and an image, a sound or a video to one or more recipients',
				action: 'Send an MMS',
			},
		],
		default: 'send',
	},
	{
		displayName:
			"Needs the MMS ID and password smSend issues for the MMS service: in the smSend credential, turn on 'Use MMS' and fill them in",
		name: 'mmsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['mms'] } },
	},
	...send.description,
];
