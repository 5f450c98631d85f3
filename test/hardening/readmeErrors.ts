import {
	HTTP_STATUS_ERRORS,
	httpStatusFailure,
	TRANSPORT_ERRORS,
} from '../../nodes/transport/errors';
import { mayHaveBeenSent } from '../../nodes/transport/outcome';
import {
	MOBILEPRONTO_CODE_RANGES,
	MOBILEPRONTO_RETURN_CODES,
} from '../../nodes/MobilePronto/transport/returnCodes';
import {
	SMSEND_KO_MESSAGES,
	SMSEND_PARAMETER_HINTS,
} from '../../nodes/SmSend/transport/koMessages';
import { SMSEND_SOAP_FAULTS } from '../../nodes/SmSend/transport/soapFaults';
import { STANDARD_SOAP_FAULTS } from '../../nodes/transport/soapFaults';

/**
 * The README's "Errors and what to do" section, rendered from the error tables the nodes use, so
 * every code a user can see is documented with the same words the node shows.
 * `readme.hardening.ts` fails when README.md differs; to refresh the README after changing a table:
 * `UPDATE_README=1 npm run test:hardening -- readme`.
 */
export const START =
	'<!-- errors-table:start (generated from nodes/transport/errors.ts by test/hardening/readmeErrors.ts) -->';
export const END = '<!-- errors-table:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const retry = (retryable: boolean) => (retryable ? 'yes' : 'no');
const placeholders = (text: string) =>
	text.replace(/\{p\}/g, '`<parameter>`').replace(/\{n\}/g, '`<n>`');

function table(header: string[], rows: string[][]): string {
	return [
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
	].join('\n');
}

/** One example of the Italian text each KO entry matches, for readers searching the README for it. */
const KO_EXAMPLES: Record<string, string> = {
	KO_USER_NOT_ENABLED: 'KO Accesso non consentito (utente non abilitato).',
	KO_IP_NOT_ENABLED: 'KO Accesso non consentito (IP non abilitato).',
	KO_ACCESS_DENIED: 'KO Accesso non consentito.',
	KO_BAD_LOGIN: 'KO Username o password errati.',
	KO_PARAMS_INVALID: 'KO Parametri non corretti.',
	KO_PARAM_MISSING: 'KO Parametro <parameter> non impostato.',
	KO_PARAM_INVALID: 'KO Parametro <parameter> non valido.',
	KO_PARAM_INCORRECT: 'KO Parametro <parameter> non corretto.',
	KO_PARAM_TOO_LONG: 'KO Il parametro <parameter> può contenere al massimo <n> caratteri.',
	KO_PARAM_TOO_MANY_NUMBERS: 'KO Il parametro <parameter> può contenere al massimo <n> numeri.',
	KO_NUM_TOO_HIGH: 'KO Il parametro num deve essere <= <n>.',
	KO_CANNOT_CREATE_RESELLER: 'KO Impossibile creare un rivenditore.',
	KO_PROFILE_INVALID: 'KO Profilo non corretto.',
	KO_USERNAME_EXISTS: 'KO Username già esistente.',
	KO_CREATION_FAILED: 'KO Errore nella creazione.',
	KO_USER_NOT_FOUND: 'KO Utente non trovato.',
	KO_RATE_INVALID: 'KO Tariffa non corretta.',
	KO_RECEIVING_NUMBER_INVALID: 'KO Numero di ricezione non corretto.',
	KO_SHARECODE_NOT_ASSOCIATED: 'KO Sharecode non associato all’utente specificato.',
	KO_UNKNOWN_OPERATOR: 'KO Operatore sconosciuto.',
	KO_CREDIT: 'KO Credito insufficiente.',
	KO_QUEUE_FAILED: 'KO Impossibile accodare il/i messaggio/i.',
	KO_REQUEST_QUEUE_FAILED: 'KO Impossibile accodare la/e richiesta/e.',
	KO_INTERNAL_ERROR: 'KO Errore interno.',
};

/** Every code the tables can produce, for the summary and for the completeness check. */
export function documentedCodes(): string[] {
	return [
		...Object.keys(MOBILEPRONTO_RETURN_CODES),
		...MOBILEPRONTO_CODE_RANGES.map((r) =>
			r.from === r.to ? String(r.from) : `${r.from}–${r.to}`,
		),
		...SMSEND_KO_MESSAGES.map((e) => e.id),
		'KO_UNKNOWN',
		...Object.keys(SMSEND_SOAP_FAULTS).map((code) => `KO ${code}`),
		...new Set(Object.values(STANDARD_SOAP_FAULTS).map((f) => f.id)),
		'SOAP_FAULT',
		...Object.keys(TRANSPORT_ERRORS),
		...Object.keys(HTTP_STATUS_ERRORS).map((status) => `HTTP_${status}`),
	];
}

