import type { INodeProperties } from 'n8n-workflow';

import { SmSend } from '../../../nodes/SmSend/SmSend.node';
import { SmSendTrigger } from '../../../nodes/SmSend/SmSendTrigger.node';

/** The properties a resource's operation shows, by display name → parameter name. */
function shown(properties: INodeProperties[], resource?: string, operation?: string) {
	return properties
		.filter(
			(property) =>
				resource === undefined ||
				(property.displayOptions?.show?.resource?.includes(resource) &&
					property.displayOptions?.show?.operation?.includes(operation)),
		)
		.map((property) => [property.displayName, property.name]);
}

describe('smSend descriptions', () => {
	const node = new SmSend().description.properties;

	it('keeps the parameter names saved workflows use for the reception number and sharecode', () => {
		expect(shown(node, 'inbox', 'getMessages')).toEqual(
			expect.arrayContaining([
				['Reception Number', 'recipientNumber'],
				['Sharecode', 'sharecode'],
			]),
		);
		for (const operation of ['create', 'revoke']) {
			expect(shown(node, 'reception', operation)).toEqual(
				expect.arrayContaining([
					['Client ID', 'clientId'],
					['Reception Number', 'receptionNumber'],
				]),
			);
		}
		expect(shown(new SmSendTrigger().description.properties)).toEqual(
			expect.arrayContaining([
				['Reception Number', 'recipientNumber'],
				['Sharecode', 'sharecode'],
			]),
		);
	});

	it('gives every send operation dry run, guardrails and the sending options', () => {
		for (const [resource, operation] of [
			['sms', 'send'],
			['mms', 'send'],
		]) {
			const properties = node.filter(
				(property) =>
					property.displayOptions?.show?.resource?.includes(resource) &&
					property.displayOptions?.show?.operation?.includes(operation),
			);
			expect(properties.map((property) => property.name)).toEqual(
				expect.arrayContaining(['dryRun', 'guardrails', 'options']),
			);
			const options = properties.find((property) => property.name === 'options')?.options ?? [];
			expect(options.map((option) => (option as INodeProperties).name)).toEqual(
				expect.arrayContaining([
					'defaultCountry',
					'timeout',
					'concurrency',
					'reuseConnections',
					'messagesPerSecond',
					'duplicateGuard',
					'duplicateKey',
				]),
			);
		}
	});
});
