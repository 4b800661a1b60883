# Sourced by oracle.sh and wat-conformance.sh (HERE = tests/guests): installs the pinned npm packages
# (package-lock.json) into node_modules/ when they are missing or older than the lock file.
if [ ! -f "$HERE/node_modules/.package-lock.json" ] \
   || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  command -v npm >/dev/null || { echo "$(basename "$0"): npm missing (apt-get install nodejs npm, or run build.sh)" >&2; exit 1; }
  (cd "$HERE" && npm install --no-audit --no-fund >&2)
fi
