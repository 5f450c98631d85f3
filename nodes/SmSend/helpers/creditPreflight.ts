import type { CreditAssessment, CreditNeed, CreditPreflight } from '../../helpers/creditPreflight';
import { formatCount } from '../../helpers/creditPreflight';
import type { SmSendClient, SmSendQuality } from '../transport/client';
import { QUALITY_NAMES } from './messageType';

/** "High" of "High (h)": the messages read "12,400 SMS parts at High quality". */
const nameOf = (quality: SmSendQuality) => QUALITY_NAMES[quality].replace(/ \(.*\)$/, '');
const unitOf = (quality: SmSendQuality) => `SMS parts at ${nameOf(quality)} quality`;
const euro = (amount: number) => `€${amount.toFixed(2)}`;

/**
 * smSend's credit pre-flight. credit.php answers, per quality, how many SMS the account's credit
 * buys (type h, n, a, l, ll), or the credit itself in euro (type credit); the document does not
 * say how a long message is charged, so each of its parts counts as one SMS (as send.php's
 * MULTITEXT/MULTIUCS2 are billed per part by resellers of the same platform).
 *
 * One quality: its SMS count against the parts. Several qualities draw on the same euro credit,
 * so each quality's price is taken as euro ÷ SMS left in it, and the run's cost in euro is set
 * against the credit (a quality alone it cannot cover is refused in its own count first).
 */
export const smSendCreditPreflight: CreditPreflight<SmSendClient> = {
	assess: async (client, need) => {
		const pools = [...need.partsByPool] as Array<[SmSendQuality, number]>;
		const left = new Map<SmSendQuality, number>();
		for (const [quality] of pools) left.set(quality, (await client.credit(quality)).amount);
		for (const [quality, parts] of pools) {
			const available = left.get(quality) ?? 0;
			if (pools.length === 1 || parts > available)
				return inQuality(need, quality, parts, available, pools.length === 1);
		}
		const credit = (await client.credit('credit')).amount;
		const needed = pools.reduce(
			(sum, [quality, parts]) =>
				parts === 0 ? sum : sum + (parts * credit) / (left.get(quality) as number),
			0,
		);
		const split = pools
			.map(([quality, parts]) => `${formatCount(parts)} at ${nameOf(quality)}`)
			.join(', ');
		// Rounded to the cent the gateway's count implies; a run that uses it all is still covered.
		const rounded = Math.round(needed * 100) / 100;
		return {
			enough: rounded <= credit,
			needed: rounded,
			left: credit,
			unit: 'euro',
			statement: `this run needs about ${euro(rounded)} of credit (SMS parts: ${split}); the account has ${euro(credit)} left`,
		};
	},
};

function inQuality(
	need: CreditNeed,
	quality: SmSendQuality,
	parts: number,
	left: number,
	whole: boolean,
): CreditAssessment {
	const scope = whole
		? 'this run needs'
		: `of ${formatCount(need.parts)} SMS parts, this run needs`;
	return {
		enough: parts <= left,
		needed: parts,
		left,
		unit: unitOf(quality),
		statement: `${scope} ${formatCount(parts)} ${unitOf(quality)}; the account has ${formatCount(left)} left`,
	};
}
