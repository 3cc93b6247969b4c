// n8n's own community-node rules for the n8n surface (npm run lint:nodes); gts lints style separately.
import tsParser from '@typescript-eslint/parser';
import {n8nCommunityNodesPlugin} from '@n8n/eslint-plugin-community-nodes';

export default [
  {ignores: ['dist/**', 'node_modules/**', '**/*.test.ts', '**/test/**']},
  {
    files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
    languageOptions: {parser: tsParser, parserOptions: {sourceType: 'module', extraFileExtensions: ['.json']}},
  },
  {files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'], ...n8nCommunityNodesPlugin.configs.recommended},
  {
    // The Redis credential is tested by the nodes (`testedBy: 'leadRoutingRedisApiTest'`, a PING; see
    // nodes/shared/stateStoreMethods.ts). The rule reads `credentials` only from a literal `description`
    // in the *.node.ts class, which versioned nodes (VersionedNodeType + V1 class) do not have.
    files: ['credentials/**/*.ts'],
    rules: {'@n8n/community-nodes/credential-test-required': 'off'},
  },
];
