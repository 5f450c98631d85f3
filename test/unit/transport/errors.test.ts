import fc from 'fast-check';

import {
	describeMobileProntoCode,
	MOBILEPRONTO_RETURN_CODES,
	mobileProntoError,
} from '../../../nodes/MobilePronto/transport/returnCodes';
import {
	describeSmSendKo,
	SMSEND_KO_MESSAGES,
	smSendKoError,
} from '../../../nodes/SmSend/transport/koMessages';
import {
	GatewayError,
	transportError,
	type TransportErrorCode,
} from '../../../nodes/transport/errors';
import {
	SMSEND_SOAP_FAULTS,
	smSendSoapFaultError,
} from '../../../nodes/SmSend/transport/soapFaults';
import { soapFaultError } from '../../../nodes/transport/soapFaults';

describe('GatewayError', () => {
	it('carries the details, the message and its name', () => {
		const error = new GatewayError({
			kind: 'gateway',
			gateway: 'smSend',
			code: 'X',
			message: 'smSend did something',
			description: 'Fix it',
			retryable: false,
			failure: 'gatewayRefusal',
		});
		expect(error).toBeInstanceOf(Error);
		expect(error.details.outcomeUnknown).toBe(false);
		expect(error.name).toBe('GatewayError');
		expect(error.message).toBe('smSend did something');
		expect(error.details.code).toBe('X');
	});
});

describe('MobilePronto return codes', () => {
	const documented = [
		'000',
		'001',
		'005',
		'007',
		'008',
		'009',
		'010',
		'012',
		'013',
		'015',
		'016',
		'017',
		'018',
		'019',
		'022',
	];

	it('lists every documented code and nothing else', () => {
		expect(Object.keys(MOBILEPRONTO_RETURN_CODES).sort()).toEqual(documented);
	});

	it.each(documented)('code %s has an English meaning and action', (code) => {
		const info = describeMobileProntoCode(code);
		expect(info.code).toBe(code);
		expect(info.meaning).not.toMatch(/unknown/);
		expect(info.meaning.length).toBeGreaterThan(5);
		expect(info.action.length).toBeGreaterThan(10);
		expect(info.retryable).toBe(false);
	});

	it('says what to fix for the common codes', () => {
		expect(describeMobileProntoCode('009').action).toBe(
			'Buy more credits in your MobilePronto account.',
		);
		expect(describeMobileProntoCode('016').action).toContain(
			'The area code must have 2 digits, e.g. +55(11)987654321',
		);
		expect(describeMobileProntoCode('005').action).toContain('+55(11)987654321');
		expect(describeMobileProntoCode('001').meaning).toBe('invalid credential');
		expect(describeMobileProntoCode('019').meaning).toBe('invalid token');
		expect(describeMobileProntoCode('022').meaning).toBe('daily sending limit reached');
	});

	it.each([
		['800', 'internal failure of the MobilePronto gateway', true],
		['850', 'internal failure of the MobilePronto gateway', true],
		['899', 'internal failure of the MobilePronto gateway', true],
		['900', 'authentication error or security limit exceeded', false],
		['901', 'error reaching the mobile operator', true],
		['950', 'error reaching the mobile operator', true],
		['999', 'error reaching the mobile operator', true],
	])('range code %s', (code, meaning, retryable) => {
		expect(describeMobileProntoCode(code)).toMatchObject({ code, meaning, retryable });
	});

	it.each(['042', '799', '002', 'abc', '', '8000'])('unknown code %p shows the code', (code) => {
		const info = describeMobileProntoCode(code);
		expect(info.meaning).toBe(`unknown return code ${code}`);
		expect(info.action).toContain(code);
		expect(info.retryable).toBe(false);
	});

	it('does not treat Object.prototype names as codes', () => {
		expect(describeMobileProntoCode('constructor').meaning).toBe('unknown return code constructor');
	});

	it('mobileProntoError builds a gateway error', () => {
		const error = mobileProntoError('009', '009');
		expect(error.details).toEqual({
			kind: 'gateway',
			gateway: 'MobilePronto',
			code: '009',
			message: 'MobilePronto refused the request: account without funds (code 009)',
			description: 'Buy more credits in your MobilePronto account.',
			raw: '009',
			retryable: false,
			failure: 'gatewayRefusal',
			outcomeUnknown: false,
		});
		expect(error.message).toBe(error.details.message);
	});

	it('mobileProntoError truncates the raw text to 500 characters', () => {
		const error = mobileProntoError('042', 'x'.repeat(2000));
		expect(error.details.raw?.length).toBeLessThanOrEqual(501);
		expect(error.details.message).toContain('042');
	});
});

