#!/usr/bin/env bash
# Stop time of the packaged jar: SIGTERM to exit, with the sandbox's demo running, for one or more jars side by side.
# Usage: bench/run-stop.sh [rounds] [seconds-before-stop] jar...   (default 3 rounds of 60 s; each jar once a round, so
# the jars share the machine's load; prints one Markdown row per stop). Run from the project folder (its connectors/,
# mappings/ and routes/ are the hub's home) after ./mvnw -q -B -DskipTests package; copy a jar first to keep it.
# Each run's log is kept in target/stop-logs/ (what the stop waited for: Camel's "Waiting as there are still ...").
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
running=${2:-60}
shift 2 || true
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=(target/mekong-0.1.0-SNAPSHOT.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
logs=target/stop-logs
mkdir -p "$logs"

echo "| round | jar | started in s | stop (SIGTERM to exit) s |"
echo "|---:|---|---:|---:|"
for round in $(seq 1 "$rounds"); do
  for jar in "${jars[@]}"; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])')
    rm -rf "$work/data"
    begun=$(date +%s.%N)
    MEKONG_PORT=$port MEKONG_SANDBOX=true MEKONG_ADMIN_PASSWORD=bench MEKONG_DATA_DIR="$work/data" \
      java -jar "$jar" > "$work/log" 2>&1 &
    pid=$!
    until grep -q 'Started MekongApplication' "$work/log"; do
      kill -0 "$pid" 2>/dev/null || { tail -20 "$work/log" >&2; exit 1; }
      sleep 1
    done
    started=$(echo "$(date +%s.%N) - $begun" | bc)
    sleep "$running"
    stopping=$(date +%s.%N)
    kill -TERM "$pid"
    wait "$pid" || true
    stopped=$(echo "$(date +%s.%N) - $stopping" | bc)
    cp "$work/log" "$logs/$(basename "$jar" .jar)-$round.log"
    printf '| %d | %s | %.0f | %.1f |\n' "$round" "$(basename "$jar")" "$started" "$stopped"
  done
done
