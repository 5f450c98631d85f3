import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// Tested by the smSend node (`testedBy`): credit.php answers HTTP 200 with `KO …` for a
// wrong login, so only reading the reply tells a good login from a bad one.
export class SmSendApi implements ICredentialType {
	name = 'smSendApi';

	displayName = 'smSend API';

	icon: Icon = { light: 'file:../icons/smSend.svg', dark: 'file:../icons/smSend.dark.svg' };

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-mobilepronto-smsend#smsend-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'Client or reseller login (control panel → Profilo account)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://app.smsend.it',
			required: true,
			description:
				"Address of the HTTP API. Clients of a reseller use the reseller's own domain instead of app.smsend.it.",
		},
		{
			displayName: 'Reseller Back-Office Username',
			name: 'resellerUser',
			type: 'string',
			default: '',
			description:
				'Only for resellers: the back-office login (smsusername) used by the Client, Reception and Back-Office Log operations',
		},
		{
			displayName: 'Reseller Back-Office Password',
			name: 'resellerPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for resellers: the back-office password (smspassword)',
		},
		{
			displayName: 'SOAP Service URL',
			name: 'serviceUrl',
			type: 'string',
			default: '',
			placeholder: 'http://yourservice.smsend.it',
			description:
				'Host of the SOAP web services used by Inbox and MMS (smSend enables it on request). Empty: the Base URL.',
		},
		{
			displayName: 'MMS ID',
			name: 'mmsId',
			type: 'string',
			default: '',
			description: 'Only for MMS: the ID smSend issued for the MMS service, e.g. C00000_001',
		},
		{
			displayName: 'MMS Password',
			name: 'mmsPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for MMS: the password of the MMS service',
		},
		{
			displayName: 'MMS Authentication',
			name: 'mmsAuth',
			type: 'options',
			options: [
				{
					name: 'Plain Password',
					value: 'plain',
					description: 'The password travels in the request',
				},
				{
					name: 'MD5 Ticket',
					value: 'md5',
					description: 'Only an MD5 ticket of the message and the password travels',
				},
			],
			default: 'plain',
			description: 'How your MMS account authenticates, as set up by smSend',
		},
	];
}
