import fc from 'fast-check';

import { GatewayError } from '../../../nodes/transport/errors';
import { expectOk, parseOkKo } from '../../../nodes/SmSend/transport/okKo';
import { looksLikeHtml } from '../../../nodes/transport/replyText';
import { parseCsvReport, parseTsvReport } from '../../../nodes/SmSend/transport/reports';
import { parseMobileProntoResult } from '../../../nodes/MobilePronto/transport/returnCodes';

function gatewayErrorOf(run: () => unknown): GatewayError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(GatewayError);
		return error as GatewayError;
	}
	throw new Error('expected a GatewayError');
}

const runs = { seed: 42, numRuns: 1000 };

describe('looksLikeHtml', () => {
	it.each([
		'<!DOCTYPE html><html></html>',
		'<!doctype HTML>',
		'\uFEFF  <html lang="en">',
		'<HTML>',
		'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">',
		'<!-- proxy --><html>',
		'<head><title>x</title></head>',
		'<body>Bad gateway</body>',
		'<h1>Server Error</h1>',
	])('%p is HTML', (text) => expect(looksLikeHtml(text)).toBe(true));

	it.each([
		'OK 1',
		'KO <html>',
		'<?xml version="1.0"?><soap:Envelope>',
		'',
		'id,dest',
		'<htmlish>',
	])('%p is not HTML', (text) => expect(looksLikeHtml(text)).toBe(false));
});

describe('parseOkKo', () => {
	it.each([
		['OK 0.0450', '0.0450'],
		['OK', ''],
		['OK HTTP00000000111', 'HTTP00000000111'],
		['OK 4f3a9c0b12', '4f3a9c0b12'],
		['OK 123.4567\r\n', '123.4567'],
		['\uFEFF OK Attivato\n', 'Attivato'],
		['OK 001,002,003', '001,002,003'],
		['OK+0.0450', '0.0450'],
	])('%p → ok %p', (text, value) => {
		expect(parseOkKo(text)).toEqual({ ok: true, value, raw: text });
	});

	it.each([
		['KO Credito insufficiente.', 'Credito insufficiente.'],
		['KO  Credito insufficiente.', 'Credito insufficiente.'],
		['KO Credito insufficiente.\r\n', 'Credito insufficiente.'],
		['KO+Parametro+rcpt+non+valido', 'Parametro rcpt non valido'],
		['KO%20Parametro%20rcpt%20non%20valido.', 'Parametro rcpt non valido.'],
		['KO Username gi%C3%A0 esistente', 'Username già esistente'],
		['KO Il parametro num deve essere %3C%3D 20', 'Il parametro num deve essere <= 20'],
		['KO', ''],
		['KO 100% sbagliato', '100% sbagliato'],
		['KO %ZZ', '%ZZ'],
	])('%p → ko %p', (text, message) => {
		expect(parseOkKo(text)).toEqual({ ok: false, text: message, raw: text });
	});

	it.each([
		['', 'EMPTY_BODY'],
		[' \r\n', 'EMPTY_BODY'],
		['<html><body>Error</body></html>', 'HTML_PAGE'],
		['OKAY', 'UNEXPECTED_REPLY'],
		['KOALA', 'UNEXPECTED_REPLY'],
		['Fatal error: something', 'UNEXPECTED_REPLY'],
		['id,dest,status', 'UNEXPECTED_REPLY'],
	])('%p → %s', (text, code) => {
		const error = gatewayErrorOf(() => parseOkKo(text));
		expect(error.details).toMatchObject({ code, gateway: 'smSend' });
	});

	it('reads a reply of only a byte-order mark as empty, not as unexpected', () => {
		expect(gatewayErrorOf(() => parseOkKo('\uFEFF \r\n')).details).toMatchObject({
			code: 'EMPTY_BODY',
			gateway: 'smSend',
		});
	});

	it('property: any string gives a result or a GatewayError', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ unit: 'binary' }),
					fc
						.tuple(
							fc.constantFrom('OK', 'KO', 'ok', ' KO', 'OK+', 'KO%2'),
							fc.string({ unit: 'binary' }),
						)
						.map(([a, b]) => a + b),
				),
				(text) => {
					try {
						const reply = parseOkKo(text);
						expect(reply.raw).toBe(text);
					} catch (error) {
						expect(error).toBeInstanceOf(GatewayError);
					}
				},
			),
			runs,
		);
	});
});

