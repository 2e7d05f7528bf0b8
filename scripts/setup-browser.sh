#!/usr/bin/env bash
# The browser tests need Debian's Chromium and a CJK font. Installs them when they are missing and this runs as
# root with apt-get; otherwise prints the one command to run and fails. BROWSER_PATH / FONT_PACKAGE let a test
# point the check at an absent browser.
set -euo pipefail
browser=${BROWSER_PATH:-/usr/bin/chromium}
packages=(chromium fonts-wqy-microhei)
missing=()
[ -x "$browser" ] || missing+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing ${missing[*]} from Debian (browser tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  [ -x "$browser" ] || { echo "setup: $browser is still missing after installing chromium" >&2; exit 1; }
  exit 0
fi
echo "setup: the browser tests need ${missing[*]}: run  sudo apt-get install -y chromium fonts-wqy-microhei" >&2
exit 1
