/** E2E tests against a real n8n (npm run test:e2e). Serial: each test starts n8n processes. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['**/*.e2e.test.ts'],
  transform: {'^.+\\.ts$': ['ts-jest', {isolatedModules: true, diagnostics: false}]},
  maxWorkers: 1,
  testTimeout: 15 * 60_000,
};
