// gts (Google TypeScript style) for the whole project; n8n's community-node rules run separately
// (eslint.nodes.config.mjs, npm run lint:nodes). The plugin is registered here (no rules enabled) so
// that disable comments naming its rules resolve.
const {n8nCommunityNodesPlugin} = require('@n8n/eslint-plugin-community-nodes');

module.exports = [
  {ignores: ['dist/', 'apps-script/dist/', 'coverage/', '**/*.mjs', '**/*.js', 'workflows-examples/**/*.json']},
  ...require('gts'),
  {files: ['nodes/**/*.ts', 'credentials/**/*.ts'], plugins: {'@n8n/community-nodes': n8nCommunityNodesPlugin}},
];
