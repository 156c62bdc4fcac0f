#!/usr/bin/env bash
# Installs the Hyperledger Fabric programs the test network runs: peer, orderer, osnadmin,
# configtxgen, cryptogen, discover (the service discovery client, used to check that the gateways
# can find endorsers), the chaincode-as-a-service builder (detect, build, release) and Fabric's
# default configuration (core.yaml, orderer.yaml), in one directory outside the repository:
#
#   <home>/bin/{peer,orderer,osnadmin,configtxgen,cryptogen,discover}
#   <home>/bin/{fabric-ca-server,fabric-ca-client}   (Fabric CA, built from its Go module, see below)
#   <home>/builders/ccaas/bin/{detect,build,release}
#   <home>/config/{core.yaml,orderer.yaml,configtx.yaml}
#
# Where the programs come from, first match wins:
#   1. $FABRIC_BIN, or the directory of `peer` on PATH (linked into <cache>/fabric-external);
#   2. a complete earlier install in the cache (a second run takes a second or two);
#   3. Fabric's release archive (fails fast where the release host is unreachable);
#   4. `go build` from the Fabric module on the Go module proxy (CGO_ENABLED=0), for the wanted
#      version and then, if the proxy does not serve it, for the fallback version.
# Fabric CA (fabric-ca-server, fabric-ca-client) is built from the module github.com/hyperledger/fabric-ca at
# FABRIC_CA_VERSION on the Go module proxy (with cgo where a C compiler exists, for its SQLite store) and
# cached in the same bin directory; a failure to build it is a warning, since the network can still issue its
# identities with cryptogen.
# The last line of stdout is the bin directory, so callers can do
#   FABRIC_BIN_DIR="$(scripts/install-fabric.sh | tail -n 1)"
# Everything else goes to stderr.
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Settings: every one can be overridden by an environment variable of the same name.
# ---------------------------------------------------------------------------------------------
# The wanted release. Fabric's go.mod says `module github.com/hyperledger/fabric` (no /v2), so the
# v2.x tags are not valid module versions; the module is fetched by commit, which the proxy turns
# into a pseudo-version.
: "${FABRIC_VERSION:=2.5.16}"
: "${FABRIC_COMMIT:=f871cf92a026aba7b12e6f06d71ded3e6e659d71}"
: "${FABRIC_MODULE_VERSION:=${FABRIC_COMMIT}}"
# Expected go.sum hash (h1:...) of that module version; empty means the checksum database decides.
: "${FABRIC_MODULE_SUM:=}"
# The release built when the module proxy in use does not serve the wanted one: v2.5.9 (its tag
# commit), with its pseudo-version and the go.sum hash of its module archive pinned here.
: "${FABRIC_FALLBACK_VERSION:=2.5.9}"
: "${FABRIC_FALLBACK_COMMIT:=7c3876255bf064b789a839ce347b6a02adb6333c}"
: "${FABRIC_FALLBACK_MODULE_VERSION:=v1.4.0-rc1.0.20240618194258-7c3876255bf0}"
: "${FABRIC_FALLBACK_MODULE_SUM:=h1:w1N0xx9Jg7nFxDelL7+BYj7Z3YIg3L1nTTWRlzkG88U=}"
# Set to false to fail instead of building the fallback release.
: "${FABRIC_ALLOW_FALLBACK:=true}"
# Cache root; each release gets <cache>/fabric-<version>.
: "${FABRIC_CACHE_DIR:=${XDG_CACHE_HOME:-${HOME}/.cache}/neighbourgrid}"
# Directory holding prebuilt binaries to use instead of downloading or building.
: "${FABRIC_BIN:=}"
# Prebuilt ccaas builder bin directory (holding detect, build, release) to use with FABRIC_BIN.
: "${FABRIC_CCAAS_BUILDER_BIN:=}"
: "${FABRIC_RELEASE_BASE_URL:=https://github.com/hyperledger/fabric/releases/download}"
# Seconds to wait for the release host to accept a connection, and for the whole download.
: "${FABRIC_CONNECT_TIMEOUT:=5}"
: "${FABRIC_DOWNLOAD_TIMEOUT:=300}"
# Seconds allowed for one `go mod download` (the module proxy normally answers in a second).
: "${FABRIC_GO_DOWNLOAD_TIMEOUT:=600}"
# Fabric CA: module version and the go.sum hash of its module archive.
: "${FABRIC_CA_VERSION:=v1.5.15}"
: "${FABRIC_CA_MODULE_SUM:=h1:55lQb2B/nWjpZZ8Ke/5dczoSh9juHT3OgrUFn640ks0=}"
: "${FABRIC_CA_BUILD:=true}"

