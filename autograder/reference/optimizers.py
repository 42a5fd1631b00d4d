"""Reference answers for the optimizers exercise.

Every optimizer has the interface of ``torch.optim``, written for NumPy::

    optimizer = Adam(lr=1e-3)
    optimizer.update(params, grads)   # one step, like optimizer.step()

``params`` and ``grads`` are dicts of float64 arrays with the same keys.
``update`` changes each array ``params[key]`` in place, so that whoever holds the
array (a model, a plot) sees the step. It reads ``grads`` and never changes it.
Its state (velocities, running averages, step counts) lives in arrays of its own,
one set per key: the caller may refill its gradient arrays in place before the
next call, as torch refills ``p.grad``.

The defaults are those of ``torch.optim`` (torch has no default momentum: 0 turns
it off, so 0.9, the usual value, is ours). The options that torch switches off by
default (weight decay, dampening, learning-rate decay, ``centered``, ``amsgrad``)
are left out.
"""

from __future__ import annotations

import numpy as np


class SGD:
    """Plain gradient descent: p <- p - lr * g (torch.optim.SGD)."""

    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum:
    """Heavy-ball momentum in torch's form: b <- momentum * b + g, p <- p - lr * b.

    torch.optim.SGD(lr, momentum). The source's exponential moving average,
    v <- beta * v + (1 - beta) * g, is (1 - beta) * b: the same steps with lr / (1 - beta).
    """

    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            grad = grads[key]
            if key not in self.velocity:
                # A new array: keeping the caller's gradient array here would let the
                # caller overwrite our state when it refills its gradients.
                self.velocity[key] = np.zeros_like(grad)
            self.velocity[key] = self.momentum * self.velocity[key] + grad
            params[key] -= self.lr * self.velocity[key]


class Nesterov:
    """Nesterov momentum in torch's form: b <- momentum * b + g, p <- p - lr * (g + momentum * b).

    torch.optim.SGD(lr, momentum, nesterov=True).
    """

    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            grad = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(grad)
            self.velocity[key] = self.momentum * self.velocity[key] + grad
            params[key] -= self.lr * (grad + self.momentum * self.velocity[key])


class AdaGrad:
    """G <- G + g * g, p <- p - lr * g / (sqrt(G) + eps) (torch.optim.Adagrad).

    eps is added outside the square root, as torch does.
    """

    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_of_squares = {}

    def update(self, params, grads):
        for key in params:
            grad = grads[key]
            if key not in self.sum_of_squares:
                self.sum_of_squares[key] = np.zeros_like(grad)
            self.sum_of_squares[key] = self.sum_of_squares[key] + grad * grad
            params[key] -= self.lr * grad / (np.sqrt(self.sum_of_squares[key]) + self.eps)


class RMSProp:
    """v <- alpha * v + (1 - alpha) * g * g, p <- p - lr * g / (sqrt(v) + eps) (torch.optim.RMSprop)."""

    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.mean_square = {}

    def update(self, params, grads):
        for key in params:
            grad = grads[key]
            if key not in self.mean_square:
                self.mean_square[key] = np.zeros_like(grad)
            self.mean_square[key] = self.alpha * self.mean_square[key] + (1 - self.alpha) * grad * grad
            params[key] -= self.lr * grad / (np.sqrt(self.mean_square[key]) + self.eps)


class Adam:
    """Adam with bias correction (torch.optim.Adam).

    m <- beta1 * m + (1 - beta1) * g,  v <- beta2 * v + (1 - beta2) * g * g,
    p <- p - lr * m_hat / (sqrt(v_hat) + eps), with m_hat = m / (1 - beta1**t),
    v_hat = v / (1 - beta2**t) and t the number of calls to ``update`` so far.
    """

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.steps_taken = 0
        self.mean = {}
        self.mean_square = {}

    def update(self, params, grads):
        # One step for all parameters: count it once per call, not once per key.
        self.steps_taken += 1
        correction1 = 1 - self.beta1**self.steps_taken
        correction2 = 1 - self.beta2**self.steps_taken
        for key in params:
            grad = grads[key]
            if key not in self.mean:
                self.mean[key] = np.zeros_like(grad)
                self.mean_square[key] = np.zeros_like(grad)
            self.mean[key] = self.beta1 * self.mean[key] + (1 - self.beta1) * grad
            self.mean_square[key] = self.beta2 * self.mean_square[key] + (1 - self.beta2) * grad * grad
            mean_hat = self.mean[key] / correction1
            mean_square_hat = self.mean_square[key] / correction2
            params[key] -= self.lr * mean_hat / (np.sqrt(mean_square_hat) + self.eps)


OPTIMIZERS = (SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam)
