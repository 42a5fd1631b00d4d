"""Hidden checks of the optimizers exercise.

``check_<Class>(student_class)`` runs the student's optimizer for 100 steps on
random problems and compares every step with the matching ``torch.optim`` class
in double precision (relative tolerance 1e-6). The expected trajectories are the
reference's, which the unit tests prove equal to torch's on these very problems.

Each problem has several parameters: in the first one they share a shape (so
that one state shared by all parameters cannot hide behind a shape error), the
others mix shapes, and the last one has gradients of size about 1e-6, where the
place of ``eps`` matters.

The loop that drives the optimizer behaves like torch's: it keeps one gradient
array per parameter and writes each step's gradient into it. Along the way the
check asks that ``update``

- changes the caller's parameter arrays in place (the dict keeps its arrays),
- leaves the gradient arrays as it got them, and
- keeps its own state, per parameter and per instance.

A wrong run is compared with the catalogued mistakes, to name the likely cause.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from autograder.diagnosis import CheckFailed
from autograder.mistakes.optimizers import MISTAKES
from autograder.reference import optimizers as reference

STEPS = 100
RTOL, ATOL = 1e-6, 1e-9
MOMENTUM_DEFAULT = 0.9  # ours; torch's SGD has no momentum unless asked for

# Settings per optimizer: the defaults first, then two others.
SETTINGS = {
    "SGD": ({}, {"lr": 0.05}, {"lr": 0.3}),
    "Momentum": ({}, {"lr": 0.01, "momentum": 0.5}, {"lr": 0.02, "momentum": 0.95}),
    "Nesterov": ({}, {"lr": 0.01, "momentum": 0.5}, {"lr": 0.02, "momentum": 0.95}),
    "AdaGrad": ({}, {"lr": 0.1, "eps": 1e-3}, {"lr": 0.5}),
    "RMSProp": ({}, {"lr": 0.01, "alpha": 0.9, "eps": 1e-3}, {"lr": 0.003, "alpha": 0.5}),
    "Adam": ({}, {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-3}, {"lr": 0.05, "betas": (0.5, 0.9)}),
}
TORCH_NAMES = {
    "SGD": "SGD",
    "Momentum": "SGD",
    "Nesterov": "SGD",
    "AdaGrad": "Adagrad",
    "RMSProp": "RMSprop",
    "Adam": "Adam",
}


@dataclass(frozen=True)
class Problem:
    """Minimise the sum over parameters of curvature * (p - centre)**2 / 2.

    Each step's gradient also carries a fixed noise term, as a mini-batch
    gradient would, so that the trajectories do not settle too soon.
    """

    start: dict
    curvature: dict
    centre: dict
    noise: dict  # key -> array of shape (STEPS, *shape)
    scale: float

    def gradient(self, key, value, step):
        return self.curvature[key] * (value - self.centre[key]) + self.noise[key][step]


def random_problem(seed: int, shapes: dict, scale: float = 1.0) -> Problem:
    rng = np.random.default_rng(seed)
    start, curvature, centre, noise = {}, {}, {}, {}
    for key, shape in shapes.items():
        start[key] = rng.normal(0.0, 1.0, shape)
        # Curvatures from 0.1 to 5 make a ravine: some directions steep, some flat.
        curvature[key] = scale * np.exp(rng.uniform(np.log(0.1), np.log(5.0), shape))
        centre[key] = rng.normal(0.0, 1.0, shape)
        noise[key] = scale * rng.normal(0.0, 0.1, (STEPS, *shape))
    return Problem(start, curvature, centre, noise, scale)


@dataclass(frozen=True)
class Case:
    kwargs: dict
    problem: Problem


def cases(name: str) -> list[Case]:
    defaults, first, second = SETTINGS[name]
    return [
        Case(defaults, random_problem(1, {"W1": (2, 3), "W2": (2, 3)})),
        Case(first, random_problem(2, {"W": (3, 4), "b": (4,), "gain": (1,)})),
        Case(second, random_problem(3, {"kernel": (2, 2, 3), "bias": (3,), "W": (4, 2)})),
        Case(defaults, random_problem(4, {"W": (3, 4), "b": (4,), "gain": (1,)}, scale=1e-6)),
    ]


def _arguments(kwargs: dict) -> str:
    return ", ".join(f"{key}={value!r}" for key, value in kwargs.items())


def describe(name: str, case: Case) -> str:
    shapes = ", ".join(f"{key!r} {value.shape}" for key, value in case.problem.start.items())
    text = f"{name}({_arguments(case.kwargs)}), {STEPS} steps on parameters {shapes}"
    if case.problem.scale != 1.0:
        text += f", gradients of size about {case.problem.scale:g}"
    return text


def torch_equivalent(name: str, kwargs: dict) -> tuple[str, dict]:
    """The torch.optim class and the keyword arguments that match ``name(**kwargs)``."""
    if name in ("Momentum", "Nesterov"):
        kwargs = {"momentum": MOMENTUM_DEFAULT, **kwargs}
        if name == "Nesterov":
            kwargs["nesterov"] = True
    return TORCH_NAMES[name], dict(kwargs)


def torch_call(name: str, kwargs: dict) -> str:
    torch_name, torch_kwargs = torch_equivalent(name, kwargs)
    arguments = _arguments(torch_kwargs)
    return f"torch.optim.{torch_name}(params{', ' + arguments if arguments else ''})"


# --------------------------------------------------------------------------
# running an optimizer
# --------------------------------------------------------------------------


@dataclass
class Run:
    trajectory: dict  # key -> array (STEPS, *shape): the parameters after each step
    grads_changed: tuple | None = None  # (step, key) where update first changed a gradient
    params_replaced: tuple | None = None  # (step, key) where update first swapped an array


class UpdateFailed(Exception):
    """The student's code raised, or left a parameter with the wrong shape."""