describe('expectOk', () => {
	it('returns the value', () => {
		expect(expectOk('OK 0.0450\r\n')).toBe('0.0450');
		expect(expectOk('OK')).toBe('');
	});

	it('throws the mapped KO error', () => {
		const error = gatewayErrorOf(() => expectOk('KO  Credito insufficiente.\r\n'));
		expect(error.details).toMatchObject({ kind: 'gateway', gateway: 'smSend', code: 'KO_CREDIT' });
		expect(error.details.raw).toBe('KO  Credito insufficiente.\r\n');
		const param = gatewayErrorOf(() => expectOk('KO+Parametro+rcpt+non+valido'));
		expect(param.details.code).toBe('KO_PARAM_INVALID');
		expect(param.message).toContain("the parameter 'rcpt' is not valid");
	});

	it('throws transport errors for unreadable replies', () => {
		expect(gatewayErrorOf(() => expectOk('')).details.code).toBe('EMPTY_BODY');
	});
});

describe('parseCsvReport', () => {
	it('parses the queue example of the spec', () => {
		const text =
			'id,dest,status,status_text\n9182,+393209999999,100,Queued\n9183,+393339999999,200,Sent\n9184,+393409999999,302,Temporary failure\n';
		expect(parseCsvReport(text)).toEqual({
			columns: ['id', 'dest', 'status', 'status_text'],
			rows: [
				{ id: '9182', dest: '+393209999999', status: '100', status_text: 'Queued' },
				{ id: '9183', dest: '+393339999999', status: '200', status_text: 'Sent' },
				{ id: '9184', dest: '+393409999999', status: '302', status_text: 'Temporary failure' },
			],
		});
	});

	it('tolerates the short rows of the mnc example', () => {
		const text =
			'id,dest,status,netcode,status_text\r\n9186,+393209999999,100,Waiting\r\n9187,+393339999999,200, TIM\r\n9188,+393409999999,300,Unknown subscriber\r\n';
		const report = parseCsvReport(text);
		expect(report.columns).toEqual(['id', 'dest', 'status', 'netcode', 'status_text']);
		expect(report.rows[1]).toEqual({
			id: '9187',
			dest: '+393339999999',
			status: '200',
			netcode: 'TIM',
			status_text: '',
		});
	});

	it('reads columns by name whatever their order, keeps extra fields', () => {
		const report = parseCsvReport(
			' id , timestamp,dest,status,status_text,request_id\n1,2024-01-01 10:00,+39333,200,Delivered,R1,x,y\n',
		);
		expect(report.columns).toEqual([
			'id',
			'timestamp',
			'dest',
			'status',
			'status_text',
			'request_id',
		]);
		expect(report.rows[0]).toMatchObject({
			status: '200',
			request_id: 'R1',
			_extra1: 'x',
			_extra2: 'y',
		});
	});

	it('handles quotes, commas, escaped quotes, newlines in quotes and blank lines', () => {
		const text =
			'id,text\r\n\r\n1,"Hello, ""world"""\r\n2,"line1\nline2"\n\n3,  "spaced"  \n4,"unterminated';
		expect(parseCsvReport(text).rows).toEqual([
			{ id: '1', text: 'Hello, "world"' },
			{ id: '2', text: 'line1\nline2' },
			{ id: '3', text: 'spaced' },
			{ id: '4', text: 'unterminated' },
		]);
	});

	it('names empty and duplicate headers', () => {
		expect(parseCsvReport('a,,a\n1,2,3').rows[0]).toEqual({ a: '1', column2: '2', a_2: '3' });
	});

	it('keeps a __proto__ column as data', () => {
		const row = parseCsvReport('__proto__,b\nx,y').rows[0];
		expect(Object.keys(row)).toEqual(['__proto__', 'b']);
		expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
	});

	it('a header without rows gives no rows; trailing comma adds an empty field', () => {
		expect(parseCsvReport('id,dest\r\n')).toEqual({ columns: ['id', 'dest'], rows: [] });
		expect(parseCsvReport('a,b\n1,').rows).toEqual([{ a: '1', b: '' }]);
	});

	it('a KO body becomes the mapped error', () => {
		const error = gatewayErrorOf(() => parseCsvReport('KO Parametro id non corretto.\r\n'));
		expect(error.details).toMatchObject({ code: 'KO_PARAM_INCORRECT', gateway: 'smSend' });
		expect(gatewayErrorOf(() => parseCsvReport('KO+Accesso+non+consentito.')).details.code).toBe(
			'KO_ACCESS_DENIED',
		);
	});

	it('empty and HTML bodies are transport errors', () => {
		expect(gatewayErrorOf(() => parseCsvReport('')).details.code).toBe('EMPTY_BODY');
		expect(gatewayErrorOf(() => parseCsvReport('<html><body>x</body></html>')).details.code).toBe(
			'HTML_PAGE',
		);
	});

	const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;

	it('property: CSV generated from rows parses back to them', () => {
		const header = fc.uniqueArray(
			fc
				.string({ unit: 'grapheme-ascii', minLength: 1 })
				.map((s) => s.trim())
				.filter((s) => s !== '' && !/^_extra|^column\d/.test(s)),
			{
				minLength: 1,
				maxLength: 6,
			},
		);
		const report = header.chain((columns) =>
			fc.record({
				columns: fc.constant(columns),
				rows: fc.array(
					fc.array(fc.string({ unit: 'binary' }), {
						minLength: columns.length,
						maxLength: columns.length,
					}),
					{ maxLength: 6 },
				),
				eol: fc.constantFrom('\n', '\r\n'),
			}),
		);
		fc.assert(
			fc.property(report, ({ columns, rows, eol }) => {
				const text =
					[columns, ...rows].map((fields) => fields.map(csvField).join(',')).join(eol) + eol;
				const parsed = parseCsvReport(text);
				expect(parsed.columns).toEqual(columns);
				expect(parsed.rows).toEqual(
					rows.map((fields) => Object.fromEntries(columns.map((c, i) => [c, fields[i]]))),
				);
			}),
			runs,
		);
	});

	it('property: any string gives a report or a GatewayError', () => {
		const csvish = fc.string({
			unit: fc.oneof(
				fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', 'KO', 'OK', '\t', '<html>'),
				fc.string({ unit: 'binary', maxLength: 2 }),
			),
		});
		fc.assert(
			fc.property(fc.oneof(csvish, fc.string({ unit: 'binary' })), (text) => {
				try {
					const report = parseCsvReport(text);
					for (const row of report.rows)
						for (const column of report.columns) expect(typeof row[column]).toBe('string');
				} catch (error) {
					expect(error).toBeInstanceOf(GatewayError);
				}
			}),
			runs,
		);
	});
});

