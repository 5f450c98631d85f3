import type { IExecuteFunctions } from 'n8n-workflow';

import { readCountry, readMobile } from '../../../helpers/itemFields';
import type { PerItem } from '../../../helpers/parameterReader';
import { parameterReader } from '../../../helpers/parameterReader';
import type { NormalizedMobile } from '../../../helpers/phone';

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
