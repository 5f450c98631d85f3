import { createHash } from 'node:crypto';

import { mmsTicket } from '../../../nodes/SmSend/transport/requests';
import { parseAmount } from '../../../nodes/SmSend/transport/okKo';
import { GatewayError } from '../../../nodes/transport/errors';

describe('smSend transport helpers', () => {
	it('computes the sendMms ticket as md5(id + rcpt + subject + text + password) in lowercase hex', () => {
		const expected = createHash('md5')
			.update("C00000_001+393477005440OggettoTesto dell'MMSpassword")
			.digest('hex');
		expect(mmsTicket('C00000_001', '+393477005440', 'Oggetto', "Testo dell'MMS", 'password')).toBe(
			expected,
		);
		expect(expected).toMatch(/^[0-9a-f]{32}$/);
	});

	it('reads amounts with a dot or a comma, and refuses anything else', () => {
		expect(parseAmount('12.3456', 'x')).toBe(12.3456);
		expect(parseAmount('12,3456', 'x')).toBe(12.3456);
		expect(() => parseAmount('abc', 'The credit')).toThrow(GatewayError);
		expect(() => parseAmount('', 'The credit')).toThrow(GatewayError);
	});
});
