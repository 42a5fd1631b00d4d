"""Tests of the public gradient-checking helpers in ``autograder.checking``."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from autograder.checking import as_float_array, assert_close, numerical_gradient, relative_error


def _bits(array: np.ndarray) -> bytes:
    return np.ascontiguousarray(array).tobytes()


# --------------------------------------------------------------------------
# numerical_gradient
# --------------------------------------------------------------------------


def test_numerical_gradient_of_sum_of_squares():
    x = np.array([0.3, -1.7, 2.5, 0.0, 11.0])
    gradient = numerical_gradient(lambda: float(np.sum(x**2)), x)
    # A quadratic has no third derivative: central differences are exact up to rounding.
    np.testing.assert_allclose(gradient, 2 * x, rtol=1e-8, atol=1e-8)
    assert gradient.shape == x.shape and gradient.dtype == np.float64


def test_numerical_gradient_of_a_matrix_product():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(3, 4))
    b = rng.normal(size=(4, 2))
    c = rng.normal(size=(3, 2))
    # f(A) = sum(C * (A @ B)) has gradient C @ B.T with respect to A (a 2-D array).
    gradient = numerical_gradient(lambda: float(np.sum(c * (a @ b))), a)
    assert gradient.shape == (3, 4)
    np.testing.assert_allclose(gradient, c @ b.T, rtol=1e-8, atol=1e-9)


def test_numerical_gradient_of_a_nonlinear_function_to_second_order():
    x = np.array([0.4, -0.9, 1.3])
    gradient = numerical_gradient(lambda: float(np.sum(np.sin(x) * np.exp(x))), x)
    expected = np.exp(x) * (np.sin(x) + np.cos(x))
    assert relative_error(gradient, expected) < 1e-8


def test_numerical_gradient_sees_the_array_it_was_given():
    # f reads x through a closure; a gradient of zeros would mean it perturbed a copy.
    x = np.array([1.0, 2.0])
    gradient = numerical_gradient(lambda: 3.0 * x[0] - 5.0 * x[1], x)
    np.testing.assert_allclose(gradient, [3.0, -5.0], rtol=1e-9)


def test_numerical_gradient_restores_x_bit_for_bit():
    # Values for which x + h - h != x in floating point, and a negative zero.
    x = np.array([[0.1, 1 / 3, -0.0], [1e-300, 123456.789, np.pi]])
    original = _bits(x)
    numerical_gradient(lambda: float(np.sum(np.cos(x))), x)
    assert _bits(x) == original, f"x was not restored exactly: {x!r}"
    assert np.signbit(x[0, 2]), "the negative zero lost its sign"


def test_numerical_gradient_restores_x_when_f_raises_midway():
    x = np.array([0.1, 0.7, 1 / 3, -2.2])
    original = _bits(x)
    calls = []

    def f():
        calls.append(x.copy())
        if len(calls) == 4:  # second entry, '-h' side: x[1] is perturbed right now
            raise RuntimeError("boom")
        return float(np.sum(x**3))

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(f, x)
    assert len(calls) == 4
    assert calls[3][1] != 0.7, "the failing call should have seen a perturbed entry"
    assert _bits(x) == original, f"x was left perturbed after f raised: {x!r}"


@pytest.mark.parametrize(
    "bad_x",
    [
        np.array([1.0, 2.0], dtype=np.float32),
        np.array([1, 2]),
        [1.0, 2.0],
        (1.0, 2.0),
    ],
    ids=["float32", "int", "list", "tuple"],
)
def test_numerical_gradient_rejects_non_float64_input(bad_x):
    with pytest.raises(TypeError, match="float64") as info:
        numerical_gradient(lambda: 0.0, bad_x)
    assert "np.asarray" in str(info.value), "the message should say how to convert x"


# --------------------------------------------------------------------------
# relative_error
# --------------------------------------------------------------------------


def test_relative_error_is_zero_for_equal_inputs():
    a = np.array([[1.5, -2.0], [0.0, 3e8]])
    assert relative_error(a, a.copy()) == 0.0
    assert relative_error(0.0, 0.0) == 0.0


def test_relative_error_is_symmetric():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=6), rng.normal(size=6)
    assert relative_error(a, b) == relative_error(b, a)
    assert relative_error(a, b) > 0


def test_relative_error_is_scale_independent():
    a = np.array([1.0, 2.0, 3.0])
    b = np.array([1.0, 2.0 * (1 + 1e-6), 3.0])
    base = relative_error(a, b)
    assert 1e-7 < base < 1e-6
    for scale in (1e-6, 1e6, -3.0):
        assert relative_error(scale * a, scale * b) == pytest.approx(base, rel=1e-6)


def test_relative_error_value():
    # |1 - 3| / (|1| + |3|) = 0.5; the largest entry wins.
    assert relative_error([1.0, 5.0], [3.0, 5.0]) == pytest.approx(0.5)


@pytest.mark.parametrize(
    "actual, expected",
    [([1.0, 2.0], [1.0, 2.0, 3.0]), ([1.0], [1.0, 1.0]), ([[1.0, 2.0]], [1.0, 2.0]), (1.0, [1.0, 1.0])],
    ids=["2-vs-3", "broadcastable-1-vs-2", "broadcastable-1x2-vs-2", "scalar-vs-2"],
)
def test_relative_error_shape_mismatch_raises_value_error(actual, expected):
    # Shapes that NumPy would broadcast must be refused too.
    with pytest.raises(ValueError, match="shapes differ"):
        relative_error(actual, expected)


# --------------------------------------------------------------------------
# assert_close
# --------------------------------------------------------------------------


def test_assert_close_passes_on_close_values():
    expected = np.array([1.0, -2.0, 3e5])
    assert_close(expected * (1 + 1e-9), expected)
    assert_close(1e-12, 0.0)  # within atol


def test_assert_close_fails_just_outside_the_tolerance():
    with pytest.raises(AssertionError):
        assert_close(1.0 + 1e-6, 1.0)
    with pytest.raises(AssertionError):
        assert_close(1.0 + 1e-6, 1.0, rtol=1e-7)
    assert_close(1.0 + 1e-6, 1.0, rtol=1e-5)


def test_assert_close_failure_message_gives_shape_errors_and_worst_index():
    expected = np.arange(12, dtype=float).reshape(3, 4) + 1.0
    actual = expected.copy()
    actual[0, 1] += 0.001  # small error elsewhere
    actual[1, 2] += 0.5  # the worst entry
    with pytest.raises(AssertionError) as info:
        assert_close(actual, expected, "the gradients")
    message = str(info.value)
    assert "the gradients" in message
    assert "(1, 2)" in message, message
    assert "(3, 4)" in message, message  # the shape
    assert "2 of 12" in message, message
    max_abs = re.search(r"max absolute error ([0-9.e+-]+)", message)
    max_rel = re.search(r"max relative error ([0-9.e+-]+)", message)
    assert max_abs and float(max_abs.group(1)) == pytest.approx(0.5, rel=1e-2), message
    # worst relative error: 0.5 / (7.5 + 7.0)
    assert max_rel and float(max_rel.group(1)) == pytest.approx(0.5 / 14.5, rel=1e-2), message
    assert "7.5" in message and "7.0" in message, "the worst entry's values should be shown"


def test_assert_close_shape_mismatch_message():
    with pytest.raises(AssertionError) as info:
        assert_close([[1.0, 2.0]], [1.0, 2.0], "w")
    message = str(info.value)
    assert "w has shape (1, 2)" in message and "shape (2,) was expected" in message, message


def test_assert_close_nan_in_actual_fails():
    with pytest.raises(AssertionError) as info:
        assert_close([1.0, np.nan, 3.0], [1.0, 2.0, 3.0], "out")
    assert "(1,)" in str(info.value) and "nan" in str(info.value)
    with pytest.raises(AssertionError):
        assert_close(np.nan, 2.0)
    with pytest.raises(AssertionError):
        assert_close(np.inf, 2.0)


def test_assert_close_infinite_expected_is_not_matched_by_a_finite_value():
    # |1 - inf| <= atol + rtol * inf holds, so the tolerance formula alone lets this pass.
    try:
        assert_close(1.0, np.inf)
    except AssertionError:
        return
    pytest.fail("BUG in autograder.checking.assert_close: assert_close(1.0, np.inf) passes")


def test_assert_close_equal_infinities_pass_and_nan_never_crashes():
    try:
        assert_close([1.0, np.inf], [1.0, np.inf])
    except AssertionError as error:
        pytest.fail(
            "BUG in autograder.checking.assert_close: equal infinities are reported as different "
            f"(inf - inf is nan), and the reported index is a matching entry:\n{error}"
        )
    try:
        assert_close(np.nan, np.nan)
    except AssertionError:
        pass  # failing is fine (NaN is not a value); crashing is not
    except ValueError as error:
        pytest.fail(f"BUG in autograder.checking.assert_close: NaN vs NaN crashes with ValueError: {error}")


@pytest.mark.parametrize(
    "actual",
    [
        [1.0, 2.0, 3.0],
        (1.0, 2.0, 3.0),
        np.array([1.0, 2.0, 3.0], dtype=np.float32),
        torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64),
        torch.tensor([1.0, 2.0, 3.0], requires_grad=True),
        [np.float64(1.0), 2, np.float32(3.0)],
        [torch.tensor(1.0), torch.tensor(2.0), torch.tensor(3.0)],
    ],
    ids=["list", "tuple", "float32", "tensor", "tensor-requires-grad", "mixed-scalars", "list-of-tensors"],
)
def test_assert_close_accepts_array_likes(actual):
    assert_close(actual, np.array([1.0, 2.0, 3.0]))
    with pytest.raises(AssertionError):
        assert_close(actual, np.array([1.0, 2.0, 4.0]))


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_assert_close_accepts_np_matrix_and_compares_its_shape():
    assert_close(np.matrix([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]))
    with pytest.raises(AssertionError, match="shape"):
        assert_close(np.matrix([1.0, 2.0]), np.array([1.0, 2.0]))  # a matrix is (1, 2)


def test_assert_close_float32_is_converted_exactly():
    value = np.float32(0.1)  # 0.100000001490116...
    assert_close(value, float(value), rtol=0.0, atol=0.0)
    assert_close(value, 0.1)  # relative difference ~1.5e-8, inside the default rtol
    with pytest.raises(AssertionError):
        assert_close(value, 0.1, rtol=1e-9)


@pytest.mark.parametrize(
    "value, shown",
    [("six", "'six'"), ({"a": 1.0}, "{'a': 1.0}"), ([1.0, "x"], "[1.0, 'x']"), (object(), "object")],
    ids=["str", "dict", "list-with-str", "object"],
)
def test_assert_close_non_numeric_gives_type_error_naming_the_value(value, shown):
    with pytest.raises(TypeError) as info:
        assert_close(value, 6.0, "d_w1")
    message = str(info.value)
    assert "d_w1" in message and shown in message, message
    assert "could not convert" not in message and "float() argument" not in message, message


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_as_float_array_converts_and_names_the_value():
    array = as_float_array(torch.tensor([[1.0, 2.0]], requires_grad=True))
    assert isinstance(array, np.ndarray) and array.dtype == np.float64 and array.shape == (1, 2)
    assert type(as_float_array(np.matrix([[1.0]]))) is np.ndarray
    with pytest.raises(TypeError, match="grads"):
        as_float_array([[1.0, 2.0], [3.0]], "grads")


@pytest.mark.parametrize("value", [None, [1.0, None]], ids=["None", "list-with-None"])
def test_as_float_array_rejects_none(value):
    # A student function that forgets `return` hands back None.
    try:
        result = as_float_array(value, "what quadratic_gradients returned")
    except TypeError as error:
        assert "None" in str(error) and "quadratic_gradients" in str(error)
        return
    pytest.fail(
        f"BUG in autograder.checking.as_float_array: {value!r} is read as the number(s) "
        f"{result!r} (np.array(None, dtype=float) is nan) instead of raising TypeError"
    )
