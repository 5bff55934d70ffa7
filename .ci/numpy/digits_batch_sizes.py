"""T9's computation in numpy, the same work as `experiment digits-batch-sizes`: a 64 → 32 → 10
network trained for 10 epochs by batch GD, minibatch SGD (512, 128, 32) and SGD on the workbook's
digits, with the loss on all the training data after each epoch.

The random numbers are Swift's (`workbook.py`): the workbook's `SeededGenerator` draws the initial
weights and Swift's shuffle each epoch's order, so both sides train the same networks. The draws
are made before the clock starts.

Prints one JSON line: per method, the CPU seconds of training and the loss after each epoch.
"""
from workbook import SeededGenerator, training_digits  # first: it holds numpy to one thread
import json, math, time
import numpy as np

Xtr, ytr = training_digits()

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
