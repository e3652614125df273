#!/usr/bin/env bash
# Benchmark P3: the bus. Relay (outbox -> Kafka), delivery from Kafka to a webhook receiver and to the HubSpot
# simulator, and the drain of a backlog after a receiver's outage, with CPU split hub / broker / PostgreSQL / simulator.
# Usage: bench/run-p3.sh [orders] [backlog]     (default 5000 100000; prints a Markdown table)
# JAVA_OPTS go to the hub's JVM, e.g. JAVA_OPTS=-Dmekong.destinations.consumers=1 for one consumer per destination.
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$(bench/build.sh)"
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$classpath" io.mekong.bench.BusBenchmark "$@"
