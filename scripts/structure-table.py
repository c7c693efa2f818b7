#!/usr/bin/env python3
"""Issue 13's structure measures of generated audio against its source, one
Markdown row per pair, ported from the Swift test code so they can be run on
files the suite does not make (recordings through `soundscape learn`, built-in
sounds through tokens against `--procedural`):

- level: a render is staged to the mix's loudness (a learned recording plays
  at the scene's level, not the file's), so the generated envelope is first
  moved by the difference of the two files' mean power in 100 Hz-8 kHz
  ("gain dB" column: what was taken off). Without this a recording rendered
  8-16 dB louder than its file had one "event" a minute long at the source's
  threshold: the table measured the staging, not the walk;
- events / pauses: above / below-threshold runs of the 100 Hz-8 kHz envelope
  in 20 ms frames, threshold halfway between the source's 10th and 90th
  percentile frame levels (Tests/AcousticTokensTests/TemporalStructure.swift);
  two-sample KS distance of their lengths; longest event / source's longest;
- slow modulation: Welch spectrum of the envelope (normalised by its mean),
  41 s Hann segments (for a source shorter than 41 s: the longest power of two
  of 20 ms frames it holds; bands below its resolution are n/a), bands 0.05-0.1, 0.1-0.2, 0.2-0.5, 0.5-1, 1-2 Hz;
  generated minus source, dB, and the largest |difference|;
- excerpt spread: how far the same measure strays on an excerpt as long as
  the source. The generated envelope is cut into source-length pieces. For
  each piece, take the largest |difference| between its bands and the whole
  generated envelope's bands; the column is the median of those. It is n/a
  when fewer than two pieces fit. A short source's spectrum is one such
  excerpt, so a max abs Δ within this spread is within the measure's noise:
  pieces of 120 s through tokens strayed 4-11 dB for fireplace.ogg (25 s)
  and wind.ogg (15 s);
- joins: frames per minute whose 32-band (ERB, 50 Hz-20 kHz, sqrt-Hann 2048,
  hop 1024) log-energy change exceeds the source's 95th percentile
  (JoinMeasure.swift); the source itself gives ~140;
- repeats: lowest bit error rate of any 2 s block of the generated audio
  against the rest of itself (at least 0.5 s away) and against the source, with
  Haitsma-Kalker sub-fingerprints (Tests/TestSupport/AudioFingerprint.swift);
  <= 0.15 is a repeat / copy.

Usage: scripts/structure-table.py NAME SOURCE.wav GENERATED.wav [NAME SRC GEN ...]
Files: 48 kHz WAV (stereo or mono). Test tooling only (numpy, scipy).
"""
import sys
import numpy as np
from scipy.io import wavfile
from scipy.signal import butter, lfilter

RATE = 48000
BANDS = [(0.05, 0.1), (0.1, 0.2), (0.2, 0.5), (0.5, 1), (1, 2)]


def mono(path):
    rate, raw = wavfile.read(path)
    if rate != RATE:
        sys.exit(f"structure-table: {path} is at {rate} Hz; render or convert it to 48000 Hz")
    x = raw.astype(np.float64)
    if np.issubdtype(raw.dtype, np.integer):
        x = x / float(np.iinfo(raw.dtype).max + 1)
    return x.mean(axis=1) if x.ndim == 2 else x


def biquad(x, kind, f, q=0.7071):
    # RBJ cookbook biquad, as DSP.Biquad, applied twice (IndoorSoundProbe.filtered).
    w = 2 * np.pi * f / RATE
    alpha = np.sin(w) / (2 * q)
    c = np.cos(w)
    if kind == "low":
        b = [(1 - c) / 2, 1 - c, (1 - c) / 2]
    else:
        b = [(1 + c) / 2, -(1 + c), (1 + c) / 2]
    a = [1 + alpha, -2 * c, 1 - alpha]
    return lfilter(b, a, lfilter(b, a, x))


