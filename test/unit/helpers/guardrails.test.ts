import type { IContextObject } from 'n8n-workflow';

import { parseGuardrails } from '../../../nodes/helpers/guardrails';
import { RecipientBudget } from '../../../nodes/helpers/recipientBudget';

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
				'The \'Allowed Number Prefixes\' guardrail has "39", which is not a prefix like +39 or +5511',
		});
		expect(parseGuardrails({ maxRecipients: 1.5 }).ok).toBe(false);
	});

	const rails = { allowedPrefixes: ['+39'], maxRecipients: 2 };

	it('admits recipients within the prefixes up to the maximum, counting only admitted ones', () => {
		const budget = new RecipientBudget({});
		expect(budget.admit(0, ['+393201234567'], rails)).toBeUndefined();
		expect(budget.admit(1, ['+447911123456'], rails)).toMatch(/Allowed Number Prefixes/);
		expect(budget.admit(2, ['+393201234568', '+393201234569'], rails)).toMatch(
			/limit of 2 recipients/,
		);
		expect(budget.admit(3, ['+393201234568'], rails)).toBeUndefined();
		expect(budget.admit(4, ['+393201234569'], rails)).toMatch(/limit of 2 recipients/);
	});

	it('lets everything through when no guardrail is set', () => {
		const budget = new RecipientBudget({});
		const none = { allowedPrefixes: [], maxRecipients: 0 };
		for (let i = 0; i < 1000; i++) expect(budget.admit(i, ['+12025550123'], none)).toBeUndefined();
	});

	it('keeps, across runs of the node, only the recipients whose message went out or may have', () => {
		const store: IContextObject = {};
		const first = new RecipientBudget(store);
		expect(first.admit(0, ['+393200000000'], rails)).toBeUndefined();
		expect(first.admit(1, ['+393200000001'], rails)).toBeUndefined();
		// Item 1 was refused by the gateway: its reservation is given back.
		first.settle((itemIndex) => itemIndex === 0);
		const second = new RecipientBudget(store);
		expect(second.admit(0, ['+393200000002'], rails)).toBeUndefined();
		expect(second.admit(1, ['+393200000003'], rails)).toMatch(/limit of 2 recipients/);
		second.settle(() => true);
		expect(new RecipientBudget(store).admit(0, ['+393200000004'], rails)).toMatch(/limit/);
	});
});