readonly FABRIC_MODULE=github.com/hyperledger/fabric
readonly TOOLS=(peer orderer osnadmin configtxgen cryptogen discover)
readonly BUILDER_PROGRAMS=(detect build release)
readonly CONFIG_FILES=(core.yaml orderer.yaml configtx.yaml)

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/.." && pwd)"
BUILDER_SOURCE="${REPO_ROOT}/network/ccaas-builder"

log() { printf '[install-fabric] %s\n' "$*" >&2; }
die() { printf '[install-fabric] error: %s\n' "$*" >&2; exit 1; }

# Prints the "Version:" field of a Fabric program's version output.
tool_version() {
  local program="$1" flag=version
  [[ "$(basename "${program}")" == configtxgen ]] && flag=-version
  "${program}" "${flag}" 2>/dev/null | awk '/^ *Version:/ { print $2; exit }'
}

# Checks that a home directory holds working programs of the expected version.
# $2 is the exact version wanted, or "2.5" to accept any 2.5.x (binaries supplied by the user).
verify_home() {
  local home="$1" expected="$2" tool version
  for tool in "${TOOLS[@]}"; do
    [[ -x "${home}/bin/${tool}" ]] || { log "missing ${home}/bin/${tool}"; return 1; }
  done
  for tool in peer orderer configtxgen cryptogen; do
    version="$(tool_version "${home}/bin/${tool}")" || version=""
    if [[ "${expected}" == 2.5 ]]; then
      [[ "${version}" == 2.5.* ]] || { log "${tool} reports version '${version}', need 2.5.x"; return 1; }
    elif [[ "${version}" != "${expected}" ]]; then
      log "${tool} reports version '${version}', expected ${expected}"
      return 1
    fi
  done
  # osnadmin and discover have no version command; their help must at least run.
  for tool in osnadmin discover; do
    "${home}/bin/${tool}" --help >/dev/null 2>&1 || { log "${tool} does not run"; return 1; }
  done
  local file
  for file in core.yaml orderer.yaml; do
    [[ -s "${home}/config/${file}" ]] || { log "missing ${home}/config/${file}"; return 1; }
  done
  verify_builder "${home}/builders/ccaas/bin"
}

# The builder must accept a ccaas package and decline any other type.
verify_builder() {
  local bin="$1" program probe
  for program in "${BUILDER_PROGRAMS[@]}"; do
    [[ -x "${bin}/${program}" ]] || { log "missing ${bin}/${program}"; return 1; }
  done
  probe="$(mktemp -d)"
  printf '{"type":"ccaas","label":"probe"}' >"${probe}/metadata.json"
  if ! "${bin}/detect" "${probe}" "${probe}" >/dev/null 2>&1; then
    rm -rf "${probe}"; log "${bin}/detect rejects a ccaas package"; return 1
  fi
  printf '{"type":"java","label":"probe"}' >"${probe}/metadata.json"
  if "${bin}/detect" "${probe}" "${probe}" >/dev/null 2>&1; then
    rm -rf "${probe}"; log "${bin}/detect accepts a java package"; return 1
  fi
  rm -rf "${probe}"
}

# Builds fabric-ca-server and fabric-ca-client into <home>/bin unless they are there at FABRIC_CA_VERSION.
ensure_fabric_ca() {
  local home="$1" json dir sum cgo=0
  [[ "${FABRIC_CA_BUILD}" == true ]] || return 0
  if [[ -x "${home}/bin/fabric-ca-server" && -x "${home}/bin/fabric-ca-client" ]] \
      && "${home}/bin/fabric-ca-client" version 2>/dev/null | grep -q "Version: ${FABRIC_CA_VERSION#v}"; then
    return 0
  fi
  if ! command -v go >/dev/null 2>&1; then
    log "WARNING: no Go toolchain, Fabric CA not built (identities come from cryptogen)"
    return 0
  fi
  log "fetching github.com/hyperledger/fabric-ca@${FABRIC_CA_VERSION} from the Go module proxy"
  json="$(GOSUMDB=off GOFLAGS=-mod=mod timeout "${FABRIC_GO_DOWNLOAD_TIMEOUT}" \
    go mod download -json "github.com/hyperledger/fabric-ca@${FABRIC_CA_VERSION}" 2>&1)" || true
  dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"${json}" | head -n 1)"
  sum="$(sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p' <<<"${json}" | head -n 1)"
  if [[ -z "${dir}" || "${sum}" != "${FABRIC_CA_MODULE_SUM}" ]]; then
    log "WARNING: Fabric CA ${FABRIC_CA_VERSION} not fetched (hash '${sum}'); identities come from cryptogen"
    return 0
  fi
  command -v gcc >/dev/null 2>&1 && cgo=1
  log "building fabric-ca-server and fabric-ca-client ${FABRIC_CA_VERSION} (CGO_ENABLED=${cgo})"
  if (cd "${dir}" && CGO_ENABLED="${cgo}" GOFLAGS=-mod=readonly go build -trimpath -buildvcs=false \
      -ldflags "-X github.com/hyperledger/fabric-ca/lib/metadata.Version=${FABRIC_CA_VERSION#v}" \
      -o "${home}/bin/" ./cmd/fabric-ca-server ./cmd/fabric-ca-client) >&2; then
    log "Fabric CA: $("${home}/bin/fabric-ca-server" version 2>/dev/null | awk '/Version:/ { print $2; exit }')"
  else
    log "WARNING: the build of Fabric CA failed; identities come from cryptogen"
  fi
}

