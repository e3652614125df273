#!/usr/bin/env bash
# Benchmark P2: signed webhooks at a fixed rate; acknowledgement latency and stored == acknowledged.
# Usage: bench/run-p2.sh [requestsPerSecond] [seconds]     (default 500 60; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "target/classes:$(cat target/bench.classpath)" bench/src/io/mekong/bench/*.java
exec java -Xmx2g -cp "target/bench-classes:target/classes:$(cat target/bench.classpath)" io.mekong.bench.WebhookBenchmark "$@"
