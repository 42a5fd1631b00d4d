"""Tests of ``autograder.diagnosis`` on small made-up functions."""

from __future__ import annotations

import re

import numpy as np
import pytest

from autograder.diagnosis import (
    UNRECOGNISED,
    CheckFailed,
    Mistake,
    catalogue,
    check_against_reference,
    flatten_numbers,
)

# A made-up graded function: the derivative of x**3 and the value of x**2.


def reference(x, scale):
    return 3 * scale * x**2, x**2


def forgot_the_three(x, scale):
    return scale * x**2, x**2


def squared_the_wrong_thing(x, scale):
    return 3 * scale * x**2, (scale * x) ** 2


FORGOT = Mistake("toy.forgot-three", "toy", "you forgot the 3 that comes down from x**3.", forgot_the_three)
WRONG_SQUARE = Mistake("toy.wrong-square", "toy", "square x, not scale * x.", squared_the_wrong_thing)
MISTAKES = (FORGOT, WRONG_SQUARE)
CASES = [(2.0, 1.0), (-1.5, 0.5), (0.7, -2.0)]


def check(student, mistakes=MISTAKES, cases=CASES, **kwargs):
    check_against_reference(
        name="toy", student=student, reference=reference, mistakes=mistakes, cases=cases, **kwargs
    )


def failure(student, **kwargs) -> CheckFailed:
    with pytest.raises(CheckFailed) as info:
        check(student, **kwargs)
    return info.value


def test_correct_function_passes():
    def student(x, scale):
        return [scale * 3.0 * x * x, np.float64(x) * x]  # a list, other algebra

    check(student)
    check(reference)


def test_checkfailed_is_an_assertion_error_with_a_diagnosis_tag():
    error = CheckFailed("something is off", "toy.forgot-three")
    assert isinstance(error, AssertionError)
    assert error.diagnosis == "toy.forgot-three"
    assert str(error) == "something is off\n[diagnosis: toy.forgot-three]"
    assert CheckFailed("x").diagnosis == UNRECOGNISED == "unrecognised"


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.id)
def test_catalogued_mistake_is_diagnosed(mistake):
    def student(x, scale):  # a different body that computes the same wrong numbers
        return tuple(float(v) for v in mistake.implementation(x, scale))

    error = failure(student)
    assert error.diagnosis == mistake.id
    text = str(error)
    assert mistake.message in text
    assert text.endswith(f"[diagnosis: {mistake.id}]"), text
    assert text.startswith("toy is not right:"), text
    assert re.search(r"seen with \(-?\d", text), "the message should show the case"


def test_second_matching_mistake_is_found_when_the_first_does_not_match():
    error = failure(squared_the_wrong_thing, mistakes=(FORGOT, WRONG_SQUARE))
    assert error.diagnosis == "toy.wrong-square"


def test_wrong_function_matching_no_mistake_is_unrecognised_with_numbers():
    def student(x, scale):
        return 3 * scale * x**2 + 0.25, x**2

    error = failure(student)
    assert error.diagnosis == "unrecognised"
    text = str(error)
    assert text.endswith("[diagnosis: unrecognised]"), text
    assert "12.25" in text and "12" in text, f"got and expected values should be shown: {text}"
    assert re.search(r"max absolute error 0\.25", text), text
    for mistake in MISTAKES:
        assert mistake.message not in text


def test_wrong_number_of_values_is_unrecognised_and_says_how_many():
    # A flat tuple of numbers is compared as one array: the message gives both shapes.
    error = failure(lambda x, scale: (3 * scale * x**2,))
    assert error.diagnosis == "unrecognised"
    assert "shape (1,)" in str(error) and "shape (2,)" in str(error), str(error)
    # A nested result is compared value by value: the message counts them.
    error = failure(lambda x, scale: ((3 * scale * x**2, x**2), np.array([1.0])))
    assert error.diagnosis == "unrecognised"
    assert "2 value(s)" in str(error) and "1 were expected" in str(error), str(error)


def test_function_that_raises_is_diagnosed_as_raised():
    def student(x, scale):
        raise ZeroDivisionError("division by zero in my code")

    error = failure(student)
    assert error.diagnosis == "raised"
    text = str(error)
    assert "ZeroDivisionError" in text and "division by zero in my code" in text, text
    assert text.endswith("[diagnosis: raised]")
    assert error.__cause__ is None and error.__suppress_context__


def test_function_that_raises_only_on_a_later_case():
    def student(x, scale):
        if x < 0:
            raise ValueError("negative x")
        return reference(x, scale)

    error = failure(student)
    assert error.diagnosis == "raised" and "-1.5" in str(error)


@pytest.mark.parametrize(
    "returned",
    ["six", {"d": "six"}, [1.0, "x"], object()],
    ids=["str", "dict-of-str", "list-with-str", "object"],
)
def test_function_returning_a_non_number_is_wrong_type(returned):
    error = failure(lambda x, scale: returned)
    assert error.diagnosis == "wrong-type", str(error)
    assert "toy" in str(error) and str(error).endswith("[diagnosis: wrong-type]")


def test_function_returning_none_is_wrong_type():
    # The commonest non-number: a function without a `return` statement.
    error = failure(lambda x, scale: None)
    assert error.diagnosis == "wrong-type", (
        "BUG (autograder.checking.as_float_array): None is converted to nan, so a function "
        f"that returns None is diagnosed {error.diagnosis!r} instead of 'wrong-type':\n{error}"
    )


