"""The reference optimizers against torch.optim (float64), and the facts the chapter states."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
import torch

from autograder.hidden import optimizers as hidden
from autograder.mistakes import optimizers as mistakes
from autograder.reference import optimizers as reference

NAMES = [cls.__name__ for cls in reference.OPTIMIZERS]
RANDOM_PROBLEMS = 6
RANDOM_SHAPES = ({"W1": (4, 3), "b1": (3,), "W2": (3, 2), "b2": (2,)}, {"kernel": (2, 3, 3), "scale": (1,)})


def torch_trajectory(name: str, case: hidden.Case) -> dict:
    """The parameters after each of the 100 steps of the matching torch.optim class."""
    torch_name, torch_kwargs = hidden.torch_equivalent(name, case.kwargs)
    problem = case.problem
    tensors = {
        key: torch.tensor(value, dtype=torch.float64, requires_grad=True) for key, value in problem.start.items()
    }
    optimizer = getattr(torch.optim, torch_name)(list(tensors.values()), **torch_kwargs)
    trajectory = {key: np.empty((hidden.STEPS, *value.shape)) for key, value in problem.start.items()}
    for step in range(hidden.STEPS):
        for key, tensor in tensors.items():
            tensor.grad = torch.from_numpy(problem.gradient(key, tensor.detach().numpy(), step))
        optimizer.step()
        for key, tensor in tensors.items():
            trajectory[key][step] = tensor.detach().numpy()
    return trajectory


def assert_same_trajectory(got: dict, expected: dict, rtol: float = 1e-10) -> None:
    assert got.keys() == expected.keys()
    for key in expected:
        np.testing.assert_allclose(got[key], expected[key], rtol=rtol, atol=1e-13, err_msg=key)


def random_cases(name: str):
    """Random problems and random settings, beyond the hidden check's own cases."""
    rng = np.random.default_rng(sum(map(ord, name)))
    for index in range(RANDOM_PROBLEMS):
        kwargs = {
            "SGD": lambda: {"lr": float(rng.uniform(0.01, 0.3))},
            "Momentum": lambda: {"lr": float(rng.uniform(0.005, 0.05)), "momentum": float(rng.uniform(0.1, 0.95))},
            "Nesterov": lambda: {"lr": float(rng.uniform(0.005, 0.05)), "momentum": float(rng.uniform(0.1, 0.95))},
            "AdaGrad": lambda: {"lr": float(rng.uniform(0.01, 0.5)), "eps": float(10 ** rng.uniform(-10, -2))},
            "RMSProp": lambda: {
                "lr": float(rng.uniform(0.001, 0.05)),
                "alpha": float(rng.uniform(0.5, 0.999)),
                "eps": float(10 ** rng.uniform(-8, -2)),
            },
            "Adam": lambda: {
                "lr": float(rng.uniform(0.001, 0.1)),
                "betas": (float(rng.uniform(0.5, 0.95)), float(rng.uniform(0.9, 0.9999))),
                "eps": float(10 ** rng.uniform(-8, -2)),
            },
        }[name]()
        scale = 1e-6 if index == RANDOM_PROBLEMS - 1 else 1.0
        problem = hidden.random_problem(1000 + index, RANDOM_SHAPES[index % 2], scale=scale)
        yield hidden.Case(kwargs, problem)


# --------------------------------------------------------------------------
# every step equals torch's
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_reference_equals_torch_on_the_hidden_checks_cases(name):
    # The hidden checks compare with the reference: this is what makes that a comparison with torch.
    for index, case in enumerate(hidden.cases(name)):
        assert_same_trajectory(hidden.expected_run(name, index).trajectory, torch_trajectory(name, case))


@pytest.mark.parametrize("name", NAMES)
def test_reference_equals_torch_on_random_problems_and_settings(name):
    for case in random_cases(name):
        run = hidden.run_numpy(getattr(reference, name), case)
        assert run.grads_changed is None and run.params_replaced is None
        assert_same_trajectory(run.trajectory, torch_trajectory(name, case))


@pytest.mark.parametrize("name", NAMES)
def test_trajectories_move_and_stay_finite(name):
    # Guards the comparison above: a trajectory that never moves would match anything that also stands still.
    for index, case in enumerate(hidden.cases(name)):
        if case.problem.scale != 1.0 and name in ("SGD", "Momentum", "Nesterov"):
            continue  # tiny gradients make tiny steps here; the case is there for the adaptive methods
        trajectory = hidden.expected_run(name, index).trajectory
        for key, path in trajectory.items():
            assert np.all(np.isfinite(path)), (name, index, key)
            moved = np.max(np.abs(path[-1] - case.problem.start[key]))
            assert moved > 1e-4, (name, index, key, moved)


@pytest.mark.parametrize("name", NAMES)
def test_defaults_are_torchs(name):
    ours = {key: p.default for key, p in inspect.signature(getattr(reference, name)).parameters.items()}
    torch_name, _ = hidden.torch_equivalent(name, {})
    theirs = inspect.signature(getattr(torch.optim, torch_name)).parameters
    for key, default in ours.items():
        if key == "momentum":
            assert theirs[key].default == 0 and default == hidden.MOMENTUM_DEFAULT == 0.9
        else:
            assert default == theirs[key].default, key


