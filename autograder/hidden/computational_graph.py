"""Hidden checks of the computational-graph exercise.

Part 1 (the ``Value`` class): every check builds the same expression graphs
with the student's class and with ``torch.autograd`` in float64, calls
``backward()`` on the last node, and compares every node's ``data`` and
``grad`` to a relative 1e-9. An ``Expression`` is a small program (leaves,
then operations on earlier nodes and plain numbers), so one description builds
the graph with any engine: the student's, torch's, or a catalogued mistake's.

Parts 2 and 3 (``quadratic_gradients_with_values``, ``network_step_with_values``)
are run with the reference ``Value`` in place of the student's, so that a bug
in Part 1 costs points only there.
"""

from __future__ import annotations

import operator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from autograder.diagnosis import UNRECOGNISED, CheckFailed, check_against_reference, same_numbers
from autograder.mistakes.computational_graph import MISTAKES
from autograder.reference import computational_graph as reference

RTOL, ATOL = 1e-9, 1e-12
DEEP = 1200  # operations in the deep chain: more than Python's default recursion limit of 1000


# --------------------------------------------------------------------------
# expressions that any engine can build
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Constant:
    """A plain Python number in an expression (as opposed to an earlier node)."""

    value: float

    def __str__(self) -> str:
        return repr(self.value)


OPERATIONS: dict[str, Callable] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "**": operator.pow,
    "neg": operator.neg,
    "exp": lambda v: v.exp(),
    "log": lambda v: v.log(),
    "tanh": lambda v: v.tanh(),
    "sigmoid": lambda v: v.sigmoid(),
    "relu": lambda v: v.relu(),
}
BINARY = ("+", "-", "*", "/")
FUNCTIONS = ("exp", "log", "tanh", "sigmoid", "relu")


@dataclass(frozen=True)
class Expression:
    """Leaves ``v0 .. v{k-1}``, then one node per step: ``(operation, *operands)``,
    where an operand is the index of an earlier node or a ``Constant``. The last
    node is the output that ``backward()`` starts from."""

    title: str
    leaves: tuple[float, ...]
    steps: tuple[tuple, ...]

    def build(self, make_leaf: Callable) -> list:
        nodes = [make_leaf(value) for value in self.leaves]
        for operation, *operands in self.steps:
            arguments = [o.value if isinstance(o, Constant) else nodes[o] for o in operands]
            nodes.append(OPERATIONS[operation](*arguments))
        return nodes

    def line(self, index: int) -> str:
        """The code that makes node ``index``, e.g. ``v3 = 2 * v1``."""
        if index < len(self.leaves):
            return f"v{index} = Value({self.leaves[index]!r})"
        operation, *operands = self.steps[index - len(self.leaves)]
        names = [str(o) if isinstance(o, Constant) else f"v{o}" for o in operands]
        if operation in BINARY or operation == "**":
            return f"v{index} = {names[0]} {operation} {names[1]}"
        if operation == "neg":
            return f"v{index} = -{names[0]}"
        return f"v{index} = {names[0]}.{operation}()"

    def __str__(self) -> str:
        size = len(self.leaves) + len(self.steps)
        if len(self.steps) <= 4:
            return f"{'; '.join(self.line(i) for i in range(size))}; v{size - 1}.backward()"
        leaves = "1 leaf" if len(self.leaves) == 1 else f"{len(self.leaves)} leaves"
        return f"{self.title} ({len(self.steps)} operations on {leaves})"


def run_engine(value_class, expression: Expression) -> list[np.ndarray]:
    """[data of every node, grad of every node] after backward() on the last node."""
    nodes = expression.build(value_class)
    nodes[-1].backward()
    return [_numbers(nodes, "data"), _numbers(nodes, "grad")]


def run_torch(expression: Expression) -> list[np.ndarray]:
    """The same with torch.autograd in float64 (the expected values)."""
    nodes = expression.build(lambda value: torch.tensor(float(value), dtype=torch.float64, requires_grad=True))
    for node in nodes:
        if not node.is_leaf:
            node.retain_grad()
    nodes[-1].backward()
    data = np.array([node.item() for node in nodes])
    grads = np.array([0.0 if node.grad is None else node.grad.item() for node in nodes])
    return [data, grads]


