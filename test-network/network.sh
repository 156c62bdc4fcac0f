#!/usr/bin/env bash
# The Neighbourgrid test network: Hyperledger Fabric as native processes (no containers), after
# Fabric's test-network-nano-bash, with the Java market chaincode running as a service (ccaas).
#
#   network.sh up                 crypto material, genesis block, three Raft orderers, the peers of the
#                                 operator, the community (two) and the auditor, channel
#   network.sh deploy             package, install, approve, commit the chaincode; start its services
#   network.sh restart-chaincode [operator|community|community1]
#                                 stop and start the chaincode service of one or (default) every peer
#   network.sh kill NAME          SIGKILL one process (orderer0..2, peer-operator, peer-community,
#                                 peer-community1, peer-auditor, chaincode-operator, chaincode-community,
#                                 chaincode-community1): a fault drill
#   network.sh start NAME         start a killed orderer or peer again on its existing ledger
#   network.sh status             what runs, channel heights, the committed chaincode
#   network.sh down               stop what this script started and remove the network's data
#
# Every command is idempotent: `up` on a running network checks it and returns, `up` after a
# reboot restarts the processes on the existing ledgers, `deploy` of an unchanged package only
# makes sure the service runs. Processes run in the background with a pid file and one log each
# under test-network/data/; `down` stops exactly those pids. Generated configuration (crypto,
# configtx, core.yaml, the SDK's connection.json) lives in network/generated/. Both directories are
# ignored by git.
#
# Each endorsing peer dials a chaincode service of its own organisation, one service per peer: an
# organisation endorses with code it runs itself, and the Java shim keeps the peer handshake state
# per process, so a second peer connecting to a shared process would stall the first peer's
# transactions in flight until they time out. The homes' two peers therefore run two services.
set -euo pipefail

TEST_NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${TEST_NETWORK_DIR}/.." && pwd)"

# ---------------------------------------------------------------------------------------------
# Settings: every one can be overridden by an environment variable of the same name.
# Each organisation has its own host address on the loopback interface (127.0.0.2 the operator, .3 the
# community, .4 the auditor, .5 the ordering service; Linux routes all of 127/8 to lo without any set-up), and
# its TLS certificates name that address; HOSTS=single puts everything on 127.0.0.1. Ports are in the 17000s to
# stay clear of common services and of Fabric's own
# defaults (7050/7051), so another Fabric sample can run beside this one.
# ---------------------------------------------------------------------------------------------
: "${CHANNEL_NAME:=market}"
: "${CC_NAME:=neighbourgrid}"              # chaincode name on the channel
: "${CC_LABEL:=${CC_NAME}_ccaas}"           # package label (the package id is label:sha256)
: "${COMMUNITY_USERS:=60}"                  # homes: User1..UserN of CommunityMSP
: "${OPERATOR_USERS:=2}"                    # operator client identities: User1..UserN of OperatorMSP
: "${BATCH_TIMEOUT:=25ms}"                 # orderer: cut a block this long after its first transaction
: "${HOSTS:=per-organisation}"           # per-organisation (distinct loopback addresses) or single
if [[ "${HOSTS}" == single ]]; then
  : "${ORDERER_HOST:=127.0.0.1}" "${OPERATOR_HOST:=127.0.0.1}" "${COMMUNITY_HOST:=127.0.0.1}" "${AUDITOR_HOST:=127.0.0.1}"
else
  : "${ORDERER_HOST:=127.0.0.5}" "${OPERATOR_HOST:=127.0.0.2}" "${COMMUNITY_HOST:=127.0.0.3}" "${AUDITOR_HOST:=127.0.0.4}"
fi
: "${ORDERER_PORT:=17050}"                # orderer0; orderer1 and orderer2 below
: "${ORDERER_ADMIN_PORT:=17053}"            # channel participation API (osnadmin), mutual TLS
: "${ORDERER_OPERATIONS_PORT:=17443}"       # /healthz, plain HTTP
: "${ORDERER1_PORT:=17150}"
: "${ORDERER1_ADMIN_PORT:=17153}"
: "${ORDERER1_OPERATIONS_PORT:=17446}"
: "${ORDERER2_PORT:=17250}"
: "${ORDERER2_ADMIN_PORT:=17253}"
: "${ORDERER2_OPERATIONS_PORT:=17447}"
: "${OPERATOR_PEER_PORT:=17051}"
: "${OPERATOR_PEER_CHAINCODE_LISTEN_PORT:=17052}"  # the peer's chaincode listener (unused by ccaas, still bound)
: "${OPERATOR_PEER_OPERATIONS_PORT:=17444}"
: "${COMMUNITY_PEER_PORT:=17061}"
: "${COMMUNITY_PEER_CHAINCODE_LISTEN_PORT:=17062}"
: "${COMMUNITY_PEER_OPERATIONS_PORT:=17445}"
: "${COMMUNITY_PEER1_PORT:=17066}"         # the homes' second peer, peer1.community
: "${COMMUNITY_PEER1_CHAINCODE_LISTEN_PORT:=17067}"
: "${COMMUNITY_PEER1_OPERATIONS_PORT:=17449}"
: "${AUDITOR_PEER_PORT:=17071}"
: "${AUDITOR_PEER_CHAINCODE_LISTEN_PORT:=17072}"
: "${AUDITOR_PEER_OPERATIONS_PORT:=17448}"
: "${OPERATOR_CHAINCODE_PORT:=17090}"       # the operator's chaincode service (its peer dials it)
: "${COMMUNITY_CHAINCODE_PORT:=17091}"      # the chaincode service of the community's peer0
: "${COMMUNITY1_CHAINCODE_PORT:=17092}"     # the chaincode service of the community's peer1
: "${CHAINCODE_TLS:=true}"                  # TLS between each peer and its chaincode service
: "${CHAINCODE_JAR:=${REPO_ROOT}/chaincode/target/neighbourgrid-chaincode.jar}"
: "${CHAINCODE_JAVA_OPTS:=-Xss4m}"
# The contract API logs three INFO lines per invocation, and a peer logs every gRPC call and every
# chaincode execution at INFO: thousands of lines per market window, paid for in CPU on a small machine.
# Warnings and errors (a rejected endorsement, a lost chaincode connection) are still logged, and so is
# every committed block.
: "${CHAINCODE_LOG_LEVEL:=WARNING}"
: "${FABRIC_LOGGING_SPEC:=comm.grpc.server,endorser=warning:info}"  # peer and orderer log levels
# The peers' gateway opens one Broadcast stream per submitted transaction and ends it by cancelling its context
# once the orderer has answered, never by closing its send side (internal/pkg/gateway/api.go, broadcast), so the
# orderer's broadcast handler logs one "Error reading from ...: context canceled" warning per transaction. An
# orderer's rejection of a transaction is still logged by the peer that submitted it ("Unsuccessful response
# sending transaction to orderer"), so the orderers log that module's errors only.
: "${ORDERER_LOGGING_SPEC:=orderer.common.broadcast=error:${FABRIC_LOGGING_SPEC}}"
# Fabric's default log format without the colour escapes, which only clutter a log file.
[[ -n "${FABRIC_LOGGING_FORMAT:-}" ]] \
  || FABRIC_LOGGING_FORMAT='%{time:2006-01-02 15:04:05.000 MST} %{level:.4s} [%{module}] %{shortfunc} -> %{message}'
