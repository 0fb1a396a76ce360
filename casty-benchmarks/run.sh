#!/usr/bin/env bash
# Builds casty-benchmarks (and the modules it needs) and runs the benchmarks.
#
#   casty-benchmarks/run.sh               JMH micro-benchmarks, the end-to-end load generator
#                                         against every system (three interleaved rounds,
#                                         medians), then Casty's memory and scale figures
#                                         (about 14 minutes)
#   casty-benchmarks/run.sh load [ARGS]   the load generator only; ARGS default to --all
#                                         (see: run.sh load --help)
#   casty-benchmarks/run.sh scale [ARGS]  the memory and scale figures only (about 4 minutes;
#                                         see: run.sh scale --help)
#   casty-benchmarks/run.sh persistence [ARGS]
#                                         event-sourced entities on the JDBC journal against
#                                         the database's ceiling, on H2 and on PostgreSQL when
#                                         CASTY_TEST_POSTGRES_URL is set (about 1.5 minutes;
#                                         see: run.sh persistence --help)
#   casty-benchmarks/run.sh floor [ROUNDS [N]]
#                                         the least a sequential round trip costs here: the raw
#                                         echo through Netty's event loop against a blocking
#                                         socket, alternately (about 1 minute)
#   casty-benchmarks/run.sh jmh [ARGS]    the micro-benchmarks only; ARGS go to JMH
#                                         (e.g. run.sh jmh ShardHash -f 1)
#
# Run it on a quiet machine: every figure is a ratio of things measured in the same run, but a
# busy machine still widens the tails.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-all}"
[ $# -gt 0 ] && shift

./mvnw -B -q -pl casty-benchmarks -am -DskipTests package

load_jar="$(ls casty-benchmarks/target/casty-benchmarks-*.jar | head -n 1)"
jmh_jar=casty-benchmarks/target/benchmarks.jar
scale_main=io.casty.benchmarks.load.scale.ScaleBenchmark
floor_main=io.casty.benchmarks.load.raw.FloorProbe
persistence_main=io.casty.benchmarks.load.persistence.PersistenceBenchmark

case "$mode" in
  all)
    java -jar "$jmh_jar"
    # A failed workload fails the run, after the other figures were measured.
    status=0
    java -jar "$load_jar" --all || status=$?
    java -cp "$load_jar" "$scale_main" || status=$?
    exit "$status"
    ;;
  load)
    if [ $# -eq 0 ]; then set -- --all; fi
    java -jar "$load_jar" "$@"
    ;;
  scale)
    java -cp "$load_jar" "$scale_main" "$@"
    ;;
  persistence)
    java -cp "$load_jar" "$persistence_main" "$@"
    ;;
  floor)
    java -cp "$load_jar" "$floor_main" "$@"
    ;;
  jmh)
    java -jar "$jmh_jar" "$@"
    ;;
  *)
    echo "usage: $0 [all | load [ARGS] | scale [ARGS] | persistence [ARGS] | floor [ARGS] | jmh [ARGS]]" >&2
    exit 2
    ;;
esac
