"""Common mistakes in the optimizers exercise, each as a working wrong class.

Each class is written the way a student would write it, with the exercise's
interface (``__init__`` with torch's defaults, ``update(params, grads)``), and
uses only ``np``, so that the tests can paste its source into the notebook as
``Adam = Adam__no_bias_correction``. The classes repeat themselves on purpose:
a pasted class cannot inherit from one that the notebook does not have.
"""

from __future__ import annotations

import numpy as np

from autograder.diagnosis import Mistake, catalogue

# --------------------------------------------------------------------------
# SGD
# --------------------------------------------------------------------------


class SGD__grads_in_place:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            # Scales the caller's gradient array: its gradients are lost.
            grads[key] *= self.lr
            params[key] -= grads[key]


class SGD__new_arrays:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            # Puts a new array into the dict; the caller's array keeps its old values.
            params[key] = params[key] - self.lr * grads[key]


class SGD__ascends:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] += self.lr * grads[key]


# --------------------------------------------------------------------------
# Momentum
# --------------------------------------------------------------------------


class Momentum__ema:
    # The source's form, v = beta * v + (1 - beta) * g, used with torch's learning rate.
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(grads[key])
            self.v[key] = self.momentum * self.v[key] + (1 - self.momentum) * grads[key]
            params[key] -= self.lr * self.v[key]


class Momentum__shared_velocity:
    # Single-parameter code moved into a loop: one velocity for every key.
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        for key in params:
            if self.v is None:
                self.v = np.zeros_like(grads[key])
            self.v = self.momentum * self.v + grads[key]
            params[key] -= self.lr * self.v


class Momentum__keeps_callers_gradient:
    # torch's first step, buf = grad, without the copy that torch makes.
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = grads[key]
            else:
                self.v[key] = self.momentum * self.v[key] + grads[key]
            params[key] -= self.lr * self.v[key]


# --------------------------------------------------------------------------
# Nesterov
# --------------------------------------------------------------------------


class Nesterov__no_look_ahead:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(grads[key])
            self.v[key] = self.momentum * self.v[key] + grads[key]
            params[key] -= self.lr * self.v[key]


class Nesterov__ema:
    # The source's moving average for the velocity, with torch's look-ahead step.
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(grads[key])
            self.v[key] = self.momentum * self.v[key] + (1 - self.momentum) * grads[key]
            params[key] -= self.lr * (grads[key] + self.momentum * self.v[key])


# --------------------------------------------------------------------------
# AdaGrad
# --------------------------------------------------------------------------


class AdaGrad__source_formula:
    # The formula as the source post prints it: theta = theta - lr / sqrt(G + eps).
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.G = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.G:
                self.G[key] = np.zeros_like(grads[key])
            self.G[key] = self.G[key] + grads[key] ** 2
            params[key] -= self.lr / np.sqrt(self.G[key] + self.eps)


class AdaGrad__eps_inside_sqrt:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.G = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.G:
                self.G[key] = np.zeros_like(grads[key])
            self.G[key] = self.G[key] + grads[key] ** 2
            params[key] -= self.lr * grads[key] / np.sqrt(self.G[key] + self.eps)


# --------------------------------------------------------------------------
# RMSProp
# --------------------------------------------------------------------------


class RMSProp__eps_inside_sqrt:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(grads[key])
            self.v[key] = self.alpha * self.v[key] + (1 - self.alpha) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / np.sqrt(self.v[key] + self.eps)


class RMSProp__no_square_root:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(grads[key])
            self.v[key] = self.alpha * self.v[key] + (1 - self.alpha) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (self.v[key] + self.eps)


class RMSProp__swapped_weights:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(grads[key])
            self.v[key] = (1 - self.alpha) * self.v[key] + self.alpha * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(self.v[key]) + self.eps)


# --------------------------------------------------------------------------
# Adam
# --------------------------------------------------------------------------


class Adam__no_bias_correction:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.m:
                self.m[key] = np.zeros_like(grads[key])
                self.v[key] = np.zeros_like(grads[key])
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + self.eps)


class Adam__step_off_by_one:
    # Counts the first step as t = 2: the counter is raised, then "+ 1" again.
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.t = 0
        self.m = {}
        self.v = {}

    def update(self, params, grads):
        self.t += 1
        for key in params:
            if key not in self.m:
                self.m[key] = np.zeros_like(grads[key])
                self.v[key] = np.zeros_like(grads[key])
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1 ** (self.t + 1))
            v_hat = self.v[key] / (1 - self.beta2 ** (self.t + 1))
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class Adam__step_counted_per_key:
    # The step counter is raised inside the loop over parameters.
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.t = 0
        self.m = {}
        self.v = {}

    def update(self, params, grads):
        for key in params:
            self.t += 1
            if key not in self.m:
                self.m[key] = np.zeros_like(grads[key])
                self.v[key] = np.zeros_like(grads[key])
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1**self.t)
            v_hat = self.v[key] / (1 - self.beta2**self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class Adam__eps_inside_sqrt:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.t = 0
        self.m = {}
        self.v = {}

    def update(self, params, grads):
        self.t += 1
        for key in params:
            if key not in self.m:
                self.m[key] = np.zeros_like(grads[key])
                self.v[key] = np.zeros_like(grads[key])
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1**self.t)
            v_hat = self.v[key] / (1 - self.beta2**self.t)
            params[key] -= self.lr * m_hat / np.sqrt(v_hat + self.eps)


