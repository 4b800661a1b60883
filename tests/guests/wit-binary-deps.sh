#!/usr/bin/env bash
# Rebuilds the binary WIT packages of the WIT corpus: for every case folder with a binary-src/NAME/
# (a WIT package folder, and a file WORLD naming the world to encode), writes input/deps/NAME.wasm
# with jco (wit-component's encoding, tools/jco-tool.mjs witpkg). A binary-src/NAME.wat (a WIT
# package written as component text) becomes input/deps/NAME.wasm through jco's parse. Idempotent.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORPUS="$HERE/../../engine/src/test/resources/wit-corpus"
for src in "$CORPUS"/*/*/binary-src; do
  case_dir="$(dirname "$src")"
  mkdir -p "$case_dir/input/deps"
  for pkg in "$src"/*/; do
    [ -d "$pkg" ] || continue
    name="$(basename "$pkg")"
    node "$HERE/tools/jco-tool.mjs" witpkg "$(cd "$pkg" && pwd)" "$(cat "$pkg/WORLD")" "$case_dir/input/deps/$name.wasm"
    echo "wrote ${case_dir#$CORPUS/}/input/deps/$name.wasm"
  done
  for wat in "$src"/*.wat; do
    [ -f "$wat" ] || continue
    name="$(basename "$wat" .wat)"
    node "$HERE/tools/jco-tool.mjs" parse "$wat" "$case_dir/input/deps/$name.wasm"
    echo "wrote ${case_dir#$CORPUS/}/input/deps/$name.wasm"
  done
done