def run_numpy(optimizer_class, case: Case) -> Run:
    """Drive ``optimizer_class(**case.kwargs)`` as a training loop would."""
    problem = case.problem
    try:
        optimizer = optimizer_class(**case.kwargs)
    except Exception as error:
        raise UpdateFailed(f"creating the optimizer raised {type(error).__name__}: {error}") from None
    params = {key: value.copy() for key, value in problem.start.items()}
    given_params = dict(params)
    # One gradient array per parameter, refilled at every step like torch's p.grad.
    gradient_buffers = {key: np.zeros_like(value) for key, value in params.items()}
    run = Run({key: np.empty((STEPS, *value.shape)) for key, value in params.items()})
    for step in range(STEPS):
        for key, buffer in gradient_buffers.items():
            buffer[...] = problem.gradient(key, np.asarray(params[key], dtype=float), step)
        grads = dict(gradient_buffers)
        sent = {key: buffer.copy() for key, buffer in gradient_buffers.items()}
        try:
            with np.errstate(all="ignore"):
                optimizer.update(params, grads)
        except Exception as error:
            raise UpdateFailed(
                f"update raised {type(error).__name__} at step {step + 1}: {error}"
            ) from None
        for key, buffer in gradient_buffers.items():
            swapped = grads.get(key) is not buffer
            if run.grads_changed is None and (swapped or not np.array_equal(buffer, sent[key], equal_nan=True)):
                run.grads_changed = (step, key)
            if run.params_replaced is None and params.get(key) is not given_params[key]:
                run.params_replaced = (step, key)
            try:
                value = np.asarray(params[key], dtype=float)
            except (KeyError, TypeError, ValueError) as error:
                raise UpdateFailed(
                    f"after step {step + 1}, params[{key!r}] is no longer an array of numbers ({error!r})"
                ) from None
            if value.shape != given_params[key].shape:
                raise UpdateFailed(
                    f"after step {step + 1}, params[{key!r}] has shape {value.shape}, "
                    f"but it should keep its shape {given_params[key].shape}"
                )
            run.trajectory[key][step] = value
    return run


@functools.lru_cache(maxsize=None)
def expected_run(name: str, index: int) -> Run:
    """The reference's trajectory on ``cases(name)[index]``.

    tests/test_optimizers_reference.py checks that it equals the trajectory of
    the matching torch.optim class on every one of these cases (to about 1e-12),
    so grading needs no torch.
    """
    return run_numpy(getattr(reference, name), cases(name)[index])


def same_run(left: Run, right: Run) -> bool:
    if (left.grads_changed is None) != (right.grads_changed is None):
        return False
    if (left.params_replaced is None) != (right.params_replaced is None):
        return False
    return all(
        np.allclose(left.trajectory[key], right.trajectory[key], rtol=RTOL, atol=ATOL, equal_nan=True)
        for key in right.trajectory
    )


# --------------------------------------------------------------------------
# the checks
# --------------------------------------------------------------------------


