"""4.10's computation on the digits in numpy, the same work as `experiment lr-finder`'s range test
on the digits: softmax regression on the first 500 training digits from zeros, in 5 batches of 100;
100 rates from 1e-7 to 10, evenly spaced in log, one step at each on the next batch, stopping once
the loss is not finite or exceeds 4 times the lowest; the rate of the steepest drop is the one found.

Prints one JSON line: the CPU seconds, the rate found and every loss seen.
"""
from workbook import training_digits  # first: it holds numpy to one thread
import json, math, time
import numpy as np
from softmax_regression import loss_and_gradient

np.seterr(all="ignore")  # the largest rates overflow, as the Swift side lets them
Xtr, ytr = training_digits()
batches = [np.arange(k * 100, (k + 1) * 100) for k in range(5)]
min_lr, max_lr, steps = 1e-7, 10.0, 100

start = time.process_time()
theta = np.zeros(650)
loss, gradient = loss_and_gradient(theta, Xtr[batches[0]], ytr[batches[0]])
losses, best, steepest = [float(loss)], loss, (min_lr, -math.inf)
for k in range(steps):
    lr = min_lr * math.pow(max_lr / min_lr, k / (steps - 1))
    theta = theta - lr * gradient
    previous = loss
    rows = batches[(k + 1) % len(batches)]
    loss, gradient = loss_and_gradient(theta, Xtr[rows], ytr[rows])
    losses.append(float(loss))
    if previous - loss > steepest[1]:
        steepest = (lr, previous - loss)
    if not math.isfinite(loss) or loss > 4 * best:
        break
    best = min(best, loss)
seconds = time.process_time() - start
print(json.dumps({"seconds": seconds, "rate": steepest[0], "losses": losses}))
