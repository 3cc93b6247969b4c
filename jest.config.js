/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/cli', '<rootDir>/nodes', '<rootDir>/apps-script', '<rootDir>/test', '<rootDir>/workflows-examples'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/e2e/', '/test/scale/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};