MISTAKES = catalogue(
    Mistake(
        "optimizers.sgd-grads-in-place",
        "SGD",
        "the steps are right, but update changed the gradient arrays it was given "
        "(grads[key] *= lr). The caller may still need them: compute lr * grads[key] "
        "into a new array, or subtract it from params[key] directly.",
        SGD__grads_in_place,
    ),
    Mistake(
        "optimizers.sgd-new-arrays",
        "SGD",
        "the values are right, but params[key] = params[key] - ... puts a new array into "
        "the dict, so a model that holds the old array never sees the step. Change the "
        "array in place: params[key] -= lr * grads[key].",
        SGD__new_arrays,
    ),
    Mistake(
        "optimizers.sgd-ascends",
        "SGD",
        "the parameters move along the gradient instead of against it: gradient descent "
        "subtracts, params[key] -= lr * grads[key].",
        SGD__ascends,
    ),
    Mistake(
        "optimizers.momentum-ema",
        "Momentum",
        "your steps match the source's moving average v = momentum * v + (1 - momentum) * g, "
        "which makes every step (1 - momentum) times too short. torch's form, which is asked "
        "here, is v = momentum * v + g, then params -= lr * v.",
        Momentum__ema,
    ),
    Mistake(
        "optimizers.momentum-shared-state",
        "Momentum",
        "your steps match one velocity shared by all parameters: each key's step also "
        "carries the other keys' gradients. Keep one velocity array per key, for example "
        "in a dict self.velocity[key].",
        Momentum__shared_velocity,
    ),
    Mistake(
        "optimizers.momentum-keeps-callers-gradient",
        "Momentum",
        "the first step is right, but the velocity is the caller's gradient array itself "
        "(v[key] = grads[key]), so it changes when the caller writes the next gradient into "
        "that array. Store a copy, grads[key].copy(), as torch does.",
        Momentum__keeps_callers_gradient,
    ),
    Mistake(
        "optimizers.nesterov-no-look-ahead",
        "Nesterov",
        "your steps are those of plain momentum, params -= lr * v. Nesterov's step looks "
        "ahead: after v = momentum * v + g, it is params -= lr * (g + momentum * v).",
        Nesterov__no_look_ahead,
    ),
    Mistake(
        "optimizers.nesterov-ema",
        "Nesterov",
        "your velocity is the source's moving average v = momentum * v + (1 - momentum) * g. "
        "torch's Nesterov, which is asked here, uses v = momentum * v + g and then "
        "params -= lr * (g + momentum * v).",
        Nesterov__ema,
    ),
    Mistake(
        "optimizers.adagrad-no-gradient-factor",
        "AdaGrad",
        "your steps match the source post's formula, params -= lr / sqrt(G + eps), which "
        "lacks the gradient and so pushes every parameter down, whatever its gradient. The "
        "step is params -= lr * g / (sqrt(G) + eps).",
        AdaGrad__source_formula,
    ),
    Mistake(
        "optimizers.adagrad-eps-inside-sqrt",
        "AdaGrad",
        "eps is inside the square root, sqrt(G + eps); torch adds it outside: "
        "params -= lr * g / (sqrt(G) + eps). The two differ where G is small.",
        AdaGrad__eps_inside_sqrt,
    ),
    Mistake(
        "optimizers.rmsprop-eps-inside-sqrt",
        "RMSProp",
        "eps is inside the square root, sqrt(v + eps); torch adds it outside: "
        "params -= lr * g / (sqrt(v) + eps). The two differ where v is small.",
        RMSProp__eps_inside_sqrt,
    ),
    Mistake(
        "optimizers.rmsprop-no-square-root",
        "RMSProp",
        "the step divides by v + eps instead of sqrt(v) + eps: v is an average of squared "
        "gradients, and its square root is what has the gradient's scale.",
        RMSProp__no_square_root,
    ),
    Mistake(
        "optimizers.rmsprop-swapped-weights",
        "RMSProp",
        "the two weights of the average are swapped: alpha belongs to the old average, "
        "v = alpha * v + (1 - alpha) * g**2 (alpha = 0.99 keeps 99% of it).",
        RMSProp__swapped_weights,
    ),
    Mistake(
        "optimizers.adam-no-bias-correction",
        "Adam",
        "your steps match Adam without bias correction. m and v start at 0, so divide them "
        "by (1 - beta1**t) and (1 - beta2**t), with t = 1 at the first step, before taking "
        "the step.",
        Adam__no_bias_correction,
    ),
    Mistake(
        "optimizers.adam-step-off-by-one",
        "Adam",
        "the bias correction uses the wrong step number: your first step matches t = 2. "
        "Count the calls to update so that t = 1 at the first step, and use 1 - beta**t.",
        Adam__step_off_by_one,
    ),
    Mistake(
        "optimizers.adam-step-counted-per-key",
        "Adam",
        "the step counter goes up once per parameter instead of once per call to update, so "
        "with several parameters the bias correction uses the wrong t. Raise it once, before "
        "the loop over keys.",
        Adam__step_counted_per_key,
    ),
    Mistake(
        "optimizers.adam-eps-inside-sqrt",
        "Adam",
        "eps is inside the square root, sqrt(v_hat + eps); torch adds it outside: "
        "params -= lr * m_hat / (sqrt(v_hat) + eps). The two differ where v_hat is small.",
        Adam__eps_inside_sqrt,
    ),
)
