"""4.9's computation in numpy, the same work as `experiment optimizer-comparison`: softmax
regression on the first 400 training digits from zeros, 60 minibatch steps of 32 by SGD at 0.001,
0.01, 0.1 and 1.0, SGD with momentum (β = 0.9) at 0.1 and Adam (lr 0.001), each run shuffling with
`SeededGenerator(0)` (`workbook.py`, drawn before the clock starts) whenever it has used up an
order, with the loss on all 400 images before the first step and after each.

Prints one JSON line: the CPU seconds of the six runs and each run's losses.
"""
from workbook import SeededGenerator, training_digits  # first: it holds numpy to one thread
import json, time
import numpy as np
from softmax_regression import loss, loss_and_gradient

np.seterr(all="ignore")  # SGD at 1.0 may overflow, as the Swift side lets it
Xtr, ytr = training_digits()
X, y = Xtr[:400], ytr[:400]
n, batch, steps = len(y), 32, 60
runs = [("sgd", 0.001), ("sgd", 0.01), ("sgd", 0.1), ("sgd", 1.0), ("momentum", 0.1), ("adam", 0.001)]

def batches():
    """The 60 batches of a run: consecutive slices of shuffled orders, a new order when one ends."""
    random, order, next_row, out = SeededGenerator(0), [], 0, []
    for _ in range(steps):
        if next_row >= len(order):
            order, next_row = random.shuffled(n), 0
        out.append(order[next_row:next_row + batch])
        next_row += batch
    return out

drawn = [batches() for _ in runs]
curves = []
start = time.process_time()
for (method, lr), run_batches in zip(runs, drawn):
    theta, velocity, m, v, t = np.zeros(650), np.zeros(650), np.zeros(650), np.zeros(650), 0
    losses = [float(loss(theta, X, y))]
    for rows in run_batches:
        g = loss_and_gradient(theta, X[rows], y[rows])[1]
        if method == "sgd":
            theta = theta - lr * g
        elif method == "momentum":
            velocity = 0.9 * velocity + g
            theta = theta - lr * velocity
        else:
            t += 1
            m = 0.9 * m + (1 - 0.9) * g
            v = 0.999 * v + (1 - 0.999) * g * g
            theta = theta - lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        losses.append(float(loss(theta, X, y)))
    curves.append(losses)
print(json.dumps({"seconds": time.process_time() - start, "curves": curves}))