// Every "KO ..." line of smsend-api.txt, verbatim, with the id it must map to.
const DOCUMENTED_KO: Array<[string, string]> = [
	// client-add.php
	['KO Accesso non consentito.', 'KO_ACCESS_DENIED'],
	['KO Username o password errati.', 'KO_BAD_LOGIN'],
	['KO Parametri non corretti.', 'KO_PARAMS_INVALID'],
	['KO Parametro name non impostato.', 'KO_PARAM_MISSING'],
	['KO Parametro username non impostato.', 'KO_PARAM_MISSING'],
	['KO Parametro password non impostato', 'KO_PARAM_MISSING'],
	['KO Impossibile creare un rivenditore.', 'KO_CANNOT_CREATE_RESELLER'],
	['KO Profilo non corretto.', 'KO_PROFILE_INVALID'],
	['KO Username già esistente.', 'KO_USERNAME_EXISTS'],
	['KO Errore nella creazione.', 'KO_CREATION_FAILED'],
	// credit-add.php
	['KO Parametro u_id non impostato.', 'KO_PARAM_MISSING'],
	['KO Parametro bill_id non impostato.', 'KO_PARAM_MISSING'],
	['KO Utente non trovato.', 'KO_USER_NOT_FOUND'],
	['KO Tariffa non corretta.', 'KO_RATE_INVALID'],
	['KO Parametro credit non corretto.', 'KO_PARAM_INCORRECT'],
	// userlog-get.php
	['KO Parametro type non impostato.', 'KO_PARAM_MISSING'],
	// recv-add.php
	['KO Parametro dest non impostato.', 'KO_PARAM_MISSING'],
	['KO Numero di ricezione non corretto.', 'KO_RECEIVING_NUMBER_INVALID'],
	['KO Parametro num non corretto.', 'KO_PARAM_INCORRECT'],
	['KO Il parametro num deve essere <= 20.', 'KO_NUM_TOO_HIGH'],
	// recv-del.php
	['KO Parametro sharecode non impostato.', 'KO_PARAM_MISSING'],
	['KO Sharecode non associato all’utente specificato.', 'KO_SHARECODE_NOT_ASSOCIATED'],
	// client-status.php
	['KO Parametro active non impostato.', 'KO_PARAM_MISSING'],
	// send.php
	['KO Accesso non consentito (utente non abilitato).', 'KO_USER_NOT_ENABLED'],
	['KO Accesso non consentito (IP non abilitato).', 'KO_IP_NOT_ENABLED'],
	['KO Parametro rcpt non impostato.', 'KO_PARAM_MISSING'],
	['KO Parametro rcpt non valido.', 'KO_PARAM_INVALID'],
	['KO Il parametro data può contenere al massimo 160 caratteri.', 'KO_PARAM_TOO_LONG'],
	['KO Operatore sconosciuto.', 'KO_UNKNOWN_OPERATOR'],
	['KO Credito insufficiente.', 'KO_CREDIT'],
	['KO Impossibile accodare il/i messaggio/i.', 'KO_QUEUE_FAILED'],
	// mnc.php
	['KO Parametro non corretti.', 'KO_PARAMS_INVALID'],
	['KO Il parametro numbers può contenere al massimo 100 numeri.', 'KO_PARAM_TOO_MANY_NUMBERS'],
	['KO Impossibile accodare la/e richiesta/e.', 'KO_REQUEST_QUEUE_FAILED'],
	// batch-status.php
	['KO Parametro id non corretto.', 'KO_PARAM_INCORRECT'],
	['KO Errore interno.', 'KO_INTERNAL_ERROR'],
	// credit.php
	['KO Parametro type non corretto.', 'KO_PARAM_INCORRECT'],
];

