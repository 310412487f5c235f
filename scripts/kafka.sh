#!/usr/bin/env bash
# A local single-node Apache Kafka broker (KRaft, combined broker+controller) for tests.
# No Docker engine runs on our CI machines, so the broker comes from Maven Central
# and runs as a plain JVM on loopback. Usage: scripts/kafka.sh start|stop|status|env|reset
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

CACHE_DIR="${KAFKA_CACHE_DIR:-$ROOT/.cache/kafka}"
LIB_DIR="$CACHE_DIR/$KAFKA_VERSION/libs"
DATA_DIR="$CACHE_DIR/data"
RUN_DIR="$CACHE_DIR/run"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/kafka.log"
PROPS_FILE="$RUN_DIR/server.properties"
BROKERS="$KAFKA_HOST:$KAFKA_PORT"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { echo "[kafka] $*" >&2; }

# --- fetch -------------------------------------------------------------------

fetch_jars() {
  [[ -f "$LIB_DIR/.complete" ]] && return 0
  command -v mvn >/dev/null || { log "Maven (mvn) is needed once to fetch Kafka $KAFKA_VERSION: apt-get install maven"; return 1; }
  local work="$CACHE_DIR/$KAFKA_VERSION"
  mkdir -p "$work"
  # A throwaway pom whose only job is to resolve the broker and a logging binding.
  cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.itsm</groupId>
  <artifactId>kafka-broker-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
EOF
  log "fetching Kafka $KAFKA_VERSION with Maven into $LIB_DIR (first run only)"
  local started=$SECONDS
  rm -rf "$LIB_DIR"
  if ! mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$LIB_DIR" -DincludeScope=runtime >"$work/mvn.log" 2>&1; then
    log "Maven fetch failed; see $work/mvn.log:"
    tail -n 20 "$work/mvn.log" >&2
    return 1
  fi
  touch "$LIB_DIR/.complete"
  log "fetched $(ls "$LIB_DIR" | wc -l) jars in $((SECONDS - started))s"
}

# --- configuration ---------------------------------------------------------------

write_config() {
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  # Single-node cluster: internal topics must have replication factor 1 or
  # consumer groups and idempotent producers stall.
  cat >"$PROPS_FILE" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=3
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
  cat >"$RUN_DIR/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$RUN_DIR/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
EOF
}

java_run() {
  "$JAVA" -cp "$LIB_DIR/*" -Dlog4j.configuration="file:$RUN_DIR/log4j.properties" "$@"
}

format_storage() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  local cluster_id_file="$CACHE_DIR/cluster-id"
  if [[ ! -s "$cluster_id_file" ]]; then
    java_run kafka.tools.StorageTool random-uuid | tail -n 1 >"$cluster_id_file"
  fi
  java_run kafka.tools.StorageTool format -t "$(cat "$cluster_id_file")" \
    -c "$PROPS_FILE" --ignore-formatted >>"$LOG_FILE" 2>&1
}

# --- process and readiness ---------------------------------------------------

our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

port_open() {
  (exec 3<>"/dev/tcp/$KAFKA_HOST/$KAFKA_PORT") 2>/dev/null
}

# Port open is not enough: the broker must answer a metadata request.
metadata_ok() {
  if [[ -d "$ROOT/node_modules/kafkajs" ]]; then
    KAFKA_BROKERS="$BROKERS" node "$ROOT/scripts/kafka-ready.cjs" >/dev/null 2>&1
  else
    grep -q 'Kafka Server started' "$RUN_DIR/server.log" 2>/dev/null
  fi
}

ready() { port_open && metadata_ok; }

wait_ready() {
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if [[ -n "${1:-}" ]] && ! kill -0 "$1" 2>/dev/null; then
      log "broker process exited during start-up; last lines of $LOG_FILE and $RUN_DIR/server.log:"
      tail -n 20 "$LOG_FILE" "$RUN_DIR/server.log" >&2 2>/dev/null || true
      return 1
    fi
    ready && return 0
    sleep 0.5
  done
  log "broker not ready after ${KAFKA_START_TIMEOUT}s; see $LOG_FILE and $RUN_DIR/server.log"
  return 1
}

cmd_start() {
  local pid
  if pid="$(our_pid)"; then
    wait_ready "$pid"
    log "already running (pid $pid) at $BROKERS"
    return 0
  fi
  if ready; then
    log "a broker already answers at $BROKERS; using it"
    return 0
  fi
  if port_open; then
    log "port $KAFKA_PORT is taken by something that is not a Kafka broker (set KAFKA_PORT)"
    return 1
  fi
  command -v "$JAVA" >/dev/null || { log "Java 17+ is needed to run the broker (set JAVA_HOME)"; return 1; }
  fetch_jars
  write_config
  format_storage
  local started=$SECONDS
  : >"$RUN_DIR/server.log"
  # setsid: the broker outlives the shell that started it (and its signals).
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$RUN_DIR/log4j.properties" -Dkafka.logs.dir="$RUN_DIR" \
    -cp "$LIB_DIR/*" kafka.Kafka "$PROPS_FILE" >>"$LOG_FILE" 2>&1 </dev/null &
  local deadline=$((SECONDS + 5))
  until [[ -s "$PID_FILE" ]] || ((SECONDS > deadline)); do sleep 0.1; done
  pid="$(cat "$PID_FILE")"
  if ! wait_ready "$pid"; then
    cmd_stop || true
    return 1
  fi
  log "started (pid $pid) at $BROKERS in $((SECONDS - started))s"
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "no clean shutdown after 30s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

# Exit 0 when a broker answers at $BROKERS, 3 otherwise.
cmd_status() {
  local pid
  if ready; then
    if pid="$(our_pid)"; then echo "running (pid $pid) at $BROKERS"; else echo "running (not started by this script) at $BROKERS"; fi
    return 0
  fi
  echo "not running at $BROKERS"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) echo "KAFKA_BROKERS=$BROKERS" ;;
  fetch) fetch_jars ;;
  reset) cmd_stop && rm -rf "$DATA_DIR" "$CACHE_DIR/cluster-id" && log "data removed" ;;
  *)
    echo "usage: $0 start|stop|status|env|fetch|reset" >&2
    exit 2
    ;;
esac
