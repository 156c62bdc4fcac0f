# Identities from Fabric CA, sourced by network.sh (it uses that script's settings and helpers).
#
# One fabric-ca-server per organisation (the ordering service, the operator, the community, the auditor), each on
# its organisation's own address with TLS, its database and keys under test-network/data/ca/<org>/. Each server is
# its organisation's root CA and also issues its TLS certificates (the "tls" enrolment profile), so the
# organisation's CA and TLS CA are the same certificate. Every identity is registered with its type (peer, orderer,
# admin, client), which fabric-ca writes into the certificate as its OU, so the NodeOUs of each MSP tell peers,
# orderers, admins and clients apart as with cryptogen. The files are written in cryptogen's layout
# (network/generated/crypto/...), so nothing else in the network, nor the SDK's connection.json, changes.
#
# Enrolment is idempotent: an identity whose signing certificate exists is left alone (its key kept), so raising
# COMMUNITY_USERS enrols only the new homes. Enrolments run ENROL_JOBS at a time: each is one or two short-lived
# fabric-ca-client processes and an HTTPS round trip, and the 60 homes dominate the time.
# shellcheck shell=bash

: "${CRYPTO:=ca}"                          # ca (Fabric CA servers) or cryptogen (offline, the fallback)
: "${ENROL_JOBS:=8}"                        # concurrent enrolments
: "${ORDERER_CA_PORT:=17055}"
: "${OPERATOR_CA_PORT:=17054}"
: "${COMMUNITY_CA_PORT:=17064}"
: "${AUDITOR_CA_PORT:=17074}"
: "${ORDERER_CA_OPERATIONS_PORT:=17455}"
: "${OPERATOR_CA_OPERATIONS_PORT:=17456}"
: "${COMMUNITY_CA_OPERATIONS_PORT:=17457}"
: "${AUDITOR_CA_OPERATIONS_PORT:=17458}"

readonly CA_ORGS=(orderer operator community auditor)
declare -A CA_PORT=([orderer]="${ORDERER_CA_PORT}" [operator]="${OPERATOR_CA_PORT}" [community]="${COMMUNITY_CA_PORT}"
  [auditor]="${AUDITOR_CA_PORT}")
declare -A CA_OPS_PORT=([orderer]="${ORDERER_CA_OPERATIONS_PORT}" [operator]="${OPERATOR_CA_OPERATIONS_PORT}"
  [community]="${COMMUNITY_CA_OPERATIONS_PORT}" [auditor]="${AUDITOR_CA_OPERATIONS_PORT}")

ca_host() { if [[ "$1" == orderer ]]; then printf '%s' "${ORDERER_HOST}"; else printf '%s' "${ORG_HOST[$1]}"; fi; }
ca_domain() { if [[ "$1" == orderer ]]; then printf '%s' "${ORDERER_DOMAIN}"; else printf '%s' "${ORG_DOMAIN[$1]}"; fi; }
ca_org_dir() {
  if [[ "$1" == orderer ]]; then printf '%s' "${ORDERER_ORG_DIR}"; else org_dir "$1"; fi
}
ca_home() { printf '%s/ca/%s' "${DATA}" "$1"; }
ca_url() { printf 'https://%s:%s' "$(ca_host "$1")" "${CA_PORT[$1]}"; }
ca_cert() { printf '%s/ca-cert.pem' "$(ca_home "$1")"; }

# The Fabric CA client, with no configuration but its arguments: CA_CLIENT_HOME is where it keeps its own files.
ca_client() {
  local home="$1"
  shift
  env -i PATH="${PATH}" HOME="${HOME}" FABRIC_CA_CLIENT_HOME="${home}" "${FABRIC_BIN_DIR}/fabric-ca-client" "$@" \
    --loglevel warning
}

start_ca() {
  local org="$1" name="ca-$1" host
  host="$(ca_host "${org}")"
  if is_running "${name}"; then
    return
  fi
  [[ -x "${FABRIC_BIN_DIR}/fabric-ca-server" ]] \
    || die "no fabric-ca-server in ${FABRIC_BIN_DIR}: run scripts/install-fabric.sh, or use CRYPTO=cryptogen"
  require_free_port "${host}" "${CA_PORT[$org]}" "${org} CA"
  require_free_port "${host}" "${CA_OPS_PORT[$org]}" "${org} CA operations"
  mkdir -p "$(ca_home "${org}")"
  # The bootstrap registrar's password stays inside this machine's data directory: it only registers identities.
  [[ -f "$(ca_home "${org}")/registrar" ]] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$(ca_home "${org}")/registrar"
  start_process "${name}" "${FABRIC_BIN_DIR}/fabric-ca-server" -- \
    PATH="${PATH}" HOME="${HOME}" \
    FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS="${host}:${CA_OPS_PORT[$org]}" \
    FABRIC_CA_SERVER_METRICS_PROVIDER=disabled \
    -- "${FABRIC_BIN_DIR}/fabric-ca-server" start --home "$(ca_home "${org}")" \
    --boot "registrar:$(cat "$(ca_home "${org}")/registrar")" \
    --address "${host}" --port "${CA_PORT[$org]}" --tls.enabled \
    --ca.name "ca-${org}" --csr.cn "ca.$(ca_domain "${org}")" \
    --csr.hosts "ca.$(ca_domain "${org}"),${host},127.0.0.1,localhost" \
    --registry.maxenrollments -1 --loglevel warning
}

