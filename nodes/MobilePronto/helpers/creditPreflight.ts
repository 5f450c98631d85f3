import type { CreditPreflight } from '../../helpers/creditPreflight';
import { formatCount } from '../../helpers/creditPreflight';
import type { MobileProntoClient } from '../transport/client';
import { DEFAULT_TIMEOUT_MS } from '../transport/client';

/**
 * MobilePronto's credit pre-flight over MPG_Credits. The reference document (v_2_00) does not
 * describe MPG_Credits; public help pages give its result as the account's balance of SMS
 * credits, and return code 009 ("Account without funds") is answered per SMS. The node counts
 * one credit per SMS part (a UCS-2 text over 70 characters counts its parts), the cautious
 * reading where the document is silent on how such texts are charged.
 */
export const mobileProntoCreditPreflight: CreditPreflight<MobileProntoClient> = {
	assess: async (client, need) => {
		const { balance } = await client.credits({ timeoutMs: DEFAULT_TIMEOUT_MS });
		return {
			enough: need.parts <= balance,
			needed: need.parts,
			left: balance,
			unit: 'credits (one per SMS part)',
			statement: `this run needs ${formatCount(need.parts)} credits (${formatCount(need.messages)} SMS, ${formatCount(need.parts)} parts); the account has ${formatCount(balance)} left`,
		};
	},
};