def frame_db(x):
    hop = int(0.02 * RATE)
    n = len(x) // hop
    p = (x[: n * hop].reshape(n, hop) ** 2).mean(axis=1)
    return 10 * np.log10(p + 1e-20)


def runs(levels, threshold):
    above = levels > threshold
    edges = np.flatnonzero(np.diff(above.astype(np.int8))) + 1
    bounds = np.concatenate([[0], edges, [len(levels)]])
    events, pauses = [], []
    for k in range(1, len(bounds) - 2):  # first and last run are cut by the ends
        length = (bounds[k + 1] - bounds[k]) * 0.02
        (events if above[bounds[k]] else pauses).append(length)
    return np.array(events), np.array(pauses)


def modulation(levels, size=2048):
    amp = 10 ** (levels / 20)
    amp = amp / amp.mean() - 1
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(size) / size)
    power = np.zeros(size // 2)
    segments = 0
    for start in range(0, len(amp) - size + 1, size // 4):
        spectrum = np.fft.fft(amp[start : start + size] * window)[: size // 2]
        power += np.abs(spectrum) ** 2
        segments += 1
    hz = np.arange(size // 2) / (size * 0.02)
    # A band with no bin at this segment length (a short source) is NaN: not measured.
    return np.array([10 * np.log10(power[(hz >= lo) & (hz < hi)].sum() / (segments * ((hz >= lo) & (hz < hi)).sum()) + 1e-20)
                     if segments and ((hz >= lo) & (hz < hi)).any() else np.nan for lo, hi in BANDS])


def ks(a, b):
    if len(a) == 0 or len(b) == 0:
        return 1.0
    values = np.concatenate([a, b])
    fa = np.searchsorted(np.sort(a), values, side="right") / len(a)
    fb = np.searchsorted(np.sort(b), values, side="right") / len(b)
    return float(np.abs(fa - fb).max())


def band_levels(x):
    return frame_db(biquad(biquad(x, "high", 100), "low", 8000))


def mean_power_db(levels):
    return 10 * np.log10(np.mean(10 ** (levels / 10)))


def structure(levels, threshold=None, size=2048):
    if threshold is None:
        s = np.sort(levels)
        threshold = 0.5 * (s[len(s) // 10] + s[len(s) * 9 // 10])
    events, pauses = runs(levels, threshold)
    return threshold, events, pauses, modulation(levels, size)


def erb_edges():
    erb = lambda f: 21.4 * np.log10(1 + 0.00437 * f)
    freq = lambda e: (10 ** (e / 21.4) - 1) / 0.00437
    lo, hi = erb(50), erb(20000)
    edges = []
    for b in range(33):
        k = int(round(freq(lo + (hi - lo) * b / 32) / (RATE / 2048)))
        if edges:
            k = max(k, edges[-1] + 1)
        edges.append(k)
    return edges


def band_changes(x):
    n, hop = 2048, 1024
    window = np.sqrt(0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n))
    count = 1 + (len(x) - n) // hop
    edges = erb_edges()
    out = []
    previous = None
    for start in range(0, count, 512):
        idx = np.arange(start, min(count, start + 512))[:, None] * hop + np.arange(n)[None, :]
        power = np.abs(np.fft.rfft(x[idx] * window, axis=1)) ** 2
        bands = np.stack([power[:, edges[b] : edges[b + 1]].mean(axis=1) for b in range(32)], axis=1)
        vectors = np.log10(bands + 1e-10)
        if previous is not None:
            vectors = np.vstack([previous[None, :], vectors])
        out.append(np.sqrt((np.diff(vectors, axis=0) ** 2).sum(axis=1)))
        previous = vectors[-1]
    return np.concatenate(out)


def fingerprint(x):
    y = biquad(x, "low", 2400)[::8]
    n, hop, rate = 2048, 64, RATE / 8
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)
    edges = [int(round(300 * (2000 / 300) ** (b / 33) / rate * n)) for b in range(34)]
    energies = []
    count = 1 + (len(y) - n) // hop
    for start in range(0, count, 1024):
        idx = np.arange(start, min(count, start + 1024))[:, None] * hop + np.arange(n)[None, :]
        power = np.abs(np.fft.rfft(y[idx] * window, axis=1)) ** 2
        energies.append(np.stack([power[:, edges[b] : max(edges[b] + 1, edges[b + 1])].sum(axis=1) for b in range(33)], axis=1))
    e = np.vstack(energies)
    d = e[:, :32] - e[:, 1:]
    bits = (d[1:] - d[:-1]) > 0
    return (bits * (1 << np.arange(32, dtype=np.uint64))).sum(axis=1).astype(np.uint32)


POP = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def closest(bits, target=None, seconds=2.0, min_lag=0.5):
    same = target is None
    target = bits if same else target
    per = 512 / RATE
    block, lag = int(seconds / per), int(min_lag / per)
    if len(bits) < block or len(target) < block:
        return 1.0
    index = {}
    for j, w in enumerate(target.tolist()):
        index.setdefault(w, []).append(j)
    tried = set()
    best = 1.0
    for i, w in enumerate(bits.tolist()):
        hits = index.get(w)
        if hits is None or len(hits) > 64:
            continue
        a = min(max(0, i - block // 2), len(bits) - block)
        for j in hits:
            if same and abs(j - i) < max(lag, 1):
                continue
            shift = j - i
            b = a + shift
            if b < 0 or b + block > len(target) or (same and abs(b - a) < lag):
                continue
            key = (shift, a // (block // 8))
            if key in tried:
                continue
            tried.add(key)
            x = np.bitwise_xor(bits[a : a + block], target[b : b + block]).view(np.uint8)
            best = min(best, POP[x].sum() / (block * 32))
    return best


def row(name, source_path, generated_path):
    src, gen = mono(source_path), mono(generated_path)
    # 41 s modulation segments, shorter (a power of two) for a source shorter than that.
    frames = len(src) // int(0.02 * RATE)
    size = 2048 if frames >= 2048 else 2 ** int(np.log2(max(frames, 64)))
    source_levels, generated_levels = band_levels(src), band_levels(gen)
    gain = mean_power_db(generated_levels) - mean_power_db(source_levels)
    threshold, se, sp, sm = structure(source_levels, size=size)
    _, ge, gp, gm = structure(generated_levels - gain, threshold, size)
    delta = gm - sm
    bar = np.sort(band_changes(src))[int(0.95 * (len(src) // 1024 - 2))]
    per_minute = lambda x: (band_changes(x) > bar).sum() / (len(x) / RATE / 60)
    fg, fs = fingerprint(gen), fingerprint(src)
    longest = (ge.max() if len(ge) else 0) / (se.max() if len(se) else float("nan"))
    pieces = [modulation(generated_levels[a : a + frames], size) - gm for a in range(0, len(generated_levels) - frames + 1, frames)]
    spread = f"{np.median([np.nanmax(np.abs(d)) for d in pieces]):.1f}" if len(pieces) >= 2 else "n/a"
    return (
        f"| {name} | {gain:+.1f} | {ks(se, ge):.2f} | {ks(sp, gp):.2f} | {longest:.2f} | "
        + " ".join("n/a" if np.isnan(v) else f"{v:+.1f}" for v in delta)
        + f" | {np.nanmax(np.abs(delta)):.1f} | {spread} | {per_minute(gen):.0f} ({per_minute(src):.0f}) | {closest(fg):.2f} | {closest(fg, fs):.2f} |"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 3:
        sys.exit(__doc__.strip().splitlines()[-2])
    print("| sound | gain dB | event KS | pause KS | longest × | modulation Δ dB 0.05–0.1 … 1–2 Hz | max abs Δ | excerpt spread dB | joins/min (source) | 2 s repeat BER | 2 s copy BER |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for k in range(0, len(args), 3):
        print(row(*args[k : k + 3]), flush=True)