report() {
  local home="$1"
  ensure_fabric_ca "${home}"
  log "peer $(tool_version "${home}/bin/peer"), orderer $(tool_version "${home}/bin/orderer"), configtxgen $(tool_version "${home}/bin/configtxgen"), cryptogen $(tool_version "${home}/bin/cryptogen"), osnadmin and discover present, ccaas builder present"
  log "binaries: ${home}/bin"
  log "ccaas builder: ${home}/builders/ccaas"
  log "default config: ${home}/config"
  printf '%s\n' "${home}/bin"
}

require_go() {
  command -v go >/dev/null 2>&1 || die "Go is needed to build Fabric (https://go.dev/dl); none on PATH"
}

# Compiles the ccaas builder from this repository into <dir>/{detect,build,release}.
build_builder() {
  local dir="$1"
  require_go
  log "building the ccaas builder from ${BUILDER_SOURCE}"
  mkdir -p "${dir}"
  (cd "${BUILDER_SOURCE}" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -o "${dir}/detect" .) >&2
  cp "${dir}/detect" "${dir}/build"
  cp "${dir}/detect" "${dir}/release"
}

# Downloads a Fabric module version; prints its source directory.
# $1 module query (commit or pseudo-version), $2 expected h1 hash or empty.
download_module() {
  local query="$1" expected_sum="$2" json dir sum error
  require_go
  log "fetching ${FABRIC_MODULE}@${query} from the Go module proxy"
  if [[ -n "${expected_sum}" ]]; then
    # The hash is pinned above, so the checksum database is not needed (and may be unreachable).
    json="$(GOSUMDB=off GOFLAGS=-mod=mod timeout "${FABRIC_GO_DOWNLOAD_TIMEOUT}" \
      go mod download -json "${FABRIC_MODULE}@${query}" 2>&1)" || true
  else
    json="$(GOFLAGS=-mod=mod timeout "${FABRIC_GO_DOWNLOAD_TIMEOUT}" \
      go mod download -json "${FABRIC_MODULE}@${query}" 2>&1)" || true
  fi
  error="$(sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' <<<"${json}" | head -n 1)"
  dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"${json}" | head -n 1)"
  sum="$(sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p' <<<"${json}" | head -n 1)"
  if [[ -n "${error}" || -z "${dir}" ]]; then
    log "the module proxy does not serve ${FABRIC_MODULE}@${query}: ${error:-$(tail -n 3 <<<"${json}")}"
    return 1
  fi
  if [[ -n "${expected_sum}" && "${sum}" != "${expected_sum}" ]]; then
    die "${FABRIC_MODULE}@${query} has hash ${sum}, expected ${expected_sum}"
  fi
  printf '%s\n' "${dir}"
}

copy_config() {
  local source="$1" target="$2" file
  mkdir -p "${target}"
  for file in "${CONFIG_FILES[@]}"; do
    [[ -f "${source}/${file}" ]] && install -m 0644 "${source}/${file}" "${target}/${file}"
  done
  return 0
}

