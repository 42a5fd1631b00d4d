"""Speed of the ex4 network's gradient and of its gradient checks, on the full data.

    python benchmarks/ex4_network.py              # everything, the full check included (minutes)
    python benchmarks/ex4_network.py --estimate-full-check 500

It prints, from one run on the 5000 ex4 digits and the 400-25-10 network:

1. the vectorised ``gradient`` against the source post's per-sample loop (and a
   plain per-sample loop), as a ratio of times; target: at least 100x;
2. the directional gradient check (a handful of cost evaluations) against the
   full central-difference check (two cost evaluations per parameter), as a
   ratio of times; target: the directional check under one second;
3. the directional check's result for the right gradient and for every
   catalogued mistake of ``gradient``, ``regularized_gradient`` and
   ``sigmoid_gradient``; target: every mistake whose numbers are wrong fails it.

The exit status is 0 when every target is met. BLAS runs on one thread unless
``--threads`` says otherwise: on a shared machine, threads that wait for each
other make the matrix products slower and the timings erratic.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograder.data.ex4 import load_ex4_digits  # noqa: E402
from autograder.hidden.ex4_network import isolated  # noqa: E402
from autograder.mistakes.ex4_network import MISTAKES  # noqa: E402
from autograder.reference import ex4_network as reference  # noqa: E402

GRADIENT_RATIO_TARGET = 100.0
DIRECTIONAL_SECONDS_TARGET = 1.0
PASS_THRESHOLD = 1e-7  # a directional relative difference below this passes
LAMBDA = 3.0  # not 1, so that a gradient that ignores lambda shows


def best_time(function, repeats: int) -> tuple[float, object]:
    """The shortest of a few timings (the least disturbed by other work) and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        began = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - began)
    return best, result


def wrong_regularized_gradient(mistake):
    """The regularised gradient of a submission that has only this mistake."""
    if mistake.function == "regularized_gradient":
        return mistake.implementation
    if mistake.function == "gradient":
        return isolated(reference.regularized_gradient, "regularized_gradient", gradient=mistake.implementation)
    backprop = isolated(reference.gradient, "gradient", sigmoid_gradient=mistake.implementation)
    return isolated(reference.regularized_gradient, "regularized_gradient", gradient=backprop)


def directional(regularized_gradient, theta, X, Y):
    """Gradient first, then the directional check around the same vector (as a user would)."""
    point = theta.copy()
    analytic = regularized_gradient(point, X, Y, LAMBDA)
    return reference.directional_gradient_check(lambda t: reference.regularized_cost(t, X, Y, LAMBDA), point, analytic)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    parser.add_argument(
        "--estimate-full-check",
        type=int,
        metavar="N",
        help="time the full check on N parameters and scale up, instead of running all of it",
    )
    args = parser.parse_args(argv)

    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=args.threads)
    X, labels = load_ex4_digits()
    Y = reference.expand_y(labels)
    theta = reference.random_init(rng=np.random.default_rng(0))
    print(f"data: X {X.shape}, network {reference.EX4_SIZES}, {theta.size} parameters, BLAS threads: {args.threads}")
    met = True

    # 1. gradient: vectorised against the per-sample loops
    vector_seconds, vector = best_time(lambda: reference.gradient(theta, X, Y), 20)
    source_seconds, source = best_time(lambda: reference.gradient_source_loop(theta, X, Y), 3)
    plain_seconds, plain = best_time(lambda: reference.gradient_per_sample_loop(theta, X, Y), 3)
    agree = max(np.max(np.abs(source - vector)), np.max(np.abs(plain - vector)))
    ratio = source_seconds / vector_seconds
    print("\n1. gradient on all 5000 examples (best of several runs)")
    print(f"   vectorised gradient:                 {1000 * vector_seconds:9.1f} ms")
    print(f"   the source's per-sample loop:        {1000 * source_seconds:9.1f} ms")
    print(f"   per-sample loop without np.matrix:   {1000 * plain_seconds:9.1f} ms")
    print(f"   largest difference between them:     {agree:9.1e}")
    print(f"   RATIO source loop / vectorised: {ratio:.0f}x (target >= {GRADIENT_RATIO_TARGET:.0f}x)"
          f"   [plain loop / vectorised: {plain_seconds / vector_seconds:.0f}x]")
    met &= ratio >= GRADIENT_RATIO_TARGET and agree < 1e-12

    # 2. the directional check against the full central-difference check
    directional_seconds, right_value = best_time(lambda: directional(reference.regularized_gradient, theta, X, Y), 3)
    print(f"\n2. gradient checks on the full network (regularized, lambda = {LAMBDA:g})")
    print(f"   directional check, 5 directions:     {directional_seconds:9.3f} s  (relative difference {right_value:.1e})")
    if args.estimate_full_check:
        count = args.estimate_full_check
        began = time.perf_counter()
        shifted = theta.copy()
        for i in range(count):
            original = shifted[i]
            shifted[i] = original + 1e-4
            reference.regularized_cost(shifted, X, Y, LAMBDA)
            shifted[i] = original - 1e-4
            reference.regularized_cost(shifted, X, Y, LAMBDA)
            shifted[i] = original
        full_seconds = (time.perf_counter() - began) * theta.size / count
        how = f"estimated from {count} of {theta.size} parameters"
    else:
        began = time.perf_counter()
        full_value = reference.gradient_checking(theta, X, Y, 1e-4, True, LAMBDA)
        full_seconds = time.perf_counter() - began
        how = f"measured, relative difference {full_value:.1e}"
    print(f"   full central-difference check:       {full_seconds:9.1f} s  ({how})")
    print(f"   RATIO full / directional: {full_seconds / directional_seconds:.0f}x; directional check "
          f"{directional_seconds:.3f} s (target < {DIRECTIONAL_SECONDS_TARGET:g} s)")
    met &= directional_seconds < DIRECTIONAL_SECONDS_TARGET and right_value < PASS_THRESHOLD

    # 3. every catalogued gradient mistake against the directional check
    print(f"\n3. the directional check on each catalogued gradient mistake (fails above {PASS_THRESHOLD:g})")
    print(f"   {'the reference':48s} {right_value:9.1e}  passes")
    for name in ("gradient", "regularized_gradient", "sigmoid_gradient"):
        for mistake in MISTAKES[name]:
            value = directional(wrong_regularized_gradient(mistake), theta, X, Y)
            caught = value > PASS_THRESHOLD
            met &= caught
            print(f"   {mistake.id:48s} {value:9.1e}  {'fails, as it should' if caught else 'PASSES: NOT CAUGHT'}")

    print("\nall targets met" if met else "\nSOME TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
