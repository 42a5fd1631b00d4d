"""Recognise a wrong answer as a known mistake, and say so.

A catalogued mistake is a function that gives the wrong answer in one typical
way. A hidden check runs the student's function, the reference and every
catalogued mistake on the same inputs; when the student's output is wrong but
matches a mistake's, the failure message is that mistake's explanation.

Every failure message ends with a tag ``[diagnosis: <id>]`` (or
``[diagnosis: unrecognised]``) that the class report counts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from autograder.checking import as_float_array, assert_close

UNRECOGNISED = "unrecognised"


@dataclass(frozen=True)
class Mistake:
    """A typical wrong implementation of one graded function.

    ``id`` is stable and short (it appears in reports), ``message`` is written
    for the student: what their output suggests and how to fix it.
    """

    id: str
    function: str
    message: str
    implementation: Callable


class CheckFailed(AssertionError):
    """A hidden check failed; ``diagnosis`` is a mistake id or ``unrecognised``."""

    def __init__(self, message: str, diagnosis: str = UNRECOGNISED):
        super().__init__(f"{message}\n[diagnosis: {diagnosis}]")
        self.diagnosis = diagnosis


def catalogue(*mistakes: Mistake) -> dict[str, tuple[Mistake, ...]]:
    """Group mistakes by the graded function they imitate."""
    by_function: dict[str, list[Mistake]] = {}
    for mistake in mistakes:
        by_function.setdefault(mistake.function, []).append(mistake)
    return {name: tuple(group) for name, group in by_function.items()}


def flatten_numbers(observation: Any, name: str = "result") -> list[np.ndarray]:
    """Flatten nested tuples/lists/dicts of numbers and arrays into float arrays.

    Raises ``TypeError`` naming ``name`` when something is not numeric.
    """
    if isinstance(observation, dict):
        return [a for key in sorted(observation) for a in flatten_numbers(observation[key], f"{name}[{key!r}]")]
    if isinstance(observation, (tuple, list)) and not _is_flat_number_list(observation):
        return [a for i, item in enumerate(observation) for a in flatten_numbers(item, f"{name}[{i}]")]
    return [as_float_array(observation, name)]


def _is_flat_number_list(values) -> bool:
    """A sequence of scalars (Python numbers, NumPy scalars or 0-d arrays) is one array."""
    try:
        return all(not isinstance(v, (bool, str, bytes)) and np.ndim(v) == 0 and v is not None for v in values)
    except ValueError:  # a ragged item such as (array, float) has no single ndim
        return False


def same_numbers(a: Sequence[np.ndarray], b: Sequence[np.ndarray], rtol: float, atol: float) -> bool:
    if len(a) != len(b):
        return False
    for left, right in zip(a, b):
        if left.size == right.size == 1:
            # A 1x1 matrix or a one-element array stands for the number it holds.
            left, right = left.reshape(()), right.reshape(())
        if left.shape != right.shape:
            return False
        if not np.all(np.abs(left - right) <= atol + rtol * np.abs(right)):
            return False
    return True


def check_against_reference(
    *,
    name: str,
    student: Callable,
    reference: Callable,
    mistakes: Iterable[Mistake],
    cases: Iterable[tuple],
    observe: Callable[[Callable, tuple], Any] | None = None,
    describe: Callable[[tuple], str] = repr,
    rtol: float = 1e-7,
    atol: float = 1e-10,
) -> None:
    """Compare ``student`` with ``reference`` on every case; diagnose the first failure.

    ``observe(function, case)`` returns what is compared (by default the return
    value of ``function(*case)``); each call gets its own deep copy of the case,
    so neither side can change the other's inputs.
    """
    observe = observe or (lambda function, case: function(*case))
    mistakes = tuple(mistakes)
    for case in cases:
        expected = flatten_numbers(observe(reference, copy.deepcopy(case)), "the reference result")
        try:
            raw = observe(student, copy.deepcopy(case))
        except CheckFailed:
            raise
        except Exception as error:  # the student's code failing is a result, not a crash
            raise CheckFailed(
                f"{name} raised {type(error).__name__}: {error}\n  when called with {describe(case)}.",
                "raised",
            ) from None
        try:
            got = flatten_numbers(raw, f"what {name} returned")
        except TypeError as error:
            raise CheckFailed(f"{error}\n  when called with {describe(case)}.", "wrong-type") from None
        if same_numbers(got, expected, rtol, atol):
            continue
        mistake = _recognise(got, expected, mistakes, observe, case, rtol, atol)
        if mistake is not None:
            raise CheckFailed(f"{name} is not right: {mistake.message}\n  (seen with {describe(case)})", mistake.id)
        raise CheckFailed(_unrecognised_message(name, got, expected, describe(case), rtol, atol))


def _recognise(got, expected, mistakes, observe, case, rtol, atol) -> Mistake | None:
    for mistake in mistakes:
        try:
            imitated = flatten_numbers(observe(mistake.implementation, copy.deepcopy(case)))
        except Exception:
            continue
        if same_numbers(got, imitated, rtol, atol) and not same_numbers(imitated, expected, rtol, atol):
            return mistake
    return None


def _unrecognised_message(name, got, expected, case_text, rtol, atol) -> str:
    if len(got) != len(expected):
        return (
            f"{name} returned {len(got)} value(s), but {len(expected)} were expected\n"
            f"  (called with {case_text})."
        )
    for index, (left, right) in enumerate(zip(got, expected)):
        label = name if len(got) == 1 else f"value {index} returned by {name}"
        try:
            assert_close(left, right, label, rtol=rtol, atol=atol)
        except AssertionError as error:
            return f"{error}\n  (called with {case_text})"
    return f"{name} does not match the expected result (called with {case_text})."
