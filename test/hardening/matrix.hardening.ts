import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Fault, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runNode } from '../helpers/workflowRunner';
import { binaryItem, MIDI, mobileProntoCredentials, PNG, smSendCredentials } from './fixtures';
import { record } from './summary';

/**
 * Bad inputs and bad gateway replies through real workflows (n8n-core's WorkflowExecute against
 * the sandbox over HTTP): the exact message the user sees, the item it names, and which requests
 * reached the gateway.
 */
interface MatrixCase {
	name: string;
	node: 'mobilePronto' | 'smSend';
	parameters: IDataObject;
	items?: IDataObject[];
	inputItems?: INodeExecutionData[];
	credentials?: IDataObject;
	fault?: Fault;
	setup?: (sandbox: Sandbox) => void;
	/** Exact error message, or undefined when the run must succeed. */
	message?: string;
	itemIndex?: number;
	/**
	 * Gateway requests the sandbox must have seen: how many, and of which operation. Reads (balance,
	 * credit, inbox) are repeated up to three times after a transient failure; sends never are.
	 */
	requests: number;
	operation?: string;
	/** Checks on the output when the run succeeds. */
	output?: IDataObject;
}

const MP_SEND = (extra: IDataObject = {}): IDataObject => ({
	resource: 'sms',
	operation: 'send',
	mobile: '={{ $json.phone }}',
	message: '={{ $json.text }}',
	...extra,
});
const SM_SEND = (extra: IDataObject = {}): IDataObject => ({
	resource: 'sms',
	operation: 'send',
	recipient: '={{ $json.phone }}',
	sender: 'MyShop',
	message: '={{ $json.text }}',
	...extra,
});
const MMS = (extra: IDataObject = {}): IDataObject => ({
	resource: 'mms',
	operation: 'send',
	recipients: '={{ $json.phones }}',
	subject: 'Offerta',
	text: 'Testo',
	imageProperty: 'image',
	...extra,
});
const BR = '+5511987654321';
const IT = '+393201234567';
const mp = (phone: string, text = 'Olá') => [{ phone, text }];
const sm = (phone: string, text = 'Ciao') => [{ phone, text }];
const credit = { resource: 'account', operation: 'getCredit', creditType: 'credit' };

