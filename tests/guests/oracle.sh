#!/usr/bin/env bash
# Recomputes tests/guests/**/NAME.expected from the built components with jco
# (see oracle/oracle.mjs), then wasi-probe/wasi-probe.expected from the WASI
# probe's scenarios under jco's preview2 shim (oracle/wasi.mjs), then
# blobstore/blobstore.expected with a JS host of its imports (oracle/blobstore.mjs), then
# the WIT corpus (engine/src/test/resources/wit-corpus) and every .wit under tests/ through
# wit-parser (oracle/wit-corpus.mjs, writes wit-corpus/oracle.expected), then
# wasi-p1/wasi-p1.expected from the preview 1 programs on node's built-in node:wasi
# (oracle/node-wasi.mjs, which needs no npm package). `oracle.sh --check` only compares and fails
# on any difference (CI runs this). Other flags: --only NAME (wasi-probe for the WASI scenarios,
# blobstore for the blobstore ones, wit for the WIT corpus, wasi-p1 for node:wasi), --timeout SECONDS.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/tools/ensure-npm.sh"
only=""
prev=""
for a in "$@"; do [ "$prev" = --only ] && only="$a"; prev="$a"; done
status=0
if [ "$only" != wasi-probe ] && [ "$only" != blobstore ] && [ "$only" != wit ] && [ "$only" != wasi-p1 ]; then node "$HERE/oracle/oracle.mjs" "$@" || status=$?; fi
check=""
for a in "$@"; do [ "$a" = --check ] && check=--check; done
if [ -z "$only" ] || [ "$only" = wasi-probe ]; then node "$HERE/oracle/wasi.mjs" $check || status=$?; fi
if [ -z "$only" ] || [ "$only" = blobstore ]; then node "$HERE/oracle/blobstore.mjs" $check || status=$?; fi
if [ -z "$only" ] || [ "$only" = wit ]; then node "$HERE/oracle/wit-corpus.mjs" $check || status=$?; fi
if [ -z "$only" ] || [ "$only" = wasi-p1 ]; then node --no-warnings "$HERE/oracle/node-wasi.mjs" $check || status=$?; fi
exit $status
