#!/usr/bin/env bash
# Stops the JVMs that start-cluster.sh started, by the PIDs it recorded (SIGTERM, then SIGKILL after 15 s).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
pids="$FLINK_HOME/pids"
shopt -s nullglob
for f in "$pids"/taskmanager-*.pid "$pids"/jobmanager.pid; do
  [[ -f "$f" ]] || continue
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "flink: stopped $(basename "$f" .pid) (pid $pid)"
  fi
  rm -f "$f"
done