describe('smSend KO messages', () => {
	it.each(DOCUMENTED_KO)('%s → %s', (text, id) => {
		const info = describeSmSendKo(text);
		expect(info.code).toBe(id);
		expect(info.meaning).not.toMatch(/[àèéìòù]|non |parametro/i); // English, not Italian
		expect(info.action.length).toBeGreaterThan(10);
	});

	it('every table row is reached by a documented message', () => {
		const reached = new Set(DOCUMENTED_KO.map(([, id]) => id));
		for (const entry of SMSEND_KO_MESSAGES) expect(reached).toContain(entry.id);
	});

	it('table ids are unique', () => {
		const ids = SMSEND_KO_MESSAGES.map((entry) => entry.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('captures the parameter name', () => {
		expect(describeSmSendKo('KO Parametro rcpt non valido.')).toMatchObject({
			code: 'KO_PARAM_INVALID',
			parameter: 'rcpt',
			meaning: "the parameter 'rcpt' is not valid",
		});
		expect(describeSmSendKo('Parametro u_id non impostato').meaning).toBe(
			"the parameter 'u_id' is missing",
		);
		expect(describeSmSendKo('KO Parametro rcpt non valido.').action).toContain('+393331234567');
	});

	it('captures the limit', () => {
		const tooLong = describeSmSendKo(
			'KO Il parametro sender può contenere al massimo 11 caratteri.',
		);
		expect(tooLong).toMatchObject({ code: 'KO_PARAM_TOO_LONG', parameter: 'sender' });
		expect(tooLong.meaning).toBe("the parameter 'sender' can contain at most 11 characters");
		expect(tooLong.action).toContain('11 characters');
		const tooMany = describeSmSendKo('KO Il parametro numbers può contenere al massimo 50 numeri.');
		expect(tooMany.meaning).toBe("the parameter 'numbers' can contain at most 50 numbers");
		expect(describeSmSendKo('KO Il parametro num deve essere <= 20.')).toMatchObject({
			parameter: 'num',
			meaning: "the parameter 'num' must be at most 20",
		});
	});

	it('tolerates spacing, case, missing period, mojibake and apostrophes', () => {
		expect(describeSmSendKo('KO  Credito insufficiente.').code).toBe('KO_CREDIT');
		expect(describeSmSendKo('credito insufficiente\r\n').code).toBe('KO_CREDIT');
		expect(describeSmSendKo("KO Username gia' esistente").code).toBe('KO_USERNAME_EXISTS');
		expect(describeSmSendKo('KO Username gi\uFFFD esistente.').code).toBe('KO_USERNAME_EXISTS');
		expect(describeSmSendKo("KO Sharecode non associato all'utente specificato.").code).toBe(
			'KO_SHARECODE_NOT_ASSOCIATED',
		);
		expect(
			describeSmSendKo('KO Il parametro data pu&ograve; contenere al massimo 160 caratteri').code,
		).toBe('KO_PARAM_TOO_LONG');
		expect(describeSmSendKo('KO Il parametro num deve essere &lt;= 20').code).toBe(
			'KO_NUM_TOO_HIGH',
		);
	});

	it('unknown text becomes KO_UNKNOWN and shows the text', () => {
		const info = describeSmSendKo('KO Qualcosa di nuovo.');
		expect(info.code).toBe('KO_UNKNOWN');
		expect(info.meaning).toContain('Qualcosa di nuovo');
		expect(describeSmSendKo('KO').meaning).toContain('no error text');
	});

	it('smSendKoError builds a gateway error', () => {
		const error = smSendKoError('Credito insufficiente.', 'KO Credito insufficiente.\r\n');
		expect(error.details).toMatchObject({
			kind: 'gateway',
			gateway: 'smSend',
			code: 'KO_CREDIT',
			message: 'smSend refused the request: not enough credit (KO_CREDIT)',
			raw: 'KO Credito insufficiente.\r\n',
			retryable: false,
		});
		expect(smSendKoError('Errore interno', 'KO Errore interno').details.retryable).toBe(true);
	});

	it('property: any text gives an info with an English code', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				const info = describeSmSendKo(text);
				expect(info.code).toMatch(/^KO_[A-Z_]+$/);
				expect(typeof info.meaning).toBe('string');
			}),
			{ seed: 42, numRuns: 1000 },
		);
	});
});

