"""Alternative correct answers to the optimizers exercise.

Each class is written the way a different student might write it. The tests
paste each class's source into the notebook as a submission (followed by
``Adam = Adam__hat_form``), so every class is self-contained: it uses only
``np`` and what it defines itself. The name is ``<graded class>__<variant>``.
"""

import numpy as np

# --------------------------------------------------------------------------
# SGD(lr=1e-3)
# --------------------------------------------------------------------------


class SGD__items_loop:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for name, grad in grads.items():
            params[name] -= self.lr * grad


class SGD__np_out:
    def __init__(self, lr=0.001):
        self.learning_rate = lr

    def update(self, params, grads):
        for key in params:
            np.subtract(params[key], self.learning_rate * grads[key], out=params[key])


class SGD__slice_assignment:
    def __init__(self, lr=1e-3):
        self.lr = float(lr)

    def update(self, params, grads):
        for key in list(params.keys()):
            new_value = params[key] - self.lr * grads[key]
            params[key][...] = new_value


class SGD__flat_loop:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            flat_param = params[key].reshape(-1)  # a view: writes reach the array
            flat_grad = grads[key].reshape(-1)
            for i in range(flat_param.size):
                flat_param[i] = flat_param[i] - self.lr * flat_grad[i]


# --------------------------------------------------------------------------
# Momentum(lr=1e-3, momentum=0.9)
# --------------------------------------------------------------------------


class Momentum__negative_velocity:
    # v = momentum * v - lr * g, params += v: the same steps, since v = -lr * b.
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class Momentum__copy_first_gradient:
    # torch's own bookkeeping: the first buffer is a copy of the gradient.
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.buffers = {}

    def update(self, params, grads):
        for key, grad in grads.items():
            if key in self.buffers:
                buffer = self.buffers[key]
                buffer *= self.momentum
                buffer += grad
            else:
                buffer = grad.copy()
                self.buffers[key] = buffer
            params[key] -= self.lr * buffer


class Momentum__rescaled_average:
    # The moving average of the source with the learning rate divided by (1 - momentum).
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.average = {}

    def update(self, params, grads):
        for key in params:
            average = self.average.setdefault(key, np.zeros(np.shape(grads[key])))
            average[...] = self.momentum * average + (1 - self.momentum) * grads[key]
            params[key] -= self.lr / (1 - self.momentum) * average


class Momentum__state_per_parameter:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.hyper = {"lr": lr, "momentum": momentum}
        self.state = {}

    def update(self, params, grads):
        for key in params:
            state = self.state.setdefault(key, {"velocity": 0.0})
            state["velocity"] = self.hyper["momentum"] * state["velocity"] + grads[key]
            np.subtract(params[key], self.hyper["lr"] * state["velocity"], out=params[key])


# --------------------------------------------------------------------------
# Nesterov(lr=1e-3, momentum=0.9)
# --------------------------------------------------------------------------


class Nesterov__negative_velocity:
    # v = momentum * v - lr * g, then params += momentum * v - lr * g.
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            previous = self.v.get(key, np.zeros_like(params[key]))
            self.v[key] = self.momentum * previous - self.lr * grads[key]
            params[key] += self.momentum * self.v[key] - self.lr * grads[key]


class Nesterov__expanded:
    # g + momentum * (momentum * b_old + g) = (1 + momentum) * g + momentum**2 * b_old
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.mu = momentum
        self.buf = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            old = self.buf[key] if key in self.buf else np.zeros_like(g)
            params[key] -= self.lr * ((1 + self.mu) * g + self.mu**2 * old)
            self.buf[key] = self.mu * old + g


class Nesterov__in_place_buffers:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.buffers = {}

    def update(self, params, grads):
        for key, grad in grads.items():
            if key not in self.buffers:
                self.buffers[key] = np.array(grad, copy=True)
            else:
                np.multiply(self.buffers[key], self.momentum, out=self.buffers[key])
                np.add(self.buffers[key], grad, out=self.buffers[key])
            look_ahead = grad + self.momentum * self.buffers[key]
            params[key] -= self.lr * look_ahead


# --------------------------------------------------------------------------
# AdaGrad(lr=1e-2, eps=1e-10)
# --------------------------------------------------------------------------


class AdaGrad__in_place_sum:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


