/**
 * Starts one real n8n (version $N8N_E2E_VERSION, default 2.40.7) for the whole e2e run, with the
 * package installed from its tarball ($N8N_E2E_TARBALL, or built and packed here), and creates
 * the owner account. Test files find it through the state file named by $N8N_E2E_STATE.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OWNER, packPackage, startN8n, type RunningN8n, type E2eState } from './harness';

declare global {
	var __N8N_E2E__: { n8n: RunningN8n; dir: string; keep: boolean } | undefined;
}

export default async function globalSetup() {
	const version = process.env.N8N_E2E_VERSION || undefined;
	const log = (msg: string) => process.stderr.write(`[e2e] ${msg}\n`);
	let tarball = process.env.N8N_E2E_TARBALL;
	let tarballFiles: string[] = process.env.N8N_E2E_TARBALL_FILES
		? JSON.parse(process.env.N8N_E2E_TARBALL_FILES)
		: [];
	if (!tarball) {
		const packed = await packPackage();
		tarball = packed.tarball;
		tarballFiles = packed.files;
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const logFile = path.join(dir, 'n8n.log');
	const n8n = await startN8n({ version, userFolder: dir, tarball, log });
	const logStream = fs.createWriteStream(logFile);
	logStream.write(n8n.logs.join(''));
	n8n.child.stdout?.on('data', (b: Buffer) => logStream.write(b));
	n8n.child.stderr?.on('data', (b: Buffer) => logStream.write(b));
	try {
		await n8n.client.setupOwner(OWNER);
	} catch (e) {
		await n8n.stop();
		throw e;
	}
	const pkgName = JSON.parse(
		fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'),
	).name;
	const state: E2eState = {
		version: n8n.version,
		url: n8n.url,
		userFolder: dir,
		tarball,
		tarballFiles,
		installedPackageDir: path.join(dir, '.n8n', 'nodes', 'node_modules', pkgName),
		logFile,
	};
	const stateFile = path.join(dir, 'e2e-state.json');
	fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
	process.env.N8N_E2E_STATE = stateFile;
	globalThis.__N8N_E2E__ = { n8n, dir, keep: process.env.N8N_E2E_KEEP === '1' };
	log(`n8n ${n8n.version} with the package from ${path.basename(tarball)} at ${n8n.url}`);
}
