"""The library's `SoftmaxRegression` in numpy, for 4.9–4.11's scripts: 64 pixels → 10 classes,
the parameters one flat vector of 650 (W row by row, then b), the mean cross-entropy of a batch
by the log-sum-exp as the Swift side writes it."""
import numpy as np

def scores(theta, X):
    return X @ theta[:640].reshape(10, 64).T + theta[640:]

def loss(theta, X, y):
    """The mean cross-entropy of the rows of X: the forward pass alone."""
    s = scores(theta, X)
    largest = s.max(1)
    return -(s[np.arange(len(y)), y] - largest - np.log(np.exp(s - largest[:, None]).sum(1))).mean()

def loss_and_gradient(theta, X, y):
    """The mean cross-entropy and its gradient, a flat vector like theta."""
    s = scores(theta, X)
    largest = s.max(1)
    e = np.exp(s - largest[:, None]); total = e.sum(1)
    n = len(y); rows = np.arange(n)
    L = -(s[rows, y] - largest - np.log(total)).mean()
    G = e / total[:, None]; G[rows, y] -= 1; G /= n
    return L, np.concatenate(((G.T @ X).ravel(), G.sum(0)))