def _numbers(nodes, attribute: str) -> np.ndarray:
    values = [getattr(node, attribute) for node in nodes]
    try:
        return np.array([float(value) for value in values])
    except (TypeError, ValueError):
        wrong = next(v for v in values if not isinstance(v, (int, float)))
        raise CheckFailed(
            f"a Value's .{attribute} should be a plain number, but one is {type(wrong).__name__}: "
            f"{wrong!r:.80}.\n  Keep numbers in .data and .grad, and Values only around them.",
            "wrong-type",
        ) from None


# --------------------------------------------------------------------------
# the fixed expressions of each check
# --------------------------------------------------------------------------


def _times_three(title, leaves, *step) -> Expression:
    """One operation, then * 3, so that its rule receives an upstream gradient of 3, not 1."""
    size = len(leaves)
    return Expression(title, tuple(leaves), (step, ("*", size, Constant(3.0))))


ARITHMETIC = (
    _times_three("a + b", (2.0, -3.0), "+", 0, 1),
    _times_three("a - b", (2.0, -3.0), "-", 0, 1),
    _times_three("a * b", (2.0, -3.0), "*", 0, 1),
    _times_three("a / b", (2.0, -3.0), "/", 0, 1),
    _times_three("-a", (2.0,), "neg", 0),
    _times_three("a ** 3", (2.0,), "**", 0, Constant(3)),
    _times_three("a ** -1", (-0.5,), "**", 0, Constant(-1)),
    _times_three("a ** 0.5", (2.0,), "**", 0, Constant(0.5)),
    _times_three("a + 1", (2.0,), "+", 0, Constant(1)),
    _times_three("a - 1", (2.0,), "-", 0, Constant(1)),
    _times_three("a / 4", (2.0,), "/", 0, Constant(4)),
    _times_three("2 * a", (2.0,), "*", Constant(2), 0),
    _times_three("1 + a", (2.0,), "+", Constant(1), 0),
    _times_three("1 - a", (2.0,), "-", Constant(1), 0),
    _times_three("1 / a", (2.0,), "/", Constant(1), 0),
    _times_three("0.5 * a", (-4.0,), "*", Constant(0.5), 0),
)

SINGLE_FUNCTIONS = (
    _times_three("a.exp()", (0.7,), "exp", 0),
    _times_three("a.log()", (2.5,), "log", 0),
    _times_three("a.tanh()", (0.8,), "tanh", 0),
    _times_three("a.tanh() at a negative a", (-1.3,), "tanh", 0),
    _times_three("a.sigmoid()", (0.4,), "sigmoid", 0),
    _times_three("a.sigmoid() at a negative a", (-2.0,), "sigmoid", 0),
    _times_three("a.relu() at a positive a", (1.5,), "relu", 0),
    _times_three("a.relu() at a negative a", (-1.5,), "relu", 0),
)

# Built by hand: reuse, and a node reached along paths of different lengths.
SHARED = (
    Expression("a * a", (3.0,), (("*", 0, 0),)),
    Expression("a + a", (3.0,), (("+", 0, 0),)),
    Expression("a - a", (3.0,), (("-", 0, 0),)),
    # v1 reaches v4 directly and through v2 and v3: a breadth-first walk handles v1
    # (level 1) before v2 (level 2) has added to it.
    Expression("a path that skips a level", (0.5,), (("*", 0, Constant(2.0)), ("tanh", 1), ("*", 2, Constant(3.0)), ("+", 1, 3))),
    # a diamond: v0 feeds v1 and v2, which meet again in v3
    Expression("a diamond", (0.3, -1.2), (("*", 0, 1), ("sigmoid", 0), ("+", 2, 3), ("*", 4, 0))),
)


def quadratic_expression() -> Expression:
    # loss = (w1 * x**2 + w2 * x + b - y)**2 at the chapter's numbers; x and y as plain numbers
    x, y = reference.QUADRATIC_X, reference.QUADRATIC_Y
    leaves = (reference.QUADRATIC_W1, reference.QUADRATIC_W2, reference.QUADRATIC_B)
    steps = (
        ("*", 0, Constant(x**2)), ("*", 1, Constant(x)), ("+", 3, 4), ("+", 5, 2),
        ("-", 6, Constant(y)), ("**", 7, Constant(2)),
    )
    return Expression("the quadratic model's loss", leaves, steps)


