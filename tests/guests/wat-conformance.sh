#!/usr/bin/env bash
# Rebuilds the component-model conformance cases (wat-conformance/{valid,invalid,refused}/NAME.wat) into
# NAME.wasm with jco's `parse`, and records in NAME.oracle what wasm-tools' validator (run by `jco
# transpile`) says of each binary. `--check` (CI) writes nothing and fails when a committed binary or verdict
# is no longer what jco makes of the source. The Java side is cli's WatConformanceTest.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/tools/ensure-npm.sh"
exec node "$HERE/tools/wat-conformance.mjs" "$@"
