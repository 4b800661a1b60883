#!/usr/bin/env bash
# Recomputes tests/guests/**/NAME.expected from the built components with jco
# (see oracle/oracle.mjs). `oracle.sh --check` only compares and fails on any
# difference (CI runs this). Other flags: --only NAME, --timeout SECONDS.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -f "$HERE/node_modules/.package-lock.json" ] \
   || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  command -v npm >/dev/null || { echo "oracle.sh: npm missing (apt-get install nodejs npm, or run build.sh)" >&2; exit 1; }
  (cd "$HERE" && npm install --no-audit --no-fund >&2)
fi
exec node "$HERE/oracle/oracle.mjs" "$@"
