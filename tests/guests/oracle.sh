#!/usr/bin/env bash
# Recomputes tests/guests/**/NAME.expected from the built components with jco
# (see oracle/oracle.mjs), then wasi-probe/wasi-probe.expected from the WASI
# probe's scenarios under jco's preview2 shim (oracle/wasi.mjs), then
# blobstore/blobstore.expected with a JS host of its imports (oracle/blobstore.mjs), then
# wasi-p1/wasi-p1.expected from the preview 1 programs on node's built-in node:wasi
# (oracle/node-wasi.mjs, which needs no npm package). `oracle.sh --check` only compares and fails
# on any difference (CI runs this). Other flags: --only NAME (wasi-probe for the WASI scenarios,
# blobstore for the blobstore ones, wasi-p1 for node:wasi), --timeout SECONDS.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -f "$HERE/node_modules/.package-lock.json" ] \
   || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  command -v npm >/dev/null || { echo "oracle.sh: npm missing (apt-get install nodejs npm, or run build.sh)" >&2; exit 1; }
  (cd "$HERE" && npm install --no-audit --no-fund >&2)
fi
only=""
prev=""
for a in "$@"; do [ "$prev" = --only ] && only="$a"; prev="$a"; done
status=0
if [ "$only" != wasi-probe ] && [ "$only" != blobstore ] && [ "$only" != wasi-p1 ]; then node "$HERE/oracle/oracle.mjs" "$@" || status=$?; fi
check=""
for a in "$@"; do [ "$a" = --check ] && check=--check; done
if [ -z "$only" ] || [ "$only" = wasi-probe ]; then node "$HERE/oracle/wasi.mjs" $check || status=$?; fi
if [ -z "$only" ] || [ "$only" = blobstore ]; then node "$HERE/oracle/blobstore.mjs" $check || status=$?; fi
if [ -z "$only" ] || [ "$only" = wasi-p1 ]; then node --no-warnings "$HERE/oracle/node-wasi.mjs" $check || status=$?; fi
exit $status
