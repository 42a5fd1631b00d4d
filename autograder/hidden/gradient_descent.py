"""Hidden checks of the gradient descent exercise.

Each ``check_*`` takes the student's function, compares it with the reference
on random data, and raises ``CheckFailed`` with a diagnosis when it is wrong.

``check_train`` grades the training loop alone: while it runs, the names
``mse_loss``, ``mse_gradient``, ``gradient_step`` and ``minibatch_indices`` in
the student's notebook are bound to the reference answers, so a mistake in one
of those helpers costs the points of that helper only, not the loop's too.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.checking import numerical_gradient
from autograder.diagnosis import CheckFailed, check_against_reference
from autograder.grading.judging.rpc import rebound_globals
from autograder.mistakes.gradient_descent import MISTAKES
from autograder.reference import gradient_descent as reference

HELPERS = ("mse_loss", "mse_gradient", "gradient_step", "minibatch_indices")
# (n_samples, n_features) of the random regression problems; one sample and one
# feature are edge cases that a wrong axis or a missing 1/n gets wrong.
PROBLEM_SHAPES = ((7, 3), (12, 1), (1, 4), (30, 5))
TORCH_TOLERANCE = 1e-6
# Each batch size must end near the least-squares solution of a 64-sample problem.
# With a constant step, mini-batch and stochastic runs keep jittering around it,
# so their tolerances are about three times the largest distance seen over 20 seeds
# (0.007 and 0.016); batch gradient descent converges to rounding error.
LEAST_SQUARES_RUNS = (
    # (name, batch_size, lr, epochs, tolerance); batch_size None means all samples
    ("batch gradient descent", None, 0.5, 60, 1e-6),
    ("mini-batch gradient descent (batches of 8)", 8, 0.02, 60, 0.02),
    ("stochastic gradient descent", 1, 0.005, 60, 0.05),
)


def _problems(seed):
    """Random (X, y, w, b) with the shapes above."""
    rng = np.random.default_rng(seed)
    for n_samples, n_features in PROBLEM_SHAPES:
        X = rng.normal(0, 1, (n_samples, n_features))
        y = rng.normal(0, 2, n_samples)
        w = rng.normal(0, 1, n_features)
        yield X, y, w, float(rng.normal(0, 1))


def _unpack(name, returned, expected):
    """The parts of a returned tuple, or a failure that says what was expected."""
    size = expected.count(",") + 1
    if not isinstance(returned, (tuple, list)) or len(returned) != size:
        raise CheckFailed(
            f"{name} should return the tuple {expected}, but it returned "
            f"{type(returned).__name__} {str(returned)[:80]}.",
            "wrong-type",
        )
    return returned


def _describe_problem(case) -> str:
    X, y, w, b = case[:4]
    return f"X of shape {X.shape}, y of shape {y.shape}, w={np.round(w, 3).tolist()}, b={b:.3g}"


def check_mse_loss(mse_loss) -> None:
    check_against_reference(
        name="mse_loss",
        student=mse_loss,
        reference=reference.mse_loss,
        mistakes=MISTAKES["mse_loss"],
        cases=list(_problems(seed=31)),
        describe=_describe_problem,
    )


def check_mse_gradient(mse_gradient) -> None:
    """Compare with the reference gradient, then with central differences of the loss."""
    cases = list(_problems(seed=47))
    check_against_reference(
        name="mse_gradient",
        student=mse_gradient,
        reference=reference.mse_gradient,
        mistakes=MISTAKES["mse_gradient"],
        cases=cases,
        describe=_describe_problem,
    )
    for X, y, w, b in cases:
        parameters = np.append(w, b)  # the loss reads w and b from this array
        numerical = numerical_gradient(lambda: reference.mse_loss(X, y, parameters[:-1], parameters[-1]), parameters)
        dw, db = mse_gradient(X, y, w.copy(), b)
        analytic = np.append(np.asarray(dw, dtype=float).reshape(-1), float(np.asarray(db).reshape(-1)[0]))
        if not np.allclose(analytic, numerical, rtol=1e-6, atol=1e-8):
            raise CheckFailed(
                "mse_gradient disagrees with central differences of the mean squared error: "
                f"got {np.round(analytic, 6).tolist()}, the numerical estimate is "
                f"{np.round(numerical, 6).tolist()} (dw first, db last).\n  (seen with {_describe_problem((X, y, w, b))})",
                "numerical-gradient",
            )


def check_gradient_step(gradient_step) -> None:
    rng = np.random.default_rng(53)
    cases = [
        (rng.normal(0, 1, n_features), float(rng.normal()), rng.normal(0, 1, n_features), float(rng.normal()), lr)
        for n_features, lr in ((3, 0.1), (1, 0.5), (6, 0.01))
    ]

    def observe(function, case):
        w, b, dw, db, lr = case
        w_new, b_new = _unpack("gradient_step", function(w, b, dw, db, lr), "(w, b)")
        # What the caller still holds after the call is part of the behaviour.
        return w_new, b_new, w

    check_against_reference(
        name="gradient_step",
        student=gradient_step,
        reference=reference.gradient_step,
        mistakes=MISTAKES["gradient_step"],
        cases=cases,
        observe=observe,
        describe=lambda case: f"w={np.round(case[0], 3).tolist()}, b={case[1]:.3g}, lr={case[4]}",
    )


def _observe_batches(function, case):
    n_samples, batch_size, rng = case
    batches = [np.asarray(batch) for batch in function(n_samples, batch_size, rng)]
    for batch in batches:
        if batch.dtype.kind not in "iu":
            raise CheckFailed(
                f"minibatch_indices yielded an array of dtype {batch.dtype}; index arrays must hold "
                "integers, so that X[batch] selects rows.",
                "wrong-type",
            )
    # The next draw shows how much of the generator one epoch used: exactly one permutation.
    return (*batches, rng.random())


def check_minibatch_indices(minibatch_indices) -> None:
    cases = [(n_samples, batch_size, np.random.default_rng(seed)) for seed, (n_samples, batch_size) in
             enumerate(((10, 3), (12, 4), (7, 1), (5, 8), (23, 5)), start=61)]
    check_against_reference(
        name="minibatch_indices",
        student=minibatch_indices,
        reference=reference.minibatch_indices,
        mistakes=MISTAKES["minibatch_indices"],
        cases=cases,
        observe=_observe_batches,
        describe=lambda case: f"n_samples={case[0]}, batch_size={case[1]}",
    )


# --------------------------------------------------------------------------
# train
# --------------------------------------------------------------------------


def reference_helpers(function):
    """Bind the helper names in ``function``'s module (the notebook, in the student's kernel) to the
    reference answers while ``train`` is checked: a mistake in a helper costs only the helper's points."""
    return rebound_globals(function, {name: getattr(reference, name) for name in HELPERS})


