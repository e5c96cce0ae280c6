#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times numpy on the shape of the RoPE benchmark, for the ratio in Benchmarks/README.md.

Optional, run by hand (python3 with numpy): half-split RoPE of a 4096 x 128 block, row m at
position m, in float32 and float64, the way HF computes it (inv_freq, the outer product of
positions and frequencies, cat(freqs, freqs), x * cos + rotate_half(x) * sin). Prints the
median nanoseconds per row of 25 runs, with the tables (cos, sin) computed inside the timing,
as the Swift kernel computes them per call.
"""
import time

import numpy as np

ROWS, D, BASE = 4096, 128, 10000.0


def rope(x, dtype):
    inv = 1.0 / (dtype(BASE) ** (np.arange(0, D, 2, dtype=dtype) / dtype(D)))
    freqs = np.outer(np.arange(ROWS, dtype=dtype), inv)
    emb = np.concatenate([freqs, freqs], axis=1)
    cos, sin = np.cos(emb), np.sin(emb)
    half = np.concatenate([-x[:, D // 2:], x[:, : D // 2]], axis=1)
    return x * cos + half * sin


def main():
    rng = np.random.default_rng(10)
    base = rng.uniform(-1, 1, (ROWS, D))
    for dtype in (np.float32, np.float64):
        x = base.astype(dtype)
        rope(x, dtype)
        times = []
        for _ in range(25):
            start = time.perf_counter()
            rope(x, dtype)
            times.append(time.perf_counter() - start)
        ns = sorted(times)[len(times) // 2] / ROWS * 1e9
        print(f"numpy {np.__version__}, {dtype.__name__}: {ns:.0f} ns per row")


if __name__ == "__main__":
    main()