describe('parseTsvReport', () => {
	it('parses a userlog report with CRLF rows', () => {
		const text =
			'date\ttype\tu_id\tcredit\r\n2024-01-01 10:00\tcredits\t12\t10.5000\r\n2024-01-02 11:00\trecv_add\t13\r\n';
		expect(parseTsvReport(text)).toEqual({
			columns: ['date', 'type', 'u_id', 'credit'],
			rows: [
				{ date: '2024-01-01 10:00', type: 'credits', u_id: '12', credit: '10.5000' },
				{ date: '2024-01-02 11:00', type: 'recv_add', u_id: '13', credit: '' },
			],
		});
	});

	it('does not treat quotes or commas specially and keeps extra fields', () => {
		expect(parseTsvReport('a\tb\n"x, y"\tz\textra\n').rows).toEqual([
			{ a: '"x, y"', b: 'z', _extra1: 'extra' },
		]);
	});

	it('a KO body becomes the mapped error', () => {
		expect(
			gatewayErrorOf(() => parseTsvReport('KO Parametro type non impostato.')).details,
		).toMatchObject({
			code: 'KO_PARAM_MISSING',
		});
		expect(
			gatewayErrorOf(() => parseTsvReport('KO Username o password errati.\r\n')).details.code,
		).toBe('KO_BAD_LOGIN');
	});

	it('property: TSV generated from rows parses back to them', () => {
		const unit = fc.constantFrom('a', 'b', '"', ',', 'é', '1', '-', ':');
		const value = fc
			.tuple(unit, fc.string({ unit: fc.oneof(unit, fc.constant(' ')) }))
			.map(([first, rest]) => (first + rest).trim());
		const report = fc
			.shuffledSubarray(['date', 'type', 'u_id', 'credit', 'from', 'to', 'note'], {
				minLength: 1,
				maxLength: 5,
			})
			.chain((columns) =>
				fc.record({
					columns: fc.constant(columns),
					rows: fc.array(
						fc.array(value, { minLength: columns.length, maxLength: columns.length }),
						{ maxLength: 6 },
					),
				}),
			);
		fc.assert(
			fc.property(report, ({ columns, rows }) => {
				const text = [columns, ...rows].map((fields) => fields.join('\t')).join('\r\n') + '\r\n';
				const parsed = parseTsvReport(text);
				expect(parsed.columns).toEqual(columns);
				expect(parsed.rows).toEqual(
					rows.map((fields) => Object.fromEntries(columns.map((c, i) => [c, fields[i]]))),
				);
			}),
			runs,
		);
	});

	it('property: any string gives a report or a GatewayError', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				try {
					parseTsvReport(text);
				} catch (error) {
					expect(error).toBeInstanceOf(GatewayError);
				}
			}),
			runs,
		);
	});
});

