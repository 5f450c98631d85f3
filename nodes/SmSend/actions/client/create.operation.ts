import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { describeValue } from '../../../helpers/describeValue';
import { parameterReader } from '../../../helpers/parameterReader';
import { runChangePerItem } from '../../../helpers/runPerItem';
import { readOptionalId, readOptionalText, readRequiredText } from '../../helpers/backofficeFields';
import { openSmSend } from '../../helpers/context';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'clientName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Rossi S.r.l.',
		description: 'Name of the new client',
	},
	{
		displayName: 'Username',
		name: 'clientUsername',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. rossi',
		description: 'Username the client logs in to the control panel with',
	},
	{
		displayName: 'Password',
		name: 'clientPassword',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'Password the client logs in to the control panel with. It is never included in the output.',
	},
	{
		displayName: 'Account Type',
		name: 'accountType',
		type: 'options',
		required: true,
		options: [
			{ name: 'Client', value: 'client', description: 'An ordinary client (sent as reseller=0)' },
			{
				name: 'Reseller',
				value: 'reseller',
				description:
					'A reseller that can create its own clients (sent as reseller=1, the smSend default)',
			},
		],
		default: 'client',
		description:
			'Whether the new account is an ordinary client or a reseller. smSend itself creates a reseller when this is not sent, so the node always sends it.',
	},
	{
		displayName: 'Reseller Domain',
		name: 'vhost',
		type: 'string',
		default: '',
		placeholder: 'e.g. sms.example.com',
		displayOptions: { show: { accountType: ['reseller'] } },
		description:
			"Domain associated with the new reseller, on which the reseller's own clients log in (vhost)",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				type: 'string',
				default: '',
				description: 'Free-text "Contatto" field of the client',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
				default: '',
				description: 'E-mail address of the client',
			},
			{
				displayName: 'Profile ID',
				name: 'profileId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1',
				description:
					'ID of the profile (tpl_id) to assign, from your reseller panel. Empty: the default profile.',
			},
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description:
					'Free-text "Riferimento" field of the client (ref_id), e.g. your customer number',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['create'] } },
	properties,
);

interface AdditionalFields {
	contact?: unknown;
	email?: unknown;
	profileId?: unknown;
	reference?: unknown;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readAccountType(value: unknown): 0 | 1 | undefined {
	if (value === 'client' || value === '0' || value === 0) return 0;
	if (value === 'reseller' || value === '1' || value === 1) return 1;
	return undefined;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { client } = await openSmSend(this, 'reseller');
	const read = parameterReader(this);
	const param = {
		name: read.value('clientName'),
		username: read.value('clientUsername'),
		password: read.value('clientPassword'),
		accountType: read.value('accountType', 'client'),
		additionalFields: read.collection<AdditionalFields>('additionalFields'),
		vhost: read.value('vhost'),
	};
	return await runChangePerItem(this, items, async (itemIndex): Promise<IDataObject> => {
		const name = readRequiredText(
			node,
			param.name(itemIndex),
			itemIndex,
			'Name',
			'Enter the name of the new client.',
		);
		const username = readRequiredText(
			node,
			param.username(itemIndex),
			itemIndex,
			'Username',
			'Enter the username the new client will log in with, e.g. rossi.',
		);
		if (/\s/.test(username)) {
			throw new NodeOperationError(
				node,
				`Invalid 'Username': "${username}" contains spaces [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'Use a username without spaces, e.g. rossi.',
				},
			);
		}
		const password = readRequiredText(
			node,
			param.password(itemIndex),
			itemIndex,
			'Password',
			'Enter the password the new client will log in with.',
			{ secret: true },
		);
		const accountTypeValue = param.accountType(itemIndex);
		const reseller = readAccountType(accountTypeValue);
		if (reseller === undefined) {
			throw new NodeOperationError(node, `Invalid 'Account Type' [item ${itemIndex}]`, {
				itemIndex,
				description: `It resolved to ${typeof accountTypeValue === 'string' ? `"${accountTypeValue}"` : describeValue(accountTypeValue)}. Use Client (client or 0) or Reseller (reseller or 1).`,
			});
		}
		const extra = param.additionalFields(itemIndex);
		const email = readOptionalText(
			node,
			extra.email,
			itemIndex,
			'Email',
			'Enter an e-mail address such as name@email.com, or remove the field.',
		);
		if (email !== undefined && !EMAIL.test(email)) {
			throw new NodeOperationError(
				node,
				`Invalid 'Email': "${email}" is not an e-mail address [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'Enter an e-mail address such as name@email.com, or remove the field.',
				},
			);
		}
		const profileId = readOptionalId(
			node,
			extra.profileId,
			itemIndex,
			'Profile ID',
			'Use the numeric id of a profile in your reseller panel, e.g. 1, or leave it empty for the default profile.',
		);
		const contact = readOptionalText(
			node,
			extra.contact,
			itemIndex,
			'Contact',
			'Enter text, or remove the field.',
		);
		const reference = readOptionalText(
			node,
			extra.reference,
			itemIndex,
			'Reference',
			'Enter text, or remove the field.',
		);
		const vhost =
			reseller === 1
				? readOptionalText(
						node,
						param.vhost(itemIndex),
						itemIndex,
						'Reseller Domain',
						'Enter a domain such as sms.example.com, or leave it empty.',
					)
				: undefined;
		if (vhost !== undefined && !/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i.test(vhost)) {
			throw new NodeOperationError(
				node,
				`Invalid 'Reseller Domain': "${vhost}" is not a domain name [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Enter a bare domain such as sms.example.com (no http:// and no path), or leave it empty.',
				},
			);
		}

		const reply = await client.backoffice.createClient({
			name,
			username,
			password,
			reseller,
			email,
			profileId,
			contact,
			reference,
			vhost,
		});
		return { clientId: reply.clientId, username, raw: reply.raw };
	});
}