# Tries Fabric's release archive for a version; fills <home> on success.
try_release_download() {
  local version="$1" home="$2" os arch url archive unpack
  command -v curl >/dev/null 2>&1 || { log "curl not found, skipping the release download"; return 1; }
  os="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) log "no Fabric release archive for $(uname -m)"; return 1 ;;
  esac
  url="${FABRIC_RELEASE_BASE_URL}/v${version}/hyperledger-fabric-${os}-${arch}-${version}.tar.gz"
  archive="$(mktemp)"
  log "trying the release archive ${url}"
  if ! curl -fsSL --connect-timeout "${FABRIC_CONNECT_TIMEOUT}" --max-time "${FABRIC_DOWNLOAD_TIMEOUT}" \
      -o "${archive}" "${url}" 2>&1 | sed 's/^/[install-fabric]   /' >&2 \
      || [[ ! -s "${archive}" ]]; then
    rm -f "${archive}"
    log "release archive not reachable"
    return 1
  fi
  unpack="$(mktemp -d)"
  if ! tar -xzf "${archive}" -C "${unpack}"; then
    rm -rf "${archive}" "${unpack}"; log "release archive is not a valid tar.gz"; return 1
  fi
  rm -f "${archive}"
  mkdir -p "${home}/bin" "${home}/builders/ccaas/bin"
  local tool program
  for tool in "${TOOLS[@]}"; do
    [[ -x "${unpack}/bin/${tool}" ]] || { rm -rf "${unpack}"; log "archive lacks bin/${tool}"; return 1; }
    install -m 0755 "${unpack}/bin/${tool}" "${home}/bin/${tool}"
  done
  if [[ -x "${unpack}/builders/ccaas/bin/detect" ]]; then
    for program in "${BUILDER_PROGRAMS[@]}"; do
      install -m 0755 "${unpack}/builders/ccaas/bin/${program}" "${home}/builders/ccaas/bin/${program}"
    done
  else
    build_builder "${home}/builders/ccaas/bin"
  fi
  copy_config "${unpack}/config" "${home}/config"
  rm -rf "${unpack}"
}

# Builds the programs from the Fabric module; fills <home> on success.
try_go_build() {
  local version="$1" commit="$2" query="$3" expected_sum="$4" home="$5" source staging tool
  local -a packages=()
  for tool in "${TOOLS[@]}"; do packages+=("./cmd/${tool}"); done
  source="$(download_module "${query}" "${expected_sum}")" || return 1
  staging="${home}/bin.partial"
  rm -rf "${staging}"
  mkdir -p "${staging}"
  log "building ${TOOLS[*]} ${version} from ${source} (CGO_ENABLED=0; the first build takes minutes)"
  # -mod=readonly: the module archive carries no vendor tree, and Fabric's go.sum pins every
  # dependency, so the build fetches exactly those from the proxy and verifies them against it.
  (
    cd "${source}"
    CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -buildvcs=false \
      -ldflags "-X ${FABRIC_MODULE}/common/metadata.Version=${version} -X ${FABRIC_MODULE}/common/metadata.CommitSHA=${commit:0:7}" \
      -o "${staging}/" "${packages[@]}"
  ) >&2 || { log "go build of Fabric ${version} failed"; return 1; }
  rm -rf "${home:?}/bin"
  mv "${staging}" "${home}/bin"
  build_builder "${home}/builders/ccaas/bin"
  copy_config "${source}/sampleconfig" "${home}/config"
}

# Links user-supplied binaries into a home directory so every caller sees one layout.
use_external() {
  local dir="$1" home="${FABRIC_CACHE_DIR}/fabric-external" tool program candidate builder_bin="" config_src="" source
  log "using Fabric programs from ${dir}"
  rm -rf "${home}"
  mkdir -p "${home}/bin" "${home}/builders/ccaas/bin"
  for tool in "${TOOLS[@]}"; do
    local path="${dir}/${tool}"
    [[ -x "${path}" ]] || path="$(command -v "${tool}" || true)"
    [[ -n "${path}" && -x "${path}" ]] || die "${tool} is neither in ${dir} nor on PATH"
    ln -s "$(readlink -f "${path}")" "${home}/bin/${tool}"
  done
  for candidate in "${FABRIC_CCAAS_BUILDER_BIN}" "${dir}/../builders/ccaas/bin" "${dir}"; do
    if [[ -n "${candidate}" && -x "${candidate}/detect" && -x "${candidate}/build" && -x "${candidate}/release" ]]; then
      builder_bin="$(cd "${candidate}" && pwd)"
      break
    fi
  done
  if [[ -n "${builder_bin}" ]]; then
    for program in "${BUILDER_PROGRAMS[@]}"; do
      ln -s "${builder_bin}/${program}" "${home}/builders/ccaas/bin/${program}"
    done
  else
    build_builder "${home}/builders/ccaas/bin"
  fi
  for candidate in "${FABRIC_CFG_PATH:-}" "${dir}/../config"; do
    if [[ -n "${candidate}" && -f "${candidate}/core.yaml" && -f "${candidate}/orderer.yaml" ]]; then
      config_src="${candidate}"
      break
    fi
  done
  if [[ -z "${config_src}" ]]; then
    log "no core.yaml/orderer.yaml next to the binaries; taking Fabric's sampleconfig from the module"
    source="$(download_module "${FABRIC_MODULE_VERSION}" "${FABRIC_MODULE_SUM}")" \
      || source="$(download_module "${FABRIC_FALLBACK_MODULE_VERSION}" "${FABRIC_FALLBACK_MODULE_SUM}")" \
      || die "cannot find Fabric's default configuration; set FABRIC_CFG_PATH to a directory with core.yaml and orderer.yaml"
    config_src="${source}/sampleconfig"
  fi
  copy_config "${config_src}" "${home}/config"
  verify_home "${home}" 2.5 || die "the Fabric programs in ${dir} are not a working 2.5 installation"
  report "${home}"
}