describe('parseMobileProntoResult', () => {
	it.each([
		['000', { code: '000', raw: '000' }],
		['009', { code: '009', raw: '009' }],
		[' 000\r\n', { code: '000', raw: ' 000\r\n' }],
		[
			'000:MPG000236180474',
			{ code: '000', messageId: 'MPG000236180474', raw: '000:MPG000236180474' },
		],
		['000: MPG1 ', { code: '000', messageId: 'MPG1', raw: '000: MPG1 ' }],
		['000:', { code: '000', raw: '000:' }],
		['000 - Mensagem enviada', { code: '000', raw: '000 - Mensagem enviada' }],
		['850', { code: '850', raw: '850' }],
	])('%p', (text, expected) => {
		expect(parseMobileProntoResult(text)).toEqual(expected);
	});

	it.each(['', '  ', '00', 'abc', '-1', '٠٠٠', 'OK 000'])('%p is unexpected', (text) => {
		expect(gatewayErrorOf(() => parseMobileProntoResult(text)).details).toMatchObject({
			code: 'UNEXPECTED_REPLY',
			gateway: 'MobilePronto',
			kind: 'reply',
		});
	});

	it('property: any string gives a result or a GatewayError', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^\s*\d{3}(:.*)?$/)),
				(text) => {
					try {
						const result = parseMobileProntoResult(text);
						expect(result.code).toMatch(/^\d{3}$/);
					} catch (error) {
						expect(error).toBeInstanceOf(GatewayError);
					}
				},
			),
			runs,
		);
	});

	it('property: code and message id round trip', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^\d{3}$/),
				fc.stringMatching(/^[A-Z0-9]{1,20}$/),
				(code, id) => {
					expect(parseMobileProntoResult(`${code}:${id}`)).toMatchObject({ code, messageId: id });
				},
			),
			runs,
		);
	});
});

describe('report size bounds (a wrong base URL must not make n8n build millions of cells)', () => {
	it('refuses a header wider than any report, quickly and clearly', () => {
		const header = Array.from({ length: 40000 }, () => 'status').join(',');
		expect(() => parseCsvReport(`${header}\n`)).toThrow(/40000 columns; a report has at most 1000/);
		expect(() => parseCsvReport(`id\n${','.repeat(5000)}\n`)).toThrow(/5001 columns/);
	});

	it('refuses more cells than a report can hold, before building them', () => {
		const header = Array.from({ length: 1000 }, (_, i) => `c${i}`).join(',');
		const rows = '\n'.repeat(1).concat(Array.from({ length: 2001 }, () => 'x').join('\n'));
		expect(() => parseCsvReport(`${header}${rows}`)).toThrow(/2001 rows of 1000 columns/);
	});

	it('names repeated columns once each, in one pass', () => {
		const header = ['a', 'a_2', 'a', ...Array.from({ length: 997 }, () => 'a')].join(',');
		const { columns } = parseCsvReport(`${header}\n1\n`);
		expect(columns.slice(0, 4)).toEqual(['a', 'a_2', 'a_3', 'a_4']);
		expect(new Set(columns).size).toBe(1000);
	});
});
