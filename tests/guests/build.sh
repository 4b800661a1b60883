#!/usr/bin/env bash
# Rebuilds every witbox test guest from source into tests/guests/out/ and then
# recomputes the expected results with the jco oracle (oracle.sh).
#
#   tests/guests/build.sh              build all committed guests + run the oracle
#   tests/guests/build.sh --no-oracle  build only
#   tests/guests/build.sh --js-hello   also build the large componentize-js guest
#                                      into build/js-hello/ (git-ignored, never committed)
#   tests/guests/build.sh --only NAME  build one guest (add-greet, values, resources, embed-iface, catalog, maps,
#                                      blobstore, wat, misbehave, hostile, pool-probe, wasi, wasi-flood, bench,
#                                      js-hello)
#
# Idempotent: every output is rewritten from source each run. Installs missing
# toolchains (Debian apt packages, npm packages pinned in package-lock.json
# into tests/guests/node_modules). Fails loudly on the first error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/out"
BUILD="$HERE/build"
RUN_ORACLE=1
JS_HELLO=0
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-oracle) RUN_ORACLE=0 ;;
    --js-hello) JS_HELLO=1 ;;
    --only) ONLY="$2"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ "$ONLY" = js-hello ] && JS_HELLO=1

die() { echo "build.sh: ERROR: $*" >&2; exit 1; }
step() { echo "==> $*" >&2; }

# ---------------------------------------------------------------- toolchains
. "$HERE/tools/toolchains.sh"

JCO() { node "$HERE/tools/jco-tool.mjs" "$@"; }

# ---------------------------------------------------------------- helpers
# C -> core wasm with wasi-libc (malloc/free, memcpy), no start files: the
# module needs no _initialize and imports nothing.
cc_wasm() { # out.wasm src.c...
  local out="$1"; shift
  "$CLANG" --target=wasm32-wasi -O2 -nostartfiles -Wl,--no-entry -Wl,--strip-all -I"$HERE/include" \
    -Wall -Wextra -Werror -o "$out" "$@"
}

# Rust -> core wasm (cdylib), hand-written canonical ABI glue, no crates.
# Target wasm32-unknown-unknown, not wasm32-wasi: Debian's wasm32-wasi std
# makes even a cdylib import fd_write/environ_*/proc_exit (panic printing),
# which would force a WASI adapter and WASI imports on the component. Both
# std's come from Debian (libstd-rust-dev-wasm32).
rust_wasm() { # out.wasm src.rs
  "$RUSTC" --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=2 \
    -C panic=abort -C strip=symbols -D warnings --remap-path-prefix="$HERE=guests" -o "$1" "$2"
}

# A core module has to import nothing: every guest here is self-contained.
no_imports() { # core.wasm
  if wasm-objdump -j Import -x "$1" 2>/dev/null | grep -q ' <- '; then
    wasm-objdump -j Import -x "$1" >&2
    die "$1 imports something (expected a self-contained module)"
  fi
}

validate_core() { wasm-validate --enable-all "$1" || die "wasm-validate failed on $1"; }

# ---------------------------------------------------------------- guests
build_add_greet() {
  step "add-greet (C)"
  local d="$HERE/add-greet"
  cc_wasm "$OUT/add-greet.core.wasm" "$d/add_greet.c"
  validate_core "$OUT/add-greet.core.wasm"
  no_imports "$OUT/add-greet.core.wasm"
  JCO component "$OUT/add-greet.core.wasm" "$d/world.wit" add-greet "$OUT/add-greet.wasm"
  # the same module with its world embedded, not wrapped: a core module witbox loads by convention
  JCO embed "$OUT/add-greet.core.wasm" "$d/world.wit" add-greet "$OUT/add-greet.embed.wasm"
  validate_core "$OUT/add-greet.embed.wasm"
}

build_values() {
  step "values (Rust)"
  local d="$HERE/values"
  rust_wasm "$BUILD/values.core.wasm" "$d/values.rs"
  validate_core "$BUILD/values.core.wasm"
  no_imports "$BUILD/values.core.wasm"
  JCO component "$BUILD/values.core.wasm" "$d/world.wit" values "$OUT/values.wasm"
}

