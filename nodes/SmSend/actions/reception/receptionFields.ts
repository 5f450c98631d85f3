import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCountry, readMobile } from '../../../helpers/itemFields';
import type { PerItem } from '../../../helpers/parameterReader';
import { parameterReader } from '../../../helpers/parameterReader';
import type { NormalizedMobile } from '../../../helpers/phone';

export const receptionNumberProperty: INodeProperties = {
	displayName: 'Reception Number',
	name: 'receptionNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+393400000000',
	description:
		'Phone number that receives the SMS (dest), international (+393400000000) or national in the default country',
};

export const countryOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Default Country',
			name: 'defaultCountry',
			type: 'string',
			default: 'IT',
			description:
				'Two-letter country code used for a reception number written without a country code',
		},
	],
};

/** Reads each item's Reception Number, normalised to international format (+393400000000). */
export function receptionNumberReader(context: IExecuteFunctions): PerItem<NormalizedMobile> {
	const node = context.getNode();
	const read = parameterReader(context);
	const options = read.collection<{ defaultCountry: string }>('options');
	const receptionNumber = read.value('receptionNumber');
	return (itemIndex) => {
		const country = readCountry(node, options(itemIndex).defaultCountry, 'IT', itemIndex);
		return readMobile(
			node,
			receptionNumber(itemIndex),
			itemIndex,
			'Reception Number',
			country,
			'an international number such as +393400000000',
		);
	};
}
