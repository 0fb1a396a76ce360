#!/usr/bin/env bash
# Builds Casty and runs the loyalty sample on this machine: cluster node(s) and the REST API,
# each in the background with its log in ./run/. Stops everything on Ctrl-C.
#
#   ./run-sample.sh                 one node (127.0.0.1:25520, actuator on 8081) and the API on 8080
#   ./run-sample.sh --nodes 3       nodes on 127.0.0.1, 127.0.0.2, 127.0.0.3 (actuator on 8081-8083)
#   ./run-sample.sh --skip-build    reuse the jars of an earlier build
#
# Needs only a JDK 17+ (the Maven wrapper fetches Maven); the curl commands it prints need curl.
set -euo pipefail
cd "$(dirname "$0")"

CLUSTER_PORT=25520
API_PORT=8080
STARTUP_SECONDS=120

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

fail() {
  echo "run-sample: $*" >&2
  exit 1
}

nodes=1
build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) [ $# -ge 2 ] || fail "--nodes needs a number"; nodes="$2"; shift 2 ;;
    --nodes=*) nodes="${1#*=}"; shift ;;
    --skip-build) build=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument '$1'" ;;
  esac
done
case "$nodes" in
  [1-9]) ;;
  *) fail "--nodes must be from 1 to 9, not '$nodes'" ;;
esac

command -v java >/dev/null || fail "java is not on the PATH; install a JDK 17 or newer"
# Whether http://127.0.0.1:PORT/actuator/health answers 200 (UP), with nothing but bash.
healthy() {
  local status
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /actuator/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r _ status _ <&3 || status=
  exec 3<&- 3>&-
  [ "$status" = 200 ]
}

node_host() { echo "127.0.0.$1"; }
node_http_port() { echo $((API_PORT + $1)); }

# Bash's /dev/tcp connects without any other tool: a connection means something listens there.
listening() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

require_free() {
  if listening "$1" "$2"; then
    fail "$1:$2 is already in use (an earlier run still going, or another program). Stop it, then try again."
  fi
}

require_free 127.0.0.1 "$API_PORT"
for i in $(seq 1 "$nodes"); do
  require_free "$(node_host "$i")" "$CLUSTER_PORT"
  require_free 127.0.0.1 "$(node_http_port "$i")"
done

if $build; then
  echo "Building (./mvnw -B -q -DskipTests install); the first build downloads Maven and the dependencies..."
  ./mvnw -B -q -DskipTests install
fi

find_jar() {
  local jar
  jar=$(ls "$1"/target/"$1"-*.jar 2>/dev/null | head -n 1)
  [ -n "$jar" ] || fail "no jar in $1/target; run without --skip-build"
  echo "$jar"
}
node_jar=$(find_jar casty-node-app)
api_jar=$(find_jar sample-loyalty-api)

mkdir -p run
rm -f run/*.pid
names=()
pids=()

# SIGTERM in reverse order of start: the API first, then the nodes from the last one, so that
# each node leaves gracefully while another is still there to take its shards.
stop_all() {
  trap - EXIT INT TERM
  echo
  echo "Stopping..."
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      kill -TERM "${pids[$i]}" 2>/dev/null || true
      wait "${pids[$i]}" 2>/dev/null || true
      echo "  ${names[$i]} stopped"
    fi
  done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start() {
  local name="$1"
  shift
  java -Xmx256m -XX:+UseSerialGC -jar "$@" >"run/$name.log" 2>&1 &
  echo "$!" >"run/$name.pid"
  names+=("$name")
  pids+=("$!")
}

contact_points=""
for i in $(seq 1 "$nodes"); do
  start "node-$i" "$node_jar" --casty.node.node-id="node-$i" --casty.node.host="$(node_host "$i")" \
    --casty.node.port="$CLUSTER_PORT" --casty.node.seed-nodes="127.0.0.1:$CLUSTER_PORT" \
    --server.port="$(node_http_port "$i")"
  contact_points="${contact_points:+$contact_points,}$(node_host "$i"):$CLUSTER_PORT"
done
start api "$api_jar" --server.port="$API_PORT" --casty.client.contact-points="$contact_points"

echo "Starting $nodes node(s) and the API (logs in ./run/)..."
deadline=$((SECONDS + STARTUP_SECONDS))
for i in "${!pids[@]}"; do
  name="${names[$i]}"
  if [ "$name" = api ]; then port=$API_PORT; else port=$(node_http_port "${name#node-}"); fi
  until healthy "$port"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "run-sample: $name exited; the end of run/$name.log:" >&2
      tail -n 20 "run/$name.log" >&2
      if [ "$name" != node-1 ] && [ "$(uname)" = Darwin ]; then
        echo "On macOS, 127.0.0.2 and up need a loopback alias first: sudo ifconfig lo0 alias $(node_host "${name#node-}") up" >&2
      fi
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "$name is not healthy after ${STARTUP_SECONDS}s; see run/$name.log and http://127.0.0.1:$port/actuator/health"
    fi
    sleep 0.5
  done
  echo "  $name is UP (http://127.0.0.1:$port/actuator/health)"
done

cat <<EOF

The loyalty sample is running: $nodes node(s) of cluster 'loyalty-cluster' and the API on port $API_PORT.
Points are kept in ./run/casty-journal.mv.db across restarts (delete ./run/casty-journal.* to start from zero).

Try:
  curl -X POST localhost:$API_PORT/users/user-1/points -H 'Content-Type: application/json' -H 'Idempotency-Key: order-1' -d '{"amount":100}'
  curl localhost:$API_PORT/users/user-1/points
  curl localhost:$API_PORT/actuator/health
  curl localhost:$(node_http_port 1)/actuator/health
  curl -s localhost:$(node_http_port 1)/actuator/prometheus | grep '^casty_node'

Logs: ./run/*.log. Process ids: ./run/*.pid. Press Ctrl-C to stop everything.
EOF
if [ "$nodes" -gt 1 ]; then
  echo "Stop one node gracefully with: kill \$(cat run/node-2.pid)   or crash it with: kill -9 \$(cat run/node-2.pid)"
fi

# Keep running until Ctrl-C. A process that exits (stopped on purpose, or crashed) is reported once;
# the others keep running, so that the cluster can be watched without it.
reported=" "
while true; do
  for i in "${!pids[@]}"; do
    if [[ "$reported" != *" $i "* ]] && ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "${names[$i]} exited; see run/${names[$i]}.log"
      reported="$reported$i "
    fi
  done
  sleep 1
done
