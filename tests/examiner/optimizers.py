"""Answers written by an independent examiner from the student's view only (exercise notebook and book page)."""
CORRECT = {
    "SGD": [
        '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]''',
        '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key, p in params.items():
            np.subtract(p, self.lr * grads[key], out=p)''',
        '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in grads:
            params[key][...] = params[key] - self.lr * grads[key]''',
        '''class SGD:
    def __init__(self, lr=1e-3):
        self.hyper = {"lr": lr}

    def update(self, params, grads):
        lr = self.hyper["lr"]
        for name in list(params.keys()):
            step = np.multiply(lr, grads[name])
            p = params[name]
            p -= step''',
        '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = float(lr)

    def update(self, params, grads):
        for key, g in grads.items():
            np.add(params[key], -self.lr * np.asarray(g), out=params[key])''',
    ],
    "Momentum": [
        '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(grads[key])
            self.velocity[key] = self.momentum * self.velocity[key] + grads[key]
            params[key] -= self.lr * self.velocity[key]''',
        '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.b = {}

    def update(self, params, grads):
        for key, g in grads.items():
            b = self.b.setdefault(key, np.zeros_like(g))
            b *= self.momentum   # b is our own array, so in place is fine
            b += g
            params[key] -= self.lr * b''',
        '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.buffers = None

    def update(self, params, grads):
        if self.buffers is None:
            self.buffers = {}
        for key in grads:
            if key in self.buffers:
                self.buffers[key] = self.momentum * self.buffers[key] + grads[key]
            else:
                self.buffers[key] = np.array(grads[key], dtype=float, copy=True)  # mu * 0 + g
            np.subtract(params[key], self.lr * self.buffers[key], out=params[key])''',
        '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.u = {}

    def update(self, params, grads):
        # the textbook spelling u <- mu u - lr g, theta <- theta + u, with u = -lr b
        for key in params:
            u = self.u.get(key, np.zeros_like(grads[key]))
            u = self.momentum * u - self.lr * grads[key]
            self.u[key] = u
            params[key] += u''',
        '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.state = {}

    def update(self, params, grads):
        for key, p in params.items():
            g = np.asarray(grads[key])
            old = self.state.get(key)
            new = g.copy() if old is None else np.add(self.momentum * old, g)
            self.state[key] = new
            p[...] -= self.lr * new''',
    ],
    "Nesterov": [
        '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            self.velocity[key] = self.momentum * self.velocity[key] + g
            params[key] -= self.lr * (g + self.momentum * self.velocity[key])''',
        '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.b = {}

    def update(self, params, grads):
        for key, g in grads.items():
            if key not in self.b:
                self.b[key] = np.zeros_like(g)
            b = self.b[key]
            b *= self.momentum
            b += g
            step = g + self.momentum * b
            params[key] -= self.lr * step''',
        '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr, self.mu = lr, momentum
        self.buf = {}

    def update(self, params, grads):
        for key in grads:
            g = grads[key]
            # torch: the first buffer is a copy of the gradient (mu * 0 + g)
            self.buf[key] = g.copy() if key not in self.buf else self.mu * self.buf[key] + g
            np.subtract(params[key], self.lr * (g + self.mu * self.buf[key]), out=params[key])''',
        '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.state = {}

    def update(self, params, grads):
        mu = self.momentum
        for key, p in params.items():
            g = grads[key]
            b_old = self.state.get(key, np.zeros_like(g))
            b_new = mu * b_old + g
            self.state[key] = b_new
            # g + mu * b_new = (1 + mu) g + mu^2 b_old
            p[...] = p - self.lr * ((1 + mu) * g + mu * mu * b_old)''',
        '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocities = {}

    def update(self, params, grads):
        for key in params:
            velocity = self.velocities.setdefault(key, np.zeros(np.shape(grads[key])))
            np.multiply(velocity, self.momentum, out=velocity)
            np.add(velocity, grads[key], out=velocity)
            look_ahead = np.add(grads[key], np.multiply(self.momentum, velocity))
            params[key] -= self.lr * look_ahead''',
    ],
    "AdaGrad": [
        '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            self.sum_squares[key] = self.sum_squares[key] + g * g
            params[key] -= self.lr * g / (np.sqrt(self.sum_squares[key]) + self.eps)''',
        '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.G = {}

    def update(self, params, grads):
        for key, g in grads.items():
            G = self.G.setdefault(key, np.zeros_like(g))
            G += np.square(g)
            params[key] -= self.lr * np.divide(g, np.sqrt(G) + self.eps)''',
        '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr, self.eps = lr, eps
        self.state = {}

    def update(self, params, grads):
        for key, p in params.items():
            g = grads[key]
            if key in self.state:
                self.state[key] = self.state[key] + g ** 2
            else:
                self.state[key] = g ** 2  # 0 + g * g, a new array
            denominator = np.sqrt(self.state[key]) + self.eps
            np.subtract(p, self.lr * g / denominator, out=p)''',
        '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.accumulators = {}

    def update(self, params, grads):
        for key in grads:
            g = np.asarray(grads[key], dtype=float)
            acc = self.accumulators.get(key)
            if acc is None:
                acc = self.accumulators[key] = np.zeros(g.shape)
            np.add(acc, g * g, out=acc)
            params[key][...] -= self.lr * g / (acc ** 0.5 + self.eps)''',
        '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.G = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            self.G[key] = self.G.get(key, 0.0) + g * g
            scale = self.lr / (np.sqrt(self.G[key]) + self.eps)
            params[key] -= scale * g''',
    ],
    "RMSProp": [
        '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = np.zeros_like(g)
            self.square_avg[key] = self.alpha * self.square_avg[key] + (1 - self.alpha) * g * g
            params[key] -= self.lr * g / (np.sqrt(self.square_avg[key]) + self.eps)''',
        '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = {}

    def update(self, params, grads):
        for key, g in grads.items():
            v = self.v.setdefault(key, np.zeros_like(g))
            v *= self.alpha
            v += (1 - self.alpha) * np.square(g)
            params[key] -= self.lr * g / (np.sqrt(v) + self.eps)''',
        '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.state = {}

    def update(self, params, grads):
        for key, p in params.items():
            g = grads[key]
            previous = self.state.get(key, 0.0)
            # alpha v + (1 - alpha) g^2, written as v + (1 - alpha)(g^2 - v)
            self.state[key] = previous + (1 - self.alpha) * (g * g - previous)
            np.subtract(p, self.lr * g / (np.sqrt(self.state[key]) + self.eps), out=p)''',
        '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.averages = {}

    def update(self, params, grads):
        for key in grads:
            g = np.asarray(grads[key], dtype=float)
            if key not in self.averages:
                self.averages[key] = np.zeros(g.shape)
            avg = self.averages[key]
            np.multiply(avg, self.alpha, out=avg)
            np.add(avg, (1.0 - self.alpha) * g ** 2, out=avg)
            params[key][...] = params[key] - self.lr * g / (avg ** 0.5 + self.eps)''',
        '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(g) for key, g in grads.items()}
        for key in params:
            g = grads[key]
            self.v[key] = self.alpha * self.v[key] + (1 - self.alpha) * g ** 2
            denom = np.sqrt(self.v[key])
            denom += self.eps
            params[key] -= self.lr * g / denom''',
    ],
    "Adam": [
        '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)''',
        '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.betas = tuple(betas)
        self.eps = eps
        self.state = {}
        self.step_count = 0

    def update(self, params, grads):
        beta1, beta2 = self.betas
        self.step_count += 1
        t = self.step_count
        for key, g in grads.items():
            m, v = self.state.setdefault(key, (np.zeros_like(g), np.zeros_like(g)))
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * np.square(g)
            m_hat = m / (1 - beta1 ** t)
            v_hat = v / (1 - beta2 ** t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)''',
        '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1 = betas[0]
        self.beta2 = betas[1]
        self.eps = eps
        self.t = 0
        self.moments = {}

    def update(self, params, grads):
        self.t += 1
        bias_correction1 = 1 - self.beta1 ** self.t
        bias_correction2 = 1 - self.beta2 ** self.t
        for key, p in params.items():
            g = grads[key]
            if key not in self.moments:
                self.moments[key] = [np.zeros_like(g), np.zeros_like(g)]
            first, second = self.moments[key]
            first = self.beta1 * first + (1 - self.beta1) * g
            second = self.beta2 * second + (1 - self.beta2) * g ** 2
            self.moments[key] = [first, second]
            # torch's arrangement of the same formula
            denominator = np.sqrt(second) / np.sqrt(bias_correction2) + self.eps
            np.subtract(p, (self.lr / bias_correction1) * first / denominator, out=p)''',
        '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.calls = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(g) for key, g in grads.items()}
            self.v = {key: np.zeros_like(g) for key, g in grads.items()}
        self.calls += 1
        for key in grads:
            g = grads[key]
            self.m[key] = self.m[key] + (1 - self.beta1) * (g - self.m[key])
            self.v[key] = self.v[key] + (1 - self.beta2) * (g * g - self.v[key])
            m_hat = self.m[key] / (1 - self.beta1 ** self.calls)
            v_hat = self.v[key] / (1 - self.beta2 ** self.calls)
            params[key][...] -= self.lr * m_hat / (v_hat ** 0.5 + self.eps)''',
        '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.hyperparameters = {"lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps}
        self.first = {}
        self.second = {}
        self.t = 0

    def update(self, params, grads):
        h = self.hyperparameters
        self.t += 1
        for key in params:
            g = np.asarray(grads[key], dtype=float)
            m = h["beta1"] * self.first.get(key, 0.0) + (1 - h["beta1"]) * g
            v = h["beta2"] * self.second.get(key, 0.0) + (1 - h["beta2"]) * g * g
            self.first[key], self.second[key] = m, v
            m_hat = m / (1 - h["beta1"] ** self.t)
            v_hat = v / (1 - h["beta2"] ** self.t)
            step = h["lr"] * m_hat / (np.sqrt(v_hat) + h["eps"])
            np.subtract(params[key], step, out=params[key])''',
    ],
}
WRONG = {
    "SGD": [
        ("rebinds-param", "assigns a new array to params[key] instead of changing the given array in place", '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] = params[key] - self.lr * grads[key]'''),
        ("plus-sign", "steps along the gradient", '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] += self.lr * grads[key]'''),
        ("hardcoded-lr", "ignores the lr it was given and always uses torch's default 1e-3", '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= 1e-3 * grads[key]'''),
        ("scales-grads-in-place", "multiplies the gradient array by lr in place, which changes grads", '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            g *= self.lr
            params[key] -= g'''),
        ("returns-new-dict", "returns a dict of new arrays and leaves params unchanged", '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        return {key: params[key] - self.lr * grads[key] for key in params}'''),
        ("return-in-loop", "returns inside the loop, so only the first parameter is updated", '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]
            return'''),
        ("parameter-not-gradient", "subtracts lr times the parameter instead of lr times its gradient", '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * params[key]'''),
        ("slice-assign", "writes through params[key][:], which fails for 0-d arrays (the instructions allow any shape)", '''class SGD:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key][:] = params[key] - self.lr * grads[key]'''),
        ("default-lr-changed", "changes the default learning rate to 0.01 instead of torch's 1e-3", '''class SGD:
    def __init__(self, lr=1e-2):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]'''),
    ],
    "Momentum": [
        ("moving-average", "uses the source post's moving average b = mu b + (1 - mu) g, which the instructions rule out", '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(grads[key])
            self.velocity[key] = self.momentum * self.velocity[key] + (1 - self.momentum) * grads[key]
            params[key] -= self.lr * self.velocity[key]'''),
        ("old-velocity-step", "steps with the velocity from before this step's update", '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(grads[key])
            params[key] -= self.lr * self.velocity[key]
            self.velocity[key] = self.momentum * self.velocity[key] + grads[key]'''),
        ("velocity-aliases-gradient", "keeps the gradient array itself as the first velocity, so the next gradient written into that array overwrites the state", '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.velocity:
                self.velocity[key] = grads[key]
            else:
                self.velocity[key] = self.momentum * self.velocity[key] + grads[key]
            params[key] -= self.lr * self.velocity[key]'''),
        ("in-place-on-gradient", "starts the velocity as the gradient array and then updates it in place, which changes grads", '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.velocity:
                self.velocity[key] = grads[key]
            else:
                self.velocity[key] *= self.momentum
                self.velocity[key] += grads[key]
            params[key] -= self.lr * self.velocity[key]'''),
        ("one-velocity", "keeps one velocity for all parameters instead of one per key", '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = None

    def update(self, params, grads):
        for key in params:
            if self.velocity is None:
                self.velocity = np.zeros_like(grads[key])
            self.velocity = self.momentum * self.velocity + grads[key]
            params[key] -= self.lr * self.velocity'''),
        ("class-level-state", "keeps the velocities in a class attribute, so every Momentum object shares them", '''class Momentum:
    velocity = {}

    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def update(self, params, grads):
        for key in params:
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(grads[key])
            self.velocity[key] = self.momentum * self.velocity[key] + grads[key]
            params[key] -= self.lr * self.velocity[key]'''),
        ("fresh-velocity", "creates a new zero velocity at every call, so it is plain SGD", '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            self.velocity[key] = np.zeros_like(grads[key])
            self.velocity[key] = self.momentum * self.velocity[key] + grads[key]
            params[key] -= self.lr * self.velocity[key]'''),
        ("hardcoded-momentum", "ignores the momentum it was given and always uses 0.9", '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(grads[key])
            self.velocity[key] = 0.9 * self.velocity[key] + grads[key]
            params[key] -= self.lr * self.velocity[key]'''),
        ("rebinds-param", "assigns a new array to params[key] instead of updating it in place", '''class Momentum:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(grads[key])
            self.velocity[key] = self.momentum * self.velocity[key] + grads[key]
            params[key] = params[key] - self.lr * self.velocity[key]'''),
    ],
    "Nesterov": [
        ("old-velocity-lookahead", "looks ahead with the velocity from before this step's update", '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            params[key] -= self.lr * (g + self.momentum * self.velocity[key])
            self.velocity[key] = self.momentum * self.velocity[key] + g'''),
        ("plain-momentum-step", "steps with lr * b like plain momentum, without the look-ahead", '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            self.velocity[key] = self.momentum * self.velocity[key] + g
            params[key] -= self.lr * self.velocity[key]'''),
        ("velocity-twice", "steps with b + mu b instead of g + mu b", '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            self.velocity[key] = self.momentum * self.velocity[key] + g
            params[key] -= self.lr * (self.velocity[key] + self.momentum * self.velocity[key])'''),
        ("lookahead-sign", "subtracts the look-ahead term: g - mu b", '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            self.velocity[key] = self.momentum * self.velocity[key] + g
            params[key] -= self.lr * (g - self.momentum * self.velocity[key])'''),
        ("moving-average", "updates the velocity as the moving average mu b + (1 - mu) g", '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            self.velocity[key] = self.momentum * self.velocity[key] + (1 - self.momentum) * g
            params[key] -= self.lr * (g + self.momentum * self.velocity[key])'''),
        ("velocity-aliases-gradient", "keeps the gradient array itself as the first velocity, so the next gradient written into it changes the state", '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = g
            else:
                self.velocity[key] = self.momentum * self.velocity[key] + g
            params[key] -= self.lr * (g + self.momentum * self.velocity[key])'''),
        ("class-level-state", "keeps the velocities in a class attribute shared by every Nesterov object", '''class Nesterov:
    velocity = {}

    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            self.velocity[key] = self.momentum * self.velocity[key] + g
            params[key] -= self.lr * (g + self.momentum * self.velocity[key])'''),
        ("hardcoded-momentum", "ignores the momentum it was given in the look-ahead and uses 0.9 there", '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            self.velocity[key] = self.momentum * self.velocity[key] + g
            params[key] -= self.lr * (g + 0.9 * self.velocity[key])'''),
        ("lookahead-squared", "multiplies the look-ahead by mu twice: g + mu * mu * b", '''class Nesterov:
    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.velocity:
                self.velocity[key] = np.zeros_like(g)
            self.velocity[key] = self.momentum * self.velocity[key] + g
            params[key] -= self.lr * (g + self.momentum * self.momentum * self.velocity[key])'''),
    ],
    "AdaGrad": [
        ("eps-inside-sqrt", "adds eps inside the square root, sqrt(G + eps), where torch adds it outside", '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            self.sum_squares[key] = self.sum_squares[key] + g * g
            params[key] -= self.lr * g / np.sqrt(self.sum_squares[key] + self.eps)'''),
        ("no-g-numerator", "the source post's formula: lr / (sqrt(G) + eps) without the gradient in the numerator", '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            self.sum_squares[key] = self.sum_squares[key] + g * g
            params[key] -= self.lr / (np.sqrt(self.sum_squares[key]) + self.eps)'''),
        ("not-accumulated", "replaces G by the latest g * g instead of adding to it", '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            self.sum_squares[key] = g * g
            params[key] -= self.lr * g / (np.sqrt(self.sum_squares[key]) + self.eps)'''),
        ("abs-not-square", "accumulates |g| instead of g * g", '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            self.sum_squares[key] = self.sum_squares[key] + np.abs(g)
            params[key] -= self.lr * g / (np.sqrt(self.sum_squares[key]) + self.eps)'''),
        ("sum-after-step", "divides by the sum before this step's square is added (so the first step divides by eps)", '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            params[key] -= self.lr * g / (np.sqrt(self.sum_squares[key]) + self.eps)
            self.sum_squares[key] = self.sum_squares[key] + g * g'''),
        ("first-square-twice", "starts G at the first g * g and then adds g * g again, counting the first gradient twice", '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = g * g
            self.sum_squares[key] = self.sum_squares[key] + g * g
            params[key] -= self.lr * g / (np.sqrt(self.sum_squares[key]) + self.eps)'''),
        ("scalar-sum", "adds up the squares of all entries into one number instead of entry by entry", '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            self.sum_squares[key] = self.sum_squares[key] + np.sum(g * g)
            params[key] -= self.lr * g / (np.sqrt(self.sum_squares[key]) + self.eps)'''),
        ("hardcoded-eps", "ignores the eps it was given and always uses 1e-10", '''class AdaGrad:
    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.sum_squares = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            self.sum_squares[key] = self.sum_squares[key] + g * g
            params[key] -= self.lr * g / (np.sqrt(self.sum_squares[key]) + 1e-10)'''),
        ("class-level-state", "keeps the sums in a class attribute shared by every AdaGrad object", '''class AdaGrad:
    sum_squares = {}

    def __init__(self, lr=1e-2, eps=1e-10):
        self.lr = lr
        self.eps = eps

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.sum_squares:
                self.sum_squares[key] = np.zeros_like(g)
            self.sum_squares[key] = self.sum_squares[key] + g * g
            params[key] -= self.lr * g / (np.sqrt(self.sum_squares[key]) + self.eps)'''),
    ],
    "RMSProp": [
        ("bias-corrected", "divides v by 1 - alpha^t as Adam does, a correction torch's RMSprop does not make", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = np.zeros_like(g)
            self.square_avg[key] = self.alpha * self.square_avg[key] + (1 - self.alpha) * g * g
            params[key] -= self.lr * g / (np.sqrt(self.square_avg[key] / (1 - self.alpha ** self.t)) + self.eps)'''),
        ("eps-inside-sqrt", "adds eps inside the square root", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = np.zeros_like(g)
            self.square_avg[key] = self.alpha * self.square_avg[key] + (1 - self.alpha) * g * g
            params[key] -= self.lr * g / np.sqrt(self.square_avg[key] + self.eps)'''),
        ("alpha-swapped", "weights the old average by 1 - alpha and the new square by alpha", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = np.zeros_like(g)
            self.square_avg[key] = (1 - self.alpha) * self.square_avg[key] + self.alpha * g * g
            params[key] -= self.lr * g / (np.sqrt(self.square_avg[key]) + self.eps)'''),
        ("no-square", "averages g instead of g * g", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = np.zeros_like(g)
            self.square_avg[key] = self.alpha * self.square_avg[key] + (1 - self.alpha) * g
            params[key] -= self.lr * g / (np.sqrt(self.square_avg[key]) + self.eps)'''),
        ("starts-at-first-square", "starts the average at the first g * g instead of 0", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = g * g
            self.square_avg[key] = self.alpha * self.square_avg[key] + (1 - self.alpha) * g * g
            params[key] -= self.lr * g / (np.sqrt(self.square_avg[key]) + self.eps)'''),
        ("average-after-step", "divides by the average from before this step's square is added", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = np.zeros_like(g)
            params[key] -= self.lr * g / (np.sqrt(self.square_avg[key]) + self.eps)
            self.square_avg[key] = self.alpha * self.square_avg[key] + (1 - self.alpha) * g * g'''),
        ("centered", "subtracts the squared moving average of g (torch's centered=True, which the exercise leaves out)", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}
        self.grad_avg = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = np.zeros_like(g)
                self.grad_avg[key] = np.zeros_like(g)
            self.square_avg[key] = self.alpha * self.square_avg[key] + (1 - self.alpha) * g * g
            self.grad_avg[key] = self.alpha * self.grad_avg[key] + (1 - self.alpha) * g
            centred = self.square_avg[key] - self.grad_avg[key] ** 2
            params[key] -= self.lr * g / (np.sqrt(centred) + self.eps)'''),
        ("hardcoded-alpha", "ignores the alpha it was given and always uses 0.99", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.square_avg:
                self.square_avg[key] = np.zeros_like(g)
            self.square_avg[key] = 0.99 * self.square_avg[key] + 0.01 * g * g
            params[key] -= self.lr * g / (np.sqrt(self.square_avg[key]) + self.eps)'''),
        ("one-average", "keeps one average for all parameters instead of one per key, which breaks as soon as two keys have different gradients", '''class RMSProp:
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = None

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if self.square_avg is None:
                self.square_avg = np.zeros_like(g)
            self.square_avg = self.alpha * self.square_avg + (1 - self.alpha) * g * g
            params[key] -= self.lr * g / (np.sqrt(self.square_avg) + self.eps)'''),
    ],
    "Adam": [
        ("t-starts-at-0", "increments t after the step, so the first step uses t = 0 and divides by 1 - beta^0 = 0", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        self.t += 1'''),
        ("t-per-parameter", "increments t once per parameter instead of once per call to update", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            self.t += 1
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)'''),
        ("no-bias-correction", "leaves out the bias correction: steps with m and v directly", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + self.eps)'''),
        ("eps-inside-sqrt", "adds eps inside the square root", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / np.sqrt(v_hat + self.eps)'''),
        ("paper-efficient-form", "uses the Adam paper's rearranged step lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps), which adds eps to the uncorrected sqrt(v)", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            step_size = self.lr * np.sqrt(1 - self.beta2 ** self.t) / (1 - self.beta1 ** self.t)
            params[key] -= step_size * self.m[key] / (np.sqrt(self.v[key]) + self.eps)'''),
        ("corrections-swapped", "corrects m with beta2 and v with beta1", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta2 ** self.t)
            v_hat = self.v[key] / (1 - self.beta1 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)'''),
        ("correction-overwrites-state", "divides the stored m and v by the bias correction in place, so the corrected values are carried into the next step", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            self.m[key] /= 1 - self.beta1 ** self.t
            self.v[key] /= 1 - self.beta2 ** self.t
            params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + self.eps)'''),
        ("betas-swapped", "unpacks betas in the wrong order, so m decays with 0.999 and v with 0.9", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta2, self.beta1 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)'''),
        ("v-without-square", "averages g instead of g * g in v (and takes the square root of a signed average)", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * np.abs(g)
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)'''),
        ("class-level-step-count", "keeps t and the averages in class attributes, so a second Adam object continues the first one's count", '''class Adam:
    m = {}
    v = {}
    t = 0

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps

    def update(self, params, grads):
        Adam.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)'''),
        ("hardcoded-betas", "ignores the betas it was given and always uses torch's defaults", '''class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = 0.9, 0.999
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key]
            if key not in self.m:
                self.m[key] = np.zeros_like(g)
                self.v[key] = np.zeros_like(g)
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)'''),
    ],
}
