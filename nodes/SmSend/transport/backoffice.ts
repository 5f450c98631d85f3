import { transportError } from '../../transport/errors';
import { parseAmount, parseReplyId } from './okKo';
import type { TabularReport } from './reports';
import type { FormFields, SmSendRequests } from './requests';

/** Timeout of every back-office request. */
export const BACKOFFICE_TIMEOUT_MS = 30000;

export interface NewClient {
	name: string;
	username: string;
	password: string;
	/** 1: the new account is a reseller. smSend creates a reseller when this is left out. */
	reseller: 0 | 1;
	email?: string;
	/** tpl_id */
	profileId?: number;
	contact?: string;
	/** ref_id */
	reference?: string;
	/** The new reseller's own domain. */
	vhost?: string;
}

export interface CreditToAdd {
	clientId: number;
	/** bill_id */
	tariffId: number;
	/** Euro with at most 4 decimals and a point, e.g. '12.3456'; unset: the tariff as it is. */
	credit?: string;
}

export interface ReceptionRequest {
	clientId: number;
	/** International format, e.g. +393400000000 (dest). */
	receptionNumber: string;
}

export type UserLogType = 'credits' | 'recv_add' | 'recv_del';

export interface UserLogQuery {
	type: UserLogType;
	clientId?: number;
	/** YYYY-MM-DD */
	from?: string;
	/** YYYY-MM-DD, included */
	to?: string;
}

/** The reseller back office (/backoffice/*.php), authenticated with smsusername/smspassword. */
export interface BackofficeClient {
	createClient(client: NewClient): Promise<{ clientId: number; raw: string }>;
	/** `active`: what smSend reports it did ('OK Attivato' / 'OK Disattivato'), else what was asked. */
	setClientStatus(
		clientId: number,
		active: boolean,
	): Promise<{ active: boolean; status: string; raw: string }>;
	clientCredit(clientId: number): Promise<{ creditEuro: number; raw: string }>;
	addCredit(credit: CreditToAdd): Promise<{ creditOperationId: number; raw: string }>;
	createReception(
		reception: ReceptionRequest & { count: number },
	): Promise<{ sharecodes: string[]; raw: string }>;
	revokeReception(reception: ReceptionRequest & { sharecode: string }): Promise<{ raw: string }>;
	userLog(query: UserLogQuery): Promise<TabularReport>;
}

export function backofficeClient(requests: SmSendRequests): BackofficeClient {
	const post = async (path: string, fields: FormFields, extraSecrets?: string[]) =>
		await requests.postOk(path, 'reseller', fields, BACKOFFICE_TIMEOUT_MS, extraSecrets);

	return {
		createClient: async (client) => {
			const fields: FormFields = [
				['name', client.name],
				['username', client.username],
				['password', client.password],
				['reseller', client.reseller],
			];
			if (client.email !== undefined) fields.push(['email', client.email]);
			if (client.profileId !== undefined) fields.push(['tpl_id', client.profileId]);
			if (client.contact !== undefined) fields.push(['contact', client.contact]);
			if (client.reference !== undefined) fields.push(['ref_id', client.reference]);
			if (client.vhost !== undefined) fields.push(['vhost', client.vhost]);
			// The new client's password must never come back in an error, should the gateway echo it.
			const reply = await post('/backoffice/client-add.php', fields, [client.password]);
			return {
				clientId: parseReplyId(reply.value, reply.raw, 'The new client id'),
				raw: reply.raw,
			};
		},

		setClientStatus: async (clientId, active) => {
			const reply = await post('/backoffice/client-status.php', [
				['u_id', clientId],
				['active', active ? 1 : 0],
			]);
			// smSend answers the operation it performed: 'OK Attivato' or 'OK Disattivato'.
			const status = reply.value;
			const reported = /^disattivat/i.test(status)
				? false
				: /^attivat/i.test(status)
					? true
					: active;
			return { active: reported, status, raw: reply.raw };
		},

		clientCredit: async (clientId) => {
			const reply = await post('/backoffice/credit-get.php', [['u_id', clientId]]);
			// The reply has 4 decimals (123.4567); rounding drops binary noise only.
			const creditEuro = Math.round(parseAmount(reply.value, 'The client credit') * 10000) / 10000;
			return { creditEuro, raw: reply.raw };
		},

		addCredit: async ({ clientId, tariffId, credit }) => {
			const fields: FormFields = [
				['u_id', clientId],
				['bill_id', tariffId],
			];
			if (credit !== undefined) fields.push(['credit', credit]);
			const reply = await post('/backoffice/credit-add.php', fields);
			return {
				creditOperationId: parseReplyId(reply.value, reply.raw, 'The credit operation id'),
				raw: reply.raw,
			};
		},

		createReception: async ({ clientId, receptionNumber, count }) => {
			const reply = await post('/backoffice/recv-add.php', [
				['u_id', clientId],
				['dest', receptionNumber],
				['num', count],
			]);
			// 'OK 001,002': the share codes created, comma-separated.
			const sharecodes = reply.value
				.split(',')
				.map((code) => code.trim())
				.filter((code) => code !== '');
			if (sharecodes.length === 0) {
				throw transportError('smSend', 'UNEXPECTED_REPLY', {
					raw: reply.raw,
					detail: 'no share code in the reply',
				});
			}
			return { sharecodes, raw: reply.raw };
		},

		revokeReception: async ({ clientId, receptionNumber, sharecode }) => {
			const reply = await post('/backoffice/recv-del.php', [
				['u_id', clientId],
				['dest', receptionNumber],
				['sharecode', sharecode],
			]);
			return { raw: reply.raw };
		},

		userLog: async ({ type, clientId, from, to }) => {
			const fields: FormFields = [['type', type]];
			if (clientId !== undefined) fields.push(['u_id', clientId]);
			if (from !== undefined) fields.push(['from', from]);
			if (to !== undefined) fields.push(['to', to]);
			return await requests.postReport(
				'/backoffice/userlog-get.php',
				'reseller',
				fields,
				'tsv',
				BACKOFFICE_TIMEOUT_MS,
			);
		},
	};
}
