#!/usr/bin/env bash
# Installs Colu's reference npm packages (cc-transaction@1.2.1, cc-get-assets-outputs@1.2.1, cc-assetid-encoder@0.6.2)
# for the Colu differential test, with the machine's Node.js (v20), into a cache folder outside the repo:
#   ${COLU_REF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/explorer/colu-ref}
# The exact dependency tree is pinned by tests/colu-reference/package-lock.json. Idempotent: does nothing when the
# installed tree already matches the lock file. The test finds the folder through COLU_REF_DIR (same default).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$here/tests/colu-reference"
dir="${COLU_REF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/explorer/colu-ref}"

command -v node >/dev/null || { echo "setup-colu-reference: node is not installed" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup-colu-reference: npm is not installed" >&2; exit 1; }

mkdir -p "$dir"
stamp="$dir/.installed-lock.sha256"
want="$(sha256sum "$src/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -d "$dir/node_modules/cc-transaction" \
      && -d "$dir/node_modules/cc-get-assets-outputs" && -d "$dir/node_modules/cc-assetid-encoder" ]]; then
  echo "setup-colu-reference: up to date in $dir"
  exit 0
fi

cp "$src/package.json" "$src/package-lock.json" "$dir/"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
node -e '
  const dir = process.argv[1];
  const want = {"cc-transaction": "1.2.1", "cc-get-assets-outputs": "1.2.1", "cc-assetid-encoder": "0.6.2"};
  for (const [name, version] of Object.entries(want)) {
    const got = require(dir + "/node_modules/" + name + "/package.json").version;
    if (got !== version) { console.error(name + " is " + got + ", expected " + version); process.exit(1); }
  }' "$dir"
echo "$want" > "$stamp"
echo "setup-colu-reference: installed into $dir"
