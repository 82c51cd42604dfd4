/**
 * Loaded by mocha before every test file (see .mocharc.json).
 * No test may reach the outside network: nock refuses every host but loopback.
 */
import nock from 'nock';

process.env['LOG_LEVEL'] ??= 'silent';
process.env['NODE_ENV'] ??= 'test';

nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

/** Root hooks: the shared test database is closed once, after everything. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    const { closeTestDatabase } = await import('./helpers/db.js');
    await closeTestDatabase();
  },
};
