"""Answers written by an independent examiner from the student's view only (exercise notebook and book page)."""
CORRECT = {
    "Value": [
        '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()''',
        '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = _children
        self._op = _op

    @staticmethod
    def _result(data, parents, local_derivatives, op):
        # local_derivatives[i] is d(result)/d(parents[i]) at the forward values
        out = Value(data, parents, op)

        def _backward():
            for parent, local in zip(parents, local_derivatives):
                parent.grad += local * out.grad

        out._backward = _backward
        return out

    @staticmethod
    def _as_value(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._as_value(other)
        return Value._result(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = Value._as_value(other)
        return Value._result(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __pow__(self, n):
        return Value._result(self.data ** n, (self,), (n * self.data ** (n - 1),), f"**{n}")

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-Value._as_value(other))

    def __truediv__(self, other):
        return self * Value._as_value(other) ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return (-self) + other

    def __rtruediv__(self, other):
        return Value._as_value(other) * self ** -1

    def exp(self):
        e = math.exp(self.data)
        return Value._result(e, (self,), (e,), "exp")

    def log(self):
        return Value._result(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def tanh(self):
        t = math.tanh(self.data)
        return Value._result(t, (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self):
        e = math.exp(-abs(self.data))  # never overflows
        s = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        return Value._result(s, (self,), (s * (1.0 - s),), "sigmoid")

    def relu(self):
        positive = self.data > 0
        return Value._result(self.data if positive else 0.0, (self,), (1.0 if positive else 0.0,), "relu")

    def backward(self):
        order = []
        seen = {id(self)}
        stack = [(self, iter(self._prev))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if id(child) not in seen:
                    seen.add(id(child))
                    stack.append((child, iter(child._prev)))
                    break
            else:
                stack.pop()
                order.append(node)  # all of its inputs are already in the list
        self.grad = 1.0
        for node in reversed(order):
            node._backward()''',
        '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._children = tuple(_children)
        self._op = _op
        self._backward = lambda: None

    def __repr__(self):
        return f"Value({self.data!r}, grad={self.grad!r}, op={self._op!r})"

    def _unary(self, data, local, op):
        out = Value(data, (self,), op)

        def _backward():
            self.grad += local * out.grad

        out._backward = _backward
        return out

    def __add__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    __radd__ = __add__
    __rmul__ = __mul__

    def __neg__(self):
        return self * (-1)

    def __sub__(self, other):
        return self + (-1) * other

    def __rsub__(self, other):
        return (-1) * self + other

    def __truediv__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        return self * other.__pow__(-1)

    def __rtruediv__(self, other):
        return Value(other) * self.__pow__(-1)

    def __pow__(self, n):
        if isinstance(n, Value):
            raise TypeError("the exponent must be a plain number")
        return self._unary(self.data ** n, n * self.data ** (n - 1), f"**{n}")

    def exp(self):
        value = math.exp(self.data)
        return self._unary(value, value, "exp")

    def log(self):
        return self._unary(math.log(self.data), 1 / self.data, "log")

    def tanh(self):
        value = math.tanh(self.data)
        return self._unary(value, 1 - value ** 2, "tanh")

    def sigmoid(self):
        if self.data >= 0:
            value = 1 / (1 + math.exp(-self.data))
        else:
            value = math.exp(self.data) / (1 + math.exp(self.data))
        return self._unary(value, value * (1 - value), "sigmoid")

    def relu(self):
        return self._unary(max(self.data, 0.0), 1.0 if self.data > 0 else 0.0, "relu")

    def backward(self):
        # Collect the graph, count how many uses of each node are still to be processed,
        # and release a node once all of its uses have passed their gradient to it
        # (Kahn's algorithm, run from the output: the reverse of a topological order).
        nodes, stack, seen = [], [self], {id(self)}
        while stack:
            node = stack.pop()
            nodes.append(node)
            for child in node._children:
                if id(child) not in seen:
                    seen.add(id(child))
                    stack.append(child)
        uses_left = {id(node): 0 for node in nodes}
        for node in nodes:
            for child in node._children:
                uses_left[id(child)] += 1
        self.grad = 1
        ready = [self]
        while ready:
            node = ready.pop()
            node._backward()
            for child in node._children:
                uses_left[id(child)] -= 1
                if uses_left[id(child)] == 0:
                    ready.append(child)''',
        '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._parents = list(_children)
        self._local = []  # d(self)/d(parent), one number per parent, filled by the operation
        self._op = _op
        self._backward = self._pass_gradient_back

    def _pass_gradient_back(self):
        for parent, local in zip(self._parents, self._local):
            parent.grad += local * self.grad

    @classmethod
    def _node(cls, data, parents_and_locals, op):
        out = cls(data, [parent for parent, _ in parents_and_locals], op)
        out._local = [local for _, local in parents_and_locals]
        return out

    @staticmethod
    def _lift(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = self._lift(other)
        return self._node(self.data + other.data, [(self, 1.0), (other, 1.0)], "+")

    def __radd__(self, other):
        return self._lift(other) + self

    def __sub__(self, other):
        other = self._lift(other)
        return self._node(self.data - other.data, [(self, 1.0), (other, -1.0)], "-")

    def __rsub__(self, other):
        return self._lift(other) - self

    def __mul__(self, other):
        other = self._lift(other)
        return self._node(self.data * other.data, [(self, other.data), (other, self.data)], "*")

    def __rmul__(self, other):
        return self._lift(other) * self

    def __truediv__(self, other):
        other = self._lift(other)
        quotient = self.data / other.data
        return self._node(quotient, [(self, 1.0 / other.data), (other, -quotient / other.data)], "/")

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def __neg__(self):
        return self._node(-self.data, [(self, -1.0)], "neg")

    def __pow__(self, n):
        return self._node(self.data ** n, [(self, n * self.data ** (n - 1))], f"**{n}")

    def exp(self):
        e = math.exp(self.data)
        return self._node(e, [(self, e)], "exp")

    def log(self):
        return self._node(math.log(self.data), [(self, 1.0 / self.data)], "log")

    def tanh(self):
        t = math.tanh(self.data)
        return self._node(t, [(self, 1.0 - t * t)], "tanh")

    def sigmoid(self):
        if self.data >= 0:
            s = 1.0 / (1.0 + math.exp(-self.data))
        else:
            s = math.exp(self.data) / (1.0 + math.exp(self.data))
        return self._node(s, [(self, s * (1.0 - s))], "sigmoid")

    def relu(self):
        if self.data > 0:
            return self._node(self.data, [(self, 1.0)], "relu")
        return self._node(0.0, [(self, 0.0)], "relu")

    def backward(self):
        order, placed, expanded = [], set(), set()
        stack = [self]
        while stack:
            node = stack[-1]
            if id(node) in placed:
                stack.pop()
            elif id(node) in expanded:
                stack.pop()
                placed.add(id(node))
                order.append(node)
            else:
                expanded.add(id(node))
                stack.extend(p for p in node._parents if id(p) not in placed)
        self.grad = 1.0
        for node in order[::-1]:
            node._backward()''',
        '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    __slots__ = ("data", "grad", "_prev", "_op", "_backward")

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._prev = tuple(_children)
        self._op = _op
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        result = Value(self.data + other.data, (self, other), "+")

        def pass_gradient_back():
            self.grad += result.grad
            other.grad += result.grad

        result._backward = pass_gradient_back
        return result

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        result = Value(self.data - other.data, (self, other), "-")

        def pass_gradient_back():
            self.grad += result.grad
            other.grad -= result.grad

        result._backward = pass_gradient_back
        return result

    def __rsub__(self, other):
        # other - self, with other a plain number
        result = Value(other - self.data, (self,), "rsub")

        def pass_gradient_back():
            self.grad -= result.grad

        result._backward = pass_gradient_back
        return result

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        result = Value(self.data * other.data, (self, other), "*")

        def pass_gradient_back():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad

        result._backward = pass_gradient_back
        return result

    def __rmul__(self, other):
        return self.__mul__(other)

    def __truediv__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        result = Value(self.data / other.data, (self, other), "/")

        def pass_gradient_back():
            self.grad += result.grad / other.data
            other.grad -= result.grad * self.data / (other.data * other.data)

        result._backward = pass_gradient_back
        return result

    def __rtruediv__(self, other):
        # other / self, with other a plain number: d/dself = -other / self**2
        result = Value(other / self.data, (self,), "rdiv")

        def pass_gradient_back():
            self.grad -= result.grad * other / (self.data * self.data)

        result._backward = pass_gradient_back
        return result

    def __neg__(self):
        return self * -1.0

    def __pow__(self, n):
        result = Value(self.data ** n, (self,), "**")

        def pass_gradient_back():
            self.grad += n * self.data ** (n - 1) * result.grad

        result._backward = pass_gradient_back
        return result

    def _function(self, value, derivative, name):
        result = Value(value, (self,), name)

        def pass_gradient_back():
            self.grad += derivative * result.grad

        result._backward = pass_gradient_back
        return result

    def exp(self):
        value = math.exp(self.data)
        return self._function(value, value, "exp")

    def log(self):
        return self._function(math.log(self.data), 1 / self.data, "log")

    def tanh(self):
        value = math.tanh(self.data)
        return self._function(value, 1 - value * value, "tanh")

    def sigmoid(self):
        z = self.data
        value = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (math.exp(z) + 1)
        return self._function(value, value * (1 - value), "sigmoid")

    def relu(self):
        return self._function(self.data if self.data > 0 else 0, 1 if self.data > 0 else 0, "relu")

    def backward(self):
        topological = []
        done = set()
        todo = [self]
        while todo:
            node = todo.pop()
            if id(node) in done:
                continue
            waiting = [child for child in node._prev if id(child) not in done]
            if waiting:
                todo.append(node)
                todo.extend(waiting)
            else:
                done.add(id(node))
                topological.append(node)
        self.grad = 1
        for node in reversed(topological):
            node._backward()''',
    ],
    "quadratic_gradients_with_values": [
        '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = (w1 * x**2 + w2 * x + b - y) ** 2
    loss.backward()
    return (w1.grad, w2.grad, b.grad)''',
        '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    X, Y = Value(x), Value(y)
    W1, W2, B = Value(w1), Value(w2), Value(b)
    y_hat = W1 * X * X + W2 * X + B
    loss = (y_hat - Y) ** 2
    loss.backward()
    return float(W1.grad), float(W2.grad), float(B.grad)''',
        '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    params = [Value(w1), Value(w2), Value(b)]
    residual = params[0] * (x * x) + params[1] * x + params[2] - y
    loss = residual * residual
    loss.backward()
    return tuple(float(p.grad) for p in params)''',
        '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    a, c, d = Value(w1), Value(w2), Value(b)
    loss = ((a * x + c) * x + d - y) ** 2  # Horner's form of w1 x^2 + w2 x + b
    loss.backward()
    return a.grad, c.grad, d.grad''',
        '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1_v = Value(w1)
    w2_v = Value(w2)
    b_v = Value(b)
    prediction = x**2 * w1_v + x * w2_v + b_v
    loss = (y - prediction) ** 2
    loss.backward()
    return (float(w1_v.grad), float(w2_v.grad), float(b_v.grad))''',
    ],
    "network_step_with_values": [
        '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).sigmoid()
    h2 = (W[1] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * h1 + W[6] * h2).sigmoid()
    o2 = (W[5] * h1 + W[7] * h2).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - step * v.grad for v in W)
    return error.data, gradients, new_weights''',
        '''def network_step_with_values(x, y, w, step):
    weights = [Value(float(v)) for v in w]
    inputs = [Value(float(v)) for v in x]
    # into_hidden[k][j]: index of the weight from input j to hidden unit k (w1 = index 0)
    into_hidden = [[0, 2], [1, 3]]
    into_output = [[4, 6], [5, 7]]
    hidden = []
    for k in range(2):
        z = weights[into_hidden[k][0]] * inputs[0] + weights[into_hidden[k][1]] * inputs[1]
        hidden.append(z.sigmoid())
    outputs = []
    for k in range(2):
        z = weights[into_output[k][0]] * hidden[0] + weights[into_output[k][1]] * hidden[1]
        outputs.append(z.sigmoid())
    error = Value(0.0)
    for o, target in zip(outputs, y):
        error = error + 0.5 * (o - target) ** 2
    error.backward()
    gradients = [float(v.grad) for v in weights]
    new_weights = [float(v.data) - step * g for v, g in zip(weights, gradients)]
    return float(error.data), gradients, new_weights''',
        '''def network_step_with_values(x, y, w, step):
    w1, w2, w3, w4, w5, w6, w7, w8 = (Value(v) for v in w)
    x1, x2 = x
    y1, y2 = y

    def sig(z):
        return 1 / (1 + (-z).exp())

    h1 = sig(w1 * x1 + w3 * x2)
    h2 = sig(w2 * x1 + w4 * x2)
    o1 = sig(w5 * h1 + w7 * h2)
    o2 = sig(w6 * h1 + w8 * h2)
    e1 = o1 - y1
    e2 = o2 - y2
    error = (e1 * e1 + e2 * e2) / 2
    error.backward()
    params = (w1, w2, w3, w4, w5, w6, w7, w8)
    return error.data, tuple(p.grad for p in params), tuple(p.data - step * p.grad for p in params)''',
        '''def network_step_with_values(x, y, w, step):
    params = list(map(Value, w))
    h = [(params[k] * x[0] + params[k + 2] * x[1]).sigmoid() for k in range(2)]
    o = [(params[4 + k] * h[0] + params[6 + k] * h[1]).sigmoid() for k in range(2)]
    error = sum((0.5 * (o[k] - y[k]) ** 2 for k in range(2)), Value(0.0))
    error.backward()
    gradients = tuple(float(p.grad) for p in params)
    new_weights = tuple(float(p.data) - step * g for p, g in zip(params, gradients))
    return float(error.data), gradients, new_weights''',
        '''def network_step_with_values(x, y, w, step):
    W = [Value(v) for v in w]
    net_h1 = W[0] * x[0] + W[2] * x[1]
    net_h2 = W[1] * x[0] + W[3] * x[1]
    h1, h2 = net_h1.sigmoid(), net_h2.sigmoid()
    net_o1 = W[4] * h1 + W[6] * h2
    net_o2 = W[5] * h1 + W[7] * h2
    o1, o2 = net_o1.sigmoid(), net_o2.sigmoid()
    error = ((o1 - y[0]) ** 2 + (o2 - y[1]) ** 2) * 0.5
    error.backward()
    error_value = error.data
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(w_i - step * g for w_i, g in zip(w, gradients))
    return error_value, gradients, new_weights''',
    ],
}
WRONG = {
    "Value": [
        ("assigns-gradient", "assigns the gradient (=) in every backward rule instead of adding to it, so a Value used twice keeps only the last contribution", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = out.grad
            other.grad = out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad = -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad = out.grad
            other.grad = -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad = out.grad / other.data
            other.grad = -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad = n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad = out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,), "log")

        def _backward():
            self.grad = out.grad / self.data

        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad = (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad = out.data * (1 - out.data) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad = (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("recursive-sort", "builds the topological order with a recursive function, which the instructions forbid and which hits the recursion limit on long chains", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        order = []
        visited = set()

        def build(node):
            if id(node) not in visited:
                visited.add(id(node))
                for child in node._prev:
                    build(child)
                order.append(node)

        build(self)
        self.grad = 1
        for node in reversed(order):
            node._backward()'''),
        ("preorder-stack", "lists each node when the stack first reaches it (pre-order), which is not a topological order once a node is reached along two paths", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # depth-first search with a stack, each node listed when it is first reached
        order = []
        visited = set()
        stack = [self]
        while stack:
            node = stack.pop()
            if id(node) in visited:
                continue
            visited.add(id(node))
            order.append(node)
            stack.extend(node._prev)
        # the output comes first in this list, so walk it as it is
        self.grad = 1
        for node in order:
            node._backward()'''),
        ("breadth-first-order", "walks the graph breadth-first from the output, so a node used at two depths passes its gradient on before it has all of it", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # breadth-first from the output: the nodes nearest to the output come first
        order = [self]
        visited = {id(self)}
        position = 0
        while position < len(order):
            node = order[position]
            position += 1
            for child in node._prev:
                if id(child) not in visited:
                    visited.add(id(child))
                    order.append(child)
        self.grad = 1
        for node in order:
            node._backward()'''),
        ("no-visited-set", "builds the order without remembering visited nodes, so a shared node appears several times and passes its gradient on more than once", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        order = []
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            else:
                stack.append((node, True))
                for child in node._prev:
                    stack.append((child, False))
        self.grad = 1
        for node in reversed(order):
            node._backward()'''),
        ("forward-order", "calls _backward() in topological order instead of its reverse", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in order:
            node._backward()'''),
        ("no-output-seed", "never sets out.grad = 1, so every gradient stays 0", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("tanh-of-input", "uses 1 - a**2 with the input a for the derivative of tanh, instead of 1 - tanh(a)**2", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - self.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("sigmoid-of-input", "writes the sigmoid's derivative as a(1 - a) with the input a instead of the output sigmoid(a)", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += self.data * (1 - self.data) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("exp-derivative-input", "passes back a * grad for exp instead of exp(a) * grad", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += self.data * out.grad

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("log-derivative-output", "divides by the output log(a) instead of the input a in the derivative of log", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += out.grad / out.data

        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("relu-at-zero", "lets relu pass the gradient at a = 0 (a >= 0), where the derivative is 0", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data >= 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("rsub-reversed", "computes 2 - v as v - 2 in __rsub__", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return self - other

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("rtruediv-reversed", "computes 1 / v as v / 1 in __rtruediv__", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return self / other

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("missing-radd", "defines no __radd__, so 1 + v raises a TypeError (v + 1 works)", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("pow-precedence", "writes n * a ** n - 1 without parentheses, which is n a^n - 1, not n a^(n-1)", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += (n * self.data ** n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("division-sign", "gives the divisor the gradient +a/b**2 instead of -a/b**2", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("sub-no-minus", "passes +grad instead of -grad to the right operand of a - b", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
        ("mul-own-factor", "multiplies each factor's gradient by its own value instead of the other factor's", '''class Value:
    """A number that remembers how it was computed (see the description above)."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad += -out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += self.data * out.grad
            other.grad += other.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad

        out._backward = _backward
        return out

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __pow__(self, n):
        assert isinstance(n, (int, float)), "only plain-number exponents"
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

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
            self.grad += (1 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1 + e)
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
        # 1. topological order with an explicit stack (post-order depth-first search)
        order = []
        visited = set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                for child in node._prev:
                    if id(child) not in visited:
                        stack.append((child, False))
        # 2. the output's gradient
        self.grad = 1
        # 3. every node passes its gradient on, in reverse topological order
        for node in reversed(order):
            node._backward()'''),
    ],
    "quadratic_gradients_with_values": [
        ("returns-data", "returns the parameters' values (.data) instead of their gradients", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = (w1 * x**2 + w2 * x + b - y) ** 2
    loss.backward()
    return (w1.data, w2.data, b.data)'''),
        ("returns-values", "returns the Value objects themselves instead of plain numbers", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = (w1 * x**2 + w2 * x + b - y) ** 2
    loss.backward()
    return (w1, w2, b)'''),
        ("no-square", "forgets to square the residual, so it differentiates r instead of r^2", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = w1 * x**2 + w2 * x + b - y
    loss.backward()
    return (w1.grad, w2.grad, b.grad)'''),
        ("half-factor", "puts a factor 1/2 in front of the loss, as in the network's error", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = 0.5 * (w1 * x**2 + w2 * x + b - y) ** 2
    loss.backward()
    return (w1.grad, w2.grad, b.grad)'''),
        ("no-backward", "never calls backward(), so it returns the initial gradients 0", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = (w1 * x**2 + w2 * x + b - y) ** 2
    return (w1.grad, w2.grad, b.grad)'''),
        ("x-times-2", "writes x * 2 where the model has x ** 2", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = (w1 * x * 2 + w2 * x + b - y) ** 2
    loss.backward()
    return (w1.grad, w2.grad, b.grad)'''),
        ("linear-in-x", "builds w1 * x instead of w1 * x**2 (the same at x = 1)", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = (w1 * x + w2 * x + b - y) ** 2
    loss.backward()
    return (w1.grad, w2.grad, b.grad)'''),
        ("plus-y", "adds y instead of subtracting it", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    w1, w2, b = Value(w1), Value(w2), Value(b)
    loss = (w1 * x**2 + w2 * x + b + y) ** 2
    loss.backward()
    return (w1.grad, w2.grad, b.grad)'''),
        ("fresh-values", "builds the loss from new Values and reads the gradients of other Values that the loss does not use", '''def quadratic_gradients_with_values(x, y, w1, w2, b):
    params = (Value(w1), Value(w2), Value(b))
    loss = (Value(w1) * x**2 + Value(w2) * x + Value(b) - y) ** 2
    loss.backward()
    return tuple(p.grad for p in params)'''),
    ],
    "network_step_with_values": [
        ("row-major-numbering", "numbers the weights row by row (h1 from w1 and w2, o1 from w5 and w6) instead of the chapter's numbering", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[1] * x[1]).sigmoid()
    h2 = (W[2] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * h1 + W[5] * h2).sigmoid()
    o2 = (W[6] * h1 + W[7] * h2).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - step * v.grad for v in W)
    return error.data, gradients, new_weights'''),
        ("plus-sign-step", "steps along the gradient: w + step * grad", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).sigmoid()
    h2 = (W[1] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * h1 + W[6] * h2).sigmoid()
    o2 = (W[5] * h1 + W[7] * h2).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data + step * v.grad for v in W)
    return error.data, gradients, new_weights'''),
        ("ignores-step", "forgets the step size in the update", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).sigmoid()
    h2 = (W[1] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * h1 + W[6] * h2).sigmoid()
    o2 = (W[5] * h1 + W[7] * h2).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - v.grad for v in W)
    return error.data, gradients, new_weights'''),
        ("no-half", "leaves out the factor 1/2 of the error", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).sigmoid()
    h2 = (W[1] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * h1 + W[6] * h2).sigmoid()
    o2 = (W[5] * h1 + W[7] * h2).sigmoid()
    error = (o1 - y[0]) ** 2 + (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - step * v.grad for v in W)
    return error.data, gradients, new_weights'''),
        ("float-sigmoid-hidden", "computes the hidden units with math on .data, so no gradient reaches w1 ... w4", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = 1 / (1 + math.exp(-(W[0] * x[0] + W[2] * x[1]).data))
    h2 = 1 / (1 + math.exp(-(W[1] * x[0] + W[3] * x[1]).data))
    o1 = (W[4] * h1 + W[6] * h2).sigmoid()
    o2 = (W[5] * h1 + W[7] * h2).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - step * v.grad for v in W)
    return error.data, gradients, new_weights'''),
        ("returns-error-value", "returns the Value of the error instead of the plain number error.data", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).sigmoid()
    h2 = (W[1] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * h1 + W[6] * h2).sigmoid()
    o2 = (W[5] * h1 + W[7] * h2).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - step * v.grad for v in W)
    return error, gradients, new_weights'''),
        ("new-weights-as-values", "computes the new weights with Value arithmetic (v - step * v.grad), so they are Values, not plain numbers", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).sigmoid()
    h2 = (W[1] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * h1 + W[6] * h2).sigmoid()
    o2 = (W[5] * h1 + W[7] * h2).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v - step * v.grad for v in W)
    return error.data, gradients, new_weights'''),
        ("tanh-units", "uses tanh units instead of sigmoid units", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).tanh()
    h2 = (W[1] * x[0] + W[3] * x[1]).tanh()
    o1 = (W[4] * h1 + W[6] * h2).tanh()
    o2 = (W[5] * h1 + W[7] * h2).tanh()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - step * v.grad for v in W)
    return error.data, gradients, new_weights'''),
        ("outputs-from-inputs", "feeds the inputs x instead of the hidden units into the outputs", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).sigmoid()
    h2 = (W[1] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * x[0] + W[6] * x[1]).sigmoid()
    o2 = (W[5] * x[0] + W[7] * x[1]).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - step * v.grad for v in W)
    return error.data, gradients, new_weights'''),
        ("error-after-step", "returns the error at the new weights instead of the error at w", '''def network_step_with_values(x, y, w, step):
    W = [Value(weight) for weight in w]
    h1 = (W[0] * x[0] + W[2] * x[1]).sigmoid()
    h2 = (W[1] * x[0] + W[3] * x[1]).sigmoid()
    o1 = (W[4] * h1 + W[6] * h2).sigmoid()
    o2 = (W[5] * h1 + W[7] * h2).sigmoid()
    error = 0.5 * (o1 - y[0]) ** 2 + 0.5 * (o2 - y[1]) ** 2
    error.backward()
    gradients = tuple(v.grad for v in W)
    new_weights = tuple(v.data - step * v.grad for v in W)
    V = [Value(v) for v in new_weights]
    g1 = (V[0] * x[0] + V[2] * x[1]).sigmoid()
    g2 = (V[1] * x[0] + V[3] * x[1]).sigmoid()
    p1 = (V[4] * g1 + V[6] * g2).sigmoid()
    p2 = (V[5] * g1 + V[7] * g2).sigmoid()
    new_error = 0.5 * (p1 - y[0]) ** 2 + 0.5 * (p2 - y[1]) ** 2
    return new_error.data, gradients, new_weights'''),
    ],
}