// Every "KO nnn" fault of sendMms in smsend-api.txt.
const DOCUMENTED_FAULTS: Array<[string, string]> = [
	['KO 101', 'not allowed'],
	['KO 102', 'operation not permitted'],
	['KO 103', 'bad recipient'],
	['KO 104', 'not allowed'],
	['KO 105', 'not allowed'],
	['KO 106', 'not allowed'],
	['KO 107', 'no auth suitable'],
	['KO 109', 'carrier problem'],
	['KO 110', 'Msg Blocked'],
	['KO 111', 'banned'],
	['KO 124', 'text too long'],
	['KO 211', 'quota_abs reached'],
	['KO 213', 'quota_ny reached'],
	['KO 215', 'Image file cannot be bigger than 100kB'],
	['KO 216', 'Image file type not supported'],
	['KO 217', 'Sound file bigger than 100kB'],
	['KO 218', 'Sound file type not supported'],
	['KO 300', 'System (Internal Error)'],
	['KO 301', '(Connection Problem)'],
	['KO 302', '(Generic Error)'],
	['KO 303', '(Connection Problem)'],
	['KO 310', 'type unsupported'],
	['KO 311', 'send error'],
	['KO 400', '(Internal Error)'],
	['KO 401', '(Internal Error)'],
	['KO 402', '(Internal Error)'],
	['KO 500', 'ERROR (Internal Error)'],
	['KO 501', 'ERROR (Internal Error)'],
	['KO 502', '(Internal Error)'],
	['KO 555', 'Relay Error'],
];

describe('SOAP faults', () => {
	it('the table holds exactly the documented codes', () => {
		expect(Object.keys(SMSEND_SOAP_FAULTS).sort()).toEqual(
			DOCUMENTED_FAULTS.map(([code]) => code.slice(3)),
		);
	});

	it.each(DOCUMENTED_FAULTS)('%s (%s)', (faultcode, faultstring) => {
		const error = smSendSoapFaultError(faultcode, faultstring, '<xml/>');
		const entry = SMSEND_SOAP_FAULTS[faultcode.slice(3)];
		expect(error.details).toMatchObject({
			kind: 'gateway',
			gateway: 'smSend',
			code: faultcode,
			description: entry.action,
			retryable: entry.retryable,
			raw: '<xml/>',
		});
		expect(error.message).toBe(`smSend refused the request: ${entry.meaning} (${faultcode})`);
	});

	it('classifies retryable faults', () => {
		expect(smSendSoapFaultError('KO 211', 'quota_abs reached', '').details.retryable).toBe(false);
		expect(smSendSoapFaultError('KO 211', '', '').message).toContain('credit exhausted');
		expect(smSendSoapFaultError('KO 300', '', '').details.retryable).toBe(true);
		expect(smSendSoapFaultError('KO 555', '', '').details.retryable).toBe(true);
	});

	it('accepts KO codes without a space', () => {
		expect(smSendSoapFaultError('KO211', '', '').details.code).toBe('KO 211');
	});

	it('unknown KO code shows code and text', () => {
		const error = smSendSoapFaultError('KO 999', 'weird thing', '');
		expect(error.details.code).toBe('KO 999');
		expect(error.message).toContain('KO 999');
		expect(error.message).toContain('weird thing');
	});

	it.each([
		['soap:Client', 'SOAP_CLIENT', false],
		['soap:Client.Authentication', 'SOAP_CLIENT', false],
		['soap:Server', 'SOAP_SERVER', true],
		['SOAP-ENV:Server', 'SOAP_SERVER', true],
		['soap:VersionMismatch', 'SOAP_VERSION_MISMATCH', false],
		['soap:MustUnderstand', 'SOAP_MUST_UNDERSTAND', false],
		['soap12:Sender', 'SOAP_CLIENT', false],
		['soap12:Receiver', 'SOAP_SERVER', true],
		['env:DataEncodingUnknown', 'SOAP_DATA_ENCODING_UNKNOWN', false],
	])('standard fault %s → %s', (faultcode, code, retryable) => {
		const error = soapFaultError(
			'MobilePronto',
			faultcode,
			'Server was unable to process request.',
			'r',
		);
		expect(error.details).toMatchObject({
			code,
			retryable,
			gateway: 'MobilePronto',
			kind: 'gateway',
		});
		expect(error.message).toMatch(/^MobilePronto returned a SOAP fault: /);
		expect(error.message).toContain('Server was unable to process request.');
	});

	it('unknown fault shows code and string', () => {
		const error = soapFaultError('MobilePronto', 'x:Strange', 'Something odd', '');
		expect(error.details.code).toBe('SOAP_FAULT');
		expect(error.message).toBe('MobilePronto returned SOAP fault x:Strange: Something odd');
		expect(soapFaultError('smSend', '', '', '').message).toBe(
			'smSend returned SOAP fault (no code): (no text)',
		);
	});
});

