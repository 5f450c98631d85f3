import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { templateCase } from '../helpers/templateArbitraries';
import { runNode } from '../helpers/workflowRunner';

/**
 * The send operations resolve `={{ $json.field }}` and templates such as `=Ciao {{ $json.name }}`
 * from the item instead of asking n8n's expression engine. Through n8n-core, a dry run must give
 * exactly what the same mapping gives when n8n evaluates it (wrapping each reference in
 * parentheses keeps the expression out of the fast path), whatever the items hold. (The same
 * comparison for every expression engine is in fieldTemplate.workflow.test.ts.)
 */
describe('field references and templates give what n8n evaluates', () => {
	const dryRun = async (recipient: string, message: string, items: IDataObject[]) =>
		(
			await runNode({
				type: 'smSend',
				parameters: {
					resource: 'sms',
					operation: 'send',
					recipient,
					sender: 'Shop',
					message,
					dryRun: true,
					options: {},
				},
				credentials: {},
				items,
				continueOnFail: true,
			})
		).items.map((item) => item.json);

	const value = fc.oneof(
		fc.string(),
		fc.constantFrom(
			'+393201234567',
			' 320 123 4567 ',
			'={{ 1 + 1 }}',
			'{{ $json.x }}',
			'',
			'+39 320 ✓',
		),
		fc.integer(),
		fc.constant(null),
		fc.array(fc.string(), { maxLength: 2 }),
	);

	it('for generated items (property, through n8n-core)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({ phone: value, body: fc.record({ text: value }) }, { requiredKeys: [] }),
					{
						minLength: 1,
						maxLength: 8,
					},
				),
				async (items) => {
					const shortcut = await dryRun('={{ $json.phone }}', '={{ $json["body"].text }}', items);
					const evaluated = await dryRun(
						'={{ ($json.phone) }}',
						'={{ ($json["body"].text) }}',
						items,
					);
					expect(shortcut).toEqual(evaluated);
				},
			),
			{ numRuns: 40 },
		);
	});

	it('for generated message templates and items (property, through n8n-core)', async () => {
		await fc.assert(
			fc.asyncProperty(templateCase, async ({ expression, evaluated, items }) => {
				const recipient = '+393201234567';
				const fast = await dryRun(recipient, expression, items as IDataObject[]);
				const byN8n = await dryRun(recipient, evaluated, items as IDataObject[]);
				expect(fast).toEqual(byN8n);
			}),
			{ numRuns: 60 },
		);
	});
});