def network_expression() -> Expression:
    # the 2-2-2 sigmoid network of the backprop chapter; leaves v0..v7 are w1..w8
    (x1, x2), (y1, y2) = reference.SEED_X, reference.SEED_Y
    steps = []

    def add(*step) -> int:
        steps.append(step)
        return 8 + len(steps) - 1

    def unit(w_a, input_a, w_b, input_b) -> int:
        first = add("*", w_a, input_a)
        second = add("*", w_b, input_b)
        return add("sigmoid", add("+", first, second))

    h1 = unit(0, Constant(x1), 2, Constant(x2))
    h2 = unit(1, Constant(x1), 3, Constant(x2))
    o1 = unit(4, h1, 6, h2)
    o2 = unit(5, h1, 7, h2)
    half_1 = add("*", Constant(0.5), add("**", add("-", o1, Constant(y1)), Constant(2)))
    half_2 = add("*", Constant(0.5), add("**", add("-", o2, Constant(y2)), Constant(2)))
    add("+", half_1, half_2)
    return Expression("the 2-2-2 network's error at the chapter's weights", tuple(reference.SEED_W), tuple(steps))


def ladder(levels: int = 1000) -> Expression:
    # v <- 0.5 * v + 0.5 * v, a thousand times: every node is used twice, and each
    # level's gradient is exactly the sum of two halves of the next one.
    steps, node = [], 0
    for _ in range(levels):
        steps += [("*", node, Constant(0.5)), ("*", node, Constant(0.5))]
        steps.append(("+", len(steps) - 1, len(steps)))
        node = len(steps)
    return Expression(f"a ladder of {levels} levels, each node used twice", (0.7,), tuple(steps))


def deep_chain(length: int = DEEP) -> Expression:
    # one long path through every kind of node; the gradient stays of order one
    pattern = (("*", Constant(0.5)), ("tanh",), ("*", Constant(2.02)), ("neg",),
               ("+", Constant(0.3)), ("exp",), ("log",), ("-", Constant(0.1)))
    steps = []
    for index in range(length):
        operation, *constant = pattern[index % len(pattern)]
        steps.append((operation, index, *constant))
    return Expression(f"a chain of {length} operations", (0.3,), tuple(steps))


# --------------------------------------------------------------------------
# random expressions
# --------------------------------------------------------------------------


def _forward(operation, inputs):
    """The float result, or None where the operation is undefined or badly conditioned."""
    first = inputs[0]
    if (
        (operation == "/" and abs(inputs[1]) < 0.3)
        or (operation == "log" and first < 0.2)
        or (operation == "exp" and first > 3)
        or (operation == "relu" and abs(first) < 0.05)
        or (operation == "**" and first < 0.2 and not float(inputs[1]).is_integer())
        or (operation == "**" and inputs[1] < 0 and abs(first) < 0.3)
    ):
        return None
    if operation == "**":
        value = (reference.Value(first) ** inputs[1]).data
    else:
        value = OPERATIONS[operation](*(reference.Value(v) for v in inputs)).data
    return value if abs(value) <= 30 else None


def random_expression(rng: np.random.Generator, title: str, operations, steps: int, leaves: int = 3) -> Expression:
    """A random graph in which nodes are reused, sometimes twice by one operation,
    and numbers appear on either side of an operator. Every node that nothing
    uses is added into the output, so every node matters."""
    values = [float(np.round(rng.choice([-1, 1]) * rng.uniform(0.4, 2.0), 3)) for _ in range(leaves)]
    recipe: list[tuple] = []
    used = [False] * leaves
    while len(recipe) < steps:
        operation = operations[rng.integers(len(operations))]
        n = len(values)
        # mostly recent nodes (depth), sometimes any earlier one (reuse across the graph)
        first = int(rng.integers(max(0, n - 3), n)) if rng.random() < 0.7 else int(rng.integers(n))
        if operation in BINARY:
            kind = rng.integers(4)
            number = Constant(float(np.round(rng.choice([-1, 1]) * rng.uniform(0.5, 3.0), 2)))
            if kind == 0:
                operands = (first, int(rng.integers(n)))
            elif kind == 1:
                operands = (first, first)  # the same node on both sides
            elif kind == 2:
                operands = (number, first)  # a number on the left: the reflected operators
            else:
                operands = (first, number)
        elif operation == "**":
            operands = (first, Constant([2, 3, -1, 0.5, -0.5, 1.5][rng.integers(6)]))
        else:
            operands = (first,)
        inputs = [o.value if isinstance(o, Constant) else values[o] for o in operands]
        result = _forward(operation, inputs)
        if result is None:
            continue
        recipe.append((operation, *operands))
        values.append(result)
        used.append(False)
        for o in operands:
            if not isinstance(o, Constant):
                used[o] = True
    unused = [i for i, flag in enumerate(used) if not flag]
    total = unused[0]
    for index in unused[1:]:
        recipe.append(("+", total, index))
        total = len(values)
        values.append(0.0)  # only the index matters from here on
    return Expression(title, tuple(values[:leaves]), tuple(recipe))


