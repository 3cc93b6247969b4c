#!/usr/bin/env bash
# npm run dev [-- --screenshot]: bundles test/e2e/dev.ts with esbuild and runs it (see dev.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .n8n-test
npx esbuild test/e2e/dev.ts --bundle --platform=node --target=node20 --format=cjs --external:playwright-core --log-level=warning --outfile=.n8n-test/dev.js
LEAD_ROUTING_ROOT="$PWD" exec node .n8n-test/dev.js "$@"
