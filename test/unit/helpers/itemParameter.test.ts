import type { IExecuteFunctions } from 'n8n-workflow';

import { itemParameter } from '../../../nodes/helpers/itemParameter';

function context(parameters: Record<string, unknown>, items: Array<Record<string, unknown>> = []) {
	const calls: Array<[string, number]> = [];
	const ctx = {
		getNode: () => ({ parameters }),
		getInputData: () => items.map((json) => ({ json })),
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
		const { ctx, calls } = context({
			recipient: '={{ $json.phone.trim() }}',
			options: { duplicateKey: '={{ $json.id }}' },
		});
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

describe('itemParameter with field references', () => {
	it('reads a single reference to a string field from the item, and asks n8n for anything else', () => {
		const items = [{ phone: '+393201111111' }, { phone: 3932022 }, {}, { phone: '+393203333333' }];
		const { ctx, calls } = context({ recipient: '={{ $json.phone }}' }, items);
		const recipient = itemParameter(ctx, 'recipient', '');
		expect([0, 1, 2, 3].map(recipient)).toEqual([
			'+393201111111',
			'={{ $json.phone }}#1',
			'={{ $json.phone }}#2',
			'+393203333333',
		]);
		expect(calls).toEqual([
			['recipient', 1],
			['recipient', 2],
		]);
	});

	it('fills a template from the items and asks n8n only for the items it cannot resolve', () => {
		const items = [
			{ name: 'Ana', order: 17 },
			{ name: 'Bo', order: { id: 1 } },
			{ order: null },
			{ name: 'Cy', order: true },
		];
		const { ctx, calls } = context(
			{ message: '=Ciao {{ $json.name }} ({{ $json["order"] }})' },
			items,
		);
		const message = itemParameter(ctx, 'message', '');
		expect([0, 1, 2, 3].map(message)).toEqual([
			'Ciao Ana (17)',
			'=Ciao {{ $json.name }} ({{ $json["order"] }})#1',
			'Ciao  ()',
			'Ciao Cy (true)',
		]);
		expect(calls).toEqual([['message', 1]]);
	});

	it.each(['={{ $json.caller }}', '=Hi {{ $json.arguments }}', '={{ $json.phone.trim() }}'])(
		'leaves %s to n8n for every item',
		(expression) => {
			const { ctx, calls } = context({ recipient: expression }, [
				{ caller: 'x', arguments: 'y', phone: 'z' },
			]);
			expect(itemParameter(ctx, 'recipient', '')(0)).toBe(`${expression}#0`);
			expect(calls).toEqual([['recipient', 0]]);
		},
	);
});
