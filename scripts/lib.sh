#!/usr/bin/env bash
# Shared settings for the project's scripts. Sourced, never run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# Maven: the project's wrapper pins the version; MVN overrides it.
MVN="${MVN:-$ROOT/mvnw}"
MVN_FLAGS=(-B -ntp)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 or newer"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [[ ${v%%.*} -ge 17 ]] || die "Java 17 or newer required, found $v"
}

# Newest modification time of the project's sources, compared with the built classpath.
sources_newer_than() {
  local marker=$1
  [[ -e $marker ]] || return 0
  [[ -n $(find "$ROOT"/{core,protocol,chaincode,client-sdk,embedded-ledger,app}/src/main "$ROOT"/pom.xml "$ROOT"/*/pom.xml \
      -newer "$marker" -print -quit 2>/dev/null) ]]
}

# Builds the modules (no tests) when the CLI classpath is missing or older than the sources.
ensure_built() {
  local marker="$ROOT/app/target/lib/.built"
  if sources_newer_than "$marker"; then
    log "building (mvn package, tests skipped)"
    (cd "$ROOT" && "$MVN" "${MVN_FLAGS[@]}" -q package -DskipTests) >&2
    touch "$marker"
  fi
}

cli_classpath() {
  printf '%s' "$ROOT/app/target/classes:$ROOT/app/target/lib/*"
}
