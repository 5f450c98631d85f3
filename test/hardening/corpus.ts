/** Replies as the gateways send them (from the API documents in /work/shared/api and the sandbox), for mutation. */

const ASMX_11 = (inner: string) =>
	'<?xml version="1.0" encoding="utf-8"?>\r\n<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
	'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\r\n' +
	`  <soap:Body>\r\n    ${inner}\r\n  </soap:Body>\r\n</soap:Envelope>`;

const ASMX_12 = (inner: string) =>
	'<?xml version="1.0" encoding="utf-8"?><soap12:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
	'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap12="http://www.w3.org/2003/05/soap-envelope">' +
	`<soap12:Body>${inner}</soap12:Body></soap12:Envelope>`;

const NUSOAP = (inner: string, ns = 'urn:receiveSmswsdl') =>
	'<?xml version="1.0" encoding="ISO-8859-1"?>\n<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" ' +
	'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
	'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ' +
	`xmlns:tns="${ns}">\n<SOAP-ENV:Body>\n${inner}\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>`;

export const SOAP_REPLIES: string[] = [
	ASMX_11(
		'<MPG_SendSimple_SMSResponse xmlns="PWGateway"><MPG_SendSimple_SMSResult>000</MPG_SendSimple_SMSResult></MPG_SendSimple_SMSResponse>',
	),
	ASMX_11(
		'<MPG_SendSimple_SMSResponse xmlns="PWGateway"><MPG_SendSimple_SMSResult>000:MPG000236180474</MPG_SendSimple_SMSResult></MPG_SendSimple_SMSResponse>',
	),
	ASMX_12(
		'<MPG_SendSimple_SMSResponse xmlns="PWGateway"><MPG_SendSimple_SMSResult>018</MPG_SendSimple_SMSResult></MPG_SendSimple_SMSResponse>',
	),
	ASMX_11(
		'<MPG_CreditsResponse xmlns="PWGateway"><MPG_CreditsResult>1000</MPG_CreditsResult><v_st_Status>000</v_st_Status></MPG_CreditsResponse>',
	),
	ASMX_12(
		'<MPG_CreditsResponse xmlns="PWGateway"><MPG_CreditsResult>-1</MPG_CreditsResult><v_st_Status>001</v_st_Status></MPG_CreditsResponse>',
	),
	ASMX_11(
		'<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server was unable to read request. ---&gt; There is an error in XML document (1, 2).</faultstring><detail /></soap:Fault>',
	),
	ASMX_12(
		'<soap12:Fault><soap12:Code><soap12:Value>soap12:Receiver</soap12:Value></soap12:Code><soap12:Reason><soap12:Text xml:lang="en">Server was unable to process request.</soap12:Text></soap12:Reason></soap12:Fault>',
	),
	NUSOAP(
		'<ns1:receiveSmsResponse xmlns:ns1="urn:receiveSmswsdl"><response xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:recvSms[2]">' +
			'<item xsi:type="tns:recvSms"><id xsi:type="xsd:int">5678</id><sender xsi:type="xsd:string">+393331112222</sender>' +
			'<text xsi:type="xsd:string">texte du message &amp; &#232; \xe8</text><date xsi:type="xsd:dateTime">2005-11-22 11:07:02</date></item>' +
			'<item xsi:type="tns:recvSms"><id xsi:type="xsd:int">5679</id><sender xsi:type="xsd:string">+393331112223</sender>' +
			'<text xsi:type="xsd:string"><![CDATA[a <b> & c]]></text><date xsi:type="xsd:dateTime">2026-03-29 02:30:00</date></item>' +
			'</response></ns1:receiveSmsResponse>',
	),
	NUSOAP(
		'<ns1:receiveSmsResponse xmlns:ns1="urn:receiveSmswsdl"><response xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:recvSms[0]"/></ns1:receiveSmsResponse>',
	),
	NUSOAP(
		'<ns1:sendMmsResponse xmlns:ns1="urn:sendMmswsdl"><response xsi:type="xsd:int">7400</response></ns1:sendMmsResponse>',
		'urn:sendMmswsdl',
	),
	NUSOAP(
		'<SOAP-ENV:Fault><faultcode xsi:type="xsd:string">KO 211</faultcode><faultactor xsi:type="xsd:string"></faultactor><faultstring xsi:type="xsd:string">credito esaurito</faultstring><detail xsi:type="xsd:string"></detail></SOAP-ENV:Fault>',
	),
	NUSOAP(
		'<SOAP-ENV:Fault><faultcode>KO 104</faultcode><faultstring>not allowed</faultstring></SOAP-ENV:Fault>',
	),
	NUSOAP(
		"<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>Operation '' is not defined in the WSDL for this service</faultstring></SOAP-ENV:Fault>",
	),
	"<!DOCTYPE html><html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1></body></html>",
	'<?xml version="1.0"?><error><code>500</code></error>',
];

export const OK_KO_REPLIES: string[] = [
	'OK HTTP00000000111',
	'OK 0.0650',
	'OK 100.0000',
	'OK 12,3456\r\n',
	'OK 188',
	'OK 001,002,003',
	'OK',
	'KO Credito insufficiente.',
	'KO  Parametro rcpt non valido.',
	'KO+Parametro+rcpt+non+valido.',
	'KO%20Accesso%20non%20consentito%20(IP%20non%20abilitato).',
	'KO Il parametro data può contenere al massimo 160 caratteri.',
	'KO Il parametro numbers può contenere al massimo 100 numeri.',
	'KO Il parametro num deve essere <= 20.',
	'KO Sharecode non associato all’utente specificato.',
	'KO Username già esistente.',
	'KO Impossibile accodare il/i messaggio/i.',
	'KO Accesso non consentito (utente non abilitato).',
	'KO Errore interno.',
	'\uFEFFKO Username o password errati.\r\n',
	'KO',
];

export const CSV_REPORTS: string[] = [
	'id,dest,status,status_text\n9182,+393209999999,100,Queued\n9183,+393339999999,200,Sent\n9184,+393409999999,302,Temporary failure\n',
	'id,dest,status,status_text\r\n9184,+393209999999,100,Waiting\r\n9185,+393339999999,200,Delivered\r\n9186,+393409999999,300,Unknown subscriber',
	'id,dest,status,netcode,status_text\n9186,+393209999999,100,Waiting\n9187,+393339999999,200, TIM\n9188,+393409999999,300,Unknown subscriber\n',
	'id,timestamp,dest,status,status_text,request_id\n1,"2026-07-01 10:00:00",+393201234567,200,"Delivered, ""ok""",HTTP00000000111\n',
	'KO Parametro id non corretto.',
];

export const TSV_REPORTS: string[] = [
	'date\tu_id\ttype\tvalue\tnote\r\n2026-07-01 10:00:00\t1001\tcredits\t10.0000\tfirst\r\n2026-07-02 11:00:00\t1002\trecv_add\t+393400000001 001\t\r\n',
	'date\tu_id\ttype\tvalue\r\n',
	'KO Accesso non consentito.',
];

export const MOBILEPRONTO_RESULTS: string[] = [
	'000',
	'000:MPG000236180474',
	'001',
	'009',
	'018',
	'801',
	'900',
	'999',
	'022',
	'\uFEFF000\r\n',
	'000:',
	'12',
	'abc',
	'-1',
];

export const GATEWAY_DATES: string[] = [
	'2005-11-22 11:07:02',
	'2026-03-29 02:30:00',
	'2026-10-25 02:30:00',
	'2026-07-01T10:00:00',
	'2024-02-29 23:59:59',
];
