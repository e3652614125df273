#!/usr/bin/env bash
# Builds the project and compiles the benchmark harness against it; prints the classpath to run a harness with.
# Used by the run-p*.sh scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime >&2
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "target/classes:$(cat target/bench.classpath)" bench/src/io/mekong/bench/*.java >&2
echo "target/bench-classes:target/classes:$(cat target/bench.classpath)"
