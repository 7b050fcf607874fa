// TEMPORARY (delete): runs the e2e suite against /tmp/mockgw.
import base from './playwright.config.js';
export default { ...base, webServer: { ...base.webServer, command: 'node /tmp/mockgw/mockgw.mjs' } };