def random_expressions(seed: int, count: int, operations, steps: int, title: str) -> tuple[Expression, ...]:
    rng = np.random.default_rng(seed)
    return tuple(random_expression(rng, f"{title} #{i + 1}", operations, steps) for i in range(count))


ALL_OPERATIONS = BINARY + ("**", "neg") + FUNCTIONS


# --------------------------------------------------------------------------
# the checks of Part 1
# --------------------------------------------------------------------------


def _mistake(mistake_id: str):
    return next(m for group in MISTAKES.values() for m in group if m.id == mistake_id)


def _fail_as(mistake_id: str, seen_with: str) -> CheckFailed:
    mistake = _mistake(mistake_id)
    return CheckFailed(f"Value is not right: {mistake.message}\n  (seen with {seen_with})", mistake.id)


def _run_student(value_class, expression: Expression) -> list[np.ndarray]:
    try:
        return run_engine(value_class, expression)
    except CheckFailed:
        raise
    except RecursionError:
        raise _fail_as("computational_graph.recursive-topological-sort", expression) from None
    except Exception as error:  # the student's code failing is a result, not a crash
        raise CheckFailed(
            f"Value raised {type(error).__name__}: {error}\n  while computing {expression}.", "raised"
        ) from None


def _recognise(got, expected, expression):
    for mistake in MISTAKES["Value"]:
        try:
            imitated = run_engine(mistake.implementation, expression)
        except Exception:
            continue
        if same_numbers(got, imitated, RTOL, ATOL) and not same_numbers(imitated, expected, RTOL, ATOL):
            return mistake
    return None


def _first_difference(expression, got, expected) -> str:
    (data, grads), (expected_data, expected_grads) = got, expected

    def close(a, b):
        return abs(a - b) <= ATOL + RTOL * abs(b)

    for index in range(len(data)):
        if not close(data[index], expected_data[index]):
            return (
                f"Value computes a wrong number in {expression}:\n  {expression.line(index)} gives "
                f"{float(data[index])!r}, but it should be {float(expected_data[index])!r}; check that "
                "operation's forward value."
            )
    # From the output backwards: the first wrong grad is the nearest to the rule that made it.
    for index in reversed(range(len(grads))):
        if not close(grads[index], expected_grads[index]):
            return (
                f"Value's gradients are wrong in {expression}:\n  after backward(), v{index}.grad is "
                f"{float(grads[index])!r}, but torch.autograd gives {float(expected_grads[index])!r}; check the "
                f"backward rules of the operations that use v{index}, and that each use adds to .grad."
            )
    return f"Value does not match torch.autograd in {expression}."


def _compare_with_torch(value_class, expressions) -> None:
    for expression in expressions:
        got = _run_student(value_class, expression)
        expected = run_torch(expression)
        if same_numbers(got, expected, RTOL, ATOL):
            continue
        mistake = _recognise(got, expected, expression)
        if mistake is not None:
            raise _fail_as(mistake.id, expression)
        raise CheckFailed(_first_difference(expression, got, expected), UNRECOGNISED)


def _check_numbers_on_the_left(value_class) -> None:
    for text, compute in (
        ("2 * v", lambda v: 2 * v),
        ("1 + v", lambda v: 1 + v),
        ("1 - v", lambda v: 1 - v),
        ("1 / v", lambda v: 1 / v),
    ):
        try:
            compute(value_class(4.0))
        except TypeError as error:
            raise _fail_as("computational_graph.no-reflected-operators", f"v = Value(4.0); {text}, which raised TypeError: {error}") from None
        except Exception:
            pass  # any other failure is reported, with its expression, by the comparisons


def check_Value_arithmetic(value_class) -> None:
    """+, -, *, / and ** between Values and with numbers on either side, and negation."""
    _check_numbers_on_the_left(value_class)
    operations = BINARY + ("**", "neg")
    _compare_with_torch(value_class, ARITHMETIC + random_expressions(101, 4, operations, 10, "a random arithmetic graph"))


