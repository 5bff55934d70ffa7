"""T10's computation in numpy, the same work as `experiment digits-schedules`: four 3×3 filters,
ReLU, a dense layer to 10 classes, trained for 5 epochs of minibatches of 32 under four learning-rate
schedules, with the loss on all the training data after each epoch.

The convolutions are im2col: each image's 36 patches of 9 pixels, multiplied by the filters. The
random numbers are Swift's (`workbook.py`), drawn before the clock starts.

Prints one JSON line: per schedule, the CPU seconds of training and the loss after each epoch.
"""
from workbook import SeededGenerator, training_digits  # first: it holds numpy to one thread
import json, math, time
import numpy as np

Xtr, ytr = training_digits()
# The 6×6 positions of a 3×3 filter in an 8×8 image, row by row, and the 9 pixels under each.
PATCHES = np.array([[(i + a) * 8 + j + b for a in range(3) for b in range(3)]
                    for i in range(6) for j in range(6)])

def init(filters, random):
    K = np.array([[math.sqrt(2 / 9) * random.gaussian() for _ in range(9)] for _ in range(filters)])
    features = filters * 36
    W = np.array([random.gaussian() for _ in range(10 * features)]).reshape(10, features)
    return [K, np.zeros(filters), math.sqrt(1 / features) * W, np.zeros(10)]

def loss_and_gradient(p, X, y):
    K, beta, W, b = p
    n, filters = len(y), len(K)
    patches = X[:, PATCHES]                                  # n × 36 × 9
    z = np.einsum("npk,ck->ncp", patches, K) + beta[:, None]  # n × filters × 36
    a = np.maximum(z, 0).reshape(n, filters * 36)             # flattened filter after filter
    s = a @ W.T + b
    s = s - s.max(1, keepdims=True); e = np.exp(s); P = e / e.sum(1, keepdims=True)
    L = -np.log(P[np.arange(n), y]).mean()
    G = P.copy(); G[np.arange(n), y] -= 1; G /= n
    dz = (G @ W).reshape(n, filters, 36) * (z > 0)
    return L, [np.einsum("ncp,npk->ck", dz, patches), dz.sum((0, 2)), G.T @ a, G.sum(0)]

batch, epochs, base = 32, 5, 0.2
total = epochs * ((len(ytr) + batch - 1) // batch)
warmup = 0.3 * total
schedules = {
    "fixed": lambda t: base,
    "step decay (halve every third)": lambda t: base * 0.5 ** (t // (total // 3 + 1)),
    "cosine annealing": lambda t: 0.5 * base * (1 + math.cos(math.pi * t / total)),
    "1-cycle (30 % warm-up)": lambda t: base / 10 + 0.9 * base * t / warmup if t < warmup
        else 0.5 * base * (1 + math.cos(math.pi * (t - warmup) / (total - warmup))),
}
results = {}
for name, rate in schedules.items():
    random = SeededGenerator(1); p = init(4, random); n = len(ytr)
    orders = [random.shuffled(n) for _ in range(epochs)]
    losses, t = [], 0
    start = time.process_time()
    for order in orders:
        for s in range(0, n, batch):
            rows = order[s:s + batch]
            L, g = loss_and_gradient(p, Xtr[rows], ytr[rows])
            p = [q - rate(t) * d for q, d in zip(p, g)]
            t += 1
        losses.append(float(loss_and_gradient(p, Xtr, ytr)[0]))
    results[name] = {"seconds": time.process_time() - start, "epochLosses": losses}
print(json.dumps(results))