: "${GOSSIP_ALIVE_INTERVAL:=1s}"             # gossip heartbeats: a dead peer leaves discovery's view
: "${GOSSIP_ALIVE_EXPIRATION:=5s}"          # this long after its last heartbeat (Fabric's defaults: 5 s, 25 s)
: "${HEALTH_TIMEOUT:=90}"                   # seconds to wait for a process or the channel
: "${NETWORK_DATA_DIR:=${TEST_NETWORK_DIR}/data}"
: "${NETWORK_GENERATED_DIR:=${REPO_ROOT}/network/generated}"

readonly DATA="${NETWORK_DATA_DIR}"
readonly GEN="${NETWORK_GENERATED_DIR}"
readonly CRYPTO_DIR="${GEN}/crypto"
readonly PIDS="${DATA}/pids"
readonly LOGS="${DATA}/logs"
readonly CLI_LOG="${LOGS}/cli.log"
readonly GENESIS_BLOCK="${GEN}/${CHANNEL_NAME}.block"

readonly ORDERER_DOMAIN=orderer.neighbourgrid.local
readonly ORDERER_ORG_DIR="${CRYPTO_DIR}/ordererOrganizations/${ORDERER_DOMAIN}"
orderer_node_dir() { printf '%s/orderers/%s.%s' "${ORDERER_ORG_DIR}" "$1" "${ORDERER_DOMAIN}"; }
readonly ORDERER_TLS_CA="${ORDERER_ORG_DIR}/tlsca/tlsca.${ORDERER_DOMAIN}-cert.pem"
readonly ORDERER_ADMIN_TLS="${ORDERER_ORG_DIR}/users/Admin@${ORDERER_DOMAIN}/tls"

# The ordering service: three etcdraft nodes of OrdererMSP; any two of them keep ordering.
readonly ORDERERS=(orderer0 orderer1 orderer2)
declare -A ORDERER_LISTEN_PORT=([orderer0]="${ORDERER_PORT}" [orderer1]="${ORDERER1_PORT}" [orderer2]="${ORDERER2_PORT}")
declare -A ORDERER_ADMIN=([orderer0]="${ORDERER_ADMIN_PORT}" [orderer1]="${ORDERER1_ADMIN_PORT}" [orderer2]="${ORDERER2_ADMIN_PORT}")
declare -A ORDERER_OPS=([orderer0]="${ORDERER_OPERATIONS_PORT}" [orderer1]="${ORDERER1_OPERATIONS_PORT}" [orderer2]="${ORDERER2_OPERATIONS_PORT}")

# Every organisation with a peer on the channel; only ENDORSING_ORGS run the chaincode. The auditor's
# peer keeps its own copy of the ledger (it validates and commits every block) and never endorses.
readonly ORGS=(operator community auditor)
readonly ENDORSING_ORGS=(operator community)
# Every peer, by the key that names its processes (peer-KEY, chaincode-KEY): the homes' organisation has two,
# peer0 (key community) and peer1 (key community1), each with its own ledger and its own chaincode service, so
# that a home whose peer dies goes on through the other. The first key of an organisation is its peer0.
readonly PEERS=(operator community community1 auditor)
readonly ENDORSING_PEERS=(operator community community1)
declare -A PEER_ORG=([operator]=operator [community]=community [community1]=community [auditor]=auditor)
declare -A PEER_INDEX=([operator]=0 [community]=0 [community1]=1 [auditor]=0)
# Who must endorse a market transaction: both the operator's and the community's peer (see
# network/README.md); the auditor is not asked.
readonly ENDORSEMENT_POLICY="AND('OperatorMSP.peer','CommunityMSP.peer')"
declare -A ORG_HOST=([operator]="${OPERATOR_HOST}" [community]="${COMMUNITY_HOST}" [auditor]="${AUDITOR_HOST}")
declare -A ORG_MSP=([operator]=OperatorMSP [community]=CommunityMSP [auditor]=AuditorMSP)
declare -A ORG_DOMAIN=([operator]=operator.neighbourgrid.local [community]=community.neighbourgrid.local [auditor]=auditor.neighbourgrid.local)
declare -A PEER_PORT=([operator]="${OPERATOR_PEER_PORT}" [community]="${COMMUNITY_PEER_PORT}"
  [community1]="${COMMUNITY_PEER1_PORT}" [auditor]="${AUDITOR_PEER_PORT}")
declare -A PEER_CC_LISTEN_PORT=([operator]="${OPERATOR_PEER_CHAINCODE_LISTEN_PORT}"
  [community]="${COMMUNITY_PEER_CHAINCODE_LISTEN_PORT}" [community1]="${COMMUNITY_PEER1_CHAINCODE_LISTEN_PORT}"
  [auditor]="${AUDITOR_PEER_CHAINCODE_LISTEN_PORT}")
declare -A PEER_SERVICE_PORT=([operator]="${OPERATOR_CHAINCODE_PORT}" [community]="${COMMUNITY_CHAINCODE_PORT}"
  [community1]="${COMMUNITY1_CHAINCODE_PORT}")
declare -A PEER_OPS_PORT=([operator]="${OPERATOR_PEER_OPERATIONS_PORT}" [community]="${COMMUNITY_PEER_OPERATIONS_PORT}"
  [community1]="${COMMUNITY_PEER1_OPERATIONS_PORT}" [auditor]="${AUDITOR_PEER_OPERATIONS_PORT}")
declare -A ORG_USERS=([operator]="${OPERATOR_USERS}" [community]="${COMMUNITY_USERS}" [auditor]=1)

readonly CHAINCODE_DIR="${DATA}/chaincode"

# The organisations' Fabric CA servers and the enrolment of every identity (CRYPTO=ca).
# shellcheck source=test-network/ca.sh
source "${TEST_NETWORK_DIR}/ca.sh"

FABRIC_BIN_DIR=""
FABRIC_HOME=""

log() { printf '[network] %s\n' "$*" >&2; }
die() { printf '[network] error: %s\n' "$*" >&2; exit 1; }

