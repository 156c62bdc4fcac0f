#!/usr/bin/env bash
# The command line beyond the trading day: bills, audits and benchmarks against a ledger a run left behind.
#   scripts/cli.sh bill --home H --period FROM-TO [--out DIR]
#   scripts/cli.sh audit --window T [--out DIR]      scripts/cli.sh audit --home H --period FROM-TO
#   scripts/cli.sh help
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_java
ensure_built
JAVA_OPTS=${JAVA_OPTS:--Xmx4g}
# shellcheck disable=SC2086
exec java $JAVA_OPTS -cp "$(cli_classpath)" io.neighbourgrid.cli.Main "$@"
