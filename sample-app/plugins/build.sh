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

# libjpeg-turbo's source, as Debian ships it (bookworm's 2.1.5; the orig tarball is the upstream
# release), fetched with `apt-get source` into a folder of its own: neither the machine's sources
# list nor its package lists are touched. Cached under ~/.cache/witbox/sources; checked by hash.
LJT_VERSION=2.1.5
LJT_DEBIAN_VERSION=1:2.1.5-2
LJT_SHA256=254f3642b04e309fee775123133c6464181addc150499561020312ec61c1bf7c
LJT_TARBALL="${XDG_CACHE_HOME:-$HOME/.cache}/witbox/sources/libjpeg-turbo_${LJT_VERSION}.orig.tar.gz"
fetch_libjpeg_turbo() { # into-dir
  if ! echo "$LJT_SHA256  $LJT_TARBALL" | sha256sum -c --status 2>/dev/null; then
    step "fetching libjpeg-turbo $LJT_DEBIAN_VERSION's source from Debian"
    local apt="$SCRATCH/apt"
    mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/src" "$(dirname "$LJT_TARBALL")"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      > "$apt/parts/bookworm-src.sources"
    local opts=(-qq -o APT::Sandbox::User=root -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt/parts"
                -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache")
    apt-get "${opts[@]}" update || die "apt-get update of Debian's source index failed"
    (cd "$apt/src" && apt-get "${opts[@]}" source --download-only "libjpeg-turbo=$LJT_DEBIAN_VERSION" >&2) \
      || die "apt-get source libjpeg-turbo=$LJT_DEBIAN_VERSION failed"
    cp "$apt/src/libjpeg-turbo_${LJT_VERSION}.orig.tar.gz" "$LJT_TARBALL"
    echo "$LJT_SHA256  $LJT_TARBALL" | sha256sum -c --status || die "libjpeg-turbo's tarball is not the one pinned ($LJT_SHA256)"
  fi
  tar xzf "$LJT_TARBALL" -C "$1"
}

# The thumbnailer's C and libjpeg-turbo are built with inlining held back (clang's -fno-inline-functions, wasm-opt's -ocimfs): the host compiles each
# wasm function into one JVM method, and HotSpot's JIT compilers give up on very large ones (C1 runs
# out of virtual registers, C2 out of nodes), which then run in the JVM's bytecode interpreter. With
# both compilers' defaults, stb's decoders were inlined into one 77 KB function and the JPEG encoder
# into a 14 KB one, and a thumbnail spent over a third of its time interpreted.
THUMBNAILER_CFLAGS=(--target=wasm32-wasi -O2 -fno-inline-functions)

# libjpeg-turbo's decompressor (no SIMD: jsimd_none.c) as wasm32-wasi objects in $1/ljt-obj. Its three
# configuration headers are made from its own .in templates, as its CMake build would.
LJT_SOURCES="jaricom jcomapi jdapimin jdapistd jdarith jdatasrc jdcoefct jdcolor jddctmgr jdhuff jdicc jdinput
  jdmainct jdmarker jdmaster jdmerge jdphuff jdpostct jdsample jerror jidctflt jidctfst jidctint jidctred
  jmemmgr jmemnobs jquant1 jquant2 jutils jsimd_none"
build_libjpeg_turbo() { # scratch-dir
  fetch_libjpeg_turbo "$1"
  local src="$1/libjpeg-turbo-$LJT_VERSION" cfg="$1/ljt-config" obj="$1/ljt-obj"
  mkdir -p "$cfg" "$obj"
  sed -e 's/@JPEG_LIB_VERSION@/62/' -e "s/@VERSION@/$LJT_VERSION/" -e 's/@LIBJPEG_TURBO_VERSION_NUMBER@/2001005/' \
      -e 's/@BITS_IN_JSAMPLE@/8/' -e 's/^#cmakedefine \(D_ARITH_CODING_SUPPORTED\|MEM_SRCDST_SUPPORTED\) 1/#define \1 1/' \
      -e 's|^#cmakedefine \(.*\)$|/* #undef \1 */|' "$src/jconfig.h.in" > "$cfg/jconfig.h"
  sed -e 's/@BUILD@/witbox/' -e 's/@INLINE@/__inline__ __attribute__((always_inline))/' -e 's/@THREAD_LOCAL@//' \
      -e 's/@CMAKE_PROJECT_NAME@/libjpeg-turbo/' -e "s/@VERSION@/$LJT_VERSION/" -e 's/@SIZE_T@/4/' \
      -e 's/^#cmakedefine HAVE_BUILTIN_CTZL/#define HAVE_BUILTIN_CTZL/' -e 's|^#cmakedefine \(.*\)$|/* #undef \1 */|' \
      "$src/jconfigint.h.in" > "$cfg/jconfigint.h"
  sed -e 's/@COPYRIGHT_YEAR@/1991-2023/' "$src/jversion.h.in" > "$cfg/jversion.h"
  local f
  for f in $LJT_SOURCES; do
    "$CLANG" "${THUMBNAILER_CFLAGS[@]}" -I"$cfg" -I"$src" -ffile-prefix-map="$1"=libjpeg-turbo -c "$src/$f.c" -o "$obj/$f.o"
  done
}

# C, wasi-libc behind the preview1 reactor adapter: the thumbnailer reads files through WASI.
# Linked with its names, then through Binaryen's Asyncify (libjpeg's fatal errors unwind to
# decode_guarded: thumbnailer/jpeg_scaled.c says why), optimised and stripped.

link_thumbnailer() { # scratch-dir out.core.wasm [extra link flags...]
  local scratch="$1" out="$2" linked="$1/$(basename "$2").linked"
  shift 2
  "$CLANG" "${THUMBNAILER_CFLAGS[@]}" -mexec-model=reactor -I"$GUESTS/include" -I"$scratch/ljt-config" \
    -I"$scratch/libjpeg-turbo-$LJT_VERSION" -Wall -Wextra -Werror -ffile-prefix-map="$ROOT"=witbox "$@" \
    -o "$linked" "$HERE/thumbnailer/thumbnailer.c" "$HERE/thumbnailer/jpeg_scaled.c" "$scratch"/ljt-obj/*.o
  node "$HERE/node_modules/binaryen/bin/wasm-opt" "$linked" --asyncify \
    --pass-arg=asyncify-imports@asyncify.start_unwind --pass-arg='asyncify-removelist@decode_guarded,stbi*' \
    -O2 --one-caller-inline-max-function-size=200 --strip-debug --strip-producers -o "$out"
  validate_core "$out"
  if wasm-objdump -j Import -x "$out" | grep -q '<- asyncify\.'; then die "$out still imports asyncify.*"; fi
}

build_thumbnailer() { # out-dir scratch-dir baselines-dir
  step "thumbnailer (C: libjpeg-turbo, stb_image, stb_image_resize, stb_image_write)"
  build_libjpeg_turbo "$2"
  link_thumbnailer "$2" "$2/thumbnailer.core.wasm"
  JCO component "$2/thumbnailer.core.wasm" "$WIT" thumbnailer "$1/thumbnailer.wasm" --adapter reactor
  # the benchmark's naive host (benchmarks/GalleryHttpBenchmark): the same C as a plain wasip1 core module
  # with a fixed 256 MB memory, instantiated on bare Chicory for every request. Not in plugins/: the starter
  # would load it as a plugin.
  local mb256=$((256 * 1024 * 1024))
  link_thumbnailer "$2" "$3/thumbnailer-256m.core.wasm" -Wl,--initial-memory=$mb256,--max-memory=$mb256
  # the licence the thumbnailer's binary must carry (BSD-style and IJG), as the tarball has it
  cp "$2/libjpeg-turbo-$LJT_VERSION/LICENSE.md" "$3/../libjpeg-turbo-LICENSE.md"
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