def test_mistake_that_raises_is_skipped_not_propagated():
    def crashing(x, scale):
        raise RuntimeError("catalogue bug")

    error = failure(forgot_the_three, mistakes=(Mistake("toy.crash", "toy", "m", crashing), FORGOT))
    assert error.diagnosis == "toy.forgot-three"


def test_mistake_that_agrees_with_the_reference_is_not_blamed():
    # The student is wrong by 2e-7 (relative). A mistake wrong by 1e-7 is within
    # tolerance of both the student and the reference: it imitates the student, but
    # it is not a mistake on this case, so it must not be named.
    def slightly_off(factor):
        return lambda x, scale: tuple(v * factor for v in reference(x, scale))

    harmless = Mistake("toy.harmless", "toy", "HARMLESS MESSAGE", slightly_off(1 + 0.9e-7))
    student = slightly_off(1 + 1.8e-7)
    error = failure(student, mistakes=(harmless,))
    assert error.diagnosis == "unrecognised"
    assert "HARMLESS MESSAGE" not in str(error)


def test_mistake_is_judged_on_the_failing_case_only():
    # `abs_mistake` equals the reference whenever x >= 0; the student makes that mistake
    # only for negative x, so it passes the first case and must be diagnosed on the second.
    def abs_mistake(x, scale):
        return 3 * scale * x**2, abs(x) * x

    def student(x, scale):
        return 3 * scale * x * x, x * abs(x)

    mistake = Mistake("toy.abs", "toy", "x**2 is never negative.", abs_mistake)
    error = failure(student, mistakes=(mistake,))
    assert error.diagnosis == "toy.abs" and "-1.5" in str(error)
    # On a case where the mistake agrees with the reference, a different error is not blamed on it.
    error = failure(lambda x, scale: (0.0, 0.0), mistakes=(mistake,), cases=[(2.0, 1.0)])
    assert error.diagnosis == "unrecognised"


def test_student_cannot_change_the_references_inputs():
    seen_by_reference = []
    seen_by_mistake = []

    def recording_reference(values, scale):
        seen_by_reference.append(list(values))
        return [scale * v for v in values]

    def mistake(values, scale):
        seen_by_mistake.append(list(values))
        return [scale * v + 1 for v in values]

    def student(values, scale):
        result = [scale * v + 1 for v in values]  # the mistake's numbers...
        values[:] = [999.0] * len(values)  # ...after vandalising the input
        return result

    cases = [([1.0, 2.0], 3.0), ([4.0, 5.0], 2.0)]
    with pytest.raises(CheckFailed) as info:
        check_against_reference(
            name="scaled",
            student=student,
            reference=recording_reference,
            mistakes=(Mistake("toy.plus-one", "scaled", "no +1.", mistake),),
            cases=cases,
        )
    assert info.value.diagnosis == "toy.plus-one"
    assert seen_by_mistake == [[1.0, 2.0]], "the mistake saw the student's changes"
    assert cases == [([1.0, 2.0], 3.0), ([4.0, 5.0], 2.0)], "the caller's cases were changed"


def test_student_mutating_inputs_does_not_leak_into_later_cases():
    seen = []

    def recording_reference(values):
        seen.append(values.copy())
        return values * 2

    def student(values):
        result = values * 2
        values *= 0  # in place on the array it was given
        return result

    cases = [(np.array([1.0, 2.0]),), (np.array([3.0, 4.0]),)]
    check_against_reference(
        name="double", student=student, reference=recording_reference, mistakes=(), cases=cases
    )
    assert [s.tolist() for s in seen] == [[1.0, 2.0], [3.0, 4.0]]
    assert cases[0][0].tolist() == [1.0, 2.0] and cases[1][0].tolist() == [3.0, 4.0]


def test_observe_sees_what_the_caller_still_holds():
    # As in check_update_w: the input after the call is part of what is compared.
    def observe(function, case):
        values, = case
        return function(values), values

    def ref(values):
        return [v + 1 for v in values]

    def in_place(values):
        for i in range(len(values)):
            values[i] += 1
        return values

    mistake = Mistake("toy.in-place", "inc", "do not overwrite the input.", in_place)
    with pytest.raises(CheckFailed) as info:
        check_against_reference(
            name="inc", student=in_place, reference=ref, mistakes=(mistake,), cases=[([1.0, 2.0],)], observe=observe
        )
    assert info.value.diagnosis == "toy.in-place"


def test_describe_is_used_in_messages():
    error = failure(lambda x, scale: (0.0, 0.0), describe=lambda case: f"<case x={case[0]}>")
    assert "<case x=2.0>" in str(error)


def test_catalogue_groups_by_function():
    other = Mistake("other.m", "other", "m", lambda: None)
    grouped = catalogue(FORGOT, other, WRONG_SQUARE)
    assert grouped == {"toy": (FORGOT, WRONG_SQUARE), "other": (other,)}


def test_flatten_numbers_nested_structures():
    flat = flatten_numbers({"b": [1.0, 2.0], "a": (np.array([3.0]), 4)})
    assert [a.tolist() for a in flat] == [[3.0], 4.0, [1.0, 2.0]]
    with pytest.raises(TypeError, match=r"result\[1\]"):
        flatten_numbers([np.array([1.0]), "x"])