def check_Value_functions(value_class) -> None:
    """exp, log, tanh, sigmoid and relu, alone and mixed with arithmetic."""
    _check_numbers_on_the_left(value_class)
    _compare_with_torch(value_class, SINGLE_FUNCTIONS + random_expressions(202, 4, ALL_OPERATIONS, 12, "a random graph"))


def check_Value_backward(value_class) -> None:
    """Reused nodes, the chapter's two graphs, deep graphs and larger random graphs."""
    _check_numbers_on_the_left(value_class)
    expressions = (
        SHARED
        + (quadratic_expression(), network_expression(), ladder(), deep_chain())
        + random_expressions(303, 6, ALL_OPERATIONS, 30, "a random graph with shared nodes")
    )
    _compare_with_torch(value_class, expressions)


# --------------------------------------------------------------------------
# Parts 2 and 3: the functions that use the engine
# --------------------------------------------------------------------------


@contextmanager
def _notebook_value(function, value_class):
    """Run ``function`` with ``Value`` in its module (the notebook) bound to ``value_class``."""
    namespace = getattr(function, "__globals__", None)
    if namespace is None:
        yield
        return
    missing = object()
    previous = namespace.get("Value", missing)
    namespace["Value"] = value_class
    try:
        yield
    finally:
        if previous is missing:
            del namespace["Value"]
        else:
            namespace["Value"] = previous


def _with_reference_value(function, case):
    with _notebook_value(function, reference.Value):
        return function(*case)


def _check_uses_the_engine(function, case, mistake_id: str, describe) -> None:
    """The numbers are right; did they come from backward()? Some Value that the
    function created must have received a gradient."""
    created = []

    class RecordingValue(reference.Value):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            created.append(self)

    with _notebook_value(function, RecordingValue):
        function(*case)
    if not any(float(node.grad) != 0.0 for node in created):
        mistake = _mistake(mistake_id)
        raise CheckFailed(f"{mistake.function} is not right: {mistake.message}\n  (seen with {describe(case)})", mistake.id)


def _describe_quadratic(case) -> str:
    return "x={:.4g}, y={:.4g}, w1={:.4g}, w2={:.4g}, b={:.4g}".format(*case)


def check_quadratic_gradients_with_values(quadratic_gradients_with_values) -> None:
    rng = np.random.default_rng(404)
    example = (
        reference.QUADRATIC_X, reference.QUADRATIC_Y, reference.QUADRATIC_W1, reference.QUADRATIC_W2, reference.QUADRATIC_B,
    )
    cases = [example] + [tuple(float(v) for v in rng.normal(0.0, 1.5, 5)) for _ in range(4)]
    check_against_reference(
        name="quadratic_gradients_with_values",
        student=quadratic_gradients_with_values,
        reference=reference.quadratic_gradients_with_values,
        mistakes=MISTAKES["quadratic_gradients_with_values"],
        cases=cases,
        observe=_with_reference_value,
        describe=_describe_quadratic,
    )
    _check_uses_the_engine(quadratic_gradients_with_values, example, "computational_graph.quadratic-by-hand", _describe_quadratic)


def _describe_network(case) -> str:
    x, y, w, step = case
    x, y, w = ([round(v, 4) for v in values] for values in (x, y, w))
    return f"x={x}, y={y}, w={w}, step={step:g}"


def check_network_step_with_values(network_step_with_values) -> None:
    rng = np.random.default_rng(505)
    example = (tuple(reference.SEED_X), tuple(reference.SEED_Y), tuple(reference.SEED_W), reference.SEED_STEP)
    cases = [example] + [
        (
            tuple(float(v) for v in rng.uniform(-1.0, 1.0, 2)),
            tuple(float(v) for v in rng.uniform(0.05, 0.95, 2)),
            tuple(float(v) for v in rng.normal(0.0, 1.0, 8)),
            float(step),
        )
        for step in (0.5, 2.0, 10.0)
    ]
    check_against_reference(
        name="network_step_with_values",
        student=network_step_with_values,
        reference=reference.network_step_with_values,
        mistakes=MISTAKES["network_step_with_values"],
        cases=cases,
        observe=_with_reference_value,
        describe=_describe_network,
    )
    _check_uses_the_engine(network_step_with_values, example, "computational_graph.network-by-hand", _describe_network)