class AdaGrad__np_functions:
    def __init__(self, lr=0.01, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.accumulated = {}

    def update(self, params, grads):
        for key, grad in grads.items():
            previous = self.accumulated.get(key, 0.0)
            self.accumulated[key] = np.add(previous, np.square(grad))
            denominator = np.add(np.sqrt(self.accumulated[key]), self.eps)
            params[key] -= np.divide(np.multiply(self.lr, grad), denominator)


class AdaGrad__root_sum_square:
    # Keeps the list of past gradients and sums their squares at each step.
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.history = {}

    def update(self, params, grads):
        for key in params:
            self.history.setdefault(key, []).append(grads[key].copy())
            total = np.zeros_like(params[key])
            for past in self.history[key]:
                total = total + past**2
            params[key] -= self.lr * grads[key] / (np.sqrt(total) + self.eps)


# --------------------------------------------------------------------------
# RMSProp(lr=1e-2, alpha=0.99, eps=1e-8)
# --------------------------------------------------------------------------


class RMSProp__interpolate:
    # v + (1 - alpha) * (g**2 - v) is alpha * v + (1 - alpha) * g**2.
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] += (1 - self.alpha) * (grads[key] ** 2 - self.v[key])
            params[key] -= self.lr * grads[key] / (self.v[key] ** 0.5 + self.eps)


class RMSProp__state_dicts:
    def __init__(self, lr=0.01, alpha=0.99, eps=1e-08):
        self.defaults = dict(lr=lr, alpha=alpha, eps=eps)
        self.state = {}

    def update(self, params, grads):
        lr, alpha, eps = self.defaults["lr"], self.defaults["alpha"], self.defaults["eps"]
        for key in params:
            state = self.state.setdefault(key, {"square_avg": np.zeros_like(params[key])})
            state["square_avg"] = alpha * state["square_avg"] + (1 - alpha) * np.square(grads[key])
            params[key] -= lr * grads[key] / (np.sqrt(state["square_avg"]) + eps)


class RMSProp__lazy_zeros:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.mean_square = {}

    def update(self, params, grads):
        for key, grad in grads.items():
            old = self.mean_square.get(key)
            if old is None:
                old = 0.0 * grad
            self.mean_square[key] = old * self.alpha + grad * grad * (1 - self.alpha)
            step = self.lr * grad / (np.sqrt(self.mean_square[key]) + self.eps)
            params[key] -= step


# --------------------------------------------------------------------------
# Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
# --------------------------------------------------------------------------


class Adam__torch_step_size:
    # torch's arrangement: lr / (1 - beta1**t) in front, sqrt(1 - beta2**t) under v.
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.t = 0
        self.exp_avg = {}
        self.exp_avg_sq = {}

    def update(self, params, grads):
        beta1, beta2 = self.betas
        self.t += 1
        step_size = self.lr / (1 - beta1**self.t)
        root_correction = np.sqrt(1 - beta2**self.t)
        for key in params:
            g = grads[key]
            if key not in self.exp_avg:
                self.exp_avg[key] = np.zeros_like(g)
                self.exp_avg_sq[key] = np.zeros_like(g)
            self.exp_avg[key] = beta1 * self.exp_avg[key] + (1 - beta1) * g
            self.exp_avg_sq[key] = beta2 * self.exp_avg_sq[key] + (1 - beta2) * g * g
            denominator = np.sqrt(self.exp_avg_sq[key]) / root_correction + self.eps
            params[key] -= step_size * self.exp_avg[key] / denominator


class Adam__step_per_parameter:
    # Like torch, each parameter's state has its own step count.
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1 = betas[0]
        self.beta2 = betas[1]
        self.eps = eps
        self.state = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.state:
                self.state[key] = {"step": 0, "m": np.zeros_like(params[key]), "v": np.zeros_like(params[key])}
            s = self.state[key]
            s["step"] += 1
            s["m"] = self.beta1 * s["m"] + (1 - self.beta1) * grads[key]
            s["v"] = self.beta2 * s["v"] + (1 - self.beta2) * grads[key] ** 2
            m_hat = s["m"] / (1 - self.beta1 ** s["step"])
            v_hat = s["v"] / (1 - self.beta2 ** s["step"])
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class Adam__interpolate_in_place:
    def __init__(self, lr=0.001, betas=(0.9, 0.999), eps=1e-08):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.iteration = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(value) for key, value in params.items()}
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        self.iteration += 1
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            m_hat = self.m[key] / (1 - self.beta1**self.iteration)
            v_hat = self.v[key] / (1 - self.beta2**self.iteration)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


ALTERNATIVES = {
    "SGD": [SGD__items_loop, SGD__np_out, SGD__slice_assignment, SGD__flat_loop],
    "Momentum": [
        Momentum__negative_velocity,
        Momentum__copy_first_gradient,
        Momentum__rescaled_average,
        Momentum__state_per_parameter,
    ],
    "Nesterov": [Nesterov__negative_velocity, Nesterov__expanded, Nesterov__in_place_buffers],
    "AdaGrad": [AdaGrad__in_place_sum, AdaGrad__np_functions, AdaGrad__root_sum_square],
    "RMSProp": [RMSProp__interpolate, RMSProp__state_dicts, RMSProp__lazy_zeros],
    "Adam": [Adam__torch_step_size, Adam__step_per_parameter, Adam__interpolate_in_place],
}