build_resources() {
  step "resources (C)"
  local d="$HERE/resources"
  cc_wasm "$BUILD/resources.core.wasm" "$d/resources.c"
  validate_core "$BUILD/resources.core.wasm"
  JCO component "$BUILD/resources.core.wasm" "$d/world.wit" resources "$OUT/resources.wasm"
  JCO embed "$BUILD/resources.core.wasm" "$d/world.wit" resources "$OUT/resources.embed.wasm"
  validate_core "$OUT/resources.embed.wasm"
}

# The instance-pool tests' guest: state, dirtied and grown memory, traps,
# deep recursion, a loop that never ends. A 16 MiB static scratch area makes
# its initial memory 258 pages, most of them never written. The core module is
# kept too (out/pool-probe.core.wasm): the benchmarks' bare-Chicory baseline.
build_pool_probe() {
  step "pool-probe (C)"
  local d="$HERE/pool-probe"
  cc_wasm "$OUT/pool-probe.core.wasm" "$d/pool_probe.c"
  validate_core "$OUT/pool-probe.core.wasm"
  no_imports "$OUT/pool-probe.core.wasm"
  JCO component "$OUT/pool-probe.core.wasm" "$d/world.wit" pool-probe "$OUT/pool-probe.wasm"
}

# A core module whose world imports an interface and a world function and
# exports both kinds: only embedded (component-type section), never a component.
build_embed_iface() {
  step "embed-iface (C, embedded world only)"
  local d="$HERE/embed-iface"
  cc_wasm "$BUILD/embed-iface.core.wasm" "$d/embed_iface.c"
  validate_core "$BUILD/embed-iface.core.wasm"
  JCO embed "$BUILD/embed-iface.core.wasm" "$d/world.wit" embed-iface "$OUT/embed-iface.embed.wasm"
  validate_core "$OUT/embed-iface.embed.wasm"
}

# A guest importing an interface the host implements (typed host imports),
# into out/imports/ (no NAME.cases: `witbox call` has no host for its imports;
# TypedHostImportsTest drives it), and the core module as is for the benchmark
# floor.
build_catalog() {
  step "catalog (C, imports host:app/catalog)"
  local d="$HERE/catalog"
  mkdir -p "$OUT/imports"
  cc_wasm "$OUT/catalog.core.wasm" "$d/catalog.c"
  validate_core "$OUT/catalog.core.wasm"
  JCO component "$OUT/catalog.core.wasm" "$d/world.wit" catalog-app "$OUT/imports/catalog.wasm"
}

build_maps() {
  step "maps (C, map<K, V> both ways; maps-app also imports demo:maps/tally)"
  local d="$HERE/maps"
  mkdir -p "$BUILD/maps" "$OUT/imports"
  cc_wasm "$BUILD/maps/maps.core.wasm" "$d/maps.c"
  validate_core "$BUILD/maps/maps.core.wasm"
  no_imports "$BUILD/maps/maps.core.wasm"
  JCO component "$BUILD/maps/maps.core.wasm" "$d/world.wit" maps-only "$OUT/maps.wasm"
  cc_wasm "$BUILD/maps/maps-app.core.wasm" -DWITH_TALLY "$d/maps.c"
  validate_core "$BUILD/maps/maps-app.core.wasm"
  JCO component "$BUILD/maps/maps-app.core.wasm" "$d/world.wit" maps-app "$OUT/imports/maps-app.wasm"
}

# A guest importing a resource the host implements (typed host implementations of
# imported resources), into out/imports/ like catalog; TypedHostResourcesTest
# drives it.
build_blobstore() {
  step "blobstore (C, imports the resource host:store/store.blob)"
  local d="$HERE/blobstore"
  mkdir -p "$OUT/imports"
  cc_wasm "$BUILD/blobstore.core.wasm" "$d/blobstore.c"
  validate_core "$BUILD/blobstore.core.wasm"
  JCO component "$BUILD/blobstore.core.wasm" "$d/world.wit" blobstore "$OUT/imports/blobstore.wasm"
}

