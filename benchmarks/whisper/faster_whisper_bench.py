"""The faster-whisper side of compare.sh: same clips, same CTranslate2 weights, greedy decoding (beam 1, temperature
0, no fallback, no VAD, no conditioning on previous text), English. One line per round: mean word error rate and
real-time factor (transcription time over audio time, after a warm-up on the first clip).

Usage: python faster_whisper_bench.py CT2_FOLDER CLIPS_DIR THREADS ROUNDS
"""
import glob
import re
import sys
import time
import wave

from faster_whisper import WhisperModel


def words(text):
    return [w for w in re.sub(r"[^a-z0-9' ]", " ", text.lower()).replace("'", "").split() if w]


def word_error_rate(reference, hypothesis):
    ref, hyp = words(reference), words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        previous, row[0] = row[:], i
        for j in range(1, len(hyp) + 1):
            row[j] = min(previous[j - 1] + (ref[i - 1] != hyp[j - 1]), previous[j] + 1, row[j - 1] + 1)
    return row[len(hyp)] / max(1, len(ref))


def transcribe(model, path):
    segments, _ = model.transcribe(path, beam_size=1, temperature=0.0, language="en", vad_filter=False,
                                   condition_on_previous_text=False)
    return "".join(segment.text for segment in segments)


def main():
    folder, clips, threads, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    model = WhisperModel(folder, device="cpu", compute_type="float32", cpu_threads=threads)
    wavs = sorted(glob.glob(clips + "/*.wav"))
    transcribe(model, wavs[0])  # warm-up
    for round_ in range(rounds):
        audio = busy = errors = 0.0
        for path in wavs:
            with wave.open(path) as w:
                audio += w.getnframes() / w.getframerate()
            start = time.perf_counter()
            text = transcribe(model, path)
            busy += time.perf_counter() - start
            errors += word_error_rate(open(path[:-4] + ".txt").read(), text)
        print("faster-whisper threads=%d round=%d wer=%.4f rtf=%.4f audio=%.1fs"
              % (threads, round_, errors / len(wavs), busy / audio, audio))


if __name__ == "__main__":
    main()
