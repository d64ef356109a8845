# What the node benchmarks share: sourced by node-load.sh and statements-per-turn.sh, not run.

# Stops when something already answers on port 8080, where the benchmarks start their node.
require_free_port() {
  if curl -sf -o /dev/null localhost:8080/actuator/health/liveness; then
    echo "something already answers on port 8080: stop it first" >&2; exit 1
  fi
}

# Sets JAVA to a JDK 21 or newer, as ./linli picks it: JAVA_HOME, else the newest under /usr/lib/jvm.
pick_java() {
  JAVA=java
  local d v
  for d in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "${d%/}/release" 2>/dev/null || true)
    if [[ -x "${d%/}/bin/java" && "${v:-0}" -ge 21 ]]; then JAVA="${d%/}/bin/java"; break; fi
  done
}

# The secrets the load generator signs its SMS and WeChat requests with (test values only).
export_test_secrets() {
  export TWILIO_AUTH_TOKEN=load-test-token LINLI_PUBLIC_BASE_URL=http://localhost:8080
  export WECHAT_TOKEN=loadTestToken WECHAT_AES_KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG
  export WECHAT_APP_ID=wx0123456789abcdef
}

# fresh_postgres NAME [-c SQL]...: drops and creates database NAME on the server at 127.0.0.1:5432
# (user postgres, trust authentication), runs the extra SQL, and points the node at it.
fresh_postgres() {
  local name=$1
  shift
  PGOPTIONS='--client-min-messages=warning' psql -h 127.0.0.1 -U postgres -d postgres -q \
    -c "drop database if exists $name" -c "create database $name" "$@" >/dev/null
  export LINLI_DB_URL=jdbc:postgresql://127.0.0.1:5432/$name LINLI_DB_USER=postgres
  LINLI_DATA_KEY=$(head -c 32 /dev/urandom | base64)
  export LINLI_DATA_KEY
}

# wait_for_node PID LOG: waits (up to 3 minutes) until the node started on port 8080 answers.
wait_for_node() {
  local _
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null localhost:8080/actuator/health/liveness && return 0
    kill -0 "$1" 2>/dev/null || { echo "the node did not start: $2" >&2; exit 1; }
    sleep 1
  done
  echo "the node did not answer within 3 minutes: $2" >&2; exit 1
}
