import { GuardrailGate, parseGuardrails } from '../../../nodes/helpers/guardrails';

describe('guardrails', () => {
	it('parses prefixes, tolerating spaces and brackets', () => {
		expect(parseGuardrails({ allowedPrefixes: ' +39, +55 (11) ', maxRecipients: 3 })).toEqual({
			ok: true,
			guardrails: { allowedPrefixes: ['+39', '+5511'], maxRecipients: 3 },
		});
		expect(parseGuardrails(undefined)).toEqual({
			ok: true,
			guardrails: { allowedPrefixes: [], maxRecipients: 0 },
		});
	});

	it('refuses prefixes that are not E.164 and bad maxima', () => {
		expect(parseGuardrails({ allowedPrefixes: '39' })).toEqual({
			ok: false,
			message:
				'Guardrails → Allowed Number Prefixes has "39", which is not a prefix like +39 or +5511',
		});
		expect(parseGuardrails({ maxRecipients: 1.5 }).ok).toBe(false);
	});

	it('admits recipients within the prefixes up to the maximum, counting only admitted ones', () => {
		const gate = new GuardrailGate({ allowedPrefixes: ['+39'], maxRecipients: 2 });
		expect(gate.admit(['+393201234567'])).toBeUndefined();
		expect(gate.admit(['+447911123456'])).toMatch(/Allowed Number Prefixes/);
		expect(gate.admit(['+393201234568', '+393201234569'])).toMatch(/limit of 2 recipients/);
		expect(gate.admit(['+393201234568'])).toBeUndefined();
		expect(gate.admit(['+393201234569'])).toMatch(/limit of 2 recipients/);
	});

	it('lets everything through when no guardrail is set', () => {
		const gate = new GuardrailGate({ allowedPrefixes: [], maxRecipients: 0 });
		for (let i = 0; i < 1000; i++) expect(gate.admit(['+12025550123'])).toBeUndefined();
	});
});
