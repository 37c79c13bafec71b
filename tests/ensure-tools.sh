#!/usr/bin/env bash
# Test-only tools that have no wheel: Debian's chromium (browser tests, Ace)
# and Ace by DAISY from npm. Installed only when missing, and only where we
# may (root with apt / npm available); otherwise those tests say why they skip.
set -u
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "tests: installing Debian's chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || echo "tests: could not install chromium"
  else
    echo "tests: chromium is missing and cannot be installed here (need root and apt-get)"
  fi
fi
ACE_DIR=.cache/ace
if [ ! -x "$ACE_DIR/node_modules/.bin/ace" ] && command -v npm >/dev/null 2>&1; then
  echo "tests: installing Ace by DAISY (@daisy/ace-cli 1.4.6) into $ACE_DIR"
  mkdir -p "$ACE_DIR"
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$ACE_DIR" --no-audit --no-fund --silent @daisy/ace-cli@1.4.6 \
    >/dev/null 2>&1 || echo "tests: could not install Ace"
fi
exit 0
