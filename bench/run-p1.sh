#!/usr/bin/env bash
# Benchmark P1: Shopify orders from the simulator into the store, end to end, against a plain-JDBC ceiling.
# Usage: bench/run-p1.sh [orders]     (default 50000; prints a Markdown table for docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "target/classes:$(cat target/bench.classpath)" bench/src/io/mekong/bench/*.java
exec java -Xmx4g -cp "target/bench-classes:target/classes:$(cat target/bench.classpath)" io.mekong.bench.SyncBenchmark "$@"
