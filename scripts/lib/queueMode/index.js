// @ts-check
'use strict';
/**
 * n8n in queue mode on loopback, for the end-to-end queue profile (test/e2e/queueMode.e2e.test.ts,
 * `npm run test:e2e:queue`):
 *
 *   Redis (Debian `redis-server`)  ── the Bull queue, pub/sub and n8n's cache
 *   PostgreSQL (Debian `postgresql`) ── the one database every n8n process shares (n8n does not
 *                                      support SQLite in queue mode)
 *   n8n main (`n8n start`)          ── editor/REST API, webhooks, triggers and pollers; enqueues
 *   n8n workers (`n8n worker`) × N  ── run the executions
 *
 * Everything is created in one temporary directory and listens on 127.0.0.1 only, each process
 * on its own free port (n8n's HTTP port, each process's task-runner broker, each worker's health
 * server, Redis, PostgreSQL). The PostgreSQL cluster is a throw-away one (initdb into the
 * temporary directory, fsync off), run as the `postgres` system user when this runs as root
 * (postgres refuses to run as root). Every n8n process has its own N8N_USER_FOLDER with the packed
 * package installed in `.n8n/nodes`, the way a user installs a community package: a worker loads
 * community nodes from its own user folder, so each worker needs the package there too.
 *
 * Every process runs in its own process group; `cluster.stop()` ends them all (also when the
 * start failed half-way), and a reaper process ends whatever is left if this process dies first.
 *
 * One file per job:
 *   requirements.js      where redis-server and the PostgreSQL binaries are, what is missing
 *   processGroup.js      spawning a process in its own group, stopping it and its children
 *   reaper.js            the process that ends everything left behind if this process dies
 *   redis.js, postgres.js   the throw-away Redis and PostgreSQL
 *   n8nProcess.js        one n8n main or worker, started and waited for
 *   cluster.js           the whole cluster, and what the tests ask of it
 *   listeningSockets.js  which addresses a process group listens on
 */
const { queueModeRequirements, findRedisServer, findPostgresBinDir } = require('./requirements');
const { startRedis } = require('./redis');
const { PG, startPostgres } = require('./postgres');
const { startQueueCluster } = require('./cluster');
const { listeningSockets, isLoopback } = require('./listeningSockets');

/** @typedef {import('./cluster').QueueCluster} QueueCluster */

module.exports = {
	PG,
	queueModeRequirements,
	findRedisServer,
	findPostgresBinDir,
	startRedis,
	startPostgres,
	startQueueCluster,
	listeningSockets,
	isLoopback,
};
