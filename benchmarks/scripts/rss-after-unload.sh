#!/usr/bin/env bash
# Resident memory of the service idle, with a model loaded and used, and after unloading it, for one or more builds
# side by side (alternating, several rounds; medians printed at the end).
#
#   benchmarks/scripts/rss-after-unload.sh MODEL ROUNDS NAME=CLASSPATH [NAME=CLASSPATH...]
#
# CLASSPATH is a service class path (for the current build: adapters-cli's jar plus adapters-cli/target/foundry.classpath).
# FOUNDRY_HOME must hold MODEL in its cache (e.g. after 'foundry model import file.gguf --alias MODEL'); the service is
# started with 'service start' of that build (so with the flags and environment it gives the service) on the home's
# port, so no other service may use the home at the time.
set -euo pipefail
model=$1; rounds=$2; shift 2
java="$("$(dirname "$0")/../../bin/find-jdk")/bin/java"
port=$(python3 -c 'import json,os,sys; print(json.load(open(os.environ["FOUNDRY_HOME"]+"/settings.json"))["serviceSettings"]["port"])')
prompt=$(printf 'Tell me about the history of the number %d. ' $(seq 1 40))

rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
api() { curl -sf -m 600 "$@"; }
chat() {
  api "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' -o /dev/null \
    -d "{\"model\":\"$model\",\"max_tokens\":32,\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"$prompt\"}]}"
}

declare -A idle loaded after
for round in $(seq 1 "$rounds"); do
  for variant in "$@"; do
    name=${variant%%=*}; cp=${variant#*=}
    # Started the way 'foundry service start' starts it (its flags and environment), then found by its pid file.
    "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.jfoundry.adapters.cli.boot.Main service start >/dev/null
    pid=$(sed -n 's/^pid=//p' "$FOUNDRY_HOME/service.pid")
    sleep 1; i=$(rss_mb $pid)
    api "http://127.0.0.1:$port/openai/load/$model" >/dev/null
    for _ in 1 2; do
      chats=(); for _ in 1 2 3 4; do chat & chats+=($!); done
      wait "${chats[@]}"
    done
    l=$(rss_mb $pid)
    api "http://127.0.0.1:$port/openai/unload/$model" >/dev/null
    sleep 1; a=$(rss_mb $pid)
    "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.jfoundry.adapters.cli.boot.Main service stop >/dev/null
    echo "round $round $name: idle $i MB, loaded $l MB, after unload $a MB"
    idle[$name]+="$i "; loaded[$name]+="$l "; after[$name]+="$a "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
for variant in "$@"; do
  name=${variant%%=*}
  echo "median $name: idle $(echo ${idle[$name]} | median) MB, loaded $(echo ${loaded[$name]} | median) MB," \
    "after unload $(echo ${after[$name]} | median) MB"
done
