"""The walkthrough's batch-size experiment (W6), its own numpy code, the same work as
`experiment batch-sizes` (which draws the same numbers: numpy's legacy RandomState, seed 42).

Prints one JSON line: the CPU seconds of the training runs and of the gradient-norm draws, and
their results.
"""
import os
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one BLAS thread, as the Swift side computes on one
import json, time
import numpy as np

np.random.seed(42)
n = 10000
X = np.random.randn(n, 5)
true_w = np.array([1.0, -2.0, 0.5, 3.0, -1.0])
y = X @ true_w + np.random.randn(n) * 0.5

def loss(w): return np.mean((X @ w - y) ** 2)
def gradient_full(w): return 2 * X.T @ (X @ w - y) / n
def gradient_batch(w, batch_idx):
    X_b = X[batch_idx]; y_b = y[batch_idx]
    return 2 * X_b.T @ (X_b @ w - y_b) / len(batch_idx)

def train(batch_size, lr=0.01, max_epochs=50):
    w = np.zeros(5); losses = []; grad_variances = []
    for epoch in range(max_epochs):
        if batch_size >= n:
            grad = gradient_full(w); w = w - lr * grad; grad_variances.append(0)
        else:
            indices = np.random.permutation(n); epoch_grads = []
            for i in range(0, n, batch_size):
                batch_idx = indices[i:i+batch_size]
                grad = gradient_batch(w, batch_idx); epoch_grads.append(grad); w = w - lr * grad
            grad_variances.append(np.var(epoch_grads))
        losses.append(loss(w))
        if losses[-1] < 0.3: break
    return w, losses, grad_variances

start = time.process_time()
rows = []
for bs in [1, 16, 64, 256, 1024, n]:
    lr = 0.01 if bs < 256 else 0.1
    w, losses, gv = train(bs, lr=lr)
    rows.append((bs, len(losses), losses[-1], float(np.linalg.norm(w - true_w))))
training = time.process_time() - start
start = time.process_time()
variances = {}
for bs in [1, 16, 64, 256]:
    w = np.zeros(5); norms = []
    for _ in range(100):
        batch_idx = np.random.choice(n, bs, replace=False)
        norms.append(np.linalg.norm(gradient_batch(w, batch_idx)))
    variances[bs] = float(np.var(norms))
draws = time.process_time() - start
print(json.dumps({"training": training, "draws": draws, "rows": rows, "variances": variances}))
