import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// The package has runtime dependencies (fast-xml-parser, libphonenumber-js,
// sms-segments-calculator), which n8n Cloud does not allow, so the
// community-node rules run without cloud support.
export default configWithoutCloudSupport;
