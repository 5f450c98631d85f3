import type { IExecuteFunctions } from 'n8n-workflow';

import { itemParameter } from '../../../nodes/helpers/itemParameter';

function context(parameters: Record<string, unknown>) {
	const calls: Array<[string, number]> = [];
	const ctx = {
		getNode: () => ({ parameters }),
		getNodeParameter: (name: string, itemIndex: number) => {
			calls.push([name, itemIndex]);
			return `${String(parameters[name])}#${itemIndex}`;
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('itemParameter', () => {
	it('resolves a parameter without expressions once, for every item', () => {
		const { ctx, calls } = context({ sender: 'MyShop', options: { timeout: 1000 } });
		const sender = itemParameter(ctx, 'sender', '');
		expect([0, 1, 2].map(sender)).toEqual(['MyShop#0', 'MyShop#0', 'MyShop#0']);
		itemParameter(ctx, 'options', {});
		expect(calls).toEqual([
			['sender', 0],
			['options', 0],
		]);
	});

	it('resolves an expression, even one nested in a collection, per item', () => {
		const { ctx, calls } = context({ recipient: '={{ $json.phone }}', options: { duplicateKey: '={{ $json.id }}' } });
		const recipient = itemParameter(ctx, 'recipient', '');
		const options = itemParameter(ctx, 'options', {});
		recipient(0);
		recipient(1);
		options(1);
		expect(calls).toEqual([
			['recipient', 0],
			['recipient', 1],
			['options', 1],
		]);
	});
});
