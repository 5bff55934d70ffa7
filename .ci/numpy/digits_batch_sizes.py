"""T9's computation in numpy, timed like `experiment digits-batch-sizes`: a 64 → 32 → 10 network
trained for 10 epochs by batch GD, minibatch SGD (512, 128, 32) and SGD on the workbook's digits.

Prints one JSON line: per method, the seconds of training, the final loss and the test accuracy.
"""
import json, pathlib, time
import numpy as np

data = np.loadtxt(pathlib.Path(__file__).parents[2] / "Data/Digits/digits.csv", delimiter=",")
X, y = data[:, :64] / 16, data[:, 64].astype(int)
Xtr, ytr, Xte, yte = X[:1347], y[:1347], X[1347:], y[1347:]

def init(hidden, rng):
    return [rng.normal(0, np.sqrt(2 / 64), (hidden, 64)), np.zeros(hidden),
            rng.normal(0, np.sqrt(1 / hidden), (10, hidden)), np.zeros(10)]

def loss_and_gradient(p, X, y):
    W1, b1, W2, b2 = p
    z = X @ W1.T + b1; a = np.maximum(z, 0); s = a @ W2.T + b2
    s = s - s.max(1, keepdims=True); e = np.exp(s); P = e / e.sum(1, keepdims=True)
    n = len(y); L = -np.log(P[np.arange(n), y]).mean()
    G = P.copy(); G[np.arange(n), y] -= 1; G /= n
    dz = (G @ W2) * (z > 0)
    return L, [dz.T @ X, dz.sum(0), G.T @ a, G.sum(0)]

def accuracy(p, X, y):
    W1, b1, W2, b2 = p
    return float(((np.maximum(X @ W1.T + b1, 0) @ W2.T + b2).argmax(1) == y).mean())

results = {}
for name, batch, lr in [("batch GD", 1347, 1.0), ("minibatch 512", 512, 0.5),
                        ("minibatch 128", 128, 0.3), ("minibatch 32", 32, 0.1), ("SGD", 1, 0.01)]:
    rng = np.random.default_rng(1); p = init(32, rng); n = len(ytr)
    start = time.perf_counter()
    for epoch in range(10):
        order = rng.permutation(n)
        for s in range(0, n, batch):
            rows = order[s:s + batch]
            L, g = loss_and_gradient(p, Xtr[rows], ytr[rows])
            p = [a - lr * b for a, b in zip(p, g)]
        final = loss_and_gradient(p, Xtr, ytr)[0]
    seconds = time.perf_counter() - start
    results[name] = {"seconds": seconds, "finalLoss": float(final), "testAccuracy": accuracy(p, Xte, yte)}
print(json.dumps(results))
