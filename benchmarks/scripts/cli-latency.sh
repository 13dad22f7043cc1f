#!/usr/bin/env bash
# Wall time of 'foundry model list' with the service running, with an empty local catalog (the built-in entries only)
# and with a 200-entry one, for one or more launchers side by side (alternating, several rounds; medians at the end).
#
#   benchmarks/scripts/cli-latency.sh ROUNDS NAME=LAUNCHER [NAME=LAUNCHER...]
#
# LAUNCHER is a 'foundry' launcher script of a built checkout (e.g. this repository's ./foundry, and the launcher of
# an older build to compare with). Each run is timed from outside, launcher start to exit: wall time, and CPU time
# (user + system, the launcher and its JVM), which other work on a busy machine inflates less. The service runs in a temporary
# foundry home on a free port and is stopped at the end; the first launcher starts it.
set -euo pipefail
rounds=$1; shift
work=$(mktemp -d)
export FOUNDRY_HOME=$work/home
first=${1#*=}
trap '"$first" service stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$work" <<'EOF'
import json, sys
work = sys.argv[1]
json.dump([], open(f"{work}/empty.json", "w"))
json.dump([{"name": f"bench-model-{i:03d}-generic-cpu:1", "alias": f"bench-model-{i % 50:03d}", "publisher": "Bench",
            "task": "chat-completion", "uri": f"file:{work}/models/{i}", "fileSizeMb": 100 + i, "license": "MIT",
            "runtime": {"deviceType": "CPU" if i % 3 else "GPU", "executionProvider":
                        "CPUExecutionProvider" if i % 3 else "CUDAExecutionProvider"}} for i in range(200)],
          open(f"{work}/catalog-200.json", "w"))
EOF
"$first" service set --port "$port" >/dev/null

TIMEFORMAT='%R %U %S'
declare -A times cpus
for catalog in empty catalog-200; do
  export FOUNDRY_CATALOG=$work/$catalog.json
  for variant in "$@"; do
    "${variant#*=}" model list >/dev/null  # warms up, and (re)starts the service on this catalog
  done
  for round in $(seq 1 "$rounds"); do
    for variant in "$@"; do
      name=${variant%%=*}
      read -r real user sys < <({ time "${variant#*=}" model list >/dev/null 2>&1; } 2>&1)
      took=$(awk -v r="$real" 'BEGIN {printf "%d", r * 1000}')
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d", (u + s) * 1000}')
      echo "$catalog round $round $name: ${took} ms wall, ${cpu} ms CPU"
      times[$catalog/$name]+="$took "; cpus[$catalog/$name]+="$cpu "
    done
  done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
for catalog in empty catalog-200; do
  for variant in "$@"; do
    name=${variant%%=*}
    echo "median $catalog $name: $(echo ${times[$catalog/$name]} | median) ms wall," \
      "$(echo ${cpus[$catalog/$name]} | median) ms CPU"
  done
done
