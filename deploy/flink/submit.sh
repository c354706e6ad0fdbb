#!/usr/bin/env bash
# Submits ./tinyode evaluate or compare to the Flink session cluster with the shaded jar:
#   deploy/flink/submit.sh compare --backends=golden,fpga --limit=500 --output=/tmp/run
# adds --runner=FlinkRunner --flinkMaster=$FLINK_BIND:$FLINK_REST_PORT --parallelism=$FLINK_TASKMANAGERS (later
# options on the command line win). Builds the shaded jar first if it is missing (Maven profile flink-jar).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
[[ $# -ge 1 ]] || { echo "usage: $0 evaluate|compare [tinyode options]" >&2; exit 2; }
if [[ ! -f "$FLINK_SHADED_JAR" ]]; then
  echo "flink: building the shaded jar (mvn -pl pipelines -am -P flink-jar package)..." >&2
  mvn -B -q -o -f "$ROOT/pom.xml" -pl pipelines -am -P flink-jar package -DskipTests >&2 \
    || mvn -B -q -ntp -f "$ROOT/pom.xml" -pl pipelines -am -P flink-jar package -DskipTests >&2
fi
cmd="$1"
shift
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/.cache/djl}"
# shellcheck disable=SC2086
exec "$JAVA" --add-opens=java.base/java.nio=ALL-UNNAMED $TINYODE_WORKER_OPTS ${TINYODE_JAVA_OPTS:-} \
  -jar "$FLINK_SHADED_JAR" "$cmd" --runner=FlinkRunner --flinkMaster="$FLINK_BIND:$FLINK_REST_PORT" \
  --parallelism="$FLINK_TASKMANAGERS" "$@"
