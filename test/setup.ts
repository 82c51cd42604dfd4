/**
 * Loaded by mocha before every test file (see .mocharc.json).
 * No test may reach the outside network: nock refuses every host but loopback.
 */
import './helpers/promise-with-resolvers.js'; // before nock: its interceptors need it on Node 20
import nock from 'nock';

process.env['LOG_LEVEL'] ??= 'silent';
process.env['NODE_ENV'] ??= 'test';

nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

/** Set by test/helpers/db.ts once a test opened the shared database. */
export interface TestGlobals { __closeTestDatabase?: () => Promise<void> }

/** Root hooks: the shared test database is closed once, after everything. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await (globalThis as TestGlobals).__closeTestDatabase?.();
  },
};
