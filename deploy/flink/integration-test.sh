#!/usr/bin/env bash
# Integration test: a compare job on a real local Flink session cluster (1 JobManager + 2 TaskManager JVMs,
# parallelism 2) over $FLINK_TEST_LIMIT (500) bundled CIFAR-10 images must give exactly the predictions of the same
# compare on DirectRunner with the same shaded jar (joined on example id + backend: same top-1, bit-identical logits). The cluster is
# stopped by PID on every exit (trap). Prints "N passed, N failed". Run it under `timeout` (see .ci/run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
limit="${FLINK_TEST_LIMIT:-500}"
model="${FLINK_TEST_MODEL:-models/cifar10-ode.quant.safetensors}"
[[ -f "$ROOT/$model" || -f "$model" ]] || model=random:cifar10-ode   # until the shipped model lands
work="$(mktemp -d)"
trap '"$DEPLOY_DIR/stop-cluster.sh"' EXIT
trap 'exit 143' TERM INT          # so that the EXIT trap also runs when an outer timeout stops this script
step_timeout="${FLINK_TEST_STEP_TIMEOUT:-1200}"   # each run is bounded on its own, so the trap always gets its turn

(cd "$DEPLOY_DIR" && npm ci --no-audit --no-fund --silent)
args=(--backends=golden,fpga --model="$model" --limit="$limit" --progressSeconds=30)

t0=$(date +%s)
"$DEPLOY_DIR/start-cluster.sh"
t1=$(date +%s)
timeout "$step_timeout" "$DEPLOY_DIR/submit.sh" compare "${args[@]}" --output="$work/flink" > "$work/flink.log" 2>&1 \
  || { echo "cluster run failed:"; tail -40 "$work/flink.log"; exit 1; }
t2=$(date +%s)
"$DEPLOY_DIR/stop-cluster.sh"
echo "flink cluster: started in $((t1 - t0)) s; compare of $limit images x 2 backends at parallelism $FLINK_TASKMANAGERS took $((t2 - t1)) s (submit to results); log $work/flink.log"
grep -E '^(golden|fpga) +top-1|^== golden vs fpga|^== validity' "$work/flink.log" || true

# The reference: the same jar (so the same code) on DirectRunner, in one JVM.
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/.cache/djl}"
# shellcheck disable=SC2086
timeout "$step_timeout" "$JAVA" --add-opens=java.base/java.nio=ALL-UNNAMED $TINYODE_WORKER_OPTS -jar "$FLINK_SHADED_JAR" compare "${args[@]}" \
  --output="$work/direct" > "$work/direct.log" 2>&1 \
  || { echo "DirectRunner run failed:"; tail -40 "$work/direct.log"; exit 1; }
t3=$(date +%s)
echo "DirectRunner: the same compare took $((t3 - t2)) s"
node "$DEPLOY_DIR/same-predictions.mjs" "$work/flink" "$work/direct" "$limit" "$FLINK_TASKMANAGERS"