def check_optimizer(name: str, student_class) -> None:
    """Compare ``student_class`` with torch on every case; diagnose the first failure."""
    if not isinstance(student_class, type):
        raise CheckFailed(
            f"{name} should be a class (class {name}: ...), but it is {type(student_class).__name__}.",
            "wrong-type",
        )
    mistakes = MISTAKES.get(name, ())
    for index, case in enumerate(cases(name)):
        got = _student_run(name, student_class, case)
        if index == 0 and not same_run(got, _student_run(name, student_class, case)):
            raise CheckFailed(
                f"two new {name} objects, given the same problem, took different steps: the second "
                "one started with the first one's state.\n  Create the state in __init__ "
                f"(self.state = {{}}), not in the class body, where all objects share it.\n"
                f"  (seen with {describe(name, case)})",
                "optimizers.state-shared-between-objects",
            )
        expected = expected_run(name, index)
        if same_run(got, expected):
            continue
        for mistake in mistakes:
            try:
                imitated = run_numpy(mistake.implementation, case)
            except UpdateFailed:
                continue
            if same_run(got, imitated) and not same_run(imitated, expected):
                raise CheckFailed(
                    f"{name} is not right: {mistake.message}\n  (seen with {describe(name, case)})", mistake.id
                )
        raise _unrecognised(name, case, got, expected)


def _student_run(name: str, student_class, case: Case) -> Run:
    try:
        return run_numpy(student_class, case)
    except UpdateFailed as error:
        raise CheckFailed(f"{name}: {error}\n  (seen with {describe(name, case)})", "raised") from None


def _unrecognised(name: str, case: Case, got: Run, expected: Run) -> CheckFailed:
    seen = f"  (seen with {describe(name, case)})"
    if got.params_replaced is not None:
        step, key = got.params_replaced
        return CheckFailed(
            f"after step {step + 1}, params[{key!r}] is a new array, so the caller's array never "
            "moves.\n  Change the arrays in place (params[key] -= ...), as torch's step() does.\n" + seen,
            "optimizers.params-replaced",
        )
    if got.grads_changed is not None:
        step, key = got.grads_changed
        return CheckFailed(
            f"at step {step + 1}, update changed grads[{key!r}]; the gradients should come back as "
            "they were given.\n  Compute into new arrays (or copies) instead of writing into grads.\n" + seen,
            "optimizers.grads-changed",
        )
    if all(np.array_equal(got.trajectory[key][0], start) for key, start in case.problem.start.items()):
        return CheckFailed(
            "after the first call to update, params still holds the starting values: nothing moved.\n"
            "  update should change each params[key] in place; what it returns is ignored.\n" + seen,
            "optimizers.params-unchanged",
        )
    step, key, index = _first_difference(got, expected)
    where = f"params[{key!r}][{', '.join(str(int(i)) for i in index)}]"
    wrong = got.trajectory[key][(step, *index)]
    right = expected.trajectory[key][(step, *index)]
    if step == 0:
        hint = "The first step already differs: compare one step's formula, and the defaults, with torch's."
    else:
        agree = "The first step agrees" if step == 1 else f"The first {step} steps agree"
        hint = (
            f"{agree}, so one step's formula looks right: check what carries over between "
            "steps (one state per parameter, the step count)."
        )
    return CheckFailed(
        f"after step {step + 1}, {where} is {wrong:.10g}, but {torch_call(name, case.kwargs)} "
        f"gives {right:.10g}.\n  {hint}\n{seen}"
    )


def _first_difference(got: Run, expected: Run):
    """(step, key, index) of the earliest entry that is off."""
    earliest = None
    for key, right in expected.trajectory.items():
        with np.errstate(invalid="ignore"):
            off = ~np.isclose(got.trajectory[key], right, rtol=RTOL, atol=ATOL, equal_nan=True)
        if off.any():
            # Step is the first axis, so the first flat index is the earliest step.
            position = np.unravel_index(int(np.flatnonzero(off)[0]), off.shape)
            if earliest is None or position[0] < earliest[0]:
                earliest = (int(position[0]), key, tuple(position[1:]))
    return earliest


def check_SGD(SGD) -> None:
    check_optimizer("SGD", SGD)


def check_Momentum(Momentum) -> None:
    check_optimizer("Momentum", Momentum)


def check_Nesterov(Nesterov) -> None:
    check_optimizer("Nesterov", Nesterov)


def check_AdaGrad(AdaGrad) -> None:
    check_optimizer("AdaGrad", AdaGrad)


def check_RMSProp(RMSProp) -> None:
    check_optimizer("RMSProp", RMSProp)


def check_Adam(Adam) -> None:
    check_optimizer("Adam", Adam)

