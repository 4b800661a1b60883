#!/usr/bin/env bash
# Rebuilds the sample application's plugins from their sources into
# sample-app/src/main/resources/plugins/ (committed: running the sample needs no C, Rust or Node).
#
#   sample-app/plugins/build.sh          build thumbnailer (C), filters (Rust), captions (AssemblyScript),
#                                        and baselines/thumbnailer-256m.core.wasm for the benchmark
#   sample-app/plugins/build.sh --check  build into a temporary folder and fail unless every
#                                        committed .wasm is byte-identical (CI runs this)
#
# Idempotent and deterministic. Installs what is missing on a Debian machine (apt packages; the
# npm packages pinned in tests/guests/package-lock.json for jco and in ./package-lock.json for
# AssemblyScript). WIT: sample-app/src/main/wit/world.wit, one world per plugin.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
GUESTS="$ROOT/tests/guests"
WIT="$ROOT/sample-app/src/main/wit/world.wit"
COMMITTED="$ROOT/sample-app/src/main/resources/plugins"
BASELINES="$ROOT/sample-app/src/main/resources/baselines"
CHECK=0
case "${1:-}" in
  --check) CHECK=1 ;;
  "") ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
esac

die() { echo "plugins/build.sh: ERROR: $*" >&2; exit 1; }
step() { echo "==> $*" >&2; }

. "$GUESTS/tools/toolchains.sh"
STB=/usr/include/stb/stb_image.h

JCO() { node "$GUESTS/tools/jco-tool.mjs" "$@"; }
validate_core() { wasm-validate --enable-all "$1" || die "wasm-validate failed on $1"; }
no_imports() {
  if wasm-objdump -j Import -x "$1" 2>/dev/null | grep -q ' <- '; then die "$1 imports something"; fi
}

# C, wasi-libc behind the preview1 reactor adapter: the thumbnailer reads files through WASI.
build_thumbnailer() { # out-dir scratch-dir baselines-dir
  step "thumbnailer (C: stb_image, stb_image_resize, stb_image_write)"
  "$CLANG" --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -I"$GUESTS/include" \
    -Wall -Wextra -Werror -ffile-prefix-map="$ROOT"=witbox \
    -o "$2/thumbnailer.core.wasm" "$HERE/thumbnailer/thumbnailer.c"
  validate_core "$2/thumbnailer.core.wasm"
  JCO component "$2/thumbnailer.core.wasm" "$WIT" thumbnailer "$1/thumbnailer.wasm" --adapter reactor
  # the benchmark's naive host (benchmarks/GalleryHttpBenchmark): the same C as a plain wasip1 core module
  # with a fixed 256 MB memory, instantiated on bare Chicory for every request. Not in plugins/: the starter
  # would load it as a plugin.
  local mb256=$((256 * 1024 * 1024))
  "$CLANG" --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -I"$GUESTS/include" \
    -Wall -Wextra -Werror -ffile-prefix-map="$ROOT"=witbox -Wl,--initial-memory=$mb256,--max-memory=$mb256 \
    -o "$3/thumbnailer-256m.core.wasm" "$HERE/thumbnailer/thumbnailer.c"
  validate_core "$3/thumbnailer-256m.core.wasm"
}

# Rust for wasm32-unknown-unknown, no crates: the module imports nothing. Linked by lld-16's
# wasm-ld (Debian's rustc would call rust-lld, a link to lld-14, which Debian 12 does not install
# with it).
build_filters() {
  step "filters (Rust)"
  "$RUSTC" --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=2 \
    -C panic=abort -C strip=symbols -C linker=wasm-ld-16 -D warnings --remap-path-prefix="$ROOT"=witbox \
    -o "$2/filters.core.wasm" "$HERE/filters/filters.rs"
  validate_core "$2/filters.core.wasm"
  no_imports "$2/filters.core.wasm"
  JCO component "$2/filters.core.wasm" "$WIT" filter-chain "$1/filters.wasm"
}

# AssemblyScript with the stub runtime; exports renamed to their component names.
build_captions() {
  step "captions (AssemblyScript)"
  (cd "$HERE" && node_modules/.bin/asc captions/captions.ts --runtime stub -O3 --noAssert \
    --use abort=captions/captions/trap -o "$2/captions.asc.wasm")
  node "$HERE/tools/rename-exports.mjs" "$2/captions.asc.wasm" "$2/captions.core.wasm" \
    'describe=witbox:sample/captions@0.1.0#describe' -trap
  validate_core "$2/captions.core.wasm"
  no_imports "$2/captions.core.wasm"
  JCO component "$2/captions.core.wasm" "$WIT" captioner "$1/captions.wasm"
}

SCRATCH=""
main() {
  ensure_apt "$STB" libstb-dev
  # jco: tests/guests' (a link to another checkout's node_modules will do)
  [ -d "$GUESTS/node_modules/@bytecodealliance/jco" ] || ensure_npm_in "$GUESTS"
  ensure_npm_in "$HERE"
  local out scratch
  SCRATCH="$(mktemp -d)"
  scratch="$SCRATCH"
  trap 'rm -rf "$SCRATCH"' EXIT
  local base
  if [ "$CHECK" = 1 ]; then out="$scratch/out"; base="$scratch/baselines"; else out="$COMMITTED"; base="$BASELINES"; fi
  mkdir -p "$out" "$base"
  build_thumbnailer "$out" "$scratch" "$base"
  build_filters "$out" "$scratch"
  build_captions "$out" "$scratch"
  if [ "$CHECK" = 1 ]; then
    local bad=0 f
    for f in "$out"/*.wasm "$base"/*.wasm; do
      local committed="$COMMITTED"
      [ "$(dirname "$f")" = "$base" ] && committed="$BASELINES"
      if ! cmp -s "$f" "$committed/$(basename "$f")"; then
        echo "plugins/build.sh: $(basename "$f") differs from $committed: rebuild with sample-app/plugins/build.sh and commit" >&2
        bad=1
      fi
    done
    [ "$bad" = 0 ] || exit 1
    step "the committed plugins are what their sources build"
  else
    (cd "$out" && sha256sum ./*.wasm | sed 's| \./| |' > SHA256SUMS)
    step "built into $out"
  fi
}

main