org_dir() { printf '%s/peerOrganizations/%s' "${CRYPTO_DIR}" "${ORG_DOMAIN[$1]}"; }
# The functions below taking PEER take a key of PEERS.
peer_name() { printf 'peer%s.%s' "${PEER_INDEX[$1]}" "${ORG_DOMAIN[${PEER_ORG[$1]}]}"; }
peer_dir() { printf '%s/peers/%s' "$(org_dir "${PEER_ORG[$1]}")" "$(peer_name "$1")"; }
peer_host() { printf '%s' "${ORG_HOST[${PEER_ORG[$1]}]}"; }
peer_address() { printf '%s:%s' "$(peer_host "$1")" "${PEER_PORT[$1]}"; }
# The other peers of PEER's organisation (their gossip endpoints), or PEER itself when it is alone.
gossip_bootstrap() {
  local p list=()
  for p in "${PEERS[@]}"; do
    [[ "${PEER_ORG[$p]}" == "${PEER_ORG[$1]}" && "${p}" != "$1" ]] && list+=("$(peer_address "${p}")")
  done
  ((${#list[@]} > 0)) || list=("$(peer_address "$1")")
  local IFS=' '
  printf '%s' "${list[*]}"
}
org_tls_ca() { printf '%s/tlsca/tlsca.%s-cert.pem' "$(org_dir "$1")" "${ORG_DOMAIN[$1]}"; }
service_tls_dir() { printf '%s/peers/chaincode.%s/tls' "$(org_dir "$1")" "${ORG_DOMAIN[$1]}"; }

# ---------------------------------------------------------------------------------------------
# Fabric programs
# ---------------------------------------------------------------------------------------------
ensure_fabric() {
  [[ -n "${FABRIC_BIN_DIR}" ]] && return
  FABRIC_BIN_DIR="$("${REPO_ROOT}/scripts/install-fabric.sh" | tail -n 1)"
  [[ -x "${FABRIC_BIN_DIR}/peer" ]] || die "install-fabric.sh did not yield a bin directory with peer"
  FABRIC_HOME="$(dirname "${FABRIC_BIN_DIR}")"
}

fabric_version() { "${FABRIC_BIN_DIR}/peer" version 2>/dev/null | awk '/^ *Version:/ { print $2; exit }'; }

# ---------------------------------------------------------------------------------------------
# Processes: pid files hold the pid and a marker (the program or jar path) that must appear in the
# process's command line, so a pid reused by an unrelated process is never signalled.
# ---------------------------------------------------------------------------------------------
# True when the command line of process PID contains MARKER. (Read into a variable rather than piped
# into grep -q: under pipefail, grep leaving early can fail the pipeline through the writer's SIGPIPE.)
cmdline_has() {
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  [[ "${cmdline}" == *"$2"* ]]
}

pid_of() {
  local name="$1" pid marker
  [[ -f "${PIDS}/${name}.pid" ]] || return 1
  { read -r pid; read -r marker; } <"${PIDS}/${name}.pid" || return 1
  [[ -n "${pid}" ]] && kill -0 "${pid}" 2>/dev/null || return 1
  cmdline_has "${pid}" "${marker}" || return 1
  printf '%s\n' "${pid}"
}

is_running() { pid_of "$1" >/dev/null; }

# start_process NAME MARKER -- ENV... -- COMMAND ARGS...
start_process() {
  local name="$1" marker="$2"
  shift 3
  local -a envs=()
  while [[ "$1" != -- ]]; do envs+=("$1"); shift; done
  shift
  mkdir -p "${PIDS}" "${LOGS}"
  printf '\n===== %s starting %s =====\n' "$(date -u +%FT%TZ)" "${name}" >>"${LOGS}/${name}.log"
  # setsid: the process leaves this script's process group, so it outlives the shell that ran
  # `up`; env -i: it sees only the settings below, never stray CORE_*/ORDERER_* variables;
  # 9>&-: it does not inherit the lock descriptor (it would hold the lock for its lifetime).
  setsid nohup env -i "${envs[@]}" "$@" >>"${LOGS}/${name}.log" 2>&1 </dev/null 9>&- &
  local pid=$! waited=0
  printf '%s\n%s\n' "${pid}" "${marker}" >"${PIDS}/${name}.pid"
  # Until the forked shell has exec'd the program, its command line is this script's, and pid_of would
  # take the new process for a stranger (or for one that died) on a busy machine. Wait for the exec.
  while ! cmdline_has "${pid}" "${marker}" && kill -0 "${pid}" 2>/dev/null && ((waited < 200)); do
    sleep 0.05
    waited=$((waited + 1))
  done
  log "started ${name} (pid ${pid}), log ${LOGS}/${name}.log"
}

stop_process() {
  local name="$1" pid waited=0
  if pid="$(pid_of "${name}")"; then
    kill -TERM "${pid}" 2>/dev/null || true
    while kill -0 "${pid}" 2>/dev/null; do
      if ((waited >= 150)); then
        log "${name} (pid ${pid}) ignored SIGTERM for 15 s; sending SIGKILL"
        kill -KILL "${pid}" 2>/dev/null || true
        break
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
    log "stopped ${name} (pid ${pid})"
  fi
  rm -f "${PIDS}/${name}.pid"
}

# ---------------------------------------------------------------------------------------------
# Health checks (bash's /dev/tcp, so neither curl nor nc is needed)
# ---------------------------------------------------------------------------------------------
# tcp_open HOST PORT
tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# http_ok HOST PORT PATH
http_ok() {
  local host="$1" port="$2" path="$3"
  # shellcheck disable=SC2016 # the inner script expands its own positional parameters
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$3" "$1" >&3
    read -r status <&3
    [[ "${status}" == *" 200 "* || "${status}" == *" 200" ]]' _ "${host}" "${port}" "${path}" 2>/dev/null
}

# Fails with a clear message when something else already listens on a port this network needs.
# require_free_port HOST PORT WHAT
require_free_port() {
  local host="$1" port="$2" what="$3"
  if tcp_open "${host}" "${port}"; then
    die "${host}:${port} (${what}) is already in use by another program; stop it or set the port setting (see the top of $0)"
  fi
}

# wait_until NAME DESCRIPTION COMMAND...: polls COMMAND until it succeeds; on timeout, or if the
# process NAME dies, prints the tail of its log and fails.
wait_until() {
  local name="$1" what="$2" started=${SECONDS}
  shift 2
  until "$@"; do
    if ! is_running "${name}"; then
      log "${name} is not running while waiting for ${what}; last lines of ${LOGS}/${name}.log:"
      tail -n 40 "${LOGS}/${name}.log" >&2 || true
      die "${name} exited"
    fi
    if ((SECONDS - started >= HEALTH_TIMEOUT)); then
      log "timed out after ${HEALTH_TIMEOUT} s waiting for ${what}; last lines of ${LOGS}/${name}.log:"
      tail -n 40 "${LOGS}/${name}.log" >&2 || true
      die "${what} did not happen within ${HEALTH_TIMEOUT} s"
    fi
    sleep 0.5
  done
  log "${what} (after $((SECONDS - started)) s)"
}

# Runs a command, keeping its output in cli.log; prints the output and fails if it fails.
run_cli() {
  local output status=0
  mkdir -p "${LOGS}"
  output="$("$@" 2>&1)" || status=$?
  printf '\n$ %s\n%s\n' "$*" "${output}" >>"${CLI_LOG}"
  if ((status != 0)); then
    printf '%s\n' "${output}" >&2
    die "command failed (exit ${status}): $(basename "$1") ${2:-} ${3:-}"
  fi
  printf '%s' "${output}"
}

# peer_admin PEER ARGS...: the peer CLI as the admin of PEER's organisation, talking to PEER (an organisation's
# name is the key of its peer0).
peer_admin() {
  local node="$1" org="${PEER_ORG[$1]}"
  shift
  env -i PATH="${PATH}" HOME="${HOME}" \
    FABRIC_CFG_PATH="${GEN}/config" FABRIC_LOGGING_SPEC=WARNING \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_LOCALMSPID="${ORG_MSP[$org]}" \
    CORE_PEER_ADDRESS="$(peer_address "${node}")" \
    CORE_PEER_TLS_ROOTCERT_FILE="$(org_tls_ca "${org}")" \
    CORE_PEER_MSPCONFIGPATH="$(org_dir "${org}")/users/Admin@${ORG_DOMAIN[$org]}/msp" \
    "${FABRIC_BIN_DIR}/peer" "$@"
}

# The first orderer that runs (the peer CLI submits lifecycle transactions to one orderer).
orderer_args() {
  local node
  for node in "${ORDERERS[@]}"; do
    if is_running "${node}"; then
      printf '%s\n' -o "${ORDERER_HOST}:${ORDERER_LISTEN_PORT[$node]}" --tls --cafile "${ORDERER_TLS_CA}"
      return
    fi
  done
  die "no orderer is running"
}

# osnadmin NODE ARGS...: the channel participation API of one orderer.
osnadmin() {
  local node="$1"
  shift
  "${FABRIC_BIN_DIR}/osnadmin" "$@" -o "${ORDERER_HOST}:${ORDERER_ADMIN[$node]}" --ca-file "${ORDERER_TLS_CA}" \
    --client-cert "${ORDERER_ADMIN_TLS}/client.crt" --client-key "${ORDERER_ADMIN_TLS}/client.key"
}

# ---------------------------------------------------------------------------------------------
# Generated configuration
# ---------------------------------------------------------------------------------------------
# Replaces ${NAME} placeholders with the values of the settings of that name.
render() {
  local template="$1" target="$2" name
  local -a sed_args=()
  for name in ORDERER_PORT ORDERER1_PORT ORDERER2_PORT OPERATOR_PEER_PORT COMMUNITY_PEER_PORT COMMUNITY_PEER1_PORT \
      AUDITOR_PEER_PORT \
      ORDERER_HOST OPERATOR_HOST COMMUNITY_HOST AUDITOR_HOST \
      OPERATOR_USERS COMMUNITY_USERS BATCH_TIMEOUT; do
    sed_args+=(-e "s|\${${name}}|${!name}|g")
  done
  sed "${sed_args[@]}" "${template}" >"${target}.tmp"
  # shellcheck disable=SC2016 # a literal ${NAME} is what is searched for
  if grep -n '\${[A-Z_]*}' "${target}.tmp" | grep -v '^[0-9]*: *#' >&2; then
    die "unreplaced placeholders in ${template}"
  fi
  mv "${target}.tmp" "${target}"
}

# Copies Fabric's default core.yaml and orderer.yaml and changes the two settings that cannot be
# given as environment variables (an empty value or a list of builders); everything else is set
# per process through CORE_* / ORDERER_* variables.
generate_node_config() {
  local config="${GEN}/config" core
  mkdir -p "${config}"
  core="${config}/core.yaml"
  # vm.endpoint empty: the peer never looks for a Docker daemon. externalBuilders: the ccaas builder
  # installed by install-fabric.sh, in place of the sample's /opt/hyperledger/ccaas_builder.
  sed -e 's|^\(    endpoint:\) unix:///var/run/docker.sock$|\1 ""|' \
      -e "s|^\(\( *\)path:\) /opt/hyperledger/ccaas_builder$|\1 ${FABRIC_HOME}/builders/ccaas|" \
      "${FABRIC_HOME}/config/core.yaml" >"${core}.tmp"
  grep -q '^    endpoint: ""$' "${core}.tmp" \
    || die "could not blank vm.endpoint in ${FABRIC_HOME}/config/core.yaml (its layout changed?)"
  grep -qF "path: ${FABRIC_HOME}/builders/ccaas" "${core}.tmp" \
    || die "could not point externalBuilders at the ccaas builder in ${FABRIC_HOME}/config/core.yaml"
  mv "${core}.tmp" "${core}"
  cp "${FABRIC_HOME}/config/orderer.yaml" "${config}/orderer.yaml"
}

# Every identity of the network, from the organisations' Fabric CA servers (CRYPTO=ca, test-network/ca.sh) or
# from cryptogen (CRYPTO=cryptogen, offline); the way the existing material was made is kept, since a network's
# organisations cannot change CA under a running channel.
generate_crypto() {
  mkdir -p "${GEN}"
  if [[ -f "${GEN}/crypto-source" && "$(cat "${GEN}/crypto-source")" != "${CRYPTO}" ]]; then
    die "the network's identities were made with $(cat "${GEN}/crypto-source"), not ${CRYPTO}; run '$0 down' first to switch"
  fi
  case "${CRYPTO}" in
    ca)
      log "identities: Fabric CA, one server per organisation (CRYPTO=ca; CRYPTO=cryptogen is the offline fallback)"
      printf 'ca\n' >"${GEN}/crypto-source"
      generate_crypto_ca ;;
    cryptogen)
      log "identities: cryptogen (CRYPTO=cryptogen)"
      printf 'cryptogen\n' >"${GEN}/crypto-source"
      render "${REPO_ROOT}/network/crypto-config.yaml" "${GEN}/crypto-config.yaml"
      if [[ -d "${CRYPTO_DIR}" ]]; then
        # Adds identities that are missing (e.g. after COMMUNITY_USERS was raised); keeps the rest.
        run_cli "${FABRIC_BIN_DIR}/cryptogen" extend --config "${GEN}/crypto-config.yaml" --input "${CRYPTO_DIR}" >/dev/null
      else
        log "generating crypto material (${COMMUNITY_USERS} community users)"
        run_cli "${FABRIC_BIN_DIR}/cryptogen" generate --config "${GEN}/crypto-config.yaml" --output "${CRYPTO_DIR}" >/dev/null
      fi ;;
    *) die "CRYPTO must be ca or cryptogen, got '${CRYPTO}'" ;;
  esac
}