export function renderErrorsSection(): string {
	const mobilePronto = table(
		['Code', 'Meaning', 'What to do', 'Retry later helps'],
		[
			...Object.entries(MOBILEPRONTO_RETURN_CODES)
				.filter(([code]) => code !== '000')
				.map(([code, e]) => [`\`${code}\``, e.meaning, e.action, retry(e.retryable)]),
			...MOBILEPRONTO_CODE_RANGES.map((r) => [
				`\`${r.from === r.to ? r.from : `${r.from}–${r.to}`}\``,
				r.meaning,
				r.action,
				retry(r.retryable),
			]),
			[
				'any other',
				'unknown return code',
				'Contact MobilePronto support and quote the return code.',
				'no',
			],
		],
	);
	const ko = table(
		['Code', 'Gateway reply', 'Meaning', 'What to do', 'Retry later helps'],
		[
			...SMSEND_KO_MESSAGES.map((e) => [
				`\`${e.id}\``,
				`\`${KO_EXAMPLES[e.id] ?? e.pattern.source}\``,
				placeholders(e.meaning),
				placeholders(e.action),
				retry(e.retryable),
			]),
			[
				'`KO_UNKNOWN`',
				'any other `KO …`',
				"unrecognised error '`<text>`'",
				'Check the request values; if the error persists, contact smSend support and quote the error text.',
				'no',
			],
		],
	);
	const hints = table(
		['Parameter', 'Hint added to its errors'],
		Object.entries(SMSEND_PARAMETER_HINTS).map(([name, hint]) => [`\`${name}\``, hint]),
	);
	const standard = [...new Map(Object.values(STANDARD_SOAP_FAULTS).map((f) => [f.id, f])).values()];
	const faults = table(
		['Code', 'Meaning', 'What to do', 'Retry later helps'],
		[
			...Object.entries(SMSEND_SOAP_FAULTS).map(([code, e]) => [
				`\`KO ${code}\``,
				e.meaning,
				e.action,
				retry(e.retryable),
			]),
			[
				'`KO nnn` (other)',
				'unknown fault, shown with its text',
				'Contact the gateway support and quote the fault code and text.',
				'no',
			],
			...standard.map((f) => [`\`${f.id}\``, f.meaning, f.action, retry(f.retryable)]),
			[
				'`SOAP_FAULT`',
				'any other SOAP fault, shown with its code and text',
				'Check the request values; if the fault persists, contact the gateway support and quote it.',
				'no',
			],
		],
	);
	const transport = table(
		[
			'Code',
			'Message (after the gateway name)',
			'What to do',
			'Retry later helps',
			'May have been sent',
		],
		[
			...Object.entries(TRANSPORT_ERRORS).map(([code, e]) => [
				`\`${code}\``,
				e.what,
				e.action,
				code === 'HTML_PAGE' ? 'with HTTP 5xx/429' : retry(e.retryable),
				mayHaveBeenSent(e.failure) ? '**yes**' : 'no',
			]),
			...Object.entries(HTTP_STATUS_ERRORS).map(([status, e]) => [
				`\`HTTP_${status}\``,
				`${e.what} (HTTP ${status})`,
				e.action,
				retry(Number(status) >= 500 || Number(status) === 429),
				mayHaveBeenSent(httpStatusFailure(Number(status))) ? '**yes**' : 'no',
			]),
			[
				'`HTTP_<status>` (other)',
				'the nearest of the above: other 5xx as 500, other 4xx as 400',
				'As for that status.',
				'5xx: yes',
				'5xx: **yes**',
			],
		],
	);
	return [
		START,
		'',
		"Every failure names the gateway, what happened, the code and what to do; the gateway's original text",
		"(with any credential value blanked out) is kept in the error's description. With **Settings → On Error →",
		'Continue** the node outputs, for a failed item,',
		'',
		'```json',
		'{ "error": "MobilePronto refused the request: mobile number is on the black list (code 018) [item 0]",',
		'  "details": { "gateway": "MobilePronto", "code": "018", "kind": "gateway", "retryable": false,',
		'               "outcomeUnknown": false, "raw": "018", "description": "…", "itemIndex": 0 } }',
		'```',
		'',
		'and goes on with the next item; the error output ("Continue (using error output)") receives the same items on n8n 2.x',
		'(n8n 1.x keeps them on the regular output: branch on `{{ $json.error }}`, see [Never twice](#never-twice)).',
		'`details.code` is one of the codes below. **Retry later helps**: the failure is transient (`details.retryable`);',
		'reads (balance, credit, reports, inbox) are repeated automatically up to three times, sends never are.',
		'**May have been sent** (`details.outcomeUnknown: true`): the request may have reached the gateway, so check',
		'its report before sending the message again.',
		'',
		'Errors found before any request (invalid numbers, empty or too long texts, bad sender, media type or size,',
		'guardrails) name the field and the item, as n8n does, e.g. `Invalid \'Mobile\': The mobile number "12ab" is',
		'not a valid number for its country (read as +5512) [item 3]`, and nothing is sent for that item.',
		'',
		'#### MobilePronto return codes',
		'',
		mobilePronto,
		'',
		'#### smSend `KO` replies (HTTP API)',
		'',
		ko,
		'',
		'Errors about a parameter add what that parameter must look like:',
		'',
		hints,
		'',
		'#### SOAP faults (MobilePronto; smSend `sendMms` and `receiveSms`)',
		'',
		faults,
		'',
		'#### Transport and reply errors (both gateways)',
		'',
		transport,
		'',
		END,
	].join('\n');
}
