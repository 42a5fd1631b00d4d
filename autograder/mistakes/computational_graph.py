"""Common mistakes in the computational-graph exercise, each as working wrong code.

The ``Value_<slug>`` classes are whole engines that are right except for one
mistake (named in the comment under the class line); the functions imitate
wrong answers to Parts 2 and 3. The tests paste each one into the notebook as a
submission, so each is self-contained: the classes use only ``math``, the
functions only the notebook's ``Value`` (the hidden checks supply it) and
``math``.
"""

from __future__ import annotations

import math

from autograder.diagnosis import Mistake, catalogue

# --------------------------------------------------------------------------
# Part 1: the Value class
# --------------------------------------------------------------------------


class Value_overwrites_gradient:
    # Every rule assigns to grad (=) instead of adding to it (+=).

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_overwrites_gradient) else Value_overwrites_gradient(other)
        out = Value_overwrites_gradient(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_overwrites_gradient) else Value_overwrites_gradient(other)
        out = Value_overwrites_gradient(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_overwrites_gradient(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad = exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_overwrites_gradient(-self.data, (self,), "neg")
        def _backward():
            self.grad = -out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_overwrites_gradient) else Value_overwrites_gradient(other)
        out = Value_overwrites_gradient(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad = out.grad
            other.grad = -out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_overwrites_gradient) else Value_overwrites_gradient(other)
        out = Value_overwrites_gradient(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad = out.grad / other.data
            other.grad = -out.grad * self.data / other.data**2
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value_overwrites_gradient(other) - self

    def __rtruediv__(self, other):
        return Value_overwrites_gradient(other) / self

    def exp(self):
        out = Value_overwrites_gradient(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad = out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value_overwrites_gradient(math.log(self.data), (self,), "log")
        def _backward():
            self.grad = out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_overwrites_gradient(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad = (1 - out.data**2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_overwrites_gradient(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad = out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value_overwrites_gradient(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad = (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                for child in node._prev:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


class Value_order_not_reversed:
    # The rules run in topological order (inputs first) instead of reversed.

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_order_not_reversed) else Value_order_not_reversed(other)
        out = Value_order_not_reversed(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_order_not_reversed) else Value_order_not_reversed(other)
        out = Value_order_not_reversed(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_order_not_reversed(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_order_not_reversed(-self.data, (self,), "neg")
        def _backward():
            self.grad -= out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_order_not_reversed) else Value_order_not_reversed(other)
        out = Value_order_not_reversed(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_order_not_reversed) else Value_order_not_reversed(other)
        out = Value_order_not_reversed(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data**2
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value_order_not_reversed(other) - self

    def __rtruediv__(self, other):
        return Value_order_not_reversed(other) / self

    def exp(self):
        out = Value_order_not_reversed(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value_order_not_reversed(math.log(self.data), (self,), "log")
        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_order_not_reversed(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad += (1 - out.data**2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_order_not_reversed(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value_order_not_reversed(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                for child in node._prev:
                    stack.append((child, False))
        self.grad = 1.0
        for node in order:
            node._backward()


class Value_breadth_first_order:
    # Breadth-first from the output: a node can pass its grad on before
    # every node that uses it has added to it.

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_breadth_first_order) else Value_breadth_first_order(other)
        out = Value_breadth_first_order(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_breadth_first_order) else Value_breadth_first_order(other)
        out = Value_breadth_first_order(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_breadth_first_order(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_breadth_first_order(-self.data, (self,), "neg")
        def _backward():
            self.grad -= out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_breadth_first_order) else Value_breadth_first_order(other)
        out = Value_breadth_first_order(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_breadth_first_order) else Value_breadth_first_order(other)
        out = Value_breadth_first_order(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data**2
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value_breadth_first_order(other) - self

    def __rtruediv__(self, other):
        return Value_breadth_first_order(other) / self

    def exp(self):
        out = Value_breadth_first_order(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value_breadth_first_order(math.log(self.data), (self,), "log")
        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_breadth_first_order(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad += (1 - out.data**2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_breadth_first_order(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value_breadth_first_order(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        self.grad = 1.0
        queue, seen = [self], {self}
        while queue:
            node = queue.pop(0)
            node._backward()
            for child in node._prev:
                if child not in seen:
                    seen.add(child)
                    queue.append(child)


class Value_no_upstream_gradient:
    # Each rule adds its local derivative alone, without the factor out.grad.

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_no_upstream_gradient) else Value_no_upstream_gradient(other)
        out = Value_no_upstream_gradient(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += 1.0
            other.grad += 1.0
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_no_upstream_gradient) else Value_no_upstream_gradient(other)
        out = Value_no_upstream_gradient(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data
            other.grad += self.data
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_no_upstream_gradient(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad += exponent * self.data ** (exponent - 1)
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_no_upstream_gradient(-self.data, (self,), "neg")
        def _backward():
            self.grad -= 1.0
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_no_upstream_gradient) else Value_no_upstream_gradient(other)
        out = Value_no_upstream_gradient(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad += 1.0
            other.grad -= 1.0
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_no_upstream_gradient) else Value_no_upstream_gradient(other)
        out = Value_no_upstream_gradient(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad += 1 / other.data
            other.grad -= self.data / other.data**2
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value_no_upstream_gradient(other) - self

    def __rtruediv__(self, other):
        return Value_no_upstream_gradient(other) / self

    def exp(self):
        out = Value_no_upstream_gradient(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad += out.data
        out._backward = _backward
        return out

    def log(self):
        out = Value_no_upstream_gradient(math.log(self.data), (self,), "log")
        def _backward():
            self.grad += 1 / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_no_upstream_gradient(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad += (1 - out.data**2)
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_no_upstream_gradient(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad += out.data * (1 - out.data)
        out._backward = _backward
        return out

    def relu(self):
        out = Value_no_upstream_gradient(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad += float(self.data > 0)
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                for child in node._prev:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


class Value_tanh_derivative_of_input:
    # tanh's derivative written with the input x instead of the output tanh(x).

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_tanh_derivative_of_input) else Value_tanh_derivative_of_input(other)
        out = Value_tanh_derivative_of_input(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_tanh_derivative_of_input) else Value_tanh_derivative_of_input(other)
        out = Value_tanh_derivative_of_input(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_tanh_derivative_of_input(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_tanh_derivative_of_input(-self.data, (self,), "neg")
        def _backward():
            self.grad -= out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_tanh_derivative_of_input) else Value_tanh_derivative_of_input(other)
        out = Value_tanh_derivative_of_input(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_tanh_derivative_of_input) else Value_tanh_derivative_of_input(other)
        out = Value_tanh_derivative_of_input(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data**2
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value_tanh_derivative_of_input(other) - self

    def __rtruediv__(self, other):
        return Value_tanh_derivative_of_input(other) / self

    def exp(self):
        out = Value_tanh_derivative_of_input(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value_tanh_derivative_of_input(math.log(self.data), (self,), "log")
        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_tanh_derivative_of_input(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad += (1 - self.data**2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_tanh_derivative_of_input(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value_tanh_derivative_of_input(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                for child in node._prev:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


class Value_no_reflected_operators:
    # No __radd__, __rmul__, __rsub__ or __rtruediv__: 2 * v raises TypeError.

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_no_reflected_operators) else Value_no_reflected_operators(other)
        out = Value_no_reflected_operators(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_no_reflected_operators) else Value_no_reflected_operators(other)
        out = Value_no_reflected_operators(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_no_reflected_operators(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_no_reflected_operators(-self.data, (self,), "neg")
        def _backward():
            self.grad -= out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_no_reflected_operators) else Value_no_reflected_operators(other)
        out = Value_no_reflected_operators(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_no_reflected_operators) else Value_no_reflected_operators(other)
        out = Value_no_reflected_operators(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data**2
        out._backward = _backward
        return out

    def exp(self):
        out = Value_no_reflected_operators(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value_no_reflected_operators(math.log(self.data), (self,), "log")
        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_no_reflected_operators(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad += (1 - out.data**2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_no_reflected_operators(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value_no_reflected_operators(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                for child in node._prev:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


class Value_reflected_operands_not_swapped:
    # 2 - v computes v - 2, and 2 / v computes v / 2.

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_reflected_operands_not_swapped) else Value_reflected_operands_not_swapped(other)
        out = Value_reflected_operands_not_swapped(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_reflected_operands_not_swapped) else Value_reflected_operands_not_swapped(other)
        out = Value_reflected_operands_not_swapped(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_reflected_operands_not_swapped(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_reflected_operands_not_swapped(-self.data, (self,), "neg")
        def _backward():
            self.grad -= out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_reflected_operands_not_swapped) else Value_reflected_operands_not_swapped(other)
        out = Value_reflected_operands_not_swapped(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_reflected_operands_not_swapped) else Value_reflected_operands_not_swapped(other)
        out = Value_reflected_operands_not_swapped(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data**2
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self - other

    def __rtruediv__(self, other):
        return self / other

    def exp(self):
        out = Value_reflected_operands_not_swapped(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value_reflected_operands_not_swapped(math.log(self.data), (self,), "log")
        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_reflected_operands_not_swapped(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad += (1 - out.data**2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_reflected_operands_not_swapped(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value_reflected_operands_not_swapped(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                for child in node._prev:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


class Value_recursive_topological_sort:
    # A recursive depth-first sort: one Python call per node of a chain.

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_recursive_topological_sort) else Value_recursive_topological_sort(other)
        out = Value_recursive_topological_sort(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_recursive_topological_sort) else Value_recursive_topological_sort(other)
        out = Value_recursive_topological_sort(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_recursive_topological_sort(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_recursive_topological_sort(-self.data, (self,), "neg")
        def _backward():
            self.grad -= out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_recursive_topological_sort) else Value_recursive_topological_sort(other)
        out = Value_recursive_topological_sort(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_recursive_topological_sort) else Value_recursive_topological_sort(other)
        out = Value_recursive_topological_sort(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data**2
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value_recursive_topological_sort(other) - self

    def __rtruediv__(self, other):
        return Value_recursive_topological_sort(other) / self

    def exp(self):
        out = Value_recursive_topological_sort(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value_recursive_topological_sort(math.log(self.data), (self,), "log")
        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_recursive_topological_sort(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad += (1 - out.data**2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_recursive_topological_sort(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value_recursive_topological_sort(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()

        def visit(node):
            if node not in visited:
                visited.add(node)
                for child in node._prev:
                    visit(child)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


class Value_power_rule_exponent:
    # The power rule without lowering the exponent: n * x**n instead of n * x**(n - 1).

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value_power_rule_exponent) else Value_power_rule_exponent(other)
        out = Value_power_rule_exponent(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value_power_rule_exponent) else Value_power_rule_exponent(other)
        out = Value_power_rule_exponent(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent):
        out = Value_power_rule_exponent(self.data**exponent, (self,), f"**{exponent}")
        def _backward():
            self.grad += exponent * self.data**exponent * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        out = Value_power_rule_exponent(-self.data, (self,), "neg")
        def _backward():
            self.grad -= out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value_power_rule_exponent) else Value_power_rule_exponent(other)
        out = Value_power_rule_exponent(self.data - other.data, (self, other), "-")
        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value_power_rule_exponent) else Value_power_rule_exponent(other)
        out = Value_power_rule_exponent(self.data / other.data, (self, other), "/")
        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data**2
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return Value_power_rule_exponent(other) - self

    def __rtruediv__(self, other):
        return Value_power_rule_exponent(other) / self

    def exp(self):
        out = Value_power_rule_exponent(math.exp(self.data), (self,), "exp")
        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value_power_rule_exponent(math.log(self.data), (self,), "log")
        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        out = Value_power_rule_exponent(math.tanh(self.data), (self,), "tanh")
        def _backward():
            self.grad += (1 - out.data**2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value_power_rule_exponent(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")
        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value_power_rule_exponent(max(self.data, 0.0), (self,), "relu")
        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                for child in node._prev:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()



# --------------------------------------------------------------------------
# Part 2: quadratic_gradients_with_values(x, y, w1, w2, b)
# --------------------------------------------------------------------------


def quadratic_gradients_with_values_backward_from_prediction(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    y_hat = w1 * x**2 + w2 * x + b
    loss = (y_hat - y) ** 2  # built, but the gradients are taken from y_hat
    y_hat.backward()
    return w1.grad, w2.grad, b.grad


def quadratic_gradients_with_values_no_backward(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = (w1 * x**2 + w2 * x + b - y) ** 2  # and backward() is never called
    return w1.grad, w2.grad, b.grad


def quadratic_gradients_with_values_by_hand(x, y, w1, w2, b):
    # Right numbers from the backprop chapter's formulas; the engine is not used.
    residual = w1 * x**2 + w2 * x + b - y
    return 2 * residual * x**2, 2 * residual * x, 2 * residual


# --------------------------------------------------------------------------
# Part 3: network_step_with_values(x, y, w, step)
# --------------------------------------------------------------------------


def network_step_with_values_ascends(x, y, w, step):
    (x1, x2), (y1, y2) = x, y
    weights = [Value(v) for v in w]
    w1, w2, w3, w4, w5, w6, w7, w8 = weights
    h1 = (w1 * x1 + w3 * x2).sigmoid()
    h2 = (w2 * x1 + w4 * x2).sigmoid()
    o1 = (w5 * h1 + w7 * h2).sigmoid()
    o2 = (w6 * h1 + w8 * h2).sigmoid()
    error = 0.5 * (o1 - y1) ** 2 + 0.5 * (o2 - y2) ** 2
    error.backward()
    gradients = [v.grad for v in weights]
    return error.data, gradients, [v.data + step * v.grad for v in weights]


def network_step_with_values_error_without_half(x, y, w, step):
    (x1, x2), (y1, y2) = x, y
    weights = [Value(v) for v in w]
    w1, w2, w3, w4, w5, w6, w7, w8 = weights
    h1 = (w1 * x1 + w3 * x2).sigmoid()
    h2 = (w2 * x1 + w4 * x2).sigmoid()
    o1 = (w5 * h1 + w7 * h2).sigmoid()
    o2 = (w6 * h1 + w8 * h2).sigmoid()
    error = (o1 - y1) ** 2 + (o2 - y2) ** 2
    error.backward()
    gradients = [v.grad for v in weights]
    return error.data, gradients, [v.data - step * v.grad for v in weights]


def network_step_with_values_swapped_w2_w3(x, y, w, step):
    (x1, x2), (y1, y2) = x, y
    weights = [Value(v) for v in w]
    w1, w2, w3, w4, w5, w6, w7, w8 = weights
    h1 = (w1 * x1 + w2 * x2).sigmoid()
    h2 = (w3 * x1 + w4 * x2).sigmoid()
    o1 = (w5 * h1 + w7 * h2).sigmoid()
    o2 = (w6 * h1 + w8 * h2).sigmoid()
    error = 0.5 * (o1 - y1) ** 2 + 0.5 * (o2 - y2) ** 2
    error.backward()
    gradients = [v.grad for v in weights]
    return error.data, gradients, [v.data - step * v.grad for v in weights]


def network_step_with_values_by_hand(x, y, w, step):
    # The backprop chapter's hand-derived gradients; the engine is not used.
    (x1, x2), (y1, y2) = x, y
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    h1 = 1 / (1 + math.exp(-(w1 * x1 + w3 * x2)))
    h2 = 1 / (1 + math.exp(-(w2 * x1 + w4 * x2)))
    o1 = 1 / (1 + math.exp(-(w5 * h1 + w7 * h2)))
    o2 = 1 / (1 + math.exp(-(w6 * h1 + w8 * h2)))
    error = 0.5 * (o1 - y1) ** 2 + 0.5 * (o2 - y2) ** 2
    delta_o1 = (o1 - y1) * o1 * (1 - o1)
    delta_o2 = (o2 - y2) * o2 * (1 - o2)
    delta_h1 = (delta_o1 * w5 + delta_o2 * w6) * h1 * (1 - h1)
    delta_h2 = (delta_o1 * w7 + delta_o2 * w8) * h2 * (1 - h2)
    gradients = [delta_h1 * x1, delta_h2 * x1, delta_h1 * x2, delta_h2 * x2,
                 delta_o1 * h1, delta_o2 * h1, delta_o1 * h2, delta_o2 * h2]
    return error, gradients, [w_i - step * g_i for w_i, g_i in zip(w, gradients)]


MISTAKES = catalogue(
    Mistake(
        "computational_graph.overwrites-gradient",
        "Value",
        "a Value that is used more than once keeps only the gradient of its last use: your "
        "backward rules assign to .grad (=) where they should add to it (+=). Every use of a "
        "node contributes, so each rule must do node.grad += local derivative * out.grad.",
        Value_overwrites_gradient,
    ),
    Mistake(
        "computational_graph.order-not-reversed",
        "Value",
        "the gradients look as if the backward rules ran from the inputs towards the output, "
        "so nodes passed on their .grad before they had received it. Call the _backward "
        "functions in reversed topological order: the output first.",
        Value_order_not_reversed,
    ),
    Mistake(
        "computational_graph.breadth-first-order",
        "Value",
        "the gradients are right where the graph is a tree but wrong where paths of different "
        "lengths meet: breadth-first order can run a node's rule before every node that uses it "
        "has added to its .grad. Sort the graph topologically (depth-first, post-order) and "
        "walk that order in reverse.",
        Value_breadth_first_order,
    ),
    Mistake(
        "computational_graph.no-upstream-gradient",
        "Value",
        "the gradients are only the local derivatives: each backward rule must multiply its local "
        "derivative by out.grad, the gradient that has reached the operation's output (the chain "
        "rule), for example self.grad += other.data * out.grad in __mul__.",
        Value_no_upstream_gradient,
    ),
    Mistake(
        "computational_graph.tanh-derivative-of-input",
        "Value",
        "tanh's gradient is off: its derivative is 1 - tanh(x)**2, the square of the output, so "
        "the rule is self.grad += (1 - out.data**2) * out.grad, not (1 - self.data**2).",
        Value_tanh_derivative_of_input,
    ),
    Mistake(
        "computational_graph.no-reflected-operators",
        "Value",
        "a plain number on the left of an operator fails: for 2 * v Python calls v.__rmul__(2). "
        "Define __radd__, __rmul__, __rsub__ and __rtruediv__ (and mind the order: 2 - v is not "
        "v - 2).",
        Value_no_reflected_operators,
    ),
    Mistake(
        "computational_graph.reflected-operands-not-swapped",
        "Value",
        "a number minus a Value (or divided by one) comes out with the operands swapped: "
        "in __rsub__(self, other) and __rtruediv__(self, other) the number `other` was on the "
        "left, so they compute other - self and other / self.",
        Value_reflected_operands_not_swapped,
    ),
    Mistake(
        "computational_graph.recursive-topological-sort",
        "Value",
        "backward() hit Python's recursion limit on a chain of more than a thousand operations: a "
        "recursive topological sort makes one nested call per node. Build the order with an "
        "explicit stack (a list you push to and pop from) instead.",
        Value_recursive_topological_sort,
    ),
    Mistake(
        "computational_graph.power-rule-exponent",
        "Value",
        "the gradient of v ** n is off: d(x**n)/dx = n * x**(n - 1), the exponent goes down by one.",
        Value_power_rule_exponent,
    ),
    Mistake(
        "computational_graph.quadratic-backward-from-prediction",
        "quadratic_gradients_with_values",
        "these are the gradients of the prediction y_hat, not of the loss: call backward() on "
        "the loss (y_hat - y)**2, whose gradient with respect to y_hat is 2 * (y_hat - y).",
        quadratic_gradients_with_values_backward_from_prediction,
    ),
    Mistake(
        "computational_graph.quadratic-no-backward",
        "quadratic_gradients_with_values",
        "every gradient is 0, which is what a Value holds before backward() runs: call "
        "loss.backward() before reading w1.grad, w2.grad and b.grad.",
        quadratic_gradients_with_values_no_backward,
    ),
    Mistake(
        "computational_graph.quadratic-by-hand",
        "quadratic_gradients_with_values",
        "the numbers are right, but they do not come from the engine: no Value you created "
        "received a gradient. Build the loss from Values and read the .grad that backward() "
        "fills in.",
        quadratic_gradients_with_values_by_hand,
    ),
    Mistake(
        "computational_graph.network-ascends",
        "network_step_with_values",
        "the error and the gradients are right, but the weights move along the gradient: "
        "gradient descent subtracts, w_new = w - step * grad.",
        network_step_with_values_ascends,
    ),
    Mistake(
        "computational_graph.network-error-without-half",
        "network_step_with_values",
        "the error and the gradients are twice the expected values: the error is "
        "1/2 * ((o1 - y1)**2 + (o2 - y2)**2), with the factor 1/2.",
        network_step_with_values_error_without_half,
    ),
    Mistake(
        "computational_graph.network-swapped-w2-w3",
        "network_step_with_values",
        "your network has w2 and w3 swapped: h1 receives w1*x1 + w3*x2 and h2 receives "
        "w2*x1 + w4*x2, as in the backpropagation chapter.",
        network_step_with_values_swapped_w2_w3,
    ),
    Mistake(
        "computational_graph.network-by-hand",
        "network_step_with_values",
        "the numbers are right, but they do not come from the engine: no Value you created "
        "received a gradient. Build the error from Values, call backward() and read each "
        "weight's .grad.",
        network_step_with_values_by_hand,
    ),
)
