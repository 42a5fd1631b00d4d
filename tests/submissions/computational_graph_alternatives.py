"""Alternative correct answers to the computational-graph exercise.

Each is written the way a different student might write it. The tests paste
each one's source into the notebook as a submission, so each is
self-contained: the classes use only ``math`` (imported by the notebook's
set-up cell), the functions only the notebook's ``Value`` (whichever engine is
in place; the hidden checks supply the reference one). Names are
``<graded part>__<variant>``.
"""

import math

# --------------------------------------------------------------------------
# Part 1: the Value class
# --------------------------------------------------------------------------


class Value__kahn_order:
    """Subtraction, division and negation built from +, * and **; children kept
    in a set; the backward pass runs a node once all its consumers have run
    (Kahn's algorithm on the number of consumers)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value__kahn_order) else Value__kahn_order(other)
        out = Value__kahn_order(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value__kahn_order) else Value__kahn_order(other)
        out = Value__kahn_order(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, k):
        out = Value__kahn_order(self.data**k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * other**-1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return other + (-self)

    def __rtruediv__(self, other):
        return other * self**-1

    def exp(self):
        out = Value__kahn_order(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        out = Value__kahn_order(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += (1 / self.data) * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value__kahn_order(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t * t) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        s = 0.5 * (1 + math.tanh(self.data / 2))  # the same function as 1 / (1 + e^-x)
        out = Value__kahn_order(s, (self,), "sigmoid")

        def _backward():
            self.grad += s * (1 - s) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Value__kahn_order(max(0.0, self.data), (self,), "relu")

        def _backward():
            if self.data > 0:
                self.grad += out.grad

        out._backward = _backward
        return out

    def backward(self):
        consumers = {}
        seen, stack = {self}, [self]
        while stack:
            node = stack.pop()
            for child in node._prev:
                consumers[child] = consumers.get(child, 0) + 1
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        self.grad = 1
        ready = [self]
        while ready:
            node = ready.pop()
            node._backward()
            for child in node._prev:
                consumers[child] -= 1
                if consumers[child] == 0:
                    ready.append(child)


class Value__local_derivatives:
    """No closures: every node stores (input, local derivative) pairs when it is
    computed, and backward() applies the chain rule to those pairs."""

    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0.0
        self.parents = tuple(parents)  # ((input Value, d self / d input), ...)

    @staticmethod
    def lift(x):
        return x if isinstance(x, Value__local_derivatives) else Value__local_derivatives(x)

    def __add__(self, other):
        other = Value__local_derivatives.lift(other)
        return Value__local_derivatives(self.data + other.data, ((self, 1.0), (other, 1.0)))

    def __radd__(self, other):
        return Value__local_derivatives.lift(other) + self

    def __sub__(self, other):
        other = Value__local_derivatives.lift(other)
        return Value__local_derivatives(self.data - other.data, ((self, 1.0), (other, -1.0)))

    def __rsub__(self, other):
        return Value__local_derivatives.lift(other) - self

    def __mul__(self, other):
        other = Value__local_derivatives.lift(other)
        return Value__local_derivatives(self.data * other.data, ((self, other.data), (other, self.data)))

    def __rmul__(self, other):
        return Value__local_derivatives.lift(other) * self

    def __truediv__(self, other):
        other = Value__local_derivatives.lift(other)
        quotient = self.data / other.data
        return Value__local_derivatives(quotient, ((self, 1 / other.data), (other, -quotient / other.data)))

    def __rtruediv__(self, other):
        return Value__local_derivatives.lift(other) / self

    def __neg__(self):
        return Value__local_derivatives(-self.data, ((self, -1.0),))

    def __pow__(self, n):
        return Value__local_derivatives(self.data**n, ((self, n * self.data ** (n - 1)),))

    def exp(self):
        e = math.exp(self.data)
        return Value__local_derivatives(e, ((self, e),))

    def log(self):
        return Value__local_derivatives(math.log(self.data), ((self, 1 / self.data),))

    def tanh(self):
        t = math.tanh(self.data)
        return Value__local_derivatives(t, ((self, 1 - t**2),))

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data)) if self.data > -500 else 0.0
        return Value__local_derivatives(s, ((self, s * (1 - s)),))

    def relu(self):
        positive = self.data > 0
        return Value__local_derivatives(self.data if positive else 0.0, ((self, 1.0 if positive else 0.0),))

    def backward(self):
        # Depth-first with a stack of (node, iterator over its inputs): a node is
        # finished, and appended, when its iterator runs out.
        order, visited = [], {id(self)}
        stack = [(self, iter(self.parents))]
        while stack:
            node, inputs = stack[-1]
            for parent, _ in inputs:
                if id(parent) not in visited:
                    visited.add(id(parent))
                    stack.append((parent, iter(parent.parents)))
                    break
            else:
                stack.pop()
                order.append(node)
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in node.parents:
                parent.grad += local * node.grad


class Value__creation_order:
    """A node is always created after its inputs, so sorting the graph by
    creation number, newest first, is a reverse topological order. Operations
    share two helpers that compute the local derivatives in the forward pass."""

    created = 0

    def __init__(self, data, _children=(), _op=""):
        Value__creation_order.created += 1
        self.serial = Value__creation_order.created
        self.data = data
        self.grad = 0.0
        self._children = _children
        self._op = _op
        self._backward = lambda: None

    def _unary(self, data, local, op):
        out = Value__creation_order(data, (self,), op)

        def _backward():
            self.grad += local * out.grad

        out._backward = _backward
        return out

    def _binary(self, other, data, local_self, local_other, op):
        out = Value__creation_order(data, (self, other), op)

        def _backward():
            self.grad += local_self * out.grad
            other.grad += local_other * out.grad

        out._backward = _backward
        return out

    @staticmethod
    def _wrap(x):
        return x if isinstance(x, Value__creation_order) else Value__creation_order(x)

    def __add__(self, other):
        other = self._wrap(other)
        return self._binary(other, self.data + other.data, 1.0, 1.0, "+")

    def __sub__(self, other):
        other = self._wrap(other)
        return self._binary(other, self.data - other.data, 1.0, -1.0, "-")

    def __mul__(self, other):
        other = self._wrap(other)
        return self._binary(other, self.data * other.data, other.data, self.data, "*")

    def __truediv__(self, other):
        other = self._wrap(other)
        return self._binary(
            other, self.data / other.data, 1.0 / other.data, -self.data / (other.data * other.data), "/"
        )

    def __radd__(self, other):
        return self._wrap(other) + self

    def __rsub__(self, other):
        return self._wrap(other) - self

    def __rmul__(self, other):
        return self._wrap(other) * self

    def __rtruediv__(self, other):
        return self._wrap(other) / self

    def __neg__(self):
        return self._unary(-self.data, -1.0, "neg")

    def __pow__(self, p):
        return self._unary(self.data**p, p * self.data ** (p - 1), f"**{p}")

    def exp(self):
        return self._unary(math.exp(self.data), math.exp(self.data), "exp")

    def log(self):
        return self._unary(math.log(self.data), 1.0 / self.data, "log")

    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, 1.0 - t * t, "tanh")

    def sigmoid(self):
        s = 1.0 / (1.0 + math.exp(-self.data))
        return self._unary(s, s * (1.0 - s), "sigmoid")

    def relu(self):
        return self._unary(max(self.data, 0.0), float(self.data > 0), "relu")

    def backward(self):
        reachable, stack = {self}, [self]
        while stack:
            for child in stack.pop()._children:
                if child not in reachable:
                    reachable.add(child)
                    stack.append(child)
        self.grad = 1.0
        for node in sorted(reachable, key=lambda v: v.serial, reverse=True):
            node._backward()


# --------------------------------------------------------------------------
# Part 2: quadratic_gradients_with_values(x, y, w1, w2, b) -> (dL/dw1, dL/dw2, dL/db)
# --------------------------------------------------------------------------


def quadratic_gradients_with_values__square_as_product(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    residual = w1 * x * x + w2 * x + b - y
    loss = residual * residual  # residual is used twice: its gradient adds up
    loss.backward()
    return [w1.grad, w2.grad, b.grad]


def quadratic_gradients_with_values__everything_a_value(x, y, w1, w2, b):
    x, y = Value(x), Value(y)
    params = {"w1": Value(w1), "w2": Value(w2), "b": Value(b)}
    prediction = params["w1"] * x**2 + params["w2"] * x + params["b"]
    loss = (y - prediction) ** 2
    loss.backward()
    return tuple(params[name].grad for name in ("w1", "w2", "b"))


def quadratic_gradients_with_values__feature_loop(x, y, w1, w2, b):
    weights = [Value(w1), Value(w2), Value(b)]
    features = [x**2, x, 1.0]
    prediction = 0
    for weight, feature in zip(weights, features):
        prediction = prediction + feature * weight  # 0 + Value and number * Value: the reflected operators
    loss = (prediction - y) ** 2
    loss.backward()
    return tuple(weight.grad for weight in weights)


# --------------------------------------------------------------------------
# Part 3: network_step_with_values(x, y, w, step) -> (error, gradients, new weights)
# --------------------------------------------------------------------------


def network_step_with_values__loops(x, y, w, step):
    # w[j + 2*i] connects input i to hidden unit j; w[4 + k + 2*j] connects h_j to o_k
    weights = [Value(v) for v in w]
    hidden = []
    for j in range(2):
        net = weights[j] * x[0] + weights[j + 2] * x[1]
        hidden.append(net.sigmoid())
    error = 0
    for k in range(2):
        net = weights[4 + k] * hidden[0] + weights[6 + k] * hidden[1]
        error = error + 0.5 * (net.sigmoid() - y[k]) ** 2
    error.backward()
    gradients = [v.grad for v in weights]
    return error.data, gradients, [v.data - step * v.grad for v in weights]


def network_step_with_values__weight_rows(x, y, w, step):
    w1, w2, w3, w4, w5, w6, w7, w8 = params = [Value(v) for v in w]
    into_hidden = [[w1, w3], [w2, w4]]  # row j: the weights into h_j
    into_output = [[w5, w7], [w6, w8]]  # row k: the weights into o_k
    h = [sum(wi * xi for wi, xi in zip(row, x)).sigmoid() for row in into_hidden]
    o = [sum(wi * hi for wi, hi in zip(row, h)).sigmoid() for row in into_output]
    error = sum((ok - yk) ** 2 for ok, yk in zip(o, y)) / 2
    error.backward()
    return error.data, [p.grad for p in params], [p.data - step * p.grad for p in params]


def network_step_with_values__sigmoid_from_exp(x, y, w, step):
    def logistic(z):
        return 1 / (1 + (-z).exp())

    ws = tuple(Value(v) for v in w)
    h1 = logistic(ws[0] * x[0] + ws[2] * x[1])
    h2 = logistic(ws[1] * x[0] + ws[3] * x[1])
    o1 = logistic(ws[4] * h1 + ws[6] * h2)
    o2 = logistic(ws[5] * h1 + ws[7] * h2)
    error = ((o1 - y[0]) ** 2 + (o2 - y[1]) ** 2) * 0.5
    error.backward()
    grads = tuple(v.grad for v in ws)
    new_w = tuple(v.data - step * g for v, g in zip(ws, grads))
    return error.data, grads, new_w


ALTERNATIVES = {
    "Value": [Value__kahn_order, Value__local_derivatives, Value__creation_order],
    "quadratic_gradients_with_values": [
        quadratic_gradients_with_values__square_as_product,
        quadratic_gradients_with_values__everything_a_value,
        quadratic_gradients_with_values__feature_loop,
    ],
    "network_step_with_values": [
        network_step_with_values__loops,
        network_step_with_values__weight_rows,
        network_step_with_values__sigmoid_from_exp,
    ],
}