generate_genesis_block() {
  render "${REPO_ROOT}/network/configtx.yaml" "${GEN}/configtx.yaml"
  [[ -f "${GENESIS_BLOCK}" ]] && return
  log "creating the genesis block of channel ${CHANNEL_NAME}"
  run_cli env -i PATH="${PATH}" FABRIC_CFG_PATH="${GEN}" "${FABRIC_BIN_DIR}/configtxgen" \
    -configPath "${GEN}" -profile MarketChannel -channelID "${CHANNEL_NAME}" \
    -outputBlock "${GENESIS_BLOCK}" >/dev/null
}

json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"
  printf '"%s"' "${s}"
}

# The SDK's view of the network: endpoints, TLS CA certificates, MSP ids, and the certificate and
# key file of every client identity.
write_connection_json() {
  local target="${GEN}/connection.json" org first_org=true first_user i dir domain cert key node first_peer
  {
    printf '{\n'
    printf '  "name": "neighbourgrid-test-network",\n'
    printf '  "fabricVersion": %s,\n' "$(json_string "$(fabric_version)")"
    printf '  "channel": %s,\n' "$(json_string "${CHANNEL_NAME}")"
    printf '  "chaincode": %s,\n' "$(json_string "${CC_NAME}")"
    printf '  "endorsementPolicy": %s,\n' "$(json_string "${ENDORSEMENT_POLICY}")"
    printf '  "orderers": [\n'
    local first_node=true
    for node in "${ORDERERS[@]}"; do
      [[ "${first_node}" == true ]] || printf ',\n'
      first_node=false
      printf '    {"name": %s, "mspId": "OrdererMSP", "endpoint": %s, "hostOverride": %s, "tlsCaCert": %s}' \
        "$(json_string "${node}")" "$(json_string "${ORDERER_HOST}:${ORDERER_LISTEN_PORT[$node]}")" \
        "$(json_string "${node}.${ORDERER_DOMAIN}")" "$(json_string "${ORDERER_TLS_CA}")"
    done
    printf '\n  ],\n'
    printf '  "organizations": [\n'
    for org in "${ORGS[@]}"; do
      domain="${ORG_DOMAIN[$org]}"
      dir="$(org_dir "${org}")"
      [[ "${first_org}" == true ]] || printf ',\n'
      first_org=false
      printf '    {\n'
      printf '      "name": %s,\n' "$(json_string "${org}")"
      printf '      "mspId": %s,\n' "$(json_string "${ORG_MSP[$org]}")"
      printf '      "endorses": %s,\n' "$([[ " ${ENDORSING_ORGS[*]} " == *" ${org} "* ]] && echo true || echo false)"
      printf '      "peers": ['
      first_peer=true
      for node in "${PEERS[@]}"; do
        [[ "${PEER_ORG[$node]}" == "${org}" ]] || continue
        [[ "${first_peer}" == true ]] || printf ','
        first_peer=false
        printf '\n        {"name": %s, "endpoint": %s, "hostOverride": %s, "tlsCaCert": %s}' \
          "$(json_string "$(peer_name "${node}")")" "$(json_string "$(peer_address "${node}")")" \
          "$(json_string "$(peer_name "${node}")")" "$(json_string "$(org_tls_ca "${org}")")"
      done
      printf '\n      ],\n'
      printf '      "admin": {"cert": %s, "key": %s},\n' \
        "$(json_string "${dir}/users/Admin@${domain}/msp/signcerts/Admin@${domain}-cert.pem")" \
        "$(json_string "${dir}/users/Admin@${domain}/msp/keystore/priv_sk")"
      printf '      "users": ['
      first_user=true
      for ((i = 1; i <= ORG_USERS[$org]; i++)); do
        cert="${dir}/users/User${i}@${domain}/msp/signcerts/User${i}@${domain}-cert.pem"
        key="${dir}/users/User${i}@${domain}/msp/keystore/priv_sk"
        [[ -f "${cert}" && -f "${key}" ]] || die "missing identity User${i}@${domain}"
        [[ "${first_user}" == true ]] || printf ','
        first_user=false
        printf '\n        {"name": %s, "cert": %s, "key": %s}' \
          "$(json_string "User${i}")" "$(json_string "${cert}")" "$(json_string "${key}")"
      done
      printf '\n      ]\n'
      printf '    }'
    done
    printf '\n  ]\n}\n'
  } >"${target}.tmp"
  mv "${target}.tmp" "${target}"
}