# Component text (WAT) -> binary with `jco parse`; one component per file.
build_wat_dir() { # dir
  local f
  for f in "$1"/*.wat; do
    step "$(basename "$1")/$(basename "$f") (component text)"
    JCO parse "$f" "$OUT/$(basename "$f" .wat).wasm"
  done
}

# The hostile-guest battery's guest: imports a host function, so no NAME.cases
# (neither `witbox call` nor the oracle has a host for it); into out/hostile/.
build_hostile() {
  step "hostile/hostile.wat (component text, into out/hostile/)"
  mkdir -p "$OUT/hostile"
  JCO parse "$HERE/hostile/hostile.wat" "$OUT/hostile/hostile.wasm"
}

# componentize-js guest: ~12 MB (the StarlingMonkey engine), so it goes to the
# git-ignored build/js-hello/, never to out/. Only with --js-hello.
build_js_hello() {
  step "js-hello (componentize-js, into build/js-hello/, not committed)"
  mkdir -p "$BUILD/js-hello"
  node "$HERE/tools/componentize-js.mjs" "$HERE/js-hello/js-hello.js" "$HERE/js-hello/world.wit" js-hello \
    "$BUILD/js-hello/js-hello.wasm"
  node "$HERE/tools/verify.mjs" "$BUILD/js-hello" >&2
}

# WASI guests: C programs that DO use WASI (wasi-libc's stdio, files, clocks,
# random), componentized through jco's preview1 adapters, into out/wasi/ (a
# folder of their own: they have no NAME.cases; WasiGuestTest drives them).
#   wasi-probe: a reactor (-mexec-model=reactor, reactor adapter) exporting
#               run: func(name: string) -> s32
#   wasi-hello: a command (_start, command adapter) exporting wasi:cli/run
# and each also as a plain wasip1 command (NAME.p1.wasm; the probe's last argument names the probe)
build_wasi() {
  step "wasi-probe, wasi-hello (C + wasi-libc through the preview1 adapters)"
  mkdir -p "$OUT/wasi"
  "$CLANG" --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -Wall -Wextra -Werror \
    -o "$BUILD/wasi-probe.core.wasm" "$HERE/wasi-probe/probe.c"
  JCO component "$BUILD/wasi-probe.core.wasm" "$HERE/wasi-probe/world.wit" probe "$OUT/wasi/wasi-probe.wasm" \
    --adapter reactor
  "$CLANG" --target=wasm32-wasi -O2 -Wl,--strip-all -Wall -Wextra -Werror \
    -o "$BUILD/wasi-hello.core.wasm" "$HERE/wasi-hello/hello.c"
  JCO component "$BUILD/wasi-hello.core.wasm" "$HERE/wasi-hello/world.wit" hello "$OUT/wasi/wasi-hello.wasm" \
    --adapter command
  # the same programs as plain wasip1 commands (_start), run on Chicory's preview 1 under the same policy
  "$CLANG" --target=wasm32-wasi -O2 -DPROBE_COMMAND -Wl,--strip-all -Wall -Wextra -Werror \
    -o "$OUT/wasi/wasi-probe.p1.wasm" "$HERE/wasi-probe/probe.c"
  cp "$BUILD/wasi-hello.core.wasm" "$OUT/wasi/wasi-hello.p1.wasm"
  # the benchmark's WASI-heavy command (benchmarks/WasiIoBenchmark), in both forms too
  "$CLANG" --target=wasm32-wasi -O2 -Wl,--strip-all -Wall -Wextra -Werror \
    -o "$OUT/wasi/wasi-io.p1.wasm" "$HERE/wasi-io/io.c"
  JCO component "$OUT/wasi/wasi-io.p1.wasm" "$HERE/wasi-io/world.wit" io "$OUT/wasi/wasi-io.wasm" --adapter command
  validate_core "$OUT/wasi/wasi-io.p1.wasm"
  validate_core "$OUT/wasi/wasi-probe.p1.wasm"
  validate_core "$OUT/wasi/wasi-hello.p1.wasm"
}

# The hostile guest that floods stdout (wasi-flood/: flood(mib) writes mib MiB through wasi-libc's write()),
# a reactor behind the preview1 reactor adapter like wasi-probe; HostileGuestFloodTest drives it.
build_wasi_flood() {
  step "wasi-flood (C + wasi-libc through the preview1 reactor adapter)"
  mkdir -p "$OUT/wasi"
  "$CLANG" --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -Wall -Wextra -Werror \
    -o "$BUILD/wasi-flood.core.wasm" "$HERE/wasi-flood/flood.c"
  validate_core "$BUILD/wasi-flood.core.wasm"
  JCO component "$BUILD/wasi-flood.core.wasm" "$HERE/wasi-flood/world.wit" flood "$OUT/wasi/wasi-flood.wasm" \
    --adapter reactor
}

# The preview 1 conformance programs (wasi-p1/, run by WasiPreviewOneOracleTest on both of
# witbox's paths and by the node:wasi oracle, oracle/node-wasi.mjs): a C program of POSIX corner
# cases and a Rust std program (Debian's rustc, --target wasm32-wasi, linked by wasm-ld-16), each as
# a plain wasip1 command (NAME.p1.wasm) and through the preview1 command adapter (NAME.wasm).
build_wasi_p1() {
  step "wasi-p1: posix (C), tree (Rust std) as wasip1 commands and through the command adapter"
  local d="$HERE/wasi-p1"
  mkdir -p "$OUT/wasi"
  "$CLANG" --target=wasm32-wasi -O2 -Wl,--strip-all -Wall -Wextra -Werror -o "$OUT/wasi/posix.p1.wasm" "$d/posix.c"
  "$RUSTC" --edition 2021 --target wasm32-wasi -C opt-level=2 -C strip=symbols -C linker=wasm-ld-16 -D warnings \
    --remap-path-prefix="$HERE=guests" -o "$OUT/wasi/tree.p1.wasm" "$d/tree.rs"
  local p
  for p in posix tree; do
    validate_core "$OUT/wasi/$p.p1.wasm"
    JCO component "$OUT/wasi/$p.p1.wasm" "$HERE/wasi-hello/world.wit" hello "$OUT/wasi/$p.wasm" --adapter command
  done
}

# The performance suite's guests (benchmarks/), all C:
#   image-resize: bilinear RGBA scaling, as a component (memory grows on
#                 demand) and as a core module with a fixed 256 MB memory
#                 (the naive host that instantiates it for every call)
#   touch:        dirties N MiB on a call; declares a 256 MB maximum memory
#   extism-greet: greet written to Extism's plugin ABI (imports
#                 extism:host/env), a core module for Extism's Java SDK
build_bench() {
  step "image-resize, touch, extism-greet (C, for the benchmarks)"
  local mb256=$((256 * 1024 * 1024))
  cc_wasm "$BUILD/image-resize.core.wasm" "$HERE/image-resize/resize.c"
  no_imports "$BUILD/image-resize.core.wasm"
  JCO component "$BUILD/image-resize.core.wasm" "$HERE/image-resize/world.wit" image-resize "$OUT/image-resize.wasm"
  cc_wasm "$OUT/image-resize-256m.core.wasm" -Wl,--initial-memory=$mb256,--max-memory=$mb256 \
    "$HERE/image-resize/resize.c"
  validate_core "$OUT/image-resize-256m.core.wasm"
  cc_wasm "$OUT/touch.core.wasm" -Wl,--max-memory=$mb256 "$HERE/touch/touch.c"
  validate_core "$OUT/touch.core.wasm"
  no_imports "$OUT/touch.core.wasm"
  JCO component "$OUT/touch.core.wasm" "$HERE/touch/world.wit" touch "$OUT/touch.wasm"
  cc_wasm "$OUT/extism-greet.core.wasm" -Wl,--allow-undefined "$HERE/extism-greet/greet.c"
  validate_core "$OUT/extism-greet.core.wasm"
}

want() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }

main() {
  ensure_apt
  ensure_npm_in "$HERE"
  mkdir -p "$OUT" "$BUILD"
  want add-greet && build_add_greet
  want values && build_values
  want resources && build_resources
  want embed-iface && build_embed_iface
  want pool-probe && build_pool_probe
  want catalog && build_catalog
  want maps && build_maps
  want blobstore && build_blobstore
  want wat && build_wat_dir "$HERE/wat"
  want misbehave && build_wat_dir "$HERE/misbehave"
  want hostile && build_hostile
  want wasi && build_wasi
  want wasi-p1 && build_wasi_p1
  want wasi-flood && build_wasi_flood
  want bench && build_bench
  if [ "$JS_HELLO" = 1 ]; then build_js_hello; fi
  step "verifying components (jco print + transpile, wasm-validate --enable-all on every core module)"
  node "$HERE/tools/verify.mjs" "$OUT" > "$OUT/sizes.txt"
  cat "$OUT/sizes.txt" >&2
  if [ "$RUN_ORACLE" = 1 ]; then
    "$HERE/oracle.sh" ${ONLY:+--only "$ONLY"}
  fi
  step "done"
}

main
