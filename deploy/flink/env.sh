# Shared settings of the deploy/flink scripts (sourced, not run). Override by exporting before calling a script.
DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$DEPLOY_DIR/../.." && pwd)"
FLINK_HOME="${FLINK_HOME:-$DEPLOY_DIR/target/cluster}"   # lib/ (jars), conf/, log/, pids/
FLINK_BIND="${FLINK_BIND:-127.0.0.1}"                     # every address and port binds here
FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
FLINK_TASKMANAGERS="${FLINK_TASKMANAGERS:-2}"             # separate JVMs, one slot each
FLINK_JM_MEMORY="${FLINK_JM_MEMORY:-1024m}"
FLINK_TM_MEMORY="${FLINK_TM_MEMORY:-2048m}"
FLINK_SHADED_JAR="${FLINK_SHADED_JAR:-$ROOT/pipelines/target/flink/tinyode-flink.jar}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Flink 1.19's JDK 17 module flags (its default env.java.opts.all), plus what TinyODE's code needs on a worker:
# Arrow's reflective access (java.nio, already in the list), the Vector API for the golden kernels, DJL offline.
FLINK_JDK17_OPTS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
TINYODE_WORKER_OPTS="--add-modules=jdk.incubator.vector -Dai.djl.offline=true -Dtinyode.root=$ROOT"