# ---------------------------------------------------------------------------------------------
# Orderer and peers
# ---------------------------------------------------------------------------------------------
start_orderer() {
  local node="$1" dir
  if is_running "${node}"; then
    log "${node} already running (pid $(pid_of "${node}"))"
    return
  fi
  require_free_port "${ORDERER_HOST}" "${ORDERER_LISTEN_PORT[$node]}" "${node} listener"
  require_free_port "${ORDERER_HOST}" "${ORDERER_ADMIN[$node]}" "${node} admin API"
  require_free_port "${ORDERER_HOST}" "${ORDERER_OPS[$node]}" "${node} operations"
  dir="$(orderer_node_dir "${node}")"
  mkdir -p "${DATA}/${node}"
  start_process "${node}" "${FABRIC_BIN_DIR}/orderer" -- \
    PATH="${PATH}" HOME="${HOME}" \
    FABRIC_CFG_PATH="${GEN}/config" \
    FABRIC_LOGGING_SPEC="${ORDERER_LOGGING_SPEC}" \
    FABRIC_LOGGING_FORMAT="${FABRIC_LOGGING_FORMAT}" \
    ORDERER_GENERAL_LISTENADDRESS="${ORDERER_HOST}" \
    ORDERER_GENERAL_LISTENPORT="${ORDERER_LISTEN_PORT[$node]}" \
    ORDERER_GENERAL_LOCALMSPID=OrdererMSP \
    ORDERER_GENERAL_LOCALMSPDIR="${dir}/msp" \
    ORDERER_GENERAL_TLS_ENABLED=true \
    ORDERER_GENERAL_TLS_CERTIFICATE="${dir}/tls/server.crt" \
    ORDERER_GENERAL_TLS_PRIVATEKEY="${dir}/tls/server.key" \
    ORDERER_GENERAL_TLS_ROOTCAS="${dir}/tls/ca.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="${dir}/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="${dir}/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="${dir}/tls/ca.crt" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
    ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_FILELEDGER_LOCATION="${DATA}/${node}/ledger" \
    ORDERER_CONSENSUS_WALDIR="${DATA}/${node}/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="${DATA}/${node}/etcdraft/snapshot" \
    ORDERER_OPERATIONS_LISTENADDRESS="${ORDERER_HOST}:${ORDERER_OPS[$node]}" \
    ORDERER_METRICS_PROVIDER=disabled \
    ORDERER_ADMIN_LISTENADDRESS="${ORDERER_HOST}:${ORDERER_ADMIN[$node]}" \
    ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_CERTIFICATE="${dir}/tls/server.crt" \
    ORDERER_ADMIN_TLS_PRIVATEKEY="${dir}/tls/server.key" \
    ORDERER_ADMIN_TLS_ROOTCAS="${dir}/tls/ca.crt" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="${ORDERER_TLS_CA}" \
    -- "${FABRIC_BIN_DIR}/orderer"
}

# Values the ccaas builder fills into the package's connection.json when this peer installs it:
# the address of the organisation's own chaincode service and the CA that issued its TLS certificate.
# The peer passes this variable to the builder (propagateEnvironment in core.yaml).
builder_config() {
  local node="$1"
  if [[ -z "${PEER_SERVICE_PORT[$node]:-}" ]]; then
    printf '{}'   # a peer that runs no chaincode (the auditor's)
    return
  fi
  printf '{"address":%s,"root_cert":%s}' \
    "$(json_string "$(peer_host "${node}"):${PEER_SERVICE_PORT[$node]}")" \
    "$(json_string "$(cat "$(org_tls_ca "${PEER_ORG[$node]}")")")"
}

start_peer() {
  local node="$1" name="peer-$1" dir host org="${PEER_ORG[$1]}"
  if is_running "${name}"; then
    log "${name} already running (pid $(pid_of "${name}"))"
    return
  fi
  host="$(peer_host "${node}")"
  require_free_port "${host}" "${PEER_PORT[$node]}" "$(peer_name "${node}")"
  require_free_port "${host}" "${PEER_CC_LISTEN_PORT[$node]}" "$(peer_name "${node}") chaincode listener"
  require_free_port "${host}" "${PEER_OPS_PORT[$node]}" "$(peer_name "${node}") operations"
  dir="$(peer_dir "${node}")"
  mkdir -p "${DATA}/peers/${node}"
  start_process "${name}" "${FABRIC_BIN_DIR}/peer" -- \
    PATH="${PATH}" HOME="${HOME}" \
    FABRIC_CFG_PATH="${GEN}/config" \
    FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC}" \
    FABRIC_LOGGING_FORMAT="${FABRIC_LOGGING_FORMAT}" \
    CORE_PEER_ID="$(peer_name "${node}")" \
    CORE_PEER_ADDRESS="$(peer_address "${node}")" \
    CORE_PEER_LISTENADDRESS="$(peer_address "${node}")" \
    CORE_PEER_CHAINCODEADDRESS="${host}:${PEER_CC_LISTEN_PORT[$node]}" \
    CORE_PEER_CHAINCODELISTENADDRESS="${host}:${PEER_CC_LISTEN_PORT[$node]}" \
    CORE_PEER_GOSSIP_BOOTSTRAP="$(gossip_bootstrap "${node}")" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="$(peer_address "${node}")" \
    CORE_PEER_GOSSIP_USELEADERELECTION=false \
    CORE_PEER_GOSSIP_ORGLEADER=true \
    CORE_PEER_GOSSIP_ALIVETIMEINTERVAL="${GOSSIP_ALIVE_INTERVAL}" \
    CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT="${GOSSIP_ALIVE_EXPIRATION}" \
    CORE_PEER_GOSSIP_RECONNECTINTERVAL="${GOSSIP_ALIVE_EXPIRATION}" \
    CORE_PEER_LOCALMSPID="${ORG_MSP[$org]}" \
    CORE_PEER_MSPCONFIGPATH="${dir}/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="${dir}/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="${dir}/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="${dir}/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="${DATA}/peers/${node}" \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="${DATA}/peers/${node}/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="${host}:${PEER_OPS_PORT[$node]}" \
    CORE_METRICS_PROVIDER=disabled \
    CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG="$(builder_config "${node}")" \
    -- "${FABRIC_BIN_DIR}/peer" node start
}

