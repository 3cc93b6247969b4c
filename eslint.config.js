// gts (Google TypeScript style) for the whole project; n8n's community-node rules run separately
// (eslint.nodes.config.mjs, npm run lint:nodes).
module.exports = [
  {ignores: ['dist/', 'apps-script/dist/', 'coverage/', '**/*.mjs', '**/*.js', 'workflows-examples/**/*.json']},
  ...require('gts'),
];
