"""Reference answers for the computational-graph exercise.

``Value`` is a scalar automatic-differentiation engine: every operation on
Values records its inputs and the rule that sends the output's gradient back
to them, so the expression itself becomes a computational graph.
``backward()`` visits that graph in reverse topological order.

``quadratic_graph`` and ``network_graph`` build the two graphs of the chapter
(with labels, for the pictures); the two graded functions use them.
"""

from __future__ import annotations

import math

from autograder.reference.backprop import (  # noqa: F401  (the chapter's numbers, re-exported)
    QUADRATIC_B,
    QUADRATIC_W1,
    QUADRATIC_W2,
    QUADRATIC_X,
    QUADRATIC_Y,
    SEED_STEP,
    SEED_W,
    SEED_X,
    SEED_Y,
)


class Value:
    """A number that remembers how it was computed.

    ``data`` is the number, ``grad`` the derivative of the output that
    ``backward()`` was called on with respect to this number. ``_prev`` holds
    the Values this one was computed from (in operand order, repeated when an
    operand is used twice) and ``_backward`` adds this node's ``grad``, times
    the local derivatives, to theirs.
    """

    def __init__(self, data, _children=(), _op="", label=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, exponent):
        if not isinstance(exponent, (int, float)):
            return NotImplemented  # only numeric exponents: x ** 2, x ** -1, x ** 0.5
        out = Value(self.data**exponent, (self,), f"**{exponent}")

        def _backward():
            self.grad += exponent * self.data ** (exponent - 1) * out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad -= out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad -= out.grad

        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data**2

        out._backward = _backward
        return out

    # Python calls these when the left operand is a plain number: 2 * v is v.__rmul__(2).
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value(other) - self

    def __rtruediv__(self, other):
        return Value(other) / self

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1 - out.data**2) * out.grad  # tanh' written with the output

        out._backward = _backward
        return out

    def sigmoid(self):
        if self.data >= 0:
            s = 1 / (1 + math.exp(-self.data))
        else:  # the same number, without overflowing exp for very negative inputs
            s = math.exp(self.data) / (1 + math.exp(self.data))
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        """Fill in ``grad`` of every Value this one depends on."""
        # Depth-first post-order with an explicit stack: a node is appended after
        # everything it was computed from, and a chain of thousands of operations
        # does not hit Python's recursion limit.
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                stack.extend((child, False) for child in node._prev if child not in visited)
        self.grad = 1.0
        # Reversed, every node comes after all the nodes that use it, so its grad
        # is complete before it is passed on.
        for node in reversed(order):
            node._backward()


def quadratic_graph(x, y, w1, w2, b):
    """The loss (w1*x**2 + w2*x + b - y)**2 as a graph of Values.

    Returns ``(loss, (w1, w2, b), (x, y))``. x and y are Values too, so that the
    picture can show that x is used twice. The intermediate nodes carry the
    chapter's names: p = w1 x², q = w2 x, s = p + q, ŷ = s + b, r = ŷ - y, L = r².
    """
    x, y = Value(x, label="x"), Value(y, label="y")
    w1, w2, b = Value(w1, label="w1"), Value(w2, label="w2"), Value(b, label="b")
    named = {}
    named["x²"] = x**2
    named["p"] = w1 * named["x²"]
    named["q"] = w2 * x
    named["s"] = named["p"] + named["q"]
    named["ŷ"] = named["s"] + b
    named["r"] = named["ŷ"] - y
    named["L"] = named["r"] ** 2
    for label, node in named.items():
        node.label = label
    return named["L"], (w1, w2, b), (x, y)


def network_graph(x, y, w, value_class=Value):
    """The error of the 2-2-2 sigmoid network (numbering of the backprop chapter).

    Returns ``(error, weights)``: weights are the eight Values w1..w8; the inputs
    and targets stay plain numbers. ``value_class`` can be another engine with
    the same operations (the book builds the graph with a wrong one, too).
    """
    (x1, x2), (y1, y2) = x, y
    w1, w2, w3, w4, w5, w6, w7, w8 = weights = [value_class(float(v)) for v in w]
    for number, weight in enumerate(weights, 1):
        weight.label = f"w{number}"
    units = {}
    units["h1"] = (w1 * x1 + w3 * x2).sigmoid()
    units["h2"] = (w2 * x1 + w4 * x2).sigmoid()
    units["o1"] = (w5 * units["h1"] + w7 * units["h2"]).sigmoid()
    units["o2"] = (w6 * units["h1"] + w8 * units["h2"]).sigmoid()
    for name, unit in units.items():
        unit.label = name
    error = 0.5 * (units["o1"] - y1) ** 2 + 0.5 * (units["o2"] - y2) ** 2
    error.label = "E"
    return error, weights


def quadratic_gradients_with_values(x, y, w1, w2, b):
    """(dL/dw1, dL/dw2, dL/db) of L = (w1*x**2 + w2*x + b - y)**2, by the engine."""
    loss, parameters, _ = quadratic_graph(x, y, w1, w2, b)
    loss.backward()
    return tuple(p.grad for p in parameters)


def network_step_with_values(x, y, w, step):
    """One gradient-descent step on the 2-2-2 network, with the engine's gradients.

    Returns ``(error, gradients, new_weights)``: the error at ``w``, the eight
    gradients dE/dw1..dE/dw8 and ``w - step * gradients``, as plain floats.
    """
    error, weights = network_graph(x, y, w)
    error.backward()
    gradients = [v.grad for v in weights]
    new_weights = [v.data - step * v.grad for v in weights]
    return error.data, gradients, new_weights
