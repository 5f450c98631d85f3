import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterReader } from '../../../nodes/helpers/parameterReader';

/** A node whose parameters n8n would resolve to `resolved[name]` (per item, if a function). */
function context(
	parameters: Record<string, unknown>,
	resolved: Record<string, unknown | ((itemIndex: number) => unknown)>,
	items: Array<Record<string, unknown>> = [{}, {}],
) {
	const calls: Array<[string, number]> = [];
	const ctx = {
		getNode: () => ({ name: 'smSend', parameters }),
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => {
			calls.push([name, itemIndex]);
			const value = resolved[name];
			if (value === undefined) return fallback;
			return typeof value === 'function' ? value(itemIndex) : value;
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('parameterReader', () => {
	it('text: reads text and digits, refusing anything else with the field and an example', () => {
		const { ctx } = context(
			{ sender: '={{ $json.sender }}' },
			{ sender: (i: number) => [7, { x: 1 }][i] },
		);
		const sender = parameterReader(ctx).text('sender', 'Sender', 'MyShop');
		expect(sender(0)).toBe('7');
		let error: unknown;
		try {
			sender(1);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe("The 'Sender' is not text [item 1]");
		expect((error as NodeOperationError).description).toBe(
			'It resolved to a value of type object. Map a single text value, e.g. MyShop.',
		);
	});

	it('resolves a parameter without expressions once, and a plain field straight from the item', () => {
		const { ctx, calls } = context(
			{ quality: 'n', options: { timeout: 5000 }, recipient: '={{ $json.phone }}' },
			{ quality: 'n', options: { timeout: 5000 } },
			[{ phone: '+393201234567' }, { phone: '+393331234567' }],
		);
		const read = parameterReader(ctx);
		const quality = read.choice<'h' | 'n'>('quality', 'h');
		const options = read.collection<{ timeout: number }>('options');
		const recipient = read.text('recipient', 'Recipient', '{{ $json.phone }}');
		expect([quality(0), quality(1)]).toEqual(['n', 'n']);
		expect(options(1)).toEqual({ timeout: 5000 });
		expect([recipient(0), recipient(1)]).toEqual(['+393201234567', '+393331234567']);
		expect(calls).toEqual([
			['quality', 0],
			['options', 0],
		]);
	});

	it('gives each reader its fallback when n8n has no value, and evaluates expressions per item', () => {
		const { ctx, calls } = context(
			{ waitTimeout: '={{ $json.seconds * 2 }}' },
			{ waitTimeout: (i: number) => 10 * (i + 1) },
		);
		const read = parameterReader(ctx);
		expect(read.boolean('waitForFinal', true)(1)).toBe(true);
		expect(read.number('waitTimeout', 120)(1)).toBe(20);
		expect(read.collection('filters')(0)).toEqual({});
		expect(read.value('clientId')(0)).toBe('');
		expect(calls).toContainEqual(['waitTimeout', 1]);
	});
});
