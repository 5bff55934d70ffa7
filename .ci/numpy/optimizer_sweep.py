"""The mini-project's learning-rate sweep (4.P) in numpy, the same work as `experiment optimizer-sweep`'s
two sweeps:
SGD, Momentum, RMSprop and Adam on Rosenbrock from (-1.5, 2), 2000 steps at each of 17 rates
(1e-5 … 1e-1), once at a constant rate and once with 100 warmup steps then cosine decay.

Prints one JSON line: the CPU seconds of the two sweeps and every final f, per optimizer.
"""
import os
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one BLAS thread, as the Swift side computes on one
import json, math, time
import numpy as np

np.seterr(all="ignore")  # large rates overflow: the sweep records them as inf

def rosenbrock(p):
    x, y = p
    return (1 - x)**2 + 100 * (y - x**2)**2

def rosenbrock_grad(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])

def step(method, p, g, state, lr):
    if method == "sgd":
        return p - lr * g
    if method == "momentum":
        state["v"] = 0.9 * state.get("v", np.zeros_like(p)) + g
        return p - lr * state["v"]
    if method == "rmsprop":
        state["s"] = 0.9 * state.get("s", np.zeros_like(p)) + (1 - 0.9) * g * g
        return p - lr * g / (np.sqrt(state["s"]) + 1e-8)
    t = state["t"] = state.get("t", 0) + 1
    state["m"] = 0.9 * state.get("m", np.zeros_like(p)) + (1 - 0.9) * g
    state["w"] = 0.999 * state.get("w", np.zeros_like(p)) + (1 - 0.999) * g * g
    m_hat = state["m"] / (1 - 0.9**t); v_hat = state["w"] / (1 - 0.999**t)
    return p - lr * m_hat / (np.sqrt(v_hat) + 1e-8)

def warmup_cosine(k, base, warmup, total):
    if k < warmup: return base * k / warmup
    if k > total: return 0.0
    return base * 0.5 * (1 + math.cos(math.pi * ((k - warmup) / (total - warmup))))

def final_f(method, schedule, steps=2000):
    p = np.array([-1.5, 2.0]); state = {}
    for k in range(steps):
        p = step(method, p, rosenbrock_grad(p), state, schedule(k))
    f = rosenbrock(p)
    return f if np.isfinite(f) else math.inf

lrs = [10 ** (-5 + i / 4) for i in range(17)]
methods = ["sgd", "momentum", "rmsprop", "adam"]
start = time.process_time()
constant = {m: [final_f(m, lambda k, lr=lr: lr) for lr in lrs] for m in methods}
scheduled = {m: [final_f(m, lambda k, lr=lr: warmup_cosine(k, lr, 100, 2000)) for lr in lrs]
             for m in methods}
seconds = time.process_time() - start
print(json.dumps({"seconds": seconds, "constant": constant, "scheduled": scheduled}))