orderer_has_channel() {
  osnadmin "$1" channel list --channelID "${CHANNEL_NAME}" 2>/dev/null | grep -q '"status": *"active"'
}

join_orderer() {
  local node="$1" status
  status="$(osnadmin "${node}" channel list --channelID "${CHANNEL_NAME}" 2>&1 | sed -n 's/^Status: \([0-9]*\).*/\1/p' | head -n 1)"
  if [[ "${status}" != 200 ]]; then
    log "joining ${node} to channel ${CHANNEL_NAME}"
    run_cli osnadmin "${node}" channel join --channelID "${CHANNEL_NAME}" --config-block "${GENESIS_BLOCK}" >/dev/null
  fi
}

peer_has_channel() { peer_admin "$1" channel getinfo -c "${CHANNEL_NAME}" >/dev/null 2>&1; }

join_peer() {
  local node="$1"
  if ! peer_admin "${node}" channel list 2>/dev/null | grep -qx "${CHANNEL_NAME}"; then
    log "joining $(peer_name "${node}") to channel ${CHANNEL_NAME}"
    run_cli peer_admin "${node}" channel join -b "${GENESIS_BLOCK}" >/dev/null
  fi
  wait_until "peer-${node}" "$(peer_name "${node}") has channel ${CHANNEL_NAME}" peer_has_channel "${node}"
}

# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------
acquire_lock() {
  mkdir -p "${DATA}"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"${DATA}/.lock"
    flock -w 600 9 || die "another network.sh holds ${DATA}/.lock"
  fi
}

cmd_up() {
  local started=${SECONDS} org
  ensure_fabric
  acquire_lock
  if [[ -d "${DATA}/orderer" && ! -f "${GENESIS_BLOCK}" ]]; then
    die "${DATA} holds ledgers but ${GEN} was removed; run '$0 down' to start afresh"
  fi
  generate_crypto
  generate_genesis_block
  generate_node_config

  local node
  for node in "${ORDERERS[@]}"; do start_orderer "${node}"; done
  for node in "${ORDERERS[@]}"; do
    wait_until "${node}" "${node} healthy on ${ORDERER_HOST}:${ORDERER_OPS[$node]}/healthz" http_ok "${ORDERER_HOST}" "${ORDERER_OPS[$node]}" /healthz
    wait_until "${node}" "${node} admin API on ${ORDERER_HOST}:${ORDERER_ADMIN[$node]}" tcp_open "${ORDERER_HOST}" "${ORDERER_ADMIN[$node]}"
  done
  # Each node joins with the genesis block; the Raft cluster elects a leader once a majority has joined.
  for node in "${ORDERERS[@]}"; do join_orderer "${node}"; done
  for node in "${ORDERERS[@]}"; do
    wait_until "${node}" "${node} serves channel ${CHANNEL_NAME}" orderer_has_channel "${node}"
  done

  local peer
  for peer in "${PEERS[@]}"; do start_peer "${peer}"; done
  for peer in "${PEERS[@]}"; do
    wait_until "peer-${peer}" "$(peer_name "${peer}") healthy on $(peer_host "${peer}"):${PEER_OPS_PORT[$peer]}/healthz" \
      http_ok "$(peer_host "${peer}")" "${PEER_OPS_PORT[$peer]}" /healthz
  done
  for peer in "${PEERS[@]}"; do join_peer "${peer}"; done

  write_connection_json
  log "network up in $((SECONDS - started)) s: Fabric $(fabric_version), channel ${CHANNEL_NAME}, connection details ${GEN}/connection.json"
}

network_running() {
  local org
  local node
  for node in "${ORDERERS[@]}"; do is_running "${node}" || return 1; done
  for org in "${PEERS[@]}"; do is_running "peer-${org}" || return 1; done
}

ensure_jar() {
  [[ -f "${CHAINCODE_JAR}" ]] && return
  local mvn=mvn
  command -v mvn >/dev/null 2>&1 || mvn="${REPO_ROOT}/mvnw"
  log "${CHAINCODE_JAR} is missing; building it with Maven (log ${LOGS}/maven.log)"
  mkdir -p "${LOGS}"
  if ! (cd "${REPO_ROOT}" && "${mvn}" -B -pl chaincode -am package -DskipTests) >"${LOGS}/maven.log" 2>&1; then
    tail -n 40 "${LOGS}/maven.log" >&2
    die "the Maven build of the chaincode failed"
  fi
  [[ -f "${CHAINCODE_JAR}" ]] || die "the Maven build did not produce ${CHAINCODE_JAR}"
}

# A ccaas package is a tar.gz holding metadata.json (type ccaas) and code.tar.gz, which holds the
# connection.json the peer dials. Its address and CA certificate are templates that the builder
# fills from each peer's CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG, so one package (one package id,
# one chaincode definition) serves both organisations while each peer dials its own service.
# Built with fixed owners, modes and times so the same settings always give the same bytes, hence
# the same package id: deploying twice changes nothing.
build_package() {
  local work="${CHAINCODE_DIR}/package"
  rm -rf "${work}"
  mkdir -p "${work}/code"
  {
    printf '{\n'
    printf '  "address": "{{.address}}",\n'
    printf '  "dial_timeout": "10s",\n'
    if [[ "${CHAINCODE_TLS}" == true ]]; then
      printf '  "tls_required": true,\n'
      printf '  "client_auth_required": false,\n'
      printf '  "root_cert": "{{.root_cert}}"\n'
    else
      printf '  "tls_required": false\n'
    fi
    printf '}\n'
  } >"${work}/code/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "${CC_LABEL}" >"${work}/metadata.json"
  local -a tar_flags=(--sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 "--mode=u=rw,go=r")
  tar "${tar_flags[@]}" -C "${work}/code" -cf - connection.json | gzip -n >"${work}/code.tar.gz"
  tar "${tar_flags[@]}" -C "${work}" -cf - metadata.json code.tar.gz | gzip -n >"${CHAINCODE_DIR}/${CC_LABEL}.tar.gz"
}

# Prints "<version> <sequence>" of the committed definition, or nothing.
committed_definition() {
  peer_admin operator lifecycle chaincode querycommitted -C "${CHANNEL_NAME}" -n "${CC_NAME}" -O json 2>/dev/null \
    | tr -d '[:space:]' | sed -n 's/.*"sequence":\([0-9]*\),"version":"\([^"]*\)".*/\2 \1/p' || true
}

# The peer of an organisation reaches that organisation's chaincode service (the contract API's
# built-in metadata transaction needs no state).
chaincode_answers() {
  peer_admin "$1" chaincode query -C "${CHANNEL_NAME}" -n "${CC_NAME}" \
    -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}' >/dev/null 2>&1
}

# A service runs a copy of the jar named by its content, never the build output itself: a JVM loads
# classes from its jar lazily, so a rebuild (scripts/run.sh builds before it runs) that rewrote the
# jar under a running service would make its next transactions fail with ClassNotFoundException.
# Prints the copy's path.
service_jar() {
  local hash copy
  hash="$(sha256sum "${CHAINCODE_JAR}" | cut -c1-16)"
  copy="${CHAINCODE_DIR}/neighbourgrid-chaincode-${hash}.jar"
  if [[ ! -f "${copy}" ]]; then
    cp "${CHAINCODE_JAR}" "${copy}.tmp"
    mv "${copy}.tmp" "${copy}"
  fi
  printf '%s\n' "${copy}"
}

