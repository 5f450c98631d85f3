import { describeReport, statusMeaning } from '../../../nodes/SmSend/transport/batchStatus';
import { parseCsvReport } from '../../../nodes/SmSend/transport/reports';

describe('status report', () => {
	it('reads the documented queue, notify and mnc examples into words', () => {
		const queue = describeReport(
			'queue',
			parseCsvReport(
				'id,dest,status,status_text\n9182,+393209999999,100,Queued\n9183,+393339999999,200,Sent\n9184,+393409999999,302,Temporary failure\n',
			),
		);
		expect(queue.map((row) => [row.statusWord, row.final])).toEqual([
			['queued', false],
			['sent', true],
			['temporaryFailure', true],
		]);
		const mnc = describeReport(
			'mnc',
			parseCsvReport(
				'id,dest,status,netcode,status_text\n9186,+393209999999,100,Waiting\n9187,+393339999999,200, TIM\n',
			),
		);
		expect(mnc[0]).toMatchObject({ id: '9186', statusWord: 'waiting', final: false });
		expect(mnc[1]).toMatchObject({ statusWord: 'found', final: true });
	});

	it('keeps whatever columns a deployment returns', () => {
		const rows = describeReport(
			'notify',
			parseCsvReport(
				'id,timestamp,dest,status,status_text,request_id\n1,2026-01-01 10:00:00,+39320,200,Delivered,HTTP1\n',
			),
		);
		expect(rows[0]).toEqual({
			id: '1',
			timestamp: '2026-01-01 10:00:00',
			dest: '+39320',
			status: '200',
			status_text: 'Delivered',
			request_id: 'HTTP1',
			statusWord: 'delivered',
			final: true,
		});
	});

	it('falls back to the code class, and to unknown', () => {
		expect(statusMeaning('notify', '201')).toEqual({ word: 'delivered', final: true });
		expect(statusMeaning('queue', '399')).toEqual({ word: 'failed', final: true });
		expect(statusMeaning('queue', 'x')).toEqual({ word: 'unknown', final: false });
	});
});
