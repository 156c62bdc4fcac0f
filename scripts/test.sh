#!/usr/bin/env bash
# README command 2: the whole test suite.
#   1. every module's unit and integration tests (Maven, JUnit 5);
#   2. the end-to-end run on a real Fabric network (native peer and orderer processes, chaincode as a
#      service), unless SKIP_FABRIC=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_java
cd "$ROOT"

# Headless Chromium and its driver for the operator console's browser test (installed only when missing). If they
# cannot be installed, that test fails under CI=true and is skipped otherwise, saying why.
"$ROOT/scripts/install-browser.sh" >&2 || log "warning: headless Chromium unavailable (scripts/install-browser.sh failed)"

log "unit and integration tests (mvn verify)"
"$MVN" "${MVN_FLAGS[@]}" verify
touch "$ROOT/app/target/lib/.built" 2>/dev/null || true

if [[ ${SKIP_FABRIC:-0} == 1 ]]; then
  log "SKIP_FABRIC=1: the Fabric network test is skipped"
elif [[ -x "$ROOT/scripts/fabric-test.sh" ]]; then
  log "end-to-end test on a real Fabric network"
  "$ROOT/scripts/fabric-test.sh"
fi
log "all tests passed"
