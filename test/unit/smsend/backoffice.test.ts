import type { INode } from 'n8n-workflow';

import { typedRows } from '../../../nodes/SmSend/actions/backofficeLog/reportValues';
import {
	readCreditAmount,
	readOptionalId,
	readPositiveId,
	readWholeNumberInRange,
} from '../../../nodes/SmSend/helpers/backofficeFields';
import { parseReplyId } from '../../../nodes/SmSend/transport/okKo';
import { GatewayError } from '../../../nodes/transport/errors';
import { parseTsvReport } from '../../../nodes/SmSend/transport/reports';

const node: INode = {
	id: 'n',
	name: 'smSend',
	type: 'n8n-nodes-mobilepronto-smsend.smSend',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('back-office field readers', () => {
	it.each([
		['12.3456', '12.3456'],
		['12,3456', '12.3456'],
		[' 007.5 ', '7.5'],
		['0.0001', '0.0001'],
		[12.3456, '12.3456'],
		[5, '5'],
	])('accepts the credit %j as %s', (value, sent) => {
		expect(readCreditAmount(node, value, 0, 'Credit (Euro)')).toBe(sent);
	});

	it.each([
		['0', /is not more than zero/],
		['0.0000', /is not more than zero/],
		['1.23456', /has 5 decimals; smSend takes at most 4/],
		[1e-7, /is not a positive amount/],
		['-1', /is not a positive amount/],
		['1.000.000', /is not a positive amount/],
		['', /is empty/],
		[Number.NaN, /is not a number/],
		[null, /resolved to null/],
	])('refuses the credit %j', (value, message) => {
		expect(() => readCreditAmount(node, value, 3, 'Credit (Euro)')).toThrow(message);
	});

	it('reads ids from numbers and digits only', () => {
		expect(readPositiveId(node, 1001, 0, 'Client ID', '')).toBe(1001);
		expect(readPositiveId(node, ' 1001 ', 0, 'Client ID', '')).toBe(1001);
		expect(() => readPositiveId(node, 0, 0, 'Client ID', '')).toThrow(
			"Invalid 'Client ID': 0 is not a positive whole number [item 0]",
		);
		expect(() => readPositiveId(node, '1e3', 0, 'Client ID', '')).toThrow(
			'"1e3" is not a positive whole number',
		);
		expect(() => readPositiveId(node, '99999999999999999999', 0, 'Client ID', '')).toThrow(
			'is not a positive whole number',
		);
		expect(() => readPositiveId(node, [1], 0, 'Client ID', '')).toThrow('it resolved to a list');
		expect(readOptionalId(node, '', 0, 'Client ID', '')).toBeUndefined();
		expect(readOptionalId(node, undefined, 0, 'Client ID', '')).toBeUndefined();
	});

	it('bounds whole numbers', () => {
		expect(readWholeNumberInRange(node, '20', 0, 'Number of Sharecodes', 1, 20)).toBe(20);
		expect(() => readWholeNumberInRange(node, 2.5, 0, 'Number of Sharecodes', 1, 20)).toThrow(
			'2.5 is outside 1–20',
		);
	});

	it('reads numeric reply ids and refuses anything else as an unexpected reply', () => {
		expect(parseReplyId(' 1001 ', 'OK 1001', 'id')).toBe(1001);
		expect(() => parseReplyId('abc', 'OK abc', 'The new client id')).toThrow(GatewayError);
		expect(() => parseReplyId('', 'OK', 'The new client id')).toThrow(/not a numeric id/);
	});
});

describe('back-office log value typing', () => {
	const report = (text: string) => parseTsvReport(text);

	it('types id columns and, in credits reports, amount columns whole or not at all', () => {
		const rows = typedRows(
			report(
				'date\tu_id\ttype\tvalue\tnote\r\n2025-01-02 10:00:00\t1001\tcredits\t12.3456\tbill_id=1\r\n2025-01-03 10:00:00\t1002\tcredits\t5,5\tx\r\n',
			),
			'credits',
		);
		expect(rows).toEqual([
			{
				date: '2025-01-02 10:00:00',
				u_id: 1001,
				type: 'credits',
				value: 12.3456,
				note: 'bill_id=1',
			},
			{ date: '2025-01-03 10:00:00', u_id: 1002, type: 'credits', value: 5.5, note: 'x' },
		]);
	});

	it('keeps phone numbers, share codes and odd columns as text', () => {
		const rows = typedRows(
			report(
				'date\tu_id\ttype\tvalue\tnote\r\n2025-01-02\t1001\trecv_add\t393400000000\t001\r\n2025-01-02\tn/a\trecv_add\t+393400000001\t002\r\n',
			),
			'recv_add',
		);
		expect(rows[0]).toEqual({
			date: '2025-01-02',
			u_id: '1001',
			type: 'recv_add',
			value: '393400000000',
			note: '001',
		});
		expect(rows[1].u_id).toBe('n/a');
	});

	it('keeps ids with leading zeros and short rows as text', () => {
		const rows = typedRows(report('id\tcreditId\tvalue\r\n007\t12\r\n'), 'credits');
		expect(rows).toEqual([{ id: '007', creditId: 12, value: '' }]);
	});

	it('gives no rows for a header-only report', () => {
		expect(typedRows(report('date\tu_id\ttype\tvalue\tnote\r\n'), 'credits')).toEqual([]);
	});
});