def test_torch_trajectory_is_what_torch_does_by_hand():
    # Guards the torch runner itself: one SGD step on a known gradient.
    case = hidden.Case({"lr": 0.5}, hidden.random_problem(5, {"x": (2,)}))
    first_step = torch_trajectory("SGD", case)["x"][0]
    start = case.problem.start["x"]
    np.testing.assert_allclose(first_step, start - 0.5 * case.problem.gradient("x", start, 0), rtol=1e-15)


# --------------------------------------------------------------------------
# what the chapter says about the forms of momentum, AdaGrad and Adam
# --------------------------------------------------------------------------


def run(optimizer, start: dict, steps: int, gradient) -> dict:
    params = {key: np.array(value, dtype=float) for key, value in start.items()}
    path = []
    for step in range(steps):
        optimizer.update(params, gradient(params, step))
        path.append({key: value.copy() for key, value in params.items()})
    return path


def ravine_gradient(params, step):
    return {"x": params["x"] / 10, "y": 2 * params["y"]}


@pytest.mark.parametrize("momentum", [0.5, 0.9, 0.99])
def test_moving_average_momentum_is_torchs_with_lr_times_one_minus_beta(momentum):
    start = {"x": [-7.0], "y": [2.0]}
    torch_form = run(reference.Momentum(lr=0.05, momentum=momentum), start, 60, ravine_gradient)
    average_form = run(mistakes.Momentum__ema(lr=0.05 / (1 - momentum), momentum=momentum), start, 60, ravine_gradient)
    same_lr = run(mistakes.Momentum__ema(lr=0.05, momentum=momentum), start, 60, ravine_gradient)
    for ours, theirs in zip(torch_form, average_form):
        np.testing.assert_allclose(theirs["x"], ours["x"], rtol=1e-10)
        np.testing.assert_allclose(theirs["y"], ours["y"], rtol=1e-10)
    assert not np.allclose(same_lr[-1]["x"], torch_form[-1]["x"])


def test_momentum_under_a_constant_gradient_approaches_lr_over_one_minus_mu():
    steps = run(reference.Momentum(lr=0.1, momentum=0.9), {"p": [0.0]}, 200, lambda params, step: {"p": np.ones(1)})
    last_step = steps[-2]["p"] - steps[-1]["p"]
    np.testing.assert_allclose(last_step, 0.1 / (1 - 0.9), rtol=1e-8)


def test_adagrad_of_the_source_moves_every_parameter_down():
    start = {"x": [-7.0], "y": [2.0]}
    path = run(mistakes.AdaGrad__source_formula(lr=0.5), start, 20, ravine_gradient)
    xs = [start["x"][0]] + [p["x"][0] for p in path]
    ys = [start["y"][0]] + [p["y"][0] for p in path]
    assert all(b < a for a, b in zip(xs, xs[1:])) and all(b < a for a, b in zip(ys, ys[1:]))
    # The right AdaGrad moves x towards the minimum at 0, that is up.
    right = run(reference.AdaGrad(lr=0.5), start, 20, ravine_gradient)
    assert right[-1]["x"][0] > start["x"][0]


@pytest.mark.parametrize("scale", [1e-4, 1.0, 1e4])
def test_adams_first_step_is_lr_per_entry_whatever_the_gradient_scale(scale):
    gradient = np.array([3.0, -0.2, 50.0]) * scale
    params = {"p": np.zeros(3)}
    # eps = 0 shows the pure step; torch's eps of 1e-8 changes it only for gradients near 1e-8.
    reference.Adam(lr=0.01, eps=0.0).update(params, {"p": gradient})
    np.testing.assert_allclose(params["p"], -0.01 * np.sign(gradient), rtol=1e-12)
    uncorrected = {"p": np.zeros(3)}
    mistakes.Adam__no_bias_correction(lr=0.01, eps=0.0).update(uncorrected, {"p": gradient})
    ratio = np.abs(uncorrected["p"]) / 0.01
    np.testing.assert_allclose(ratio, 0.1 / np.sqrt(0.001), rtol=1e-12)  # (1 - beta1) / sqrt(1 - beta2)


def test_update_keeps_the_callers_arrays_and_copies_nothing_of_grads():
    for cls in reference.OPTIMIZERS:
        params = {"a": np.array([1.0, 2.0]), "b": np.array([[0.5]])}
        arrays = dict(params)
        grads = {"a": np.array([0.3, -0.1]), "b": np.array([[2.0]])}
        sent = {key: value.copy() for key, value in grads.items()}
        optimizer = cls()
        optimizer.update(params, grads)
        assert all(params[key] is arrays[key] for key in params), cls.__name__
        assert all(np.array_equal(grads[key], sent[key]) for key in grads), cls.__name__
        assert not np.array_equal(params["a"], [1.0, 2.0]), cls.__name__  # the step happened
        state_arrays = [
            value
            for attribute in vars(optimizer).values()
            if isinstance(attribute, dict)
            for value in attribute.values()
            if isinstance(value, np.ndarray)
        ]
        assert state_arrays or cls is reference.SGD
        callers = [*grads.values(), *params.values()]
        assert not any(np.shares_memory(state, array) for state in state_arrays for array in callers), cls.__name__
