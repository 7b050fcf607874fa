#!/usr/bin/env bash
# Runs the unit and integration suites (vitest) on Node 22 LTS as well as on the default node, without
# touching the default node's build: Node 22 comes from the npm registry as a package (node-linux-<arch>@22,
# holding bin/node and include/node), better-sqlite3 is compiled for it in a copy (~70 s, cached), swapped in
# for the run and swapped back afterwards, whatever happens. Used by .ci/run after `npm test`; runs by hand too.
#   bash scripts/test-node22.sh [vitest args…]      report: reports/vitest-node22.json
#   FLOORGATE_NODE22_DIR   where Node 22 and its better-sqlite3 build are kept (default ~/.cache/floorgate/node22)
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${FLOORGATE_NODE22_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/floorgate/node22}"
ARCH="$(node -p process.arch)"
NODE22_PKG="$CACHE/node_modules/node-linux-$ARCH"
say() { echo "test-node22: $*"; }

if [ ! -x "$NODE22_PKG/bin/node" ]; then
  say "installing node-linux-$ARCH@22 into $CACHE"
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-save --no-audit --no-fund --loglevel=error "node-linux-$ARCH@22" >/dev/null
fi
NODE22_VERSION="$("$NODE22_PKG/bin/node" --version)"
say "node $NODE22_VERSION ($NODE22_PKG)"

# better-sqlite3 for Node 22, built in a copy of this checkout's better-sqlite3 (same version); rebuilt when
# either the module or the Node version changes.
MODULE_VERSION="$(node -p "require('./node_modules/better-sqlite3/package.json').version")"
BUILD_DIR="$CACHE/better-sqlite3-$MODULE_VERSION-$NODE22_VERSION"
BINARY="$BUILD_DIR/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
if [ ! -f "$BINARY" ]; then
  say "compiling better-sqlite3 $MODULE_VERSION for $NODE22_VERSION"
  rm -rf "$BUILD_DIR" && mkdir -p "$BUILD_DIR/node_modules"
  cp -r node_modules/better-sqlite3 "$BUILD_DIR/node_modules/"
  echo '{"name":"floorgate-node22-build","private":true}' > "$BUILD_DIR/package.json"
  (cd "$BUILD_DIR" && PATH="$NODE22_PKG/bin:$PATH" npm rebuild better-sqlite3 --build-from-source \
    --nodedir="$NODE22_PKG" --no-audit --no-fund --loglevel=error >/dev/null)
fi

# Swap the Node 22 binary in for the run. rm before cp: a fresh file, never a write through a hard link
# (worktrees may share node_modules).
TARGET=node_modules/better-sqlite3/build/Release/better_sqlite3.node
SAVED="$(mktemp)"
cp "$TARGET" "$SAVED"
restore() { rm -f "$TARGET" && cp "$SAVED" "$TARGET" && rm -f "$SAVED"; }
trap restore EXIT
rm -f "$TARGET" && cp "$BINARY" "$TARGET"

mkdir -p reports
set +e
PATH="$NODE22_PKG/bin:$PATH" FLOORGATE_VITEST_REPORT=reports/vitest-node22.json node node_modules/vitest/vitest.mjs run "$@"
status=$?
set -e
say "vitest on $NODE22_VERSION exited with $status"
exit $status