describe('transportError', () => {
	const codes: Array<Exclude<TransportErrorCode, 'HTTP_STATUS'>> = [
		'TIMEOUT',
		'CONNECTION_REFUSED',
		'CONNECTION_RESET',
		'DNS',
		'HTML_PAGE',
		'EMPTY_BODY',
		'MALFORMED_XML',
		'UNEXPECTED_REPLY',
		'REPLY_TOO_LARGE',
		'REDIRECT',
	];

	it.each(codes)('%s has an English message naming the gateway and an action', (code) => {
		const error = transportError('smSend', code);
		expect(error).toBeInstanceOf(GatewayError);
		expect(error.details.code).toBe(code);
		expect(error.message).toMatch(/^smSend /);
		expect(error.details.description.length).toBeGreaterThan(20);
		expect(['transport', 'reply']).toContain(error.details.kind);
	});

	it('timeouts and resets are retryable with unknown outcome', () => {
		expect(transportError('MobilePronto', 'TIMEOUT').details).toMatchObject({
			retryable: true,
			outcomeUnknown: true,
		});
		expect(transportError('MobilePronto', 'CONNECTION_RESET').details).toMatchObject({
			retryable: true,
			outcomeUnknown: true,
		});
		expect(transportError('MobilePronto', 'CONNECTION_REFUSED').details.outcomeUnknown).toBe(false);
	});

	it('points at the credential base URL', () => {
		expect(transportError('smSend', 'DNS').details.description).toContain(
			'base URL in the credential',
		);
		expect(transportError('smSend', 'HTML_PAGE').details.description).toContain('base URL');
	});

	it('adds the detail to the message and truncates raw', () => {
		const error = transportError('smSend', 'MALFORMED_XML', {
			detail: 'Unclosed tag',
			raw: 'y'.repeat(900),
		});
		expect(error.message).toBe(
			'smSend answered with XML that could not be read (malformed or cut off) (Unclosed tag)',
		);
		expect(error.details.raw?.length).toBeLessThanOrEqual(501);
	});

	it.each([
		[500, true],
		[502, true],
		[503, true],
		[504, true],
		[599, true],
		[429, true],
		[400, false],
		[401, false],
		[403, false],
		[404, false],
		[418, false],
	])('HTTP %i → HTTP_<status>, retryable %p', (status, retryable) => {
		const error = transportError('MobilePronto', 'HTTP_STATUS', { httpCode: status });
		expect(error.details).toMatchObject({
			code: `HTTP_${status}`,
			httpCode: status,
			retryable,
			kind: 'transport',
		});
		expect(error.message).toContain(`HTTP ${status}`);
		expect(error.message).toMatch(/^MobilePronto /);
	});

	it('HTML pages are retryable only with a 5xx status', () => {
		expect(transportError('smSend', 'HTML_PAGE', { httpCode: 200 }).details.retryable).toBe(false);
		expect(transportError('smSend', 'HTML_PAGE', { httpCode: 503 }).details.retryable).toBe(true);
	});
});
