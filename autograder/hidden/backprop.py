"""Hidden checks of the backpropagation exercise.

Each ``check_*`` takes the student's function, compares it with the reference
on the homework's numbers and on random ones, and raises ``CheckFailed`` with a
diagnosis when it is wrong.
"""

from __future__ import annotations

import numpy as np

from autograder.checking import numerical_gradient
from autograder.diagnosis import CheckFailed, check_against_reference
from autograder.mistakes.backprop import MISTAKES
from autograder.reference import backprop as reference

RANDOM_CASES = 5


def _network_inputs(seed: int = 2024):
    """The homework's example first, then random inputs, targets and weights."""
    rng = np.random.default_rng(seed)
    yield np.array(reference.SEED_X), np.array(reference.SEED_Y), np.array(reference.SEED_W)
    for _ in range(RANDOM_CASES):
        yield rng.uniform(-1, 1, 2), rng.uniform(0.05, 0.95, 2), rng.normal(0, 1, 8)


def _describe_network_case(case) -> str:
    x, y, w = case[:3]
    return f"x={np.round(x, 4).tolist()}, y={np.round(y, 4).tolist()}, w={np.round(w, 4).tolist()}"


def check_forward_propagate(forward_propagate) -> None:
    check_against_reference(
        name="forward_propagate",
        student=forward_propagate,
        reference=reference.forward_propagate,
        mistakes=MISTAKES["forward_propagate"],
        cases=list(_network_inputs()),
        describe=_describe_network_case,
    )


def check_back_propagate(back_propagate, forward_propagate=None) -> None:
    """Compare with the reference gradients; then, if the student's forward pass
    is right, with numerical gradients of the student's own forward pass."""
    cases = []
    for x, y, w in _network_inputs(seed=7):
        out_o1, out_o2, out_h1, out_h2, _ = reference.forward_propagate(x, y, w)
        cases.append((x, y, w, out_o1, out_o2, out_h1, out_h2))
    check_against_reference(
        name="back_propagate",
        student=back_propagate,
        reference=reference.back_propagate,
        mistakes=MISTAKES["back_propagate"],
        cases=cases,
        describe=_describe_network_case,
    )
    if forward_propagate is not None and _agrees_with_reference_forward(forward_propagate):
        for x, y, w, *_ in cases:
            _check_against_numerical_gradient(back_propagate, forward_propagate, x, y, w)


def _agrees_with_reference_forward(forward_propagate) -> bool:
    try:
        check_forward_propagate(forward_propagate)
    except AssertionError:
        return False
    return True


def _check_against_numerical_gradient(back_propagate, forward_propagate, x, y, w) -> None:
    weights = np.array(w, dtype=float)
    numerical = numerical_gradient(lambda: forward_propagate(x, y, weights)[4], weights)
    out_o1, out_o2, out_h1, out_h2, _ = forward_propagate(x, y, weights)
    analytic = np.asarray(back_propagate(x, y, weights.copy(), out_o1, out_o2, out_h1, out_h2), dtype=float)
    if analytic.shape != (8,) or not np.allclose(analytic, numerical, rtol=1e-5, atol=1e-8):
        worst = int(np.argmax(np.abs(analytic.reshape(-1)[:8] - numerical[: analytic.size])))
        raise CheckFailed(
            "back_propagate disagrees with the numerical gradient of your own forward_propagate "
            f"(central differences): d_w{worst + 1} is {analytic.reshape(-1)[worst]:.6g}, "
            f"the numerical estimate is {numerical[worst]:.6g}.\n  (seen with {_describe_network_case((x, y, w))})",
            "numerical-gradient",
        )


def check_update_w(update_w) -> None:
    rng = np.random.default_rng(11)
    cases = [
        (rng.normal(0, 1, 8), tuple(rng.normal(0, 1, 8)), float(step))
        for step in (reference.SEED_STEP, 0.1, 0.5)
    ]

    def observe(function, case):
        weights, grads, step = case
        returned = function(weights, grads, step)
        # What the caller still holds after the call is part of the behaviour.
        return returned, weights

    check_against_reference(
        name="update_w",
        student=update_w,
        reference=reference.update_w,
        mistakes=MISTAKES["update_w"],
        cases=cases,
        observe=observe,
        describe=lambda case: f"w={np.round(case[0], 4).tolist()}, step={case[2]}",
    )


def check_quadratic_gradients(quadratic_gradients) -> None:
    rng = np.random.default_rng(5)
    seed_case = (
        reference.QUADRATIC_X,
        reference.QUADRATIC_Y,
        reference.QUADRATIC_W1,
        reference.QUADRATIC_W2,
        reference.QUADRATIC_B,
    )
    cases = [seed_case] + [tuple(float(v) for v in rng.normal(0, 2, 5)) for _ in range(RANDOM_CASES)]
    check_against_reference(
        name="quadratic_gradients",
        student=quadratic_gradients,
        reference=reference.quadratic_gradients,
        mistakes=MISTAKES["quadratic_gradients"],
        cases=cases,
        describe=lambda case: "x={:.4g}, y={:.4g}, w1={:.4g}, w2={:.4g}, b={:.4g}".format(*case),
    )
