"""4.11's computation in numpy, the same work as `experiment batch-scaling`: softmax regression on
the first 500 training digits from zeros, 3 epochs of minibatch SGD at batch sizes 16, 32, 64, 128
and 256, with the rate 0.2 for every size and with the rate scaled linearly (0.2 · B/16); each run
shuffles with `SeededGenerator(0)` (`workbook.py`, drawn before the clock starts) and records the
loss on all 500 images after each epoch.

Prints one JSON line: per rule, the CPU seconds of training and each run's epoch losses.
"""
from workbook import SeededGenerator, training_digits  # first: it holds numpy to one thread
import json, time
import numpy as np
from softmax_regression import loss, loss_and_gradient

Xtr, ytr = training_digits()
X, y = Xtr[:500], ytr[:500]
n, sizes, epochs = len(y), [16, 32, 64, 128, 256], 3
results = {}
for rule, rate in [("same", lambda b: 0.2), ("scaled", lambda b: 0.2 * b / sizes[0])]:
    orders = {}
    for batch in sizes:
        random = SeededGenerator(0)
        orders[batch] = [random.shuffled(n) for _ in range(epochs)]
    runs = []
    start = time.process_time()
    for batch in sizes:
        theta, lr, losses = np.zeros(650), rate(batch), []
        for order in orders[batch]:
            for s in range(0, n, batch):
                rows = order[s:s + batch]
                theta = theta - lr * loss_and_gradient(theta, X[rows], y[rows])[1]
            losses.append(float(loss(theta, X, y)))
        runs.append(losses)
    results[rule] = {"seconds": time.process_time() - start, "epochLosses": runs}
print(json.dumps(results))
