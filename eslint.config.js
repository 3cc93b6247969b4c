// gts (Google TypeScript style) for the whole project; n8n's community-node rules run separately
// (eslint.nodes.config.mjs, npm run lint:nodes). The plugin is registered here (no rules enabled) so
// that disable comments naming its rules resolve.
const {n8nCommunityNodesPlugin} = require('@n8n/eslint-plugin-community-nodes');

module.exports = [
  {ignores: ['dist/', 'apps-script/dist/', 'coverage/', '**/*.generated.ts', '**/*.mjs', '**/*.js', 'workflows-examples/**/*.json']},
  ...require('gts'),
  {
    files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
    plugins: {'@n8n/community-nodes': n8nCommunityNodesPlugin},
    // directives for the plugin's rules are used by `npm run lint:nodes`, not by this config
    linterOptions: {reportUnusedDisableDirectives: 'off'},
  },
  {rules: {'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}]}},
  // The Apps Script fakes implement Google's own signatures, which use `any`.
  {files: ['apps-script/test/fakes/**/*.ts'], rules: {'@typescript-eslint/no-explicit-any': 'off'}},
];
