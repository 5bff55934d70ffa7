"""Lab 02's race in its own numpy code, the same work as `experiment rosenbrock-race`: the five
tracks from (-1.5, 2), AdamW with weight decay 0, 0.01 and 0.1 (Part E), and the five tracks from
(2, 2): 13 runs of 2000 steps.

Prints one JSON line: the CPU seconds of the computation and the final distances to (1, 1).
"""
import os
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one BLAS thread, as the Swift side computes on one
import json, time
import numpy as np

np.seterr(all="ignore")  # the re-race from (2, 2) overflows for SGD, Momentum and Nesterov

def rosenbrock_grad(p):
    x, y = p
    return np.array([-2 * (1 - x) + 100 * 2 * (y - x**2) * (-2 * x), 100 * 2 * (y - x**2)])

def sgd_step(params, grads, state, lr):
    return params - lr * grads, state

def momentum_step(params, grads, state, lr, beta=0.9):
    v = beta * state.get("v", np.zeros_like(params)) + grads
    return params - lr * v, {"v": v}

def nesterov_step(params, grads, state, lr, beta=0.9):
    v = beta * state.get("v", np.zeros_like(params)) + grads
    return params - lr * (grads + beta * v), {"v": v}

def adam_step(params, grads, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = state.get("m", np.zeros_like(params)); v = state.get("v", np.zeros_like(params))
    t = state.get("t", 0) + 1
    m = beta1 * m + (1 - beta1) * grads; v = beta2 * v + (1 - beta2) * grads**2
    m_hat = m / (1 - beta1**t); v_hat = v / (1 - beta2**t)
    return params - lr * m_hat / (np.sqrt(v_hat) + eps), {"m": m, "v": v, "t": t}

def adamw_step(params, grads, state, lr, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    new_params, new_state = adam_step(params, grads, state, lr, beta1, beta2, eps)
    return new_params - lr * weight_decay * params, new_state

def run(opt_fn, lr, n_steps=2000, start=(-1.5, 2.0), **opt_kwargs):
    p = np.array(start, dtype=float); state = {}; traj = [p.copy()]
    for _ in range(n_steps):
        p, state = opt_fn(p, rosenbrock_grad(p), state, lr, **opt_kwargs)
        traj.append(p.copy())
    return np.array(traj)

race = {"SGD": (sgd_step, 2e-3, {}), "Momentum": (momentum_step, 2e-3, {"beta": 0.9}),
        "Adam": (adam_step, 5e-2, {}), "AdamW (wd 0)": (adamw_step, 5e-2, {"weight_decay": 0.0}),
        "Nesterov": (nesterov_step, 1e-3, {"beta": 0.9})}
decays = {"AdamW (wd 0)": (adamw_step, 5e-2, {"weight_decay": 0.0}),
          "AdamW (wd 0.01)": (adamw_step, 5e-2, {"weight_decay": 0.01}),
          "AdamW (wd 0.1)": (adamw_step, 5e-2, {"weight_decay": 0.1})}
start = time.process_time()
final = {name: run(f, lr, **kw) for name, (f, lr, kw) in race.items()}
final.update({name: run(f, lr, **kw) for name, (f, lr, kw) in decays.items()})
again = {name: run(f, lr, start=(2.0, 2.0), **kw) for name, (f, lr, kw) in race.items()}
seconds = time.process_time() - start
distance = lambda t: float(np.linalg.norm(t[-1] - np.array([1.0, 1.0])))
print(json.dumps({"seconds": seconds, "distances": {k: distance(t) for k, t in final.items()},
                  "reRace": {k: distance(t) for k, t in again.items()}}))
