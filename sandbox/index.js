'use strict';

const { startSandbox } = require('./server');
const { FAULT_KINDS } = require('./faults');
const { DEMO_CREDENCIAL, SERVICE_PATH } = require('./gateways/mobilepronto');
const { DEMO: SMSEND_DEMO } = require('./gateways/smsend');

module.exports = {
	startSandbox,
	FAULT_KINDS,
	MOBILEPRONTO_DEMO_CREDENCIAL: DEMO_CREDENCIAL,
	MOBILEPRONTO_SERVICE_PATH: SERVICE_PATH,
	SMSEND_DEMO,
};