def _regression(seed, n_samples, n_features, noise=0.3):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n_samples, n_features))
    y = X @ rng.normal(0, 1, n_features) + 0.7 + noise * rng.normal(0, 1, n_samples)
    return X, y


def _train_cases():
    X, y = _regression(71, 13, 3)
    w0 = np.array([0.5, -0.5, 0.25])
    return [
        # (X, y, w0, b0, lr, epochs, batch_size, rng): mini-batches with a short last one,
        # batch, stochastic, and batches that divide the data evenly.
        (X, y, w0, 0.1, 0.05, 3, 4, np.random.default_rng(72)),
        (X, y, w0, 0.1, 0.1, 4, 13, np.random.default_rng(73)),
        (X, y, w0, -0.2, 0.02, 2, 1, np.random.default_rng(74)),
        (X[:10], y[:10], w0, 0.0, 0.05, 2, 5, np.random.default_rng(75)),
    ]


def _describe_training(case) -> str:
    X, _, _, b0, lr, epochs, batch_size, _ = case
    return f"{X.shape[0]} samples, {X.shape[1]} features, lr={lr}, epochs={epochs}, batch_size={batch_size}"


def _observe_training(function, case):
    X, y, w0, b0, lr, epochs, batch_size, rng = case
    w, b, losses = _unpack("train", function(X, y, w0, b0, lr, epochs, batch_size, rng), "(w, b, losses)")
    # w0 after the call is part of the behaviour: the caller may start another run from it.
    return w, b, list(losses), w0


def check_train(train) -> None:
    with reference_helpers(train):
        check_against_reference(
            name="train",
            student=train,
            reference=reference.train,
            mistakes=MISTAKES["train"],
            cases=_train_cases(),
            observe=_observe_training,
            describe=_describe_training,
        )
        _check_update_counts(train)
        _check_against_torch(train)
        _check_least_squares(train)