# Installs one release into its cache home, from the release archive or from source.
acquire() {
  local version="$1" commit="$2" query="$3" expected_sum="$4" home
  home="${FABRIC_CACHE_DIR}/fabric-${version}"
  mkdir -p "${home}"
  rm -f "${home}/.complete"
  if try_release_download "${version}" "${home}" || try_go_build "${version}" "${commit}" "${query}" "${expected_sum}" "${home}"; then
    if verify_home "${home}" "${version}"; then
      printf 'version=%s\ncommit=%s\n' "${version}" "${commit}" >"${home}/.complete"
      return 0
    fi
    log "the installation in ${home} does not verify"
  fi
  return 1
}

main() {
  local started=${SECONDS} found_peer home version
  # 1. Programs supplied by the user.
  if [[ -n "${FABRIC_BIN}" ]]; then
    [[ -x "${FABRIC_BIN}/peer" ]] || die "FABRIC_BIN=${FABRIC_BIN} has no executable peer"
    use_external "$(cd "${FABRIC_BIN}" && pwd)"
    return
  fi
  if found_peer="$(command -v peer 2>/dev/null)" && [[ -n "${found_peer}" ]]; then
    use_external "$(dirname "$(readlink -f "${found_peer}")")"
    return
  fi

  # 2. A complete earlier install, wanted release first.
  local -a versions=("${FABRIC_VERSION}")
  [[ "${FABRIC_ALLOW_FALLBACK}" == true && "${FABRIC_FALLBACK_VERSION}" != "${FABRIC_VERSION}" ]] \
    && versions+=("${FABRIC_FALLBACK_VERSION}")
  for version in "${versions[@]}"; do
    home="${FABRIC_CACHE_DIR}/fabric-${version}"
    if [[ -f "${home}/.complete" ]] && verify_home "${home}" "${version}"; then
      log "Fabric ${version} already installed (checked in $((SECONDS - started)) s)"
      report "${home}"
      return
    fi
  done

  # 3./4. Download or build.
  if acquire "${FABRIC_VERSION}" "${FABRIC_COMMIT}" "${FABRIC_MODULE_VERSION}" "${FABRIC_MODULE_SUM}"; then
    log "installed Fabric ${FABRIC_VERSION} in $((SECONDS - started)) s"
    report "${FABRIC_CACHE_DIR}/fabric-${FABRIC_VERSION}"
    return
  fi
  rm -rf "${FABRIC_CACHE_DIR}/fabric-${FABRIC_VERSION}"
  [[ "${FABRIC_ALLOW_FALLBACK}" == true ]] || die "could not install Fabric ${FABRIC_VERSION} and FABRIC_ALLOW_FALLBACK is not true"
  log "WARNING: Fabric ${FABRIC_VERSION} is not available here; installing ${FABRIC_FALLBACK_VERSION} instead"
  if acquire "${FABRIC_FALLBACK_VERSION}" "${FABRIC_FALLBACK_COMMIT}" "${FABRIC_FALLBACK_MODULE_VERSION}" "${FABRIC_FALLBACK_MODULE_SUM}"; then
    log "installed Fabric ${FABRIC_FALLBACK_VERSION} in $((SECONDS - started)) s"
    report "${FABRIC_CACHE_DIR}/fabric-${FABRIC_FALLBACK_VERSION}"
    return
  fi
  die "could not install Fabric ${FABRIC_VERSION} nor ${FABRIC_FALLBACK_VERSION}: no release archive, and the Go module proxy serves neither"
}

main "$@"
