"""Writes log-mel-reference.txt: Whisper's log-mel spectrogram of a fixed signal, computed in plain Python
(no numpy, torch or librosa) straight from Whisper's definition, as an independent check of LogMelSpectrogram.

Run: python3 log_mel_reference.py > log-mel-reference.txt
"""
import cmath
import math

RATE, N_FFT, HOP, MELS = 16000, 400, 160, 80


def signal():
    # 0.25 s of a chirp plus a 3 kHz tone, then 0.1 s of silence (to reach the max - 8 floor).
    out = []
    for n in range(5600):
        if n < 4000:
            out.append(0.3 * math.sin(2 * math.pi * (200 + 0.4 * n) * n / RATE)
                       + 0.2 * math.sin(2 * math.pi * 3000 * n / RATE))
        else:
            out.append(0.0)
    return out


def hz_to_mel(hz):  # Slaney: linear below 1 kHz, logarithmic above
    return hz * 3 / 200 if hz < 1000 else 15 + math.log(hz / 1000) / (math.log(6.4) / 27)


def mel_to_hz(mel):
    return mel * 200 / 3 if mel < 15 else 1000 * math.exp((mel - 15) * math.log(6.4) / 27)


def mel_filters():
    top = hz_to_mel(RATE / 2)
    points = [mel_to_hz(top * i / (MELS + 1)) for i in range(MELS + 2)]
    freqs = [k * RATE / N_FFT for k in range(N_FFT // 2 + 1)]
    rows = []
    for m in range(MELS):
        lo, mid, hi = points[m], points[m + 1], points[m + 2]
        norm = 2 / (hi - lo)
        rows.append([max(0.0, min((f - lo) / (mid - lo), (hi - f) / (hi - mid))) * norm for f in freqs])
    return rows


def log_mel(x):
    pad = N_FFT // 2
    padded = [x[i] for i in range(pad, 0, -1)] + x + [x[len(x) - 2 - i] for i in range(pad)]
    window = [0.5 - 0.5 * math.cos(2 * math.pi * j / N_FFT) for j in range(N_FFT)]
    frames = 1 + len(x) // HOP - 1  # torch.stft(center=True) frames, minus the last one
    twiddle = [cmath.exp(-2j * math.pi * i / N_FFT) for i in range(N_FFT)]
    filters = mel_filters()
    mel = [[0.0] * frames for _ in range(MELS)]
    for t in range(frames):
        seg = [padded[t * HOP + j] * window[j] for j in range(N_FFT)]
        power = []
        for k in range(N_FFT // 2 + 1):
            s = sum(seg[j] * twiddle[(j * k) % N_FFT] for j in range(N_FFT))
            power.append(abs(s) ** 2)
        for m in range(MELS):
            mel[m][t] = sum(w * p for w, p in zip(filters[m], power))
    logs = [[math.log10(max(v, 1e-10)) for v in row] for row in mel]
    top = max(max(row) for row in logs)
    return [[(max(v, top - 8) + 4) / 4 for v in row] for row in logs], frames


if __name__ == "__main__":
    values, frames = log_mel(signal())
    print(MELS, frames)
    for row in values:
        print(" ".join("%.7e" % v for v in row))
