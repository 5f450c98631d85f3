import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// The credential is tested by the MobilePronto node (`testedBy`), not by a
// declarative request: MPG_Credits answers HTTP 200 even for a wrong
// credencial, so only parsing its SOAP reply tells a good credential from a bad one.
export class MobileProntoApi implements ICredentialType {
	name = 'mobileProntoApi';

	displayName = 'MobilePronto API';

	icon: Icon = {
		light: 'file:../icons/mobilePronto.svg',
		dark: 'file:../icons/mobilePronto.dark.svg',
	};

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-mobilepronto-smsend#mobilepronto-credential';

	properties: INodeProperties[] = [
		// The field keeps its saved name, `credencial` (Portuguese: the account's secret API key,
		// so it is masked); the form names it as n8n does.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'API Key',
			name: 'credencial',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The 40-character key MobilePronto issued for your account, which its panel calls "Credencial" (Mobile Pronto Gateway → Credencial)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://pw-api.com',
			required: true,
			description:
				'Where the gateway lives. The service path /sms/v_2_00/service.asmx is added by the node. Older deployments use http://www.mpgateway.com.',
		},
		{
			displayName:
				'With http:// the API key, numbers and messages travel unencrypted. Use https:// if your MobilePronto gateway serves it.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { baseUrl: [{ _cnd: { startsWith: 'http://' } }] } },
		},
		{
			displayName: 'SOAP Version',
			name: 'soapVersion',
			type: 'options',
			options: [
				{ name: 'SOAP 1.1', value: '1.1' },
				{ name: 'SOAP 1.2', value: '1.2' },
			],
			default: '1.1',
			description:
				'Both versions are served by the gateway; 1.1 is what its documentation shows first',
		},
	];
}
