#!/usr/bin/env bash
# Builds the benchmarks and prints witbox's performance table (see benchmarks/README.md).
#   benchmarks/run.sh            full run (each benchmark's own warm-up and measurement)
#   benchmarks/run.sh --quick    within a minute on a quiet machine (no forks), wider error
#   benchmarks/run.sh --with-js  also load the 12 MB componentize-js guest (built on demand)
#   benchmarks/run.sh --cold-start [--quick] [--with-js]   only the cold starts (fresh JVMs), no JMH
# JAVA_HOME selects the JDK (e.g. /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" --with-js "* ]] && [ ! -f tests/guests/build/js-hello/js-hello.wasm ]; then
  tests/guests/build.sh --js-hello
fi
# build only when something the jar is made of changed (a build alone takes longer than --quick's minute)
JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src tests/guests/out -newer "$JAR" -print -quit)" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MAIN=dev.witbox.benchmarks.Suite
[[ " $* " == *" --cold-start "* ]] && MAIN=dev.witbox.benchmarks.ColdStart
exec "$JAVA" -cp "$JAR" "$MAIN" "$@"
