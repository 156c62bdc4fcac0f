#!/usr/bin/env bash
# Installs the headless browser the operator console's end-to-end test drives: Debian's chromium and
# chromium-driver packages (the browser and its matching chromedriver), through apt-get, as root.
# Idempotent and quiet: when both commands are already on PATH it installs nothing. Prints where they are.
#
#   scripts/install-browser.sh            install if missing, then print the two paths
#
# Exit status: 0 when both are present afterwards; 1 when they are missing and cannot be installed (not root,
# no apt-get, or the installation failed). The Maven test reads the same paths (see BrowserSupport in the
# console tests): it fails when CI=true and the browser is missing, and is skipped otherwise.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

if ! { have chromium && have chromedriver; }; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-browser: chromium/chromedriver missing and not root: run 'apt-get install -y chromium chromium-driver' as root" >&2
    exit 1
  fi
  if ! have apt-get; then
    echo "install-browser: chromium/chromedriver missing and apt-get is not available" >&2
    exit 1
  fi
  echo "install-browser: installing chromium and chromium-driver (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver; } \
      >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    rm -f "$log"
    echo "install-browser: apt-get could not install chromium and chromium-driver" >&2
    exit 1
  fi
  rm -f "$log"
fi

if ! { have chromium && have chromedriver; }; then
  echo "install-browser: chromium/chromedriver still missing after the installation" >&2
  exit 1
fi
echo "chromium: $(command -v chromium)"
echo "chromedriver: $(command -v chromedriver)"
