#!/usr/bin/env bash
# Benchmarks, written as JSON into DIR:
#   crypto.json   cryptographic operations per key size, with ratios to a plain modPow in the same run
#   market.json   trading-day runs on the embedded ledger (50, 100, 300 and 1,000 homes), phase by phase, CPU per window
#   fabric.json   the same market on the native Fabric network (skipped with SKIP_FABRIC=1)
#   billing.json  bills of 1,000 homes over 96 windows computed, proven and verified, stage by stage
#   ecoin.json    the e-coin paper's Table 1 (pairing times) on a simulated 30 ms channel and the embedded ledger
#   negotiation.json  seed 002's negotiation, both cases, plain and private, against the ojAlgo optimum
#   attacks.json  the adversary drill: one dishonest home per attack kind; windows lost, who is suspended
# usage: scripts/bench.sh --out DIR [--quick] [--only crypto|market|fabric|billing|ecoin|negotiation|attacks]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=""
QUICK=0
ONLY=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) OUT=${2:?--out needs a directory}; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --only) ONLY=${2:?--only needs a name}; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ -n $OUT ]] || die "--out DIR is required"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
require_java
ensure_built
CP="$(cli_classpath)"
JAVA_OPTS=${JAVA_OPTS:--Xmx8g}

want() { [[ -z $ONLY || $ONLY == "$1" ]]; }

if want crypto; then
  log "crypto benchmark -> $OUT/crypto.json"
  args=(--out "$OUT")
  [[ $QUICK == 1 ]] && args+=(--quick)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" io.neighbourgrid.bench.CryptoBench "${args[@]}"
fi
if want market; then
  log "market benchmark -> $OUT/market.json"
  args=(bench-market --out "$OUT")
  [[ $QUICK == 1 ]] && args+=(--quick)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" io.neighbourgrid.cli.Main "${args[@]}"
fi
if want billing; then
  log "billing benchmark -> $OUT/billing.json"
  args=(bench-billing --out "$OUT")
  [[ $QUICK == 1 ]] && args+=(--quick)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" io.neighbourgrid.cli.Main "${args[@]}"
fi
if want ecoin; then
  log "e-coin benchmark -> $OUT/ecoin.json"
  args=(--out "$OUT")
  [[ $QUICK == 1 ]] && args+=(--quick)
  # ECOIN_FABRIC=network/generated adds the Fabric rows, every size on one microgrid (the network must be up and
  # deployed, its e-coin contract not yet configured)
  [[ -n ${ECOIN_FABRIC:-} ]] && args+=(--fabric "$ECOIN_FABRIC")
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" io.neighbourgrid.bench.EcoinBench "${args[@]}"
fi
if want negotiation; then
  log "negotiation benchmark -> $OUT/negotiation.json"
  args=(--out "$OUT")
  [[ $QUICK == 1 ]] && args+=(--quick)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" io.neighbourgrid.bench.NegotiationBench "${args[@]}"
fi
if want attacks; then
  log "adversary drill -> $OUT/attacks.json"
  args=(--out "$OUT")
  [[ $QUICK == 1 ]] && args+=(--quick)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" io.neighbourgrid.bench.attacks.AttackDrill "${args[@]}"
fi
if want fabric && [[ ${SKIP_FABRIC:-0} != 1 ]]; then
  if [[ -x "$ROOT/scripts/fabric-bench.sh" ]]; then
    log "Fabric benchmark -> $OUT/fabric.json"
    "$ROOT/scripts/fabric-bench.sh" --out "$OUT"
  fi
fi
log "benchmarks written to $OUT"
