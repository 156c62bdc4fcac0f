#!/usr/bin/env bash
# The market on the native Fabric network: a community of home agents (default 50 homes, 2048-bit keys) trades a
# few windows, each checked against the plaintext reference. Writes DIR/fabric.json: per-window latency (median,
# p95), transactions per second, the orderer's BatchTimeout, and where the time goes (endorsement, ordering,
# commit, the wait for the other peers, queries, the agents' own computation).
# Uses a running network (test-network/network.sh) or starts one and stops it afterwards.
# With --representatives N, N representatives act for the homes (round-robin), one batch each per window.
# With --phase-seconds S every phase's deadline is S seconds (defaults 20/20/15/15; a thousand homes on two cores
# need more).
# usage: scripts/fabric-bench.sh --out DIR [--homes N] [--windows N] [--key-bits N] [--seed N] [--representatives N]
#                                [--phase-seconds S]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=""
HOMES=50
WINDOWS=11
KEY_BITS=2048
SEED=1
REPRESENTATIVES=0
PHASE_SECONDS=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) OUT=${2:?--out needs a directory}; shift 2 ;;
    --homes) HOMES=${2:?}; shift 2 ;;
    --windows) WINDOWS=${2:?}; shift 2 ;;
    --key-bits) KEY_BITS=${2:?}; shift 2 ;;
    --seed) SEED=${2:?}; shift 2 ;;
    --representatives) REPRESENTATIVES=${2:?}; shift 2 ;;
    --phase-seconds) PHASE_SECONDS=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ -n $OUT ]] || die "--out DIR is required"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
require_java
cd "$ROOT"
NETWORK="$ROOT/test-network/network.sh"
DATA="${NETWORK_DATA_DIR:-$ROOT/test-network/data}"
GENERATED="${NETWORK_GENERATED_DIR:-$ROOT/network/generated}"
# One client identity per home and representative (representatives take the last ones); network.sh up creates
# this many (cryptogen extend adds missing ones).
NEEDED_USERS=$(( HOMES + REPRESENTATIVES ))
export COMMUNITY_USERS=$(( NEEDED_USERS > ${COMMUNITY_USERS:-60} ? NEEDED_USERS : ${COMMUNITY_USERS:-60} ))
STARTED_NETWORK=0

cleanup() {
  local status=$?
  trap - EXIT
  if ((status != 0)) && [[ -d "$DATA/logs" ]]; then
    log "the Fabric benchmark failed (exit ${status}); the end of each process log follows"
    for file in "$DATA"/logs/*.log; do
      [[ -f $file ]] || continue
      printf '\n----- last 30 lines of %s -----\n' "$file" >&2
      tail -n 30 "$file" >&2
    done
  fi
  if [[ $STARTED_NETWORK == 1 ]]; then
    "$NETWORK" down || true
  fi
  exit "$status"
}
trap cleanup EXIT

ensure_built
BENCH_CLASS="$ROOT/app/target/test-classes/io/neighbourgrid/fabric/FabricBench.class"
if [[ ! -f $BENCH_CLASS || -n $(find "$ROOT/app/src/test/java/io/neighbourgrid/fabric" -newer "$BENCH_CLASS" -print -quit) ]]; then
  log "compiling the benchmark (mvn test-compile)"
  "$MVN" "${MVN_FLAGS[@]}" -q -pl app -am test-compile
fi

if "$NETWORK" status >/dev/null 2>&1; then
  log "using the running network"
else
  started=${SECONDS}
  log "starting a network for the benchmark (stopped again afterwards)"
  STARTED_NETWORK=1
  "$NETWORK" up
  log "network up in $((SECONDS - started)) s"
fi
started=${SECONDS}
"$NETWORK" deploy >/dev/null
log "chaincode deployed in $((SECONDS - started)) s"

log "Fabric benchmark: ${HOMES} homes x ${WINDOWS} windows, ${KEY_BITS}-bit keys -> $OUT/fabric.json"
# shellcheck disable=SC2086 # JAVA_OPTS holds JVM options
java ${JAVA_OPTS:--Xmx4g} -cp "$(cli_classpath):$ROOT/app/target/test-classes" io.neighbourgrid.fabric.FabricBench \
  --connection "$GENERATED" --out "$OUT" --homes "$HOMES" --windows "$WINDOWS" --key-bits "$KEY_BITS" --seed "$SEED" \
  --representatives "$REPRESENTATIVES" --phase-seconds "$PHASE_SECONDS"
