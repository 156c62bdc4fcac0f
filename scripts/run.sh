#!/usr/bin/env bash
# README command 1: a trading day for a community of homes, with a report.
#   scripts/run.sh [--homes N] [--windows T] [--key-bits B] [--seed S] [--data FILE] [--out DIR]
#                  [--ledger embedded|fabric] ...   (scripts/run.sh --help lists every option)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_java
ensure_built
JAVA_OPTS=${JAVA_OPTS:--Xmx4g}
# shellcheck disable=SC2086
exec java $JAVA_OPTS -cp "$(cli_classpath)" io.neighbourgrid.cli.Main run "$@"
