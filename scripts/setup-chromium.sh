#!/usr/bin/env bash
# Debian's chromium for the Playwright end-to-end tests (tests/Explorer.Web.E2E). Idempotent: does nothing when
# chromium is already on the PATH. Playwright never downloads a browser here; the tests launch this one
# (EXPLORER_CHROMIUM, default: `command -v chromium`, else /usr/bin/chromium).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  command -v chromium
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
command -v chromium
