"""Gradient-checking helpers that students may use in their own notebooks.

Everything here is public: it ships in the student kit. It knows nothing about
any assignment's answers.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

__all__ = [
    "numerical_gradient",
    "relative_error",
    "assert_close",
    "as_float_array",
]


def as_float_array(value, name: str = "value") -> np.ndarray:
    """Turn numbers, lists, tuples, ``np.matrix`` or tensors into a float64 array.

    Raises a ``TypeError`` that names ``name`` when the value cannot be read as
    numbers, instead of a NumPy error from deep inside a comparison.
    """
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor
        value = value.detach().cpu().numpy()
    if isinstance(value, np.matrix):
        value = np.asarray(value)
    message = (
        f"{name} should be a number or an array of numbers, "
        f"but it is {type(value).__name__}: {_short_repr(value)}"
    )
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise TypeError(message) from error
    # None, strings and objects would otherwise slip through as nan or text.
    if raw.dtype.kind not in "biuf":
        raise TypeError(message)
    return np.array(raw, dtype=np.float64)


def numerical_gradient(f: Callable[[], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of the scalar ``f()`` with respect to ``x``.

    ``x`` is perturbed in place, one entry at a time, and every entry is put back
    to its original value afterwards, even when ``f`` raises: ``f`` reads ``x``
    through a closure, so it must see the array it was given, not a copy.

    The truncation error is O(h**2); with h = 1e-5 in double precision, a
    correct analytic gradient usually agrees to a relative error below 1e-7.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(
            "numerical_gradient perturbs x in place, so x must be a float64 NumPy "
            f"array (got {type(x).__name__} with dtype {getattr(x, 'dtype', None)}); "
            "convert it with np.asarray(x, dtype=float) before building f."
        )
    gradient = np.zeros_like(x)
    iterator = np.nditer(x, flags=["multi_index"])
    for _ in iterator:
        index = iterator.multi_index
        original = x[index]
        try:
            x[index] = original + h
            f_plus = float(f())
            x[index] = original - h
            f_minus = float(f())
        finally:
            x[index] = original
        gradient[index] = (f_plus - f_minus) / (2 * h)
    return gradient


def relative_error(actual, expected, floor: float = 1e-12) -> float:
    """The largest entry of |actual - expected| / max(|actual| + |expected|, floor).

    Symmetric in its arguments and never above 1 (exactly 1 where two entries
    have opposite signs), so "1e-9" means "about nine matching digits" whatever
    the scale of the numbers.
    """
    actual = as_float_array(actual, "actual")
    expected = as_float_array(expected, "expected")
    if actual.shape != expected.shape:
        raise ValueError(f"shapes differ: actual {actual.shape}, expected {expected.shape}")
    if actual.size == 0:
        return 0.0
    scale = np.maximum(np.abs(actual) + np.abs(expected), floor)
    return float(np.max(np.abs(actual - expected) / scale))


def assert_close(actual, expected, name: str = "result", rtol: float = 1e-7, atol: float = 1e-10) -> None:
    """Raise ``AssertionError`` unless ``actual`` matches ``expected`` entry by entry.

    An entry passes when |actual - expected| <= atol + rtol * |expected|. The
    message gives the shapes, the largest absolute and relative errors and the
    index of the worst entry, so a student sees where to look.
    """
    actual_array = as_float_array(actual, name)
    expected_array = as_float_array(expected, f"the expected {name}")
    if actual_array.shape != expected_array.shape:
        raise AssertionError(
            f"{name} has shape {actual_array.shape}, but shape {expected_array.shape} "
            f"was expected.\n  got:      {_short_repr(actual)}\n  expected: {_short_repr(expected)}"
        )
    if actual_array.size == 0:
        return
    same_infinity = np.isinf(expected_array) & (actual_array == expected_array)
    with np.errstate(invalid="ignore"):
        difference = np.where(same_infinity, 0.0, np.abs(actual_array - expected_array))
    bad_values = ~(np.isfinite(actual_array) & np.isfinite(expected_array)) & ~same_infinity
    allowed = atol + rtol * np.abs(expected_array)
    failing = bad_values | ~(difference <= allowed)
    if not failing.any():
        return
    with np.errstate(invalid="ignore"):
        excess = np.where(bad_values, np.inf, difference - allowed)
        ranking = np.where(failing, np.nan_to_num(excess, nan=np.inf), -np.inf)
        worst = np.unravel_index(int(np.argmax(ranking)), actual_array.shape)
        max_abs = float(np.max(np.where(np.isnan(difference), np.inf, difference)))
        max_rel = relative_error(np.nan_to_num(actual_array, nan=np.inf), expected_array)
    where = f" at index {tuple(int(i) for i in worst)}" if actual_array.ndim else ""
    raise AssertionError(
        f"{name} does not match{where}: got {float(actual_array[worst])!r}, "
        f"expected {float(expected_array[worst])!r}.\n"
        f"  shape {actual_array.shape}, {int(failing.sum())} of {actual_array.size} entries off; "
        f"max absolute error {max_abs:.3g}, max relative error {max_rel:.3g} "
        f"(allowed: rtol={rtol:g}, atol={atol:g})."
    )


def _short_repr(value, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
