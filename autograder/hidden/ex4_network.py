"""Hidden checks of the ex4 network exercise.

Each ``check_<function>`` takes the student's function and raises
``CheckFailed`` with a diagnosis when it is wrong.

The exercise's functions call one another (``cost`` calls ``feed_forward``,
which calls ``deserialize`` and ``sigmoid``, ...). So that one wrong answer
costs the points of its own function only, every check runs the student's
function with the *other* graded functions it calls replaced by the
reference's (see ``isolated``): ``check_cost`` grades the student's cost, not
their feed_forward.
"""

from __future__ import annotations

import time
import types

import numpy as np

from autograder.checking import numerical_gradient, relative_error
from autograder.diagnosis import UNRECOGNISED, CheckFailed, check_against_reference
from autograder.mistakes.ex4_network import MISTAKES
from autograder.reference import ex4_network as reference

GRADED = (
    "expand_y",
    "serialize",
    "deserialize",
    "sigmoid",
    "feed_forward",
    "cost",
    "regularized_cost",
    "sigmoid_gradient",
    "gradient",
    "regularized_gradient",
    "random_init",
    "gradient_checking",
)

# Small networks keep the checks fast; the last case has the ex4 sizes.
CHECK_SIZES = ((4, 5, 3), (3, 4, 2), (6, 3, 4), (400, 25, 10))
VALUE_RTOL, VALUE_ATOL = 1e-9, 1e-12

# Training in check_regularized_gradient.
TRAINING_SAMPLES = 1000
TRAINING_LAMBDA = 1.0
TRAINING_MAX_ITERATIONS = 100
TRAINING_BUDGET_SECONDS = 30.0
TRAINING_REQUIRED_ACCURACY = 0.95
TRAINING_SEED = 0

# gradient_checking: relative differences below this count as "the gradient is right".
CHECKING_FLOOR = 1e-7


# --------------------------------------------------------------------------
# running one function on its own
# --------------------------------------------------------------------------


def isolated(function, graded_name: str, **overrides):
    """``function`` with every graded function but ``graded_name`` taken from the reference.

    The student's code runs unchanged; only the names it looks up change. Helpers
    the student defined next to it (plain functions in the same namespace) are
    rebound the same way, so they too see the reference's functions. ``overrides``
    replaces further names (a wrong gradient, to test gradient_checking).
    Anything that is not a plain Python function is returned as it is.
    """
    if not isinstance(function, types.FunctionType):
        return function
    original = function.__globals__
    namespace = dict(original)
    namespace.update({name: getattr(reference, name) for name in GRADED if name != graded_name})
    namespace.update(overrides)
    for name, value in original.items():
        is_helper = isinstance(value, types.FunctionType) and value.__globals__ is original
        if is_helper and name not in GRADED and name not in overrides and value is not function:
            namespace[name] = _rebound(value, namespace)
    return _rebound(function, namespace)