ca_ready() { [[ -s "$(ca_cert "$1")" ]] && tcp_open "$(ca_host "$1")" "${CA_PORT[$1]}"; }

# The organisation's MSP directory (what the channel configuration holds) and the CA/TLS CA certificates.
write_org_msp() {
  local org="$1" dir domain
  dir="$(ca_org_dir "${org}")"
  domain="$(ca_domain "${org}")"
  mkdir -p "${dir}/msp/cacerts" "${dir}/msp/tlscacerts" "${dir}/ca" "${dir}/tlsca"
  cp "$(ca_cert "${org}")" "${dir}/msp/cacerts/ca.${domain}-cert.pem"
  cp "$(ca_cert "${org}")" "${dir}/msp/tlscacerts/tlsca.${domain}-cert.pem"
  cp "$(ca_cert "${org}")" "${dir}/ca/ca.${domain}-cert.pem"
  cp "$(ca_cert "${org}")" "${dir}/tlsca/tlsca.${domain}-cert.pem"
  node_ou_config "${domain}" >"${dir}/msp/config.yaml"
}

node_ou_config() {
  local ou
  printf 'NodeOUs:\n  Enable: true\n'
  for ou in Client:client Peer:peer Admin:admin Orderer:orderer; do
    printf '  %sOUIdentifier:\n    Certificate: cacerts/ca.%s-cert.pem\n    OrganizationalUnitIdentifier: %s\n' \
      "${ou%%:*}" "$1" "${ou#*:}"
  done
}

