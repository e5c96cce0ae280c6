#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times numpy on the data of Benchmarks/Sources/crosscheck-benchmarks/LoRACases.swift.

Run by hand beside `make bench ARGS='--filter "NF4|LoRA"'`; prints nanoseconds per element
(median of 7 runs) and a checksum that must equal the Swift benchmark's sink for the codes.
Not part of the build, the tests or the reports.
"""
import time
import numpy as np

LEVELS = np.array([
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0], dtype=np.float32)
def thresholds():
    """CUDA's dQuantizeNF4 constants, rounded to float32 correctly (as strtof or nvcc do)."""
    from fractions import Fraction
    text = ("-0.8480964004993439 -0.6106329262256622 -0.4599952697753906 -0.33967943489551544 "
            "-0.23460740596055984 -0.13791173323988914 -0.04552501812577248 0.03979014977812767 "
            "0.1202552504837513 0.2035212516784668 0.2920137718319893 0.3893125355243683 "
            "0.5016634166240692 0.6427869200706482 0.8614784181118011").split()
    out = []
    for t in text:
        exact = Fraction(t)
        f = np.float32(float(exact))
        candidates = [np.nextafter(f, np.float32(-2)), f, np.nextafter(f, np.float32(2))]
        out.append(min(candidates, key=lambda c: abs(Fraction(float(c)) - exact)))
    return np.array(out, dtype=np.float32)


def timed(f, runs=7):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2], result


def main():
    n = 1 << 24
    i = np.arange(n, dtype=np.uint64)
    x = (((i * np.uint64(2654435761)) & np.uint64(0xFFFFFF)).astype(np.float32)
         / np.float32(2 ** 23) - np.float32(1))
    t = thresholds()

    def quantize():
        blocks = x.reshape(-1, 64)
        absmax = np.abs(blocks).max(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = (np.float32(1) / absmax).astype(np.float32)
        y = blocks * scale[:, None]
        codes = np.searchsorted(t, y.ravel(), side="left").astype(np.uint8)
        return codes, absmax

    seconds, (codes, absmax) = timed(quantize)
    print(f"numpy NF4 quantise: {seconds / n * 1e9:.2f} ns per value; code sum {int(codes.sum(dtype=np.int64))}")
    seconds, deq = timed(lambda: (LEVELS[codes].reshape(-1, 64) * absmax[:, None]).ravel())
    print(f"numpy NF4 dequantise: {seconds / n * 1e9:.2f} ns per value; sum {float(deq.sum(dtype=np.float32))}")
    seconds, packed = timed(lambda: (codes[0::2] << 4) | codes[1::2])
    print(f"numpy NF4 pack: {seconds / n * 1e9:.2f} ns per code")

    d, r = 4096, 16
    for dtype in (np.float32, np.float64):
        def matrix(rows, cols, scale):
            m = np.arange(rows * cols, dtype=np.uint64)
            v = (((m * np.uint64(40503)) & np.uint64(0xFFFF)).astype(np.float64) / 32768 - 1) * scale
            return v.astype(dtype).reshape(rows, cols)
        w, a, b = matrix(d, d, 1), matrix(r, d, 1 / 64), matrix(d, r, 1)
        s = dtype(32 / r)
        seconds, merged = timed(lambda: w + s * (b @ a), runs=5)
        print(f"numpy LoRA merge {np.dtype(dtype).name}: {seconds / (d * d) * 1e9:.2f} ns per entry; "
              f"first entry {merged[0, 0]!r}")


if __name__ == "__main__":
    main()
