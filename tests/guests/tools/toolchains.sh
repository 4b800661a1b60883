# Sourced by the scripts that build or check guest plugins (tests/guests/build.sh, oracle.sh,
# wat-conformance.sh, sample-app/plugins/build.sh): where the Debian toolchains live, and the two
# idempotent installers they share.

CLANG=clang-16
RUSTC=/usr/bin/rustc   # Debian's rustc (has the wasm32 std's); not a rustup one on PATH
WASI_LIBC=/usr/lib/wasm32-wasi/libc.a
CLANG_RT=/usr/lib/llvm-16/lib/clang/16/lib/wasi/libclang_rt.builtins-wasm32.a
RUST_WASM_STD=/usr/lib/rustlib/wasm32-unknown-unknown

# ensure_apt [FILE PACKAGE]...: installs the guest toolchains' Debian packages that are missing, and each
# extra PACKAGE whose FILE does not exist; fails when clang or Rust's wasm std is still missing after.
ensure_apt() {
  local missing=()
  command -v "$CLANG" >/dev/null || missing+=(clang-16)
  command -v wasm-ld-16 >/dev/null || missing+=(lld-16)
  [ -f "$WASI_LIBC" ] || missing+=(wasi-libc)
  [ -f "$CLANG_RT" ] || missing+=(libclang-rt-16-dev-wasm32)
  [ -x "$RUSTC" ] || missing+=(rustc)
  [ -d "$RUST_WASM_STD" ] || missing+=(libstd-rust-dev-wasm32)
  command -v wasm-validate >/dev/null || missing+=(wabt)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  while [ $# -ge 2 ]; do
    [ -e "$1" ] || missing+=("$2")
    shift 2
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing missing Debian packages: ${missing[*]}" >&2
    local SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  command -v "$CLANG" >/dev/null || { echo "ERROR: clang-16 still missing" >&2; exit 1; }
  [ -d "$RUST_WASM_STD" ] || { echo "ERROR: rust wasm32-unknown-unknown std still missing" >&2; exit 1; }
}

# ensure_npm_in DIR: installs the npm packages pinned in DIR/package-lock.json when they are missing or older
# than the lock (node_modules/.package-lock.json is npm's own record of what it installed).
ensure_npm_in() {
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    command -v npm >/dev/null || { echo "$(basename "$0"): npm missing (apt-get install nodejs npm, or run build.sh)" >&2; exit 1; }
    echo "==> npm install in $1 (pinned by its package-lock.json)" >&2
    (cd "$1" && npm install --no-audit --no-fund >&2)
  fi
}
