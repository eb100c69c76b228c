#!/usr/bin/env bash
# Installs bcoin 1.0.2 (a full node in JavaScript) for the live-node tests, with the npm override
# "leveldown": "6.1.1" (it has prebuilt binaries). Idempotent. Tests find it through BCOIN_HOME.
#   BCOIN_HOME (default ${XDG_CACHE_HOME:-$HOME/.cache}/explorer/bcoin) gets node_modules/bcoin.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${BCOIN_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/explorer/bcoin}"
mkdir -p "$target"
if [ -x "$target/node_modules/bcoin/bin/bcoin" ] && cmp -s "$here/tests/bcoin/package.json" "$target/package.json"; then
  echo "bcoin already installed in $target"
  exit 0
fi
command -v node >/dev/null || { echo "node (>= 18) is required" >&2; exit 1; }
cp "$here/tests/bcoin/package.json" "$target/package.json"
(cd "$target" && npm install --no-audit --no-fund --omit=dev)
"$target/node_modules/bcoin/bin/bcoin" --version >/dev/null 2>&1 || true
test -f "$target/node_modules/bcoin/bin/bcoin" || { echo "bcoin did not install into $target" >&2; exit 1; }
echo "bcoin installed in $target (export BCOIN_HOME=$target)"