const CASES: MatrixCase[] = [
	// --- numbers -------------------------------------------------------------------------------------------
	{
		name: 'MP empty number',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(''),
		message: "Invalid 'Mobile': The mobile number is empty [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP garbage number',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp('call me!'),
		message: `Invalid 'Mobile': The mobile number "call me!" is not a phone number [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP too short number',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp('+55119'),
		message: `Invalid 'Mobile': The mobile number "+55119" is not a valid number for its country (read as +55119) [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP too long number',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp('+55119876543210987'),
		message: `Invalid 'Mobile': The mobile number "+55119876543210987" is not a valid number for its country (read as +55119876543210987) [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP landline',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp('+551133334444'),
		message: `Invalid 'Mobile': The mobile number "+551133334444" is not a mobile number (+551133334444 is a fixed line number) [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP wrong country (gateway answers 015)',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(IT),
		message:
			'MobilePronto refused the request: MobilePronto does not operate in the destination country (code 015)',
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'MP bad number in the second item',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: [
			{ phone: BR, text: 'a' },
			{ phone: '12ab', text: 'b' },
		],
		message: `Invalid 'Mobile': The mobile number "12ab" is not a valid number for its country (read as +5512) [item 1]`,
		itemIndex: 1,
		requests: 0,
	},
	{
		name: 'SM empty number',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(''),
		message: "Invalid 'Recipient': The mobile number is empty [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM garbage number',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm('n/a'),
		message: `Invalid 'Recipient': The mobile number "n/a" is not a phone number [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM too short number',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm('+3932'),
		message: `Invalid 'Recipient': The mobile number "+3932" is not a valid number for its country (read as +3932) [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM too long number',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm('+3932012345678901'),
		message: `Invalid 'Recipient': The mobile number "+3932012345678901" is not a valid number for its country (read as +3932012345678901) [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM landline',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm('+390612345678'),
		message: `Invalid 'Recipient': The mobile number "+390612345678" is not a mobile number (+390612345678 is a fixed line number) [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM wrong default country',
		node: 'smSend',
		parameters: SM_SEND({ options: { defaultCountry: 'XX' } }),
		items: sm(IT),
		message: `Invalid 'Default Country': "XX" is not a country code [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	// --- texts ---------------------------------------------------------------------------------------------
	{
		name: 'MP empty text',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR, ''),
		message: "The 'Message' is empty [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP over-length text',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR, 'x'.repeat(161)),
		message: "The 'Message' has 161 characters; the limit is 160 [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP emoji text over the limit (emoji count two)',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR, '😀'.repeat(81)),
		message: "The 'Message' has 162 characters; the limit is 160 [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM empty text',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(IT, ' \n '),
		message: "The 'Message' is empty [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM TEXT over 160',
		node: 'smSend',
		parameters: SM_SEND({ messageType: 'TEXT' }),
		items: sm(IT, '€'.repeat(81)),
		message:
			"The 'Message' has 162 GSM-7 characters (extension characters such as € { } count two); TEXT takes at most 160 [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM TEXT with emoji',
		node: 'smSend',
		parameters: SM_SEND({ messageType: 'TEXT' }),
		items: sm(IT, 'ciao 😀'),
		message:
			"The 'Message' has characters outside the GSM-7 alphabet, which TEXT cannot carry; use UCS2 or MULTIUCS2 (or Automatic) [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM UCS2 emoji over 70',
		node: 'smSend',
		parameters: SM_SEND({ messageType: 'UCS2' }),
		items: sm(IT, '😀'.repeat(36)),
		message:
			"The 'Message' has 72 UCS-2 characters (emoji count two); UCS2 takes at most 70 [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM MULTITEXT over 918',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(IT, 'a'.repeat(919)),
		message:
			"The 'Message' has 919 GSM-7 characters (extension characters such as € { } count two); MULTITEXT takes at most 918 [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM MULTIUCS2 emoji over 402',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(IT, '😀'.repeat(202)),
		message:
			"The 'Message' has 404 UCS-2 characters (emoji count two); MULTIUCS2 takes at most 402 [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM emoji in low quality',
		node: 'smSend',
		parameters: SM_SEND({ quality: 'l' }),
		items: sm(IT, '😀'),
		message:
			"The 'Message' needs message type UCS2, which smSend only sends in quality High (h) or Notification (n); the quality is Medium (l) [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	// --- sender ids ----------------------------------------------------------------------------------------
	{
		name: 'SM sender expression resolves to empty',
		node: 'smSend',
		parameters: SM_SEND({ sender: '={{ $json.sender }}' }),
		items: [{ phone: IT, text: 'hi', sender: ' ' }],
		message: `Invalid 'Sender': " " is empty [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM sender too long',
		node: 'smSend',
		parameters: SM_SEND({ sender: 'ShopOfTheYear' }),
		items: sm(IT),
		message: `Invalid 'Sender': "ShopOfTheYear" has 13 characters; a text sender takes at most 11 [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM sender with symbols',
		node: 'smSend',
		parameters: SM_SEND({ sender: 'Shop&Co' }),
		items: sm(IT),
		message: `Invalid 'Sender': "Shop&Co" may only contain letters A–Z, digits and spaces [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM sender bad number',
		node: 'smSend',
		parameters: SM_SEND({ sender: '+39123' }),
		items: sm(IT),
		message: `Invalid 'Sender': "+39123" looks like a phone number but is not a valid international one [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	// --- MMS files -----------------------------------------------------------------------------------------
	{
		name: 'MMS image of the wrong type',
		node: 'smSend',
		parameters: MMS(),
		inputItems: [binaryItem({ phones: IT }, { image: { data: MIDI, mimeType: 'image/png' } })],
		message:
			"The image in binary field 'image' is not JPEG, GIF or PNG (declared as image/png) [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MMS sound of the wrong type',
		node: 'smSend',
		parameters: MMS({ soundProperty: 'sound' }),
		inputItems: [
			binaryItem(
				{ phones: IT },
				{
					image: { data: PNG, mimeType: 'image/png' },
					sound: { data: PNG, mimeType: 'audio/mpeg' },
				},
			),
		],
		message:
			"The sound in binary field 'sound' is not MIDI or MP3 (declared as audio/mpeg) [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MMS image over 100 KB',
		node: 'smSend',
		parameters: MMS(),
		inputItems: [
			binaryItem(
				{ phones: IT },
				{ image: { data: Buffer.concat([PNG, Buffer.alloc(100 * 1024)]), mimeType: 'image/png' } },
			),
		],
		message: "The image in binary field 'image' is 101 KB; the limit is 100 KB [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MMS missing binary property',
		node: 'smSend',
		parameters: MMS({ imageProperty: 'photo' }),
		inputItems: [binaryItem({ phones: IT }, { image: { data: PNG, mimeType: 'image/png' } })],
		message: "The item has no binary field 'photo' ('Image Binary Property') [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MMS item without any binary',
		node: 'smSend',
		parameters: MMS(),
		items: [{ phones: IT }],
		message: "The item has no binary field 'image' ('Image Binary Property') [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	// --- expressions ---------------------------------------------------------------------------------------
	{
		name: 'MP number expression resolves to an object',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: [{ phone: { number: BR }, text: 'a' }],
		message: "The 'Mobile' is not text [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP text expression resolves to undefined',
		node: 'mobilePronto',
		parameters: MP_SEND({ message: '={{ $json.missing }}' }),
		items: mp(BR),
		message: "The 'Message' is not text [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM text expression resolves to an object',
		node: 'smSend',
		parameters: SM_SEND(),
		items: [{ phone: IT, text: { body: 'hi' } }],
		message: "The 'Message' is not text [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM number expression resolves to a list',
		node: 'smSend',
		parameters: SM_SEND(),
		items: [{ phone: [IT], text: 'hi' }],
		message: "The 'Recipient' is not text [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM number expression resolves to undefined',
		node: 'smSend',
		parameters: SM_SEND({ recipient: '={{ $json.nothing }}' }),
		items: sm(IT),
		message: "The 'Recipient' is not text [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	// --- gateway replies -----------------------------------------------------------------------------------
	{
		name: 'MP HTML page',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR),
		fault: { kind: 'html' },
		message: 'MobilePronto answered with an HTML page instead of an API reply',
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'SM HTML page',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(IT),
		fault: { kind: 'html' },
		message: 'smSend answered with an HTML page instead of an API reply',
		itemIndex: 0,
		requests: 1,
		operation: 'send',
	},
	{
		name: 'MP empty reply',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR),
		fault: { kind: 'empty' },
		message: 'MobilePronto answered with an empty reply',
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'SM empty reply',
		node: 'smSend',
		parameters: credit,
		fault: { kind: 'empty' },
		message: 'smSend answered with an empty reply',
		itemIndex: 0,
		requests: 3,
		operation: 'credit',
	},
	{
		name: 'MP truncated XML',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR),
		fault: { kind: 'malformed' },
		message:
			"MobilePronto answered with XML that could not be read (malformed or cut off) (Attributes for 'soap:Envelope' have open quote.)",
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'SM truncated XML (inbox)',
		node: 'smSend',
		parameters: {
			resource: 'inbox',
			operation: 'getMessages',
			recipientNumber: '+393400000000',
			sharecode: '001',
			limit: 10,
		},
		fault: { kind: 'malformed' },
		message:
			"smSend answered with XML that could not be read (malformed or cut off) (Attributes for 'SOAP-ENV:Envelope' have open quote.)",
		itemIndex: 0,
		requests: 3,
		operation: 'receiveSms',
	},
	{
		name: 'MP unexpected XML',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR),
		fault: { kind: 'unexpected-xml' },
		message:
			'MobilePronto answered with a reply this node does not understand (no MPG_SendSimple_SMSResponse element)',
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'SM unexpected reply (MMS)',
		node: 'smSend',
		parameters: MMS(),
		inputItems: [binaryItem({ phones: IT }, { image: { data: PNG, mimeType: 'image/png' } })],
		fault: { kind: 'unexpected-xml' },
		message:
			'smSend answered with a reply this node does not understand (no sendMmsResponse element)',
		itemIndex: 0,
		requests: 1,
		operation: 'sendMms',
	},
	{
		name: 'MP latin-1 reply with accents decodes: success',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR, 'Olá, ação €'),
		fault: { kind: 'latin1' },
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
		output: { status: 'sent', code: '000' },
	},
	{
		name: 'SM latin-1 reply with accents decodes: success (inbox)',
		node: 'smSend',
		parameters: {
			resource: 'inbox',
			operation: 'getMessages',
			recipientNumber: '+393400000000',
			sharecode: '001',
			limit: 10,
		},
		setup: (s) =>
			void s.smSend.addInboxMessage({
				rcpt: '+393400000000',
				sharecode: '001',
				sender: '+393331112222',
				text: 'Città è già più',
			}),
		fault: { kind: 'latin1' },
		requests: 1,
		operation: 'receiveSms',
		output: { text: 'Città è già più' },
	},
	{
		name: 'MP 302 redirect',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR),
		fault: { kind: 'redirect', location: 'https://pw-api.example/login' },
		message: 'MobilePronto redirected the request elsewhere (https://pw-api.example/login)',
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'SM 301 redirect',
		node: 'smSend',
		parameters: credit,
		fault: { kind: 'redirect', status: 301, location: 'https://app.smsend.example/sms/credit.php' },
		message: 'smSend redirected the request elsewhere (https://app.smsend.example/sms/credit.php)',
		itemIndex: 0,
		requests: 1,
		operation: 'credit',
	},
	{
		name: 'MP HTTP 404',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR),
		fault: { kind: 'status', status: 404 },
		message: 'MobilePronto does not know the requested address (HTTP 404)',
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'SM HTTP 403',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(IT),
		fault: { kind: 'status', status: 403 },
		message: 'smSend denied access (HTTP 403)',
		itemIndex: 0,
		requests: 1,
		operation: 'send',
	},
	{
		name: 'MP HTTP 500',
		node: 'mobilePronto',
		parameters: { resource: 'account', operation: 'getBalance' },
		fault: { kind: 'status', status: 500 },
		message: 'MobilePronto had an internal error (HTTP 500)',
		itemIndex: 0,
		requests: 3,
		operation: 'MPG_Credits',
	},
	{
		name: 'SM HTTP 503',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(IT),
		fault: { kind: 'status', status: 503 },
		message: 'smSend is temporarily unavailable (HTTP 503)',
		itemIndex: 0,
		requests: 1,
		operation: 'send',
	},
	{
		name: 'MP slower than the timeout',
		node: 'mobilePronto',
		parameters: MP_SEND({ options: { timeout: 1000 } }),
		items: mp(BR),
		fault: { kind: 'latency', ms: 2500 },
		message: 'MobilePronto did not answer in time',
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'SM never answers (timeout)',
		node: 'smSend',
		parameters: SM_SEND({ options: { timeout: 1000 } }),
		items: sm(IT),
		fault: { kind: 'timeout' },
		message: 'smSend did not answer in time',
		itemIndex: 0,
		requests: 1,
		operation: 'send',
	},
	{
		name: 'MP connection refused',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR),
		credentials: { baseUrl: 'http://127.0.0.1:1' },
		message: 'MobilePronto refused the connection',
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM connection refused',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(IT),
		credentials: { baseUrl: 'http://127.0.0.1:1' },
		message: 'smSend refused the connection',
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'MP reset mid-reply (after sending)',
		node: 'mobilePronto',
		parameters: MP_SEND(),
		items: mp(BR),
		fault: { kind: 'reset-mid-reply', when: 'after' },
		message: 'MobilePronto closed the connection unexpectedly',
		itemIndex: 0,
		requests: 1,
		operation: 'MPG_SendSimple_SMS',
	},
	{
		name: 'SM reset mid-reply',
		node: 'smSend',
		parameters: SM_SEND(),
		items: sm(IT),
		fault: { kind: 'reset-mid-reply' },
		message: 'smSend closed the connection unexpectedly',
		itemIndex: 0,
		requests: 1,
		operation: 'send',
	},
	{
		name: 'SM dropped connection',
		node: 'smSend',
		parameters: credit,
		fault: { kind: 'drop' },
		message: 'smSend closed the connection unexpectedly',
		itemIndex: 0,
		requests: 3,
		operation: 'credit',
	},
	{
		name: 'SM bad number in the second item: nothing sent (all items are checked first)',
		node: 'smSend',
		parameters: SM_SEND(),
		items: [
			{ phone: IT, text: 'a' },
			{ phone: '+39', text: 'b' },
		],
		message: `Invalid 'Recipient': The mobile number "+39" is not a phone number [item 1]`,
		itemIndex: 1,
		requests: 0,
	},
	// --- campaign tools: opt-out keywords, status reports over many items -----------------------------
	{
		name: 'SM inbox opt-out keyword without a letter or digit',
		node: 'smSend',
		parameters: {
			resource: 'inbox',
			operation: 'getMessages',
			recipientNumber: '+393400000000',
			sharecode: '001',
			limit: 10,
			options: { optOutKeywords: 'STOP, ?!' },
		},
		message: `Invalid 'Opt-Out Keywords': "?!" has no letter or digit [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM inbox opt-out keywords mapped to a list, not text',
		node: 'smSend',
		parameters: {
			resource: 'inbox',
			operation: 'getMessages',
			recipientNumber: '+393400000000',
			sharecode: '001',
			limit: 10,
			options: { optOutKeywords: '={{ $json.words }}' },
		},
		items: [{ words: ['STOP', 'BASTA'] }],
		message: "The 'Opt-Out Keywords' are not text [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM status report: empty request id in the third item, nothing read (all items are checked first)',
		node: 'smSend',
		parameters: { resource: 'sms', operation: 'getStatus', requestId: '={{ $json.id }}' },
		items: [{ id: 'HTTP00000000111' }, { id: 'HTTP00000000112' }, { id: ' ' }],
		message: "The 'Request ID' is empty [item 2]",
		itemIndex: 2,
		requests: 0,
	},
	{
		name: 'SM status report: report type from an expression that is not one of the reports',
		node: 'smSend',
		parameters: {
			resource: 'sms',
			operation: 'getStatus',
			requestId: 'HTTP00000000111',
			reportType: '={{ $json.report }}',
		},
		items: [{ report: 'delivery' }],
		message: `Invalid 'Report': "delivery" [item 0]`,
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM status report: concurrency out of range',
		node: 'smSend',
		parameters: {
			resource: 'sms',
			operation: 'getStatus',
			requestId: 'HTTP00000000111',
			options: { concurrency: 500 },
		},
		message: "Invalid 'Concurrency': 500 is not a whole number from 1 to 50 [item 0]",
		itemIndex: 0,
		requests: 0,
	},
	{
		name: 'SM status report: gateway down for every read, retried then reported on its item',
		node: 'smSend',
		parameters: { resource: 'sms', operation: 'getStatus', requestId: '={{ $json.id }}' },
		items: [{ id: 'HTTP00000000111' }],
		fault: { kind: 'status', status: 503 },
		message: 'smSend is temporarily unavailable (HTTP 503)',
		itemIndex: 0,
		requests: 3,
		operation: 'batch-status',
	},
];

describe('bad-input matrix through real workflows against the sandbox', () => {
	let sandbox: Sandbox;
	let passed = 0;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 5 });
	});
	afterAll(async () => {
		await sandbox.close();
		record('matrix', 'cases', passed);
	});
	beforeEach(() => sandbox.reset());

	it('has at least 40 cases, for both nodes', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(40);
		expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
		expect(
			CASES.some((c) => c.node === 'mobilePronto') && CASES.some((c) => c.node === 'smSend'),
		).toBe(true);
	});

	it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		c.setup?.(sandbox);
		if (c.fault) sandbox.inject(c.fault);
		const { items, error } = await runNode({
			type: c.node,
			parameters: c.parameters as never,
			credentials:
				c.node === 'mobilePronto'
					? mobileProntoCredentials(sandbox, c.credentials)
					: smSendCredentials(sandbox, c.credentials),
			items: c.items,
			inputItems: c.inputItems,
		});
		if (c.message === undefined) {
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject(c.output ?? {});
		} else {
			// n8n's wording: every error of an item ends with the item it belongs to.
			const expected = /\[item \d+\]$/.test(c.message)
				? c.message
				: `${c.message} [item ${c.itemIndex}]`;
			expect(error?.message).toBe(expected);
			expect(error?.context?.itemIndex).toBe(c.itemIndex);
			expect(items).toEqual([]);
		}
		const requests = sandbox.requests;
		expect(requests).toHaveLength(c.requests);
		if (c.operation) expect(requests.every((r) => r.operation === c.operation)).toBe(true);
		passed++;
	});
});
