#!/usr/bin/env bash
# The end-to-end test on a real Fabric network (scripts/test.sh runs it after the unit tests):
#   1. installs Fabric (scripts/install-fabric.sh; built once, then cached),
#   2. builds the chaincode jar if it is missing or older than its sources,
#   3. starts a fresh network: test-network/network.sh down, up, deploy,
#   4. runs the Fabric integration tests (io.neighbourgrid.fabric.FabricMarketTest) against it, then the fault
#      drills (FabricDrillTest), printing one line per drill: drill <name>: windows decided N, settled N, lost 0, double 0,
#   5. always stops the network and removes its data; on failure it first prints the end of every
#      process log (copies stay in app/target/fabric-logs/).
# Prints how long each stage took.
# usage: scripts/fabric-test.sh [--keep]   (--keep leaves the network running for inspection)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KEEP=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

require_java
cd "$ROOT"
NETWORK="$ROOT/test-network/network.sh"
DATA="${NETWORK_DATA_DIR:-$ROOT/test-network/data}"
CONNECTION="${NETWORK_GENERATED_DIR:-$ROOT/network/generated}/connection.json"
JAR="${CHAINCODE_JAR:-$ROOT/chaincode/target/neighbourgrid-chaincode.jar}"
STARTED=${SECONDS}
NETWORK_TOUCHED=0
DURATIONS=()

# timed NAME COMMAND...: runs COMMAND and records how long it took, also when it fails.
timed() {
  local name=$1 start=${SECONDS} status=0
  shift
  log "${name}"
  "$@" || status=$?
  DURATIONS+=("${name%% *} $((SECONDS - start)) s$( ((status == 0)) || printf ' (failed)')")
  return "${status}"
}

summary() {
  local joined
  joined="$(printf '%s, ' "${DURATIONS[@]}")"
  log "durations: ${joined%, }; total $((SECONDS - STARTED)) s"
}

print_logs() {
  local file
  [[ -d "$DATA/logs" ]] || return 0
  for file in "$DATA"/logs/*.log; do
    [[ -f $file ]] || continue
    printf '\n----- last 40 lines of %s -----\n' "$file" >&2
    tail -n 40 "$file" >&2
  done
}

cleanup() {
  local status=$?
  trap - EXIT
  if [[ $NETWORK_TOUCHED == 1 ]]; then
    if [[ -d "$DATA/logs" ]]; then
      mkdir -p "$ROOT/app/target/fabric-logs"
      cp "$DATA"/logs/*.log "$ROOT/app/target/fabric-logs/" 2>/dev/null || true
    fi
    if ((status != 0)); then
      log "the Fabric test failed (exit ${status}); the end of each process log follows"
      print_logs
    fi
    if [[ $KEEP == 1 ]]; then
      log "--keep: the network keeps running; stop it with $NETWORK down"
    else
      timed "down (stop every process, remove the network's data)" "$NETWORK" down || true
    fi
  fi
  summary
  exit "$status"
}
trap cleanup EXIT

install_fabric() {
  local bin
  bin="$("$ROOT/scripts/install-fabric.sh" | tail -n 1)"
  [[ -x "$bin/peer" ]] || die "install-fabric.sh did not yield a bin directory with peer"
  log "Fabric: $("$bin/peer" version | awk '/^ *Version:/ { print $2; exit }') in $bin"
}

# The chaincode service runs the jar, so it must hold the current contract.
build_chaincode() {
  if [[ -f $JAR && -z $(find "$ROOT/core/src/main" "$ROOT/protocol/src/main" "$ROOT/chaincode/src/main" "$ROOT/pom.xml" \
      "$ROOT/core/pom.xml" "$ROOT/protocol/pom.xml" "$ROOT/chaincode/pom.xml" -newer "$JAR" -print -quit 2>/dev/null) ]]; then
    log "chaincode jar is up to date: $JAR"
    return
  fi
  "$MVN" "${MVN_FLAGS[@]}" -q -pl chaincode -am package -DskipTests
  [[ -f $JAR ]] || die "the build did not produce $JAR"
}

timed "install Fabric" install_fabric
timed "build the chaincode jar if needed" build_chaincode
NETWORK_TOUCHED=1
# A network left over from an interrupted run holds homes and windows the tests would collide with.
"$NETWORK" down >/dev/null 2>&1 || true
timed "up (crypto material, genesis block, three orderers, four peers, channel)" "$NETWORK" up
timed "deploy (package, install, approve, commit; one chaincode service per organisation)" "$NETWORK" deploy >/dev/null
# The simulated homes' keys of these tests, under the community's own random passphrase (KEYS/passphrase).
KEYS="${FABRIC_TEST_KEYS:-$ROOT/app/target/fabric-keys}"
DRILLS="$ROOT/app/target/fabric-drills.txt"
rm -f "$DRILLS"
timed "tests (FabricMarketTest, FabricEcoinTest, FabricNegotiationTest against $CONNECTION)" \
  "$MVN" "${MVN_FLAGS[@]}" -pl app -am test -Dtest=FabricMarketTest,FabricEcoinTest,FabricNegotiationTest \
  -Dsurefire.failIfNoSpecifiedTests=false "-Dneighbourgrid.fabric.connection=$CONNECTION" \
  "-Dneighbourgrid.fabric.keys=$KEYS"
# The drills run after the market tests, on the windows after theirs: SIGKILL of an orderer, of the operator's peer
# (started again 10 s later), of a chaincode service and of one of the homes' two peers (its homes go on through the
# other; started again 15 s later, it catches up), each in the middle of a window.
timed "drills (FabricDrillTest: orderer, operator's peer, chaincode service, a homes' peer killed mid-window)" \
  "$MVN" "${MVN_FLAGS[@]}" -pl app -am test -Dtest=FabricDrillTest \
  -Dsurefire.failIfNoSpecifiedTests=false "-Dneighbourgrid.fabric.connection=$CONNECTION" \
  "-Dneighbourgrid.fabric.keys=$KEYS"
[[ -f "$DRILLS" ]] && cat "$DRILLS"
log "the Fabric integration tests and drills passed"
