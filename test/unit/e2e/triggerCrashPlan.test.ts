import { crashPlan, killDelayMs, tally, triggerItemIds } from '../../e2e/triggerCrashPlan';

describe('trigger crash test bookkeeping (test/e2e/triggerCrashPlan.ts)', () => {
	it('draws the same plan from the same seed: bursts of at most 100 adding up to the total', () => {
		const plan = crashPlan(3, 1000);
		expect(crashPlan(3, 1000)).toEqual(plan);
		expect(crashPlan(4, 1000)).not.toEqual(plan);
		expect(plan.reduce((sum, cycle) => sum + cycle.burst, 0)).toBe(1000);
		expect(plan.every((cycle) => cycle.burst > 0 && cycle.burst <= 100)).toBe(true);
		for (const cycle of plan) {
			const ms = killDelayMs(cycle);
			const range = {
				none: [0, 0],
				fetching: [0, 2500],
				replied: [0, 150],
				executing: [150, 1500],
				between: [2000, 20000],
				emitting: [0, 60],
			}[cycle.kill];
			expect(ms).toBeGreaterThanOrEqual(range[0]);
			expect(ms).toBeLessThanOrEqual(range[1]);
		}
	});

	it('focuses every kill on the 60 ms after a reply when asked to', () => {
		const plan = crashPlan(3, 1000, true);
		expect(plan.reduce((sum, cycle) => sum + cycle.burst, 0)).toBe(1000);
		expect(plan.length).toBeGreaterThanOrEqual(17);
		expect(new Set(plan.map((cycle) => cycle.kill))).toEqual(new Set(['emitting']));
		expect(Math.max(...plan.map(killDelayMs))).toBeLessThanOrEqual(60);
	});

	it('reads the ids from the trigger output, or from the start data of an execution n8n recovered after a crash', () => {
		const item = (id: number) => ({ json: { id, text: `m${id}` } });
		const finished = {
			resultData: {
				runData: {
					'smSend Trigger': [{ data: { main: [[item(1), item(2)]] } }],
					'Handle SMS': [{ data: { main: [[item(1), item(2)]] } }],
				},
			},
		};
		expect(triggerItemIds(finished, 'smSend Trigger', 'Handle SMS')).toEqual({
			ids: [1, 2],
			handled: [1, 2],
		});
		const crashed = {
			resultData: {
				runData: {
					'smSend Trigger': [
						{ data: { main: [[{ json: { isArtificialRecoveredEventItem: true } }]] } },
					],
				},
			},
			executionData: {
				nodeExecutionStack: [{ node: { name: 'smSend Trigger' }, data: { main: [[item(3)]] } }],
			},
		};
		expect(triggerItemIds(crashed, 'smSend Trigger', 'Handle SMS')).toEqual({
			ids: [3],
			handled: [],
		});
	});

	it('counts lost, duplicated, unhandled and unknown ids', () => {
		const counts = tally(
			[1, 2, 3, 4],
			[
				{ ids: [1, 2], handled: [1, 2] },
				{ ids: [2, 3], handled: [2] },
				{ ids: [9], handled: [9] },
			],
		);
		expect(counts).toEqual({
			emitted: 5,
			lost: [4],
			duplicated: [2],
			unhandled: [3],
			unknown: [9],
		});
	});
});