def _check_update_counts(train) -> None:
    """The sources' example: 100 samples and 50 epochs make 50, 5000 and 250 updates."""
    X, y = _regression(81, reference.COUNT_SAMPLES, 2)
    for batch_size in (reference.COUNT_SAMPLES, 1, reference.COUNT_MINIBATCH, 30):
        expected = reference.COUNT_EPOCHS * math.ceil(reference.COUNT_SAMPLES / batch_size)
        _, _, losses = train(X, y, np.zeros(2), 0.0, 0.001, reference.COUNT_EPOCHS, batch_size, np.random.default_rng(82))
        if len(losses) != expected:
            raise CheckFailed(
                f"with {reference.COUNT_SAMPLES} samples, batch_size={batch_size} and "
                f"{reference.COUNT_EPOCHS} epochs, train should make {expected} updates "
                f"({math.ceil(reference.COUNT_SAMPLES / batch_size)} per epoch, the last batch may be "
                f"short), but it returned {len(losses)} losses.",
                "update-count",
            )


def torch_trajectory(X, y, w0, b0, lr, epochs, batch_size, rng):
    """The same run with torch.nn.Linear, torch.nn.MSELoss and torch.optim.SGD in float64.

    The batches come from the reference's ``minibatch_indices`` with ``rng``, so both
    loops see the same samples in the same order. Returns (w, b, losses).
    """
    import torch

    model = torch.nn.Linear(X.shape[1], 1).double()
    with torch.no_grad():
        model.weight.copy_(torch.as_tensor(np.asarray(w0, dtype=float)).reshape(1, -1))
        model.bias.fill_(float(b0))
    criterion = torch.nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    inputs = torch.as_tensor(X, dtype=torch.float64)
    targets = torch.as_tensor(y, dtype=torch.float64).reshape(-1, 1)
    losses = []
    for _ in range(epochs):
        for batch in reference.minibatch_indices(len(y), batch_size, rng):
            index = torch.as_tensor(batch)
            loss = criterion(model(inputs[index]), targets[index])
            losses.append(loss.item())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.weight.detach().numpy().reshape(-1).copy(), model.bias.item(), losses


def _check_against_torch(train) -> None:
    X, y = _regression(91, 20, 3)
    w0, b0, lr, epochs, batch_size = np.array([0.3, -0.1, 0.2]), 0.4, 0.05, 3, 6
    w_t, b_t, losses_t = torch_trajectory(X, y, w0, b0, lr, epochs, batch_size, np.random.default_rng(92))
    w, b, losses = train(X, y, w0.copy(), b0, lr, epochs, batch_size, np.random.default_rng(92))
    ours = np.concatenate([np.asarray(losses, dtype=float).reshape(-1), np.asarray(w, dtype=float).reshape(-1), [float(b)]])
    theirs = np.concatenate([losses_t, w_t, [b_t]])
    if ours.shape != theirs.shape or not np.allclose(ours, theirs, rtol=TORCH_TOLERANCE, atol=TORCH_TOLERANCE):
        raise CheckFailed(
            "train does not follow torch.optim.SGD with nn.Linear and nn.MSELoss from the same start and "
            f"with the same batches (tolerance {TORCH_TOLERANCE:g}): its last loss is "
            f"{float(np.asarray(losses).reshape(-1)[-1]):.6g}, torch's {losses_t[-1]:.6g}.\n"
            f"  (seen with {_describe_training((X, y, w0, b0, lr, epochs, batch_size, None))})",
            "torch-trajectory",
        )


def _check_least_squares(train) -> None:
    X, y = _regression(101, 64, 3)
    w_best, b_best = reference.least_squares(X, y)
    best = np.append(w_best, b_best)
    for name, batch_size, lr, epochs, tolerance in LEAST_SQUARES_RUNS:
        w, b, _ = train(X, y, np.zeros(3), 0.0, lr, epochs, batch_size or len(y), np.random.default_rng(102))
        distance = float(np.linalg.norm(np.append(np.asarray(w, dtype=float).reshape(-1), float(b)) - best))
        if not distance <= tolerance:
            raise CheckFailed(
                f"{name} should end within {tolerance:g} of the least-squares solution "
                f"(numpy.linalg.lstsq), but after {epochs} epochs with lr={lr} it is {distance:.3g} away.\n"
                f"  (64 samples, 3 features)",
                "least-squares",
            )

