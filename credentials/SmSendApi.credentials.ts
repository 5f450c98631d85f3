import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * A field of an optional section (the reseller back-office login, the MMS login), shown while its
 * switch is on, and also while the switch is off but the field is filled in: n8n never saves a
 * switch left at its default, so a credential saved before the switches existed reads as
 * "Client"/"MMS off", and the node uses a filled-in login whatever the switch says.
 *
 * n8n keeps only the displayed fields of a credential, when the editor saves it and when it hands
 * it to a node, and decides what is displayed in one pass in which a field cannot see its own
 * value. So each login field also has a hidden definition, which n8n always counts as displayed:
 * it keeps a filled-in login saved and delivered, and lets the shown definitions test the value.
 * n8n redacts a password field by the last definition of its name, which keeps `password: true`.
 */
function sectionField(
	toggle: 'accountType' | 'useMms',
	on: string | boolean,
	off: string | boolean,
	field: INodeProperties,
	filled = field.name,
): INodeProperties[] {
	const shown: INodeProperties[] = [
		{ ...field, displayOptions: { show: { [toggle]: [on] } } },
		{
			...field,
			displayOptions: { show: { [toggle]: [off], [filled]: [{ _cnd: { exists: true } }] } },
		},
	];
	return filled === field.name ? [{ ...field, type: 'hidden' }, ...shown] : shown;
}

const reseller = (field: INodeProperties) =>
	sectionField('accountType', 'reseller', 'client', field);
const mms = (field: INodeProperties, filled?: string) =>
	sectionField('useMms', true, false, field, filled);

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
			displayName: 'Account Type',
			name: 'accountType',
			type: 'options',
			options: [
				{
					name: 'Client',
					value: 'client',
					description: 'Sends SMS and MMS, checks numbers and reads its inbox',
				},
				{
					name: 'Reseller',
					value: 'reseller',
					description:
						'Also manages clients, receptions and the back-office log, with a separate back-office login',
				},
			],
			default: 'client',
		},
		...reseller({
			displayName: 'Reseller Back-Office Username',
			name: 'resellerUser',
			type: 'string',
			default: '',
			description:
				'The back-office login (smsusername) used by the Client, Reception and Back-Office Log operations. Clear both back-office fields to remove it.',
		}),
		...reseller({
			displayName: 'Reseller Back-Office Password',
			name: 'resellerPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The back-office password (smspassword)',
		}),
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
			displayName:
				'With http:// the logins, numbers and messages travel unencrypted. Use https:// if your smSend or reseller domain serves it.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { baseUrl: [{ _cnd: { startsWith: 'http://' } }] } },
		},
		{
			displayName: 'Text Encoding',
			name: 'textEncoding',
			type: 'options',
			options: [
				{ name: 'UTF-8', value: 'utf-8', description: 'Any text, including € and emoji' },
				{
					name: 'ISO-8859-1 (Latin-1)',
					value: 'iso-8859-1',
					description:
						'For a gateway that reads the HTTP API in Latin-1; texts with €, emoji or other characters outside it are refused',
				},
			],
			default: 'utf-8',
			description:
				'How the HTTP API receives texts. smSend does not document it: send one test SMS with "è €" to your own phone; if it arrives as "Ã¨ â‚¬", choose ISO-8859-1.',
		},
		{
			displayName: 'SOAP Service URL',
			name: 'serviceUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://yourservice.smsend.it',
			description:
				'Host of the SOAP web services used by Inbox, the smSend Trigger and MMS (smSend enables it on request). Empty: the Base URL.',
		},
		{
			displayName: 'Use MMS',
			name: 'useMms',
			type: 'boolean',
			default: false,
			description:
				'Whether this account sends MMS, with the separate ID and password smSend issues for the MMS service',
		},
		...mms({
			displayName: 'MMS ID',
			name: 'mmsId',
			type: 'string',
			default: '',
			placeholder: 'e.g. C00000_001',
			description:
				'The ID smSend issued for the MMS service. Clear it and the MMS password to remove the MMS login.',
		}),
		...mms({
			displayName: 'MMS Password',
			name: 'mmsPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The password of the MMS service',
		}),
		...mms(
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
			'mmsId',
		),
	];
}
