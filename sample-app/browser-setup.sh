#!/usr/bin/env bash
# Installs what the sample's browser test (GalleryBrowserTest) drives: Debian's chromium and
# chromium-driver. Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver exist.
# Where they cannot be installed (no apt, no root, no network), it says so and exits 0: the test then
# skips itself with a loud message.
set -uo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "browser-setup: chromium and chromedriver are installed" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "browser-setup: WARNING: no apt-get here; install chromium and chromedriver yourself or the browser test is skipped" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "browser-setup: installing chromium chromium-driver" >&2
if ! { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver; }; then
  echo "browser-setup: WARNING: could not install chromium/chromium-driver; the browser test will be SKIPPED" >&2
fi
exit 0
