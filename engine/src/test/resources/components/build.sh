#!/usr/bin/env bash
# Rebuilds the decoder test fixtures next to their sources. Needs jco (global install), and for
# the toolchain fixture clang-16 with wasi-libc (wasm32-wasi) and node.
#   ./build.sh          rebuild everything
# The .wasm files are committed so the test suite does not need any of these tools.
set -euo pipefail
cd "$(dirname "$0")"

for wat in *.wat invalid/*.wat; do
  # jco parse only encodes, it does not validate: that is what lets invalid/ hold binaries that
  # break one validation rule each (named by the `;; expect:` line of the source).
  jco parse "$wat" -o "${wat%.wat}.wasm"
done

# A real toolchain component: a tiny hand-written canonical-ABI C reactor, embedded with its WIT
# world and componentized with the wasi_snapshot_preview1 reactor adapter. The result has the
# multi-module layout wit-component produces (main module, adapter, shim, fixup).
JCO_DIR="${JCO_DIR:-$(npm root -g)/@bytecodealliance/jco}"
clang-16 --target=wasm32-wasi -Os -mexec-model=reactor -Wl,--strip-all \
  -o tiny-reactor/tiny.core.wasm tiny-reactor/tiny.c
node --input-type=module - "$JCO_DIR" <<'JS'
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const jcoDir = process.argv[2];
const { componentEmbed, componentNew } = await import(pathToFileURL(join(jcoDir, 'dist/api.js')).href);
const embedded = await componentEmbed({
  binary: await readFile('tiny-reactor/tiny.core.wasm'),
  witSource: await readFile('tiny-reactor/tiny.wit', 'utf8'),
  world: 'tiny',
});
const adapter = await readFile(join(jcoDir, 'lib', 'wasi_snapshot_preview1.reactor.wasm'));
const component = await componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
await writeFile('tiny-reactor.wasm', component);
JS
rm tiny-reactor/tiny.core.wasm
ls -l *.wasm