start_chaincode() {
  local node="$1" package_id="$2" name="chaincode-$1" port="${PEER_SERVICE_PORT[$1]}" org="${PEER_ORG[$1]}" host
  host="$(peer_host "${node}")"
  ensure_jar
  local -a tls_env=()
  if [[ "${CHAINCODE_TLS}" == true ]]; then
    tls_env=(CHAINCODE_TLS_CERT_FILE="$(service_tls_dir "${org}")/server.crt"
      CHAINCODE_TLS_KEY_FILE="$(service_tls_dir "${org}")/server.key")
  fi
  local java=java
  [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]] && java="${JAVA_HOME}/bin/java"
  command -v "${java}" >/dev/null 2>&1 || die "java not found (set JAVA_HOME or PATH)"
  require_free_port "${host}" "${port}" "${node} chaincode service"
  printf '%s\n' "${package_id}" >"${CHAINCODE_DIR}/package-id"
  local jar
  jar="$(service_jar)"
  # word splitting of CHAINCODE_JAVA_OPTS is intended: it holds JVM options
  # shellcheck disable=SC2086
  start_process "${name}" "${jar}" -- \
    PATH="${PATH}" HOME="${HOME}" ${JAVA_HOME:+JAVA_HOME="${JAVA_HOME}"} \
    CHAINCODE_SERVER_ADDRESS="${host}:${port}" \
    CHAINCODE_ID="${package_id}" \
    CORE_CHAINCODE_LOGGING_LEVEL="${CHAINCODE_LOG_LEVEL}" \
    OPERATOR_MSP_ID="${ORG_MSP[operator]}" \
    COMMUNITY_MSP_IDS="${ORG_MSP[community]}" \
    "${tls_env[@]}" \
    -- "${java}" ${CHAINCODE_JAVA_OPTS} -jar "${jar}"
}

# True when the discovery service behind an organisation's peer (what its gateway uses) names
# endorsers of the chaincode from every organisation: until gossip has spread the other peer's
# installed chaincodes, a gateway rejects submissions as unsatisfiable.
endorsers_visible() {
  local node="$1" org="${PEER_ORG[$1]}" admin out other
  admin="$(org_dir "${org}")/users/Admin@${ORG_DOMAIN[$org]}/msp"
  out="$("${FABRIC_BIN_DIR}/discover" --peerTLSCA "$(org_tls_ca "${org}")" \
    --userKey "${admin}/keystore/priv_sk" --userCert "${admin}/signcerts/Admin@${ORG_DOMAIN[$org]}-cert.pem" \
    --MSP "${ORG_MSP[$org]}" endorsers --channel "${CHANNEL_NAME}" \
    --server "$(peer_address "${node}")" --chaincode "${CC_NAME}" 2>/dev/null)" || return 1
  for other in "${ENDORSING_ORGS[@]}"; do
    grep -q "\"MSPID\": \"${ORG_MSP[$other]}\"" <<<"${out}" || return 1
  done
}

# Waits until the services listen and each peer gets an answer from its own service.
wait_chaincode_ready() {
  local org
  for org in "$@"; do
    wait_until "chaincode-${org}" "${org} chaincode service listening on $(peer_host "${org}"):${PEER_SERVICE_PORT[$org]}" \
      tcp_open "$(peer_host "${org}")" "${PEER_SERVICE_PORT[$org]}"
  done
  for org in "$@"; do
    wait_until "chaincode-${org}" "chaincode ${CC_NAME} answers through $(peer_name "${org}")" chaincode_answers "${org}"
  done
}

cmd_deploy() {
  local started=${SECONDS} org package package_id version definition committed_version="" committed_sequence=0 sequence
  ensure_fabric
  network_running || cmd_up
  acquire_lock
  ensure_jar
  mkdir -p "${CHAINCODE_DIR}"
  build_package
  package="${CHAINCODE_DIR}/${CC_LABEL}.tar.gz"
  package_id="$(peer_admin operator lifecycle chaincode calculatepackageid "${package}")"
  [[ "${package_id}" == "${CC_LABEL}:"* ]] || die "unexpected package id '${package_id}'"
  # The version names the package, so a changed connection.json is a new definition.
  version="ccaas-${package_id##*:}"
  version="${version:0:22}"

  for org in "${ENDORSING_PEERS[@]}"; do
    if peer_admin "${org}" lifecycle chaincode queryinstalled 2>/dev/null | grep -qF "Package ID: ${package_id},"; then
      log "package already installed on $(peer_name "${org}")"
    else
      log "installing ${package_id} on $(peer_name "${org}")"
      run_cli peer_admin "${org}" lifecycle chaincode install "${package}" >/dev/null
    fi
  done

  definition="$(committed_definition)"
  if [[ -n "${definition}" ]]; then
    committed_version="${definition% *}"
    committed_sequence="${definition#* }"
  fi
  if [[ "${committed_version}" == "${version}" ]]; then
    log "chaincode ${CC_NAME} ${version} already committed at sequence ${committed_sequence}"
  else
    sequence=$((committed_sequence + 1))
    local -a orderer
    mapfile -t orderer < <(orderer_args)
    for org in "${ENDORSING_ORGS[@]}"; do
      if peer_admin "${org}" lifecycle chaincode checkcommitreadiness -C "${CHANNEL_NAME}" -n "${CC_NAME}" \
          -v "${version}" --sequence "${sequence}" --signature-policy "${ENDORSEMENT_POLICY}" -O json 2>/dev/null \
          | tr -d '[:space:]' | grep -qF "\"${ORG_MSP[$org]}\":true"; then
        log "${ORG_MSP[$org]} already approved ${CC_NAME} sequence ${sequence}"
        continue
      fi
      log "approving ${CC_NAME} ${version} sequence ${sequence} for ${ORG_MSP[$org]}"
      run_cli peer_admin "${org}" lifecycle chaincode approveformyorg "${orderer[@]}" \
        -C "${CHANNEL_NAME}" -n "${CC_NAME}" -v "${version}" --package-id "${package_id}" \
        --sequence "${sequence}" --signature-policy "${ENDORSEMENT_POLICY}" >/dev/null
    done
    log "committing ${CC_NAME} ${version} sequence ${sequence} (endorsement policy ${ENDORSEMENT_POLICY})"
    local -a peers=()
    for org in "${ENDORSING_ORGS[@]}"; do
      peers+=(--peerAddresses "$(peer_address "${org}")" --tlsRootCertFiles "$(org_tls_ca "${org}")")
    done
    run_cli peer_admin operator lifecycle chaincode commit "${orderer[@]}" \
      -C "${CHANNEL_NAME}" -n "${CC_NAME}" -v "${version}" --sequence "${sequence}" \
      --signature-policy "${ENDORSEMENT_POLICY}" "${peers[@]}" >/dev/null
    [[ "$(committed_definition)" == "${version} ${sequence}" ]] || die "the committed definition is not ${version} sequence ${sequence}"
  fi

  # Keep a running service only if it serves this package and runs the current jar.
  local previous_id
  previous_id="$(cat "${CHAINCODE_DIR}/package-id" 2>/dev/null || true)"
  for org in "${ENDORSING_PEERS[@]}"; do
    if is_running "chaincode-${org}"; then
      if [[ "${previous_id}" == "${package_id}" && ! "${CHAINCODE_JAR}" -nt "${PIDS}/chaincode-${org}.pid" ]]; then
        log "${org} chaincode service already running (pid $(pid_of "chaincode-${org}"))"
        continue
      fi
      log "restarting the ${org} chaincode service (new package or new jar)"
      stop_process "chaincode-${org}"
    fi
    start_chaincode "${org}" "${package_id}"
  done
  wait_chaincode_ready "${ENDORSING_PEERS[@]}"
  for org in "${ENDORSING_PEERS[@]}"; do
    wait_until "peer-${org}" "the gateway of $(peer_name "${org}") finds endorsers in every organisation" \
      endorsers_visible "${org}"
  done
  log "deployed ${CC_NAME} (package ${package_id}) in $((SECONDS - started)) s"
  printf '%s\n' "${package_id}"
}

