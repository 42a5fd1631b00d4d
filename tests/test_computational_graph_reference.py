"""The reference engine of the computational-graph exercise against torch.autograd
(float64), central differences and the backpropagation chapter's hand-derived
gradients; and the expressions that the hidden checks build."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest
import torch

from autograder.checking import numerical_gradient
from autograder.hidden import computational_graph as hidden
from autograder.hidden.computational_graph import Constant, Expression
from autograder.reference import backprop as backprop_reference
from autograder.reference import computational_graph as reference
from autograder.reference.computational_graph import Value

FUNCTIONS = {
    "exp": (math.exp, torch.exp),
    "log": (math.log, torch.log),
    "tanh": (math.tanh, torch.tanh),
    "sigmoid": (lambda x: 1 / (1 + math.exp(-x)), torch.sigmoid),
    "relu": (lambda x: max(x, 0.0), torch.relu),
}


def torch_derivative(torch_function, x: float) -> float:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    torch_function(t).backward()
    return t.grad.item()


# --------------------------------------------------------------------------
# each operation
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, x",
    [(name, x) for name in FUNCTIONS for x in (-2.3, -0.4, 0.3, 1.9) if name != "log" or x > 0],
)
def test_each_function_matches_torch_in_value_and_slope(name, x):
    forward, torch_function = FUNCTIONS[name]
    v = Value(x)
    out = getattr(v, name)()
    out.backward()
    assert out.data == pytest.approx(forward(x), rel=1e-15)
    assert v.grad == pytest.approx(torch_derivative(torch_function, x), rel=1e-13, abs=1e-15)


@pytest.mark.parametrize(
    "text, build",
    [
        ("a + b", lambda a, b: a + b),
        ("a - b", lambda a, b: a - b),
        ("a * b", lambda a, b: a * b),
        ("a / b", lambda a, b: a / b),
        ("a ** 3 - b ** -1", lambda a, b: a**3 - b**-1),
        ("a ** 0.5 * -b", lambda a, b: a**0.5 * -b),
        ("2 * a + 3 / b", lambda a, b: 2 * a + 3 / b),
        ("1 - a / 4 + (b - 1)", lambda a, b: 1 - a / 4 + (b - 1)),
        ("(a * b).tanh() * a", lambda a, b: (a * b).tanh() * a),
    ],
)
def test_arithmetic_with_values_and_numbers_on_either_side_matches_torch(text, build):
    a, b = Value(1.7), Value(-0.6)
    out = build(a, b)
    out.backward()
    ta, tb = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (1.7, -0.6))
    expected = build(ta, tb)
    expected.backward()
    assert out.data == pytest.approx(expected.item(), rel=1e-14)
    assert (a.grad, b.grad) == pytest.approx((ta.grad.item(), tb.grad.item()), rel=1e-13)


def test_operations_record_their_inputs_in_order():
    a, b = Value(2.0), Value(5.0)
    assert (a - b)._prev == (a, b) and (a - b)._op == "-"
    assert (2 - a)._prev[1] is a and (2 - a).data == 0.0
    assert (a * a)._prev == (a, a)
    assert (a**3)._op == "**3" and (-a)._op == "neg"
    assert repr(Value(1.5)) == "Value(data=1.5, grad=0.0)"


def test_a_value_exponent_is_refused():
    with pytest.raises(TypeError):
        Value(2.0) ** Value(3.0)


def test_sigmoid_does_not_overflow_far_from_zero():
    for x, expected in [(-1000.0, 0.0), (1000.0, 1.0)]:
        v = Value(x)
        out = v.sigmoid()
        out.backward()
        assert out.data == pytest.approx(expected) and v.grad == pytest.approx(0.0)


# --------------------------------------------------------------------------
# the backward pass
# --------------------------------------------------------------------------


def test_a_node_used_twice_sums_the_gradients_of_its_uses():
    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0
    b = Value(3.0)
    (b + b + b).backward()
    assert b.grad == 3.0


def test_backward_is_iterative_even_with_a_tiny_recursion_limit():
    chain = start = Value(0.5)
    for _ in range(5000):
        chain = chain * 1.0 + 0.0
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        chain.backward()
    finally:
        sys.setrecursionlimit(previous)
    assert start.grad == 1.0


@pytest.mark.parametrize("seed", range(8))
def test_random_graphs_match_torch_and_central_differences(seed):
    expression = hidden.random_expression(np.random.default_rng(seed), "graph", hidden.ALL_OPERATIONS, 25)
    data, grads = hidden.run_engine(Value, expression)
    torch_data, torch_grads = hidden.run_torch(expression)
    np.testing.assert_allclose(data, torch_data, rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(grads, torch_grads, rtol=1e-11, atol=1e-13)

    leaves = np.array(expression.leaves, dtype=float)

    def output():  # the same graph, built from the perturbed leaves
        return Expression("perturbed", tuple(leaves), expression.steps).build(Value)[-1].data

    np.testing.assert_allclose(grads[: len(leaves)], numerical_gradient(output, leaves), rtol=1e-6, atol=1e-8)


def test_gradient_of_every_node_is_what_torch_retains():
    expression = hidden.network_expression()
    _, grads = hidden.run_engine(Value, expression)
    _, torch_grads = hidden.run_torch(expression)
    np.testing.assert_allclose(grads, torch_grads, rtol=1e-12)
    assert np.count_nonzero(grads) == len(grads)


# --------------------------------------------------------------------------
# the chapter's two graphs and the graded functions
# --------------------------------------------------------------------------


def test_quadratic_example_gives_six_three_times_and_x_collects_two_paths():
    assert reference.quadratic_gradients_with_values(1.0, 2.0, 1.0, 2.0, 2.0) == (6.0, 6.0, 6.0)
    loss, (w1, w2, b), (x, y) = reference.quadratic_graph(1.0, 2.0, 1.0, 2.0, 2.0)
    loss.backward()
    assert loss.data == 9.0
    # x feeds x**2 and w2 * x: 2r * (w1 * 2x + w2) = 6 * 4
    assert x.grad == 24.0 and y.grad == -6.0
    assert [node.label for node in (loss, loss._prev[0])] == ["L", "r"]


@pytest.mark.parametrize("seed", range(10))
def test_quadratic_gradients_match_the_backprop_chapters_formula(seed):
    case = tuple(float(v) for v in np.random.default_rng(seed).normal(0.0, 2.0, 5))
    np.testing.assert_allclose(
        reference.quadratic_gradients_with_values(*case), backprop_reference.quadratic_gradients(*case), rtol=1e-12
    )


def network_cases():
    yield backprop_reference.SEED_X, backprop_reference.SEED_Y, backprop_reference.SEED_W, backprop_reference.SEED_STEP
    rng = np.random.default_rng(99)
    for step in (0.1, 1.0, 10.0):
        yield tuple(rng.uniform(-1, 1, 2)), tuple(rng.uniform(0.05, 0.95, 2)), tuple(rng.normal(0, 1, 8)), step


@pytest.mark.parametrize("case", list(network_cases()), ids=lambda c: f"step={c[3]}")
def test_network_step_matches_the_backprop_chapters_hand_derived_step(case):
    x, y, w, step = case
    error, gradients, new_weights = reference.network_step_with_values(x, y, w, step)
    x_a, y_a, w_a = (np.array(v, dtype=float) for v in (x, y, w))
    outputs = backprop_reference.forward_propagate(x_a, y_a, w_a)
    by_hand = backprop_reference.back_propagate(x_a, y_a, w_a, *outputs[:4])
    assert error == pytest.approx(outputs[4], rel=1e-14)
    np.testing.assert_allclose(gradients, by_hand, rtol=1e-11, atol=1e-16)
    np.testing.assert_allclose(new_weights, backprop_reference.update_w(w_a, by_hand, step), rtol=1e-12)


def test_ten_steps_with_the_engine_train_like_the_backprop_chapter():
    x, y, w = backprop_reference.SEED_X, backprop_reference.SEED_Y, backprop_reference.SEED_W
    expected, _ = backprop_reference.train(np.array(x), np.array(y), np.array(w), backprop_reference.SEED_STEP, 10)
    errors = []
    for _ in range(10):
        error, _, w = reference.network_step_with_values(x, y, w, backprop_reference.SEED_STEP)
        errors.append(error)
    np.testing.assert_allclose(errors, expected, rtol=1e-12)


def test_network_graph_has_h1_feeding_both_outputs():
    error, weights = reference.network_graph(reference.SEED_X, reference.SEED_Y, reference.SEED_W)
    nodes, stack = {}, [error]
    consumers: dict[int, int] = {}
    while stack:
        node = stack.pop()
        if id(node) in nodes:
            continue
        nodes[id(node)] = node
        for child in node._prev:
            consumers[id(child)] = consumers.get(id(child), 0) + 1
            stack.append(child)
    h1 = next(node for node in nodes.values() if node.label == "h1")
    assert consumers[id(h1)] == 2
    assert [w.label for w in weights] == [f"w{i}" for i in range(1, 9)]


# --------------------------------------------------------------------------
# the expressions of the hidden checks: they test what the exercise promises
# --------------------------------------------------------------------------


def all_check_expressions():
    return (
        hidden.ARITHMETIC
        + hidden.SINGLE_FUNCTIONS
        + hidden.SHARED
        + (hidden.quadratic_expression(), hidden.network_expression(), hidden.ladder(), hidden.deep_chain())
        + hidden.random_expressions(101, 4, hidden.BINARY + ("**", "neg"), 10, "a")
        + hidden.random_expressions(202, 4, hidden.ALL_OPERATIONS, 12, "f")
        + hidden.random_expressions(303, 6, hidden.ALL_OPERATIONS, 30, "b")
    )


def test_every_check_expression_agrees_between_reference_and_torch():
    for expression in all_check_expressions():
        got, expected = hidden.run_engine(Value, expression), hidden.run_torch(expression)
        assert hidden.same_numbers(got, expected, 1e-11, 1e-13), expression


def test_check_expressions_cover_reuse_numbers_on_the_left_every_operation_and_depth():
    steps = [step for expression in all_check_expressions() for step in expression.steps]
    operations = {step[0] for step in steps}
    assert operations == set(hidden.OPERATIONS)
    assert any(len(step) == 3 and step[1] == step[2] for step in steps), "the same node twice in one operation"
    for operation in hidden.BINARY:
        assert any(s[0] == operation and isinstance(s[1], Constant) for s in steps), f"a number left of {operation}"
        assert any(s[0] == operation and isinstance(s[2], Constant) for s in steps), f"a number right of {operation}"
    assert len(hidden.deep_chain().steps) > sys.getrecursionlimit()
    assert hidden.ladder().build(Value)[-1].data == pytest.approx(0.7)
    # reuse across operations: some node of every random graph feeds two or more later ones
    for expression in hidden.random_expressions(303, 6, hidden.ALL_OPERATIONS, 30, "b"):
        uses = [o for step in expression.steps for o in step[1:] if not isinstance(o, Constant)]
        assert max(uses.count(i) for i in set(uses)) >= 2


def test_random_expressions_are_reproducible_and_describe_themselves():
    first = hidden.random_expressions(7, 2, hidden.ALL_OPERATIONS, 12, "g")
    assert first == hidden.random_expressions(7, 2, hidden.ALL_OPERATIONS, 12, "g")
    small = Expression("x", (2.0,), (("*", Constant(2), 0), ("tanh", 1)))
    assert str(small) == "v0 = Value(2.0); v1 = 2 * v0; v2 = v1.tanh(); v2.backward()"
    assert str(first[0]).startswith("g #1 (") and "operations on 3 leaves" in str(first[0])
