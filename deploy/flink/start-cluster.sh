#!/usr/bin/env bash
# Starts a local Flink 1.19 session cluster from Maven jars: one JobManager and $FLINK_TASKMANAGERS (2)
# TaskManagers, each a separate JVM, every address and port on $FLINK_BIND (127.0.0.1). Memory flags come from
# Flink's own BashJavaUtils (as bin/jobmanager.sh / taskmanager.sh compute them). PIDs go to $FLINK_HOME/pids/;
# stop-cluster.sh stops exactly those. Prints the REST address (the --flinkMaster of submit.sh) when ready.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

lib="$FLINK_HOME/lib" conf="$FLINK_HOME/conf" logs="$FLINK_HOME/log" pids="$FLINK_HOME/pids"
mkdir -p "$conf" "$logs" "$pids"
if [[ -n "$(ls "$pids" 2>/dev/null)" ]]; then
  echo "flink: $pids is not empty: a cluster may be running; run stop-cluster.sh first" >&2
  exit 1
fi

# 1. Jars (flink-dist is not on Maven Central's mirror here; the runtime jars are): offline first.
if [[ ! -f "$lib/.complete" ]]; then
  rm -rf "$lib"
  for mode in -o -ntp; do
    if mvn -B -q $mode -f "$DEPLOY_DIR/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$lib" >"$logs/fetch-jars.log" 2>&1; then
      touch "$lib/.complete"
      break
    fi
  done
  [[ -f "$lib/.complete" ]] || { echo "flink: could not fetch the cluster jars; see $logs/fetch-jars.log" >&2; exit 1; }
fi

# 2. Configuration: everything on $FLINK_BIND; one slot per TaskManager.
cat >"$conf/config.yaml" <<YAML
jobmanager:
  rpc:
    address: $FLINK_BIND
    port: $FLINK_RPC_PORT
  bind-host: $FLINK_BIND
  memory:
    process:
      size: $FLINK_JM_MEMORY
taskmanager:
  host: $FLINK_BIND
  bind-host: $FLINK_BIND
  numberOfTaskSlots: 1
  memory:
    process:
      size: $FLINK_TM_MEMORY
rest:
  address: $FLINK_BIND
  bind-address: $FLINK_BIND
  port: $FLINK_REST_PORT
blob:
  server:
    port: "0"
parallelism:
  default: $FLINK_TASKMANAGERS
YAML
cat >"$conf/log4j.properties" <<'LOG4J'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
LOG4J

cp_lib="$lib/*"
# BashJavaUtils prints its results on lines starting with BASH_JAVA_UTILS_EXEC_RESULT: (JVM flags, then -D configs).
resource_params() { # $1 = GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS
  "$JAVA" -cp "$cp_lib" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$conf" 2>"$logs/bash-java-utils.err" \
    | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}
mapfile -t jm < <(resource_params GET_JM_RESOURCE_PARAMS)
mapfile -t tm < <(resource_params GET_TM_RESOURCE_PARAMS)
[[ ${#jm[@]} -ge 1 && ${#tm[@]} -ge 2 ]] || { echo "flink: BashJavaUtils gave no memory settings; see $logs" >&2; exit 1; }

start_jvm() { # $1 = name, $2 = JVM memory flags, $3 = main class, rest = program arguments
  local name="$1" mem="$2" main="$3"
  shift 3
  # shellcheck disable=SC2086
  nohup "$JAVA" $mem $FLINK_JDK17_OPTS $TINYODE_WORKER_OPTS -Dlog.file="$logs/$name.log" \
    -Dlog4j.configurationFile="file:$conf/log4j.properties" -cp "$cp_lib" "$main" "$@" \
    >"$logs/$name.out" 2>&1 </dev/null &
  echo $! >"$pids/$name.pid"
  echo "flink: started $name (pid $!)"
}

rest="http://$FLINK_BIND:$FLINK_REST_PORT"
start_jvm jobmanager "${jm[0]}" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
  --configDir "$conf" ${jm[1]:-}
for i in $(seq 1 "$FLINK_TASKMANAGERS"); do
  # shellcheck disable=SC2086
  start_jvm "taskmanager-$i" "${tm[0]}" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$conf" ${tm[1]}
done

# 3. Ready when the REST API reports every TaskManager's slot.
for _ in $(seq 1 120); do
  overview="$(curl -sf "$rest/overview" 2>/dev/null || true)"
  if [[ "$overview" == *"\"taskmanagers\":$FLINK_TASKMANAGERS,"* && "$overview" == *"\"slots-total\":$FLINK_TASKMANAGERS,"* ]]; then
    echo "flink: ready at $FLINK_BIND:$FLINK_REST_PORT ($overview)"
    exit 0
  fi
  for f in "$pids"/*.pid; do
    kill -0 "$(cat "$f")" 2>/dev/null || { echo "flink: $(basename "$f" .pid) died; see $logs" >&2; tail -20 "$logs/$(basename "$f" .pid).out" >&2; exit 1; }
  done
  sleep 1
done
echo "flink: not ready after 120 s; see $logs" >&2
exit 1
