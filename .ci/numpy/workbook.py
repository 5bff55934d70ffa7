"""What the numpy scripts share with the Swift experiments: one BLAS thread (imported before
numpy, this sets it), the workbook's digits, and its random numbers, `SeededGenerator`
(SplitMix64, Box–Muller normals) and Swift's `shuffled(using:)` (Fisher–Yates from the front,
Lemire's bounded draws), output for output, so that both sides train the same networks."""
import os
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one BLAS thread, as the Swift side computes on one
import math, pathlib
import numpy as np

def training_digits():
    """The first 1,347 digits, as `Digits.load().split()` gives them to train: pixels / 16, labels."""
    data = np.loadtxt(pathlib.Path(__file__).parents[2] / "Data/Digits/digits.csv", delimiter=",")
    return data[:1347, :64] / 16, data[:1347, 64].astype(int)

MASK = (1 << 64) - 1

class SeededGenerator:
    """The workbook's SplitMix64, output for output."""
    def __init__(self, seed): self.state = seed
    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)
    def gaussian(self):
        u1 = ((self.next() >> 11) + 1) * 2.0**-53
        u2 = (self.next() >> 11) * 2.0**-53
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
    def below(self, bound):
        """Swift's `next(upperBound:)`: the high word of a 128-bit product, with rejection."""
        m = self.next() * bound
        if m & MASK < bound:
            t = ((1 << 64) - bound) % bound
            while m & MASK < t:
                m = self.next() * bound
        return m >> 64
    def shuffled(self, n):
        order = list(range(n))
        for i in range(n - 1):
            j = i + self.below(n - i)
            order[i], order[j] = order[j], order[i]
        return np.array(order)