def _rebound(function, namespace):
    copy = types.FunctionType(
        function.__code__, namespace, function.__name__, function.__defaults__, function.__closure__
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__dict__.update(function.__dict__)
    return copy


def _observe_isolated(graded_name):
    def observe(function, case):
        return isolated(function, graded_name)(*case)

    return observe


def _check(name, student, cases, describe, observe=None):
    check_against_reference(
        name=name,
        student=student,
        reference=getattr(reference, name),
        mistakes=MISTAKES.get(name, ()),
        cases=cases,
        observe=observe or _observe_isolated(name),
        describe=describe,
        rtol=VALUE_RTOL,
        atol=VALUE_ATOL,
    )


# --------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------


def parameter_count(sizes) -> int:
    n, hidden, k = sizes
    return hidden * (n + 1) + k * (hidden + 1)


def network_cases(seed: int):
    """(theta, X, y, sizes) for each of CHECK_SIZES, with random weights, inputs and one-hot labels."""
    rng = np.random.default_rng(seed)
    for sizes in CHECK_SIZES:
        n, hidden, k = sizes
        m = int(rng.integers(5, 9))
        # Weights of about the size random_init gives, so that no output saturates.
        scale = 1.0 if n < 50 else 0.1
        theta = rng.normal(0.0, scale, parameter_count(sizes))
        X = rng.uniform(0.0, 1.0, (m, n))
        labels = np.concatenate([np.arange(1, k + 1), rng.integers(1, k + 1, max(m - k, 0))])[:m]
        yield theta, X, np.eye(k)[labels - 1], sizes


def _describe_network(case) -> str:
    theta, X, _, *rest = case
    sizes = rest[-1]
    extra = f", lambda_={rest[0]}" if len(rest) == 2 else ""
    return f"a random network with sizes={sizes}, {X.shape[0]} examples{extra}"


def _describe_array(value) -> str:
    array = np.asarray(value)
    if array.size <= 8:
        return f"z={np.round(array, 4).tolist()}"
    return f"z of shape {array.shape} with values from {array.min():.3g} to {array.max():.3g}"


def saturated_case():
    """A small network whose outputs sit at z3 = +40 or -40, where sigmoid rounds to 1.0."""
    sizes = (4, 5, 3)
    n, hidden, k = sizes
    theta1 = np.zeros((hidden, n + 1))
    theta2 = np.zeros((k, hidden + 1))
    theta2[:, 0] = [40.0, -40.0, 40.0]
    X = np.linspace(0.0, 1.0, 6 * n).reshape(6, n)
    labels = np.array([1, 2, 3, 1, 2, 3])
    return reference.serialize(theta1, theta2), X, np.eye(k)[labels - 1], sizes


# --------------------------------------------------------------------------
# the checks
# --------------------------------------------------------------------------


def check_expand_y(expand_y) -> None:
    rng = np.random.default_rng(3)
    cases = [
        (np.array([1, 10, 3, 5, 10, 2]), 10),
        (rng.integers(1, 11, 25), 10),
        (np.array([2, 1, 3, 3]), 3),
    ]
    _check("expand_y", expand_y, cases, lambda case: f"y={case[0].tolist()}, num_labels={case[1]}")


def check_serialize(serialize) -> None:
    rng = np.random.default_rng(4)
    cases = []
    for n, hidden, k in CHECK_SIZES:
        cases.append((rng.normal(size=(hidden, n + 1)), rng.normal(size=(k, hidden + 1))))
    _check(
        "serialize",
        serialize,
        cases,
        lambda case: f"theta1 of shape {case[0].shape} and theta2 of shape {case[1].shape}",
    )


def check_deserialize(deserialize) -> None:
    rng = np.random.default_rng(5)
    cases = [(rng.normal(size=parameter_count(sizes)), sizes) for sizes in CHECK_SIZES]
    _check("deserialize", deserialize, cases, lambda case: f"a theta of length {case[0].size}, sizes={case[1]}")


def check_sigmoid(sigmoid) -> None:
    rng = np.random.default_rng(6)
    cases = [
        (np.array([0.0]),),
        (np.linspace(-30.0, 30.0, 13),),
        (rng.normal(0.0, 3.0, (4, 5)),),
        (0.5,),
    ]
    _check("sigmoid", sigmoid, cases, lambda case: _describe_array(case[0]))


def check_sigmoid_gradient(sigmoid_gradient) -> None:
    rng = np.random.default_rng(7)
    cases = [
        (np.array([0.0]),),
        (np.linspace(-10.0, 10.0, 11),),
        (rng.normal(0.0, 2.0, (5, 4)),),
        (-1.5,),
    ]
    _check("sigmoid_gradient", sigmoid_gradient, cases, lambda case: _describe_array(case[0]))


def check_feed_forward(feed_forward) -> None:
    cases = [(theta, X, sizes) for theta, X, _, sizes in network_cases(seed=8)]
    _check(
        "feed_forward",
        feed_forward,
        cases,
        lambda case: f"a random network with sizes={case[2]}, {case[1].shape[0]} examples",
    )


def check_cost(cost) -> None:
    cases = list(network_cases(seed=9))
    _check("cost", cost, cases, _describe_network)
    _check_finite_when_saturated("cost", cost, cases, lambda case: case)


def check_regularized_cost(regularized_cost) -> None:
    lambdas = (0.0, 1.0, 2.5, 10.0)
    cases = [(theta, X, y, lam, sizes) for (theta, X, y, sizes), lam in zip(network_cases(seed=10), lambdas)]
    _check("regularized_cost", regularized_cost, cases, _describe_network)
    _check_finite_when_saturated("regularized_cost", regularized_cost, cases, lambda case: (*case[:3], 1.0, case[3]))


def _check_finite_when_saturated(name, student, cases, arguments) -> None:
    """The cost must stay finite when outputs saturate; ``arguments`` turns saturated_case() into a call."""
    case = arguments(saturated_case())
    with np.errstate(all="ignore"):
        try:
            value = float(isolated(student, name)(*case))
        except Exception as error:  # the student's code failing is a result
            raise CheckFailed(
                f"{name} raised {type(error).__name__}: {error}\n  on a network with saturated outputs.", "raised"
            ) from None
        if np.isfinite(value):
            return
        # The student passed the ordinary cases, so only a mistake that passes them too can be theirs.
        recognised = None
        for mistake in MISTAKES.get(name, ()):
            try:
                if not np.isfinite(float(mistake.implementation(*case))) and _passes(
                    lambda f: _check(name, f, cases[:1], _describe_network), mistake.implementation
                ):
                    recognised = mistake
                    break
            except Exception:
                continue
    seen = f"a network whose outputs saturate, z3 = +40 or -40, where {name} returned {value}"
    if recognised is not None:
        raise CheckFailed(f"{name} is not right: {recognised.message}\n  (seen with {seen})", recognised.id)
    expected = getattr(reference, name)(*case)
    raise CheckFailed(
        f"{name} returned {value} for a network whose outputs saturate (z3 = +40 or -40, where "
        f"sigmoid(40) rounds to exactly 1.0); the cost there is {expected:.6g}.\n"
        "  log(1 - h) is -inf at h = 1.0: compute the log-terms from z3, with "
        "np.logaddexp(0, z3) - y * z3, which equals -y*log(h) - (1-y)*log(1-h).",
    )


def check_gradient(gradient, cost=None) -> None:
    """Compare with the reference; then, if the student's cost is right, with
    central differences of the student's own cost."""
    cases = list(network_cases(seed=11))
    _check("gradient", gradient, cases, _describe_network)
    if cost is None or not _passes(check_cost, cost):
        return
    own_cost = isolated(cost, "cost")
    own_gradient = isolated(gradient, "gradient")
    for theta, X, y, sizes in cases[:3]:
        weights = np.array(theta, dtype=float)
        numeric = numerical_gradient(lambda: own_cost(weights, X, y, sizes), weights)
        analytic = np.asarray(own_gradient(weights.copy(), X, y, sizes), dtype=float).reshape(-1)
        if analytic.shape != numeric.shape or not np.allclose(analytic, numeric, rtol=1e-5, atol=1e-8):
            raise CheckFailed(
                "gradient disagrees with central differences of your own cost: relative error "
                f"{relative_error(analytic, numeric) if analytic.shape == numeric.shape else 'n/a'} "
                "(expected below 1e-6).\n"
                f"  (seen with {_describe_network((theta, X, y, sizes))})",
                "numerical-gradient",
            )


def _passes(check, function) -> bool:
    try:
        check(function)
    except AssertionError:
        return False
    return True


def check_regularized_gradient(regularized_gradient) -> None:
    lambdas = (2.5, 0.0, 1.0, 10.0)
    cases = [(theta, X, y, lam, sizes) for (theta, X, y, sizes), lam in zip(network_cases(seed=12), lambdas)]

    def observe(function, case):
        theta = case[0]
        returned = isolated(function, "regularized_gradient")(*case)
        # What the caller still holds after the call is part of the behaviour.
        return returned, theta

    _check("regularized_gradient", regularized_gradient, cases, _describe_network, observe=observe)
    _check_training(isolated(regularized_gradient, "regularized_gradient"))


class _OverBudget(Exception):
    pass


def training_data():
    """The seeded 1000-example subset of the training split that check_regularized_gradient trains on."""
    from autograder.data.ex4 import load_ex4_digits, train_test_split_ex4

    X, labels = load_ex4_digits()
    X_train, _, y_train, _ = train_test_split_ex4(X, labels, seed=TRAINING_SEED)
    return X_train[:TRAINING_SAMPLES], y_train[:TRAINING_SAMPLES]


def _check_training(regularized_gradient) -> None:
    """Train with the student's regularized_gradient (and the reference cost) from a seeded start."""
    from scipy.optimize import minimize
    from threadpoolctl import threadpool_limits

    X, labels = training_data()
    y = reference.expand_y(labels)
    start = reference.random_init(reference.EX4_SIZES, np.random.default_rng(TRAINING_SEED))
    began = time.perf_counter()

    def jacobian(theta):
        if time.perf_counter() - began > TRAINING_BUDGET_SECONDS:
            raise _OverBudget
        return np.asarray(regularized_gradient(theta.copy(), X, y, TRAINING_LAMBDA, reference.EX4_SIZES), dtype=float)

    setting = (
        f"{TRAINING_SAMPLES} training digits, lambda_={TRAINING_LAMBDA}, at most "
        f"{TRAINING_MAX_ITERATIONS} L-BFGS-B iterations, a budget of {TRAINING_BUDGET_SECONDS:.0f} s"
    )
    # One BLAS thread: on a busy machine, threads that wait for each other are slower than one.
    with threadpool_limits(limits=1), np.errstate(all="ignore"):
        try:
            result = minimize(
                lambda theta: reference.regularized_cost(theta, X, y, TRAINING_LAMBDA),
                start,
                jac=jacobian,
                method="L-BFGS-B",
                options={"maxiter": TRAINING_MAX_ITERATIONS},
            )
        except _OverBudget:
            raise CheckFailed(
                f"training with your regularized_gradient ran out of time ({setting}).\n"
                "  The reference takes about a second: compute all examples at once with matrix "
                "products instead of a Python loop over them.",
                UNRECOGNISED,
            ) from None
        except Exception as error:
            raise CheckFailed(
                f"training with your regularized_gradient stopped with {type(error).__name__}: {error}\n  ({setting})",
                "raised",
            ) from None
        accuracy = float(np.mean(reference.predict(result.x, X) == labels))
    elapsed = time.perf_counter() - began
    if not accuracy >= TRAINING_REQUIRED_ACCURACY:
        raise CheckFailed(
            f"training with your regularized_gradient reached {accuracy:.1%} training accuracy in "
            f"{elapsed:.1f} s; at least {TRAINING_REQUIRED_ACCURACY:.0%} was expected ({setting}).",
            UNRECOGNISED,
        )


def check_random_init(random_init) -> None:
    cases = [((400, 25, 10), 13), ((30, 20, 8), 14)]
    for sizes, seed in cases:
        reference_report = init_report(reference.random_init(sizes, np.random.default_rng(seed)), sizes)
        try:
            theta = isolated(random_init, "random_init")(sizes, np.random.default_rng(seed))
        except Exception as error:
            raise CheckFailed(
                f"random_init raised {type(error).__name__}: {error}\n  when called with sizes={sizes} and a NumPy Generator as rng.",
                "raised",
            ) from None
        report = init_report(theta, sizes)
        if report == reference_report:
            continue
        for mistake in MISTAKES["random_init"]:
            if init_report(mistake.implementation(sizes, np.random.default_rng(seed)), sizes) == report:
                raise CheckFailed(f"random_init is not right: {mistake.message}\n  (seen with sizes={sizes})", mistake.id)
        problem = next(text for (text, ok) in report if not ok)
        raise CheckFailed(f"random_init is not right: {problem}\n  (seen with sizes={sizes})")


def init_report(theta, sizes) -> tuple[tuple[str, bool], ...]:
    """The properties a good starting point has, each with whether ``theta`` has it."""
    n, hidden, k = sizes
    try:
        values = np.asarray(theta, dtype=float)
    except (TypeError, ValueError):
        values = np.zeros(0)
    expected_length = parameter_count(sizes)
    if values.shape != (expected_length,):
        return ((f"it should return one flat vector of {expected_length} weights (Theta1 and Theta2 "
                 f"serialized), not an array of shape {values.shape}", False),)
    split = hidden * (n + 1)
    report = [("all weights are equal, so the hidden units stay identical", bool(np.ptp(values) > 0))]
    for layer, part, fan_in, fan_out in (("Theta1", values[:split], n, hidden), ("Theta2", values[split:], hidden, k)):
        eps = np.sqrt(6) / np.sqrt(fan_in + fan_out)
        largest = float(np.max(np.abs(part)))
        report += [
            (f"{layer} has weights outside [-{eps:.4f}, {eps:.4f}] (epsilon = sqrt(6) / sqrt({fan_in} + {fan_out}))",
             largest <= 1.005 * eps),
            (f"{layer}'s weights use only part of [-{eps:.4f}, {eps:.4f}] (largest |weight| {largest:.4f})",
             largest >= 0.9 * eps),
            (f"{layer}'s weights are not centred on 0 (mean {np.mean(part):.4f})",
             abs(float(np.mean(part))) <= 0.25 * eps),
        ]
    return tuple(report)


def check_gradient_checking(gradient_checking) -> None:
    """The returned relative difference, for right and for deliberately wrong gradients.

    Values below CHECKING_FLOOR are rounding noise whose digits depend on the
    order of the sums, so they compare as equal to the floor.
    """
    wrong = {m.id: m.implementation for group in MISTAKES.values() for m in group}
    networks = list(network_cases(seed=15))[:3]
    cases = [
        (*networks[0][:3], 1e-4, False, 1.0, networks[0][3], None),
        (*networks[1][:3], 1e-4, True, 2.0, networks[1][3], None),
        (*networks[2][:3], 1e-4, False, 1.0, networks[2][3], ("gradient", wrong["ex4_network.gradient.not-averaged"])),
        (*networks[0][:3], 1e-4, True, 3.0, networks[0][3],
         ("regularized_gradient", wrong["ex4_network.regularized-gradient.lambda-ignored"])),
    ]

    def run(function, case):
        *arguments, swap = case
        overrides = dict([swap]) if swap else {}
        return isolated(function, "gradient_checking", **overrides)(*arguments)

    def observe(function, case):
        return max(float(run(function, case)), CHECKING_FLOOR)

    def describe(case):
        theta, X, _, epsilon, regularized, lambda_, sizes, swap = case
        text = f"a random network with sizes={sizes}, epsilon={epsilon}, regularized={regularized}, lambda_={lambda_}"
        if swap:
            text += f", and a {swap[0]} that is wrong on purpose"
        return text

    try:
        check_against_reference(
            name="gradient_checking",
            student=gradient_checking,
            reference=reference.gradient_checking,
            mistakes=MISTAKES["gradient_checking"],
            cases=cases,
            observe=observe,
            describe=describe,
            rtol=1e-5,
            atol=0.0,
        )
    except CheckFailed as failure:
        if failure.diagnosis != UNRECOGNISED:
            raise
        # Say which case went wrong in the terms of the exercise, not of the floor.
        for case in cases:
            got = observe(gradient_checking, case)
            expected = observe(reference.gradient_checking, case)
            if not np.isclose(got, expected, rtol=1e-5, atol=0.0):
                break
        if case[-1]:
            what = f"about {expected:.6g}, because this {case[-1][0]} is wrong on purpose"
        else:
            what = f"below {CHECKING_FLOOR:g}, because the gradient is right"
        returned = f"a value below {CHECKING_FLOOR:g}" if got == CHECKING_FLOOR else f"{got:.6g}"
        raise CheckFailed(
            f"gradient_checking returned {returned}; it should be {what}.\n"
            "  Return norm(numeric - analytic) / norm(numeric + analytic), with central differences "
            "of cost (or regularized_cost) and the gradient from gradient (or regularized_gradient).\n"
            f"  (seen with {describe(case)})",
        ) from None
