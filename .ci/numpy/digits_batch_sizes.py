"""T9's computation in numpy, the same work as `experiment digits-batch-sizes`: a 64 → 32 → 10
network trained for 10 epochs by batch GD, minibatch SGD (512, 128, 32) and SGD on the workbook's
digits, with the loss on all the training data after each epoch.

The random numbers are Swift's: the workbook's `SeededGenerator` (SplitMix64, Box–Muller normals)
draws the initial weights, and Swift's `shuffled(using:)` (Fisher–Yates from the front, Lemire's
bounded draws) each epoch's order, so both sides train the same networks. The draws are made
before the clock starts.

Prints one JSON line: per method, the CPU seconds of training and the loss after each epoch.
"""
import os
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one BLAS thread, as the Swift side computes on one
import json, math, pathlib, time
import numpy as np

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

data = np.loadtxt(pathlib.Path(__file__).parents[2] / "Data/Digits/digits.csv", delimiter=",")
X, y = data[:, :64] / 16, data[:, 64].astype(int)
Xtr, ytr = X[:1347], y[:1347]

def init(hidden, random):
    W1 = np.array([random.gaussian() for _ in range(hidden * 64)]).reshape(hidden, 64)
    W2 = np.array([random.gaussian() for _ in range(10 * hidden)]).reshape(10, hidden)
    return [math.sqrt(2 / 64) * W1, np.zeros(hidden), math.sqrt(1 / hidden) * W2, np.zeros(10)]

def loss_and_gradient(p, X, y):
    W1, b1, W2, b2 = p
    z = X @ W1.T + b1; a = np.maximum(z, 0); s = a @ W2.T + b2
    s = s - s.max(1, keepdims=True); e = np.exp(s); P = e / e.sum(1, keepdims=True)
    n = len(y); L = -np.log(P[np.arange(n), y]).mean()
    G = P.copy(); G[np.arange(n), y] -= 1; G /= n
    dz = (G @ W2) * (z > 0)
    return L, [dz.T @ X, dz.sum(0), G.T @ a, G.sum(0)]

results = {}
for name, batch, lr in [("batch GD", 1347, 1.0), ("minibatch 512", 512, 0.5),
                        ("minibatch 128", 128, 0.3), ("minibatch 32", 32, 0.1), ("SGD", 1, 0.01)]:
    random = SeededGenerator(1); p = init(32, random); n = len(ytr)
    orders = [random.shuffled(n) for _ in range(10)]
    losses = []
    start = time.process_time()
    for order in orders:
        for s in range(0, n, batch):
            rows = order[s:s + batch]
            L, g = loss_and_gradient(p, Xtr[rows], ytr[rows])
            p = [a - lr * b for a, b in zip(p, g)]
        losses.append(float(loss_and_gradient(p, Xtr, ytr)[0]))
    results[name] = {"seconds": time.process_time() - start, "epochLosses": losses}
print(json.dumps(results))
