#!/usr/bin/env bash
# The whole command line (run, bench-market, bill, audit, bench-billing), e.g. bills and audits against the
# ledger a run left behind:
#   scripts/cli.sh bill --home H --period FROM-TO [--out DIR]
#   scripts/cli.sh audit --window T [--out DIR]      scripts/cli.sh audit --home H --period FROM-TO
#   scripts/cli.sh audit --all [--out DIR] [--json FILE]
#   scripts/cli.sh --help      scripts/cli.sh COMMAND --help      scripts/cli.sh --version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_java
ensure_built
JAVA_OPTS=${JAVA_OPTS:--Xmx4g}
# shellcheck disable=SC2086
exec java $JAVA_OPTS -cp "$(cli_classpath)" io.neighbourgrid.cli.Main "$@"
