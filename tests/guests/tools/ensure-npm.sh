# Sourced by oracle.sh and wat-conformance.sh (HERE = tests/guests): installs the pinned npm packages
# (package-lock.json) into node_modules/ when they are missing or older than the lock file.
. "$HERE/tools/toolchains.sh"
ensure_npm_in "$HERE"