cmd_restart_chaincode() {
  local started=${SECONDS} package_id org
  local -a orgs=("$@")
  ((${#orgs[@]} > 0)) || orgs=("${ENDORSING_PEERS[@]}")
  for org in "${orgs[@]}"; do
    [[ -n "${PEER_SERVICE_PORT[$org]:-}" ]] || die "no chaincode service of '${org}' (${ENDORSING_PEERS[*]})"
  done
  ensure_fabric
  acquire_lock
  [[ -f "${CHAINCODE_DIR}/package-id" ]] || die "no chaincode deployed yet; run '$0 deploy'"
  package_id="$(cat "${CHAINCODE_DIR}/package-id")"
  stop_processes "${orgs[@]/#/chaincode-}"
  for org in "${orgs[@]}"; do start_chaincode "${org}" "${package_id}"; done
  wait_chaincode_ready "${orgs[@]}"
  for org in "${orgs[@]}"; do
    log "${org} chaincode service restarted (pid $(pid_of "chaincode-${org}"))"
  done
  log "restart took $((SECONDS - started)) s"
}

# Stops several processes at once (a peer can take seconds to finish a graceful stop).
stop_processes() {
  local name
  for name in "$@"; do stop_process "${name}" & done
  wait
}

cmd_down() {
  acquire_lock
  # All at once: the data goes away with them, so the order of shutdown does not matter.
  local -a names
  mapfile -t names < <(process_ports | cut -d' ' -f1)
  stop_processes "${names[@]}"
  exec 9>&- || true
  rm -rf "${DATA}" "${GEN}"
  log "network down; removed ${DATA} and ${GEN}"
}

# Every process of the network with the port it serves on.
process_ports() {
  local node org
  if [[ "${CRYPTO}" == ca || -n "$(ls "${PIDS}"/ca-*.pid 2>/dev/null)" ]]; then
    for org in "${CA_ORGS[@]}"; do printf 'ca-%s %s:%s\n' "${org}" "$(ca_host "${org}")" "${CA_PORT[$org]}"; done
  fi
  for node in "${ORDERERS[@]}"; do printf '%s %s:%s\n' "${node}" "${ORDERER_HOST}" "${ORDERER_LISTEN_PORT[$node]}"; done
  for org in "${PEERS[@]}"; do printf 'peer-%s %s\n' "${org}" "$(peer_address "${org}")"; done
  for org in "${ENDORSING_PEERS[@]}"; do
    printf 'chaincode-%s %s:%s\n' "${org}" "$(peer_host "${org}")" "${PEER_SERVICE_PORT[$org]}"
  done
}

cmd_status() {
  local name port healthy=true org definition
  while read -r name port; do
    if is_running "${name}"; then
      printf '%-20s running pid %-7s %s\n' "${name}" "$(pid_of "${name}")" "${port}"
    elif [[ "${name}" == chaincode-* && ! -f "${CHAINCODE_DIR}/package-id" ]]; then
      printf '%-20s not deployed\n' "${name}"
    else
      printf '%-20s stopped\n' "${name}"
      healthy=false
    fi
  done < <(process_ports)
  if network_running; then
    ensure_fabric
    printf '%-20s %s\n' fabric "$(fabric_version)"
    for org in "${PEERS[@]}"; do
      printf '%-20s %s\n' "$(peer_name "${org}")" "$(peer_admin "${org}" channel getinfo -c "${CHANNEL_NAME}" 2>/dev/null \
        | sed -n 's/.*"height":\([0-9]*\).*/channel '"${CHANNEL_NAME}"' height \1/p')"
    done
    definition="$(committed_definition)"
    if [[ -n "${definition}" ]]; then
      printf '%-20s %s version %s sequence %s\n' chaincode "${CC_NAME}" "${definition% *}" "${definition#* }"
    else
      printf '%-20s %s not committed\n' chaincode "${CC_NAME}"
    fi
    [[ -f "${CHAINCODE_DIR}/package-id" ]] && printf '%-20s %s\n' 'package id' "$(cat "${CHAINCODE_DIR}/package-id")"
    printf '%-20s %s\n' connection "${GEN}/connection.json"
  else
    healthy=false
  fi
  [[ "${healthy}" == true ]]
}

# A fault drill: SIGKILL, no shutdown, exactly as a crash or an operator's kill -9 would.
cmd_kill() {
  local name="${1:-}" pid
  local known
  known="$(process_ports | cut -d' ' -f1)"   # not piped into grep -q: see cmdline_has
  grep -qx "${name}" <<<"${known}" || die "unknown process '${name}' (see '$0 status')"
  pid="$(pid_of "${name}")" || die "${name} is not running"
  kill -KILL "${pid}"
  while kill -0 "${pid}" 2>/dev/null; do sleep 0.05; done
  log "killed ${name} (pid ${pid}) with SIGKILL"
}

# Starts a killed orderer or peer again on the ledger it left, and waits until it serves again.
cmd_start() {
  local name="${1:-}" started=${SECONDS} org
  ensure_fabric
  acquire_lock
  case "${name}" in
    orderer[0-2])
      start_orderer "${name}"
      wait_until "${name}" "${name} healthy" http_ok "${ORDERER_HOST}" "${ORDERER_OPS[$name]}" /healthz
      wait_until "${name}" "${name} serves channel ${CHANNEL_NAME}" orderer_has_channel "${name}" ;;
    peer-*)
      org="${name#peer-}"
      [[ -n "${PEER_ORG[$org]:-}" ]] || die "unknown peer '${name}'"
      start_peer "${org}"
      wait_until "${name}" "$(peer_name "${org}") healthy" http_ok "$(peer_host "${org}")" "${PEER_OPS_PORT[$org]}" /healthz
      wait_until "${name}" "$(peer_name "${org}") has channel ${CHANNEL_NAME}" peer_has_channel "${org}"
      if [[ -n "${PEER_SERVICE_PORT[$org]:-}" ]]; then
        wait_until "${name}" "the gateway of $(peer_name "${org}") finds endorsers in every organisation" \
          endorsers_visible "${org}"
      fi ;;
    *) die "start takes an orderer (orderer0..2) or a peer ($(printf 'peer-%s ' "${PEERS[@]}"))" ;;
  esac
  log "${name} started again in $((SECONDS - started)) s"
}

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  [[ $# -ge 1 ]] || usage
  case "$1" in
    up) cmd_up ;;
    deploy) cmd_deploy ;;
    restart-chaincode) shift; cmd_restart_chaincode "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    kill) shift; cmd_kill "$@" ;;
    start) shift; cmd_start "$@" ;;
    -h | --help | help) usage ;;
    *) log "unknown command '$1'"; usage ;;
  esac
}

main "$@"