# enrol ORG NAME TYPE DIR CERTNAME TLS: registers NAME (type TYPE) with ORG's CA unless it is known, enrols its
# signing identity into DIR/msp (signcerts/CERTNAME-cert.pem, keystore/priv_sk) and, with TLS server or client,
# a TLS certificate into DIR/tls. Skips an identity that is already enrolled.
enrol() {
  local org="$1" name="$2" type="$3" dir="$4" certname="$5" tls="$6" domain work secret out host
  domain="$(ca_domain "${org}")"
  [[ -s "${dir}/msp/signcerts/${certname}-cert.pem" ]] && return 0
  host="$(ca_host "${org}")"
  work="$(mktemp -d "${DATA}/ca/enrol.XXXXXX")"
  secret="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  if ! out="$(ca_client "${work}/registrar" register -u "$(ca_url "${org}")" --tls.certfiles "$(ca_cert "${org}")" \
      --mspdir "$(ca_home "${org}")/registrar-msp" --id.name "${name}" --id.secret "${secret}" \
      --id.type "${type}" 2>&1)"; then
    [[ "${out}" == *"already registered"* ]] || { printf '%s\n' "${out}" >&2; rm -rf "${work}"; return 1; }
    # Known from an earlier run whose files were lost: a new secret lets it enrol again.
    ca_client "${work}/registrar" identity modify "${name}" -u "$(ca_url "${org}")" \
      --tls.certfiles "$(ca_cert "${org}")" --mspdir "$(ca_home "${org}")/registrar-msp" \
      --secret "${secret}" >/dev/null || { rm -rf "${work}"; return 1; }
  fi
  ca_client "${work}/id" enroll -u "https://${name}:${secret}@${host}:${CA_PORT[$org]}" \
    --tls.certfiles "$(ca_cert "${org}")" --mspdir "${work}/msp" --csr.cn "${certname}" >/dev/null \
    || { rm -rf "${work}"; return 1; }
  if [[ "${tls}" != none ]]; then
    ca_client "${work}/id" enroll -u "https://${name}:${secret}@${host}:${CA_PORT[$org]}" \
      --tls.certfiles "$(ca_cert "${org}")" --mspdir "${work}/tls" --enrollment.profile tls --csr.cn "${certname}" \
      --csr.hosts "${certname},${host},127.0.0.1,localhost" >/dev/null || { rm -rf "${work}"; return 1; }
    mkdir -p "${dir}/tls"
    cp "${work}/tls/signcerts/cert.pem" "${dir}/tls/${tls}.crt"
    cp "${work}"/tls/keystore/*_sk "${dir}/tls/${tls}.key"
    cp "$(ca_cert "${org}")" "${dir}/tls/ca.crt"
  fi
  mkdir -p "${dir}/msp/cacerts" "${dir}/msp/tlscacerts" "${dir}/msp/keystore" "${dir}/msp/signcerts"
  cp "$(ca_cert "${org}")" "${dir}/msp/cacerts/ca.${domain}-cert.pem"
  cp "$(ca_cert "${org}")" "${dir}/msp/tlscacerts/tlsca.${domain}-cert.pem"
  node_ou_config "${domain}" >"${dir}/msp/config.yaml"
  cp "${work}"/msp/keystore/*_sk "${dir}/msp/keystore/priv_sk"
  # The certificate last: its presence is what marks the identity as enrolled.
  cp "${work}/msp/signcerts/cert.pem" "${dir}/msp/signcerts/${certname}-cert.pem.tmp"
  mv "${dir}/msp/signcerts/${certname}-cert.pem.tmp" "${dir}/msp/signcerts/${certname}-cert.pem"
  rm -rf "${work}"
}

# Prints one line per identity: ORG NAME TYPE DIR CERTNAME TLS.
identities() {
  local org domain dir node i
  domain="${ORDERER_DOMAIN}"
  for node in "${ORDERERS[@]}"; do
    printf '%s\n' "orderer ${node} orderer $(orderer_node_dir "${node}") ${node}.${domain} server"
  done
  printf '%s\n' "orderer Admin admin ${ORDERER_ORG_DIR}/users/Admin@${domain} Admin@${domain} client"
  for org in "${ORGS[@]}"; do
    domain="${ORG_DOMAIN[$org]}"
    dir="$(org_dir "${org}")"
    for node in "${PEERS[@]}"; do
      [[ "${PEER_ORG[$node]}" == "${org}" ]] || continue
      printf '%s\n' "${org} peer${PEER_INDEX[$node]} peer $(peer_dir "${node}") $(peer_name "${node}") server"
    done
    if [[ " ${ENDORSING_ORGS[*]} " == *" ${org} "* ]]; then
      printf '%s\n' "${org} chaincode client ${dir}/peers/chaincode.${domain} chaincode.${domain} server"
    fi
    printf '%s\n' "${org} Admin admin ${dir}/users/Admin@${domain} Admin@${domain} client"
    for ((i = 1; i <= ORG_USERS[$org]; i++)); do
      printf '%s\n' "${org} User${i} client ${dir}/users/User${i}@${domain} User${i}@${domain} none"
    done
  done
}

# Starts every organisation's CA, enrols the registrar of each and every identity that is missing.
generate_crypto_ca() {
  local org started=${SECONDS} pending failed=0
  for org in "${CA_ORGS[@]}"; do start_ca "${org}"; done
  for org in "${CA_ORGS[@]}"; do
    wait_until "ca-${org}" "${org} CA on $(ca_host "${org}"):${CA_PORT[$org]}" ca_ready "${org}"
    if [[ ! -s "$(ca_home "${org}")/registrar-msp/signcerts/cert.pem" ]]; then
      run_cli ca_client "$(ca_home "${org}")/registrar-client" enroll \
        -u "https://registrar:$(cat "$(ca_home "${org}")/registrar")@$(ca_host "${org}"):${CA_PORT[$org]}" \
        --tls.certfiles "$(ca_cert "${org}")" --mspdir "$(ca_home "${org}")/registrar-msp" >/dev/null
    fi
    write_org_msp "${org}"
  done
  local -a todo=()
  local org_ name type dir certname tls
  while read -r org_ name type dir certname tls; do
    [[ -s "${dir}/msp/signcerts/${certname}-cert.pem" ]] || todo+=("${org_} ${name} ${type} ${dir} ${certname} ${tls}")
  done < <(identities)
  log "enrolling ${#todo[@]} identities from the organisations' CAs (${ENROL_JOBS} at a time)"
  mkdir -p "${DATA}/ca" "${LOGS}"
  local line running=0
  for line in "${todo[@]}"; do
    # word splitting of line is intended: it holds the six fields
    # shellcheck disable=SC2086
    enrol ${line} 2>>"${LOGS}/enrol.log" &
    running=$((running + 1))
    if ((running >= ENROL_JOBS)); then
      wait -n || failed=$((failed + 1))
      running=$((running - 1))
    fi
  done
  while ((running > 0)); do
    wait -n || failed=$((failed + 1))
    running=$((running - 1))
  done
  if ((failed > 0)); then
    tail -n 20 "${LOGS}/enrol.log" >&2
    die "${failed} enrolments failed (see ${LOGS}/enrol.log)"
  fi
  log "identities from Fabric CA ready in $((SECONDS - started)) s"
}
