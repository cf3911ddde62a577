#!/usr/bin/env bash
# Runs a module's JMH benchmarks (test sources, package .../bench), e.g.
#   scripts/jmh.sh attestations SnapshotBenchmark [more JMH options]
# Compiles the module (and what it needs) first; results go to standard output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/jdk.sh"
if [ $# -lt 1 ]; then
  echo "usage: scripts/jmh.sh MODULE [BENCHMARK_REGEX] [JMH options]" >&2
  exit 2
fi
module=$1
shift
"$root/mvnw" -q -B -f "$root/pom.xml" -pl "$module" -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
classes="$root/$module/target/test-classes:$root/$module/target/classes"
exec "$JAVA_HOME/bin/java" -cp "$classes:$(cat "$root/$module/target/jmh.classpath")" \
  org.openjdk.jmh.Main "$@"
