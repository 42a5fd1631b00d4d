"""What the feedback preprocessor removes from an autograded notebook, on made-up cells."""

from __future__ import annotations

import nbformat
import pytest

from autograder.checking import assert_close
from autograder.grading.feedback import WITHHELD, WithholdHiddenTests, withhold_expected_values


def _failure_message(actual, expected) -> str:
    with pytest.raises(AssertionError) as error:
        assert_close(actual, expected, "back_propagate")
    return str(error.value)


def test_expected_values_are_withheld_but_what_came_back_stays():
    message = _failure_message([0.1, 0.5], [0.1, 0.25])
    withheld = withhold_expected_values(message)
    assert "0.25" not in withheld and f"expected {WITHHELD}" in withheld
    assert "got 0.5" in withheld
    shape = withhold_expected_values(_failure_message([1.0, 2.0], [1.0, 2.0, 3.0]))
    assert "3.0" not in shape and f"expected: {WITHHELD}" in shape


def test_hidden_blocks_tracebacks_and_hidden_messages_leave_the_notebook():
    cell = nbformat.v4.new_code_cell(
        "### BEGIN HIDDEN TESTS\nfrom autograder.hidden.backprop import check_update_w\ncheck_update_w(update_w)\n"
        "### END HIDDEN TESTS\nprint('update_w looks right.')",
        metadata={"nbgrader": {"grade": True, "grade_id": "test_update_w", "points": 2, "locked": True,
                               "solution": False, "schema_version": 3},
                  "autograder": {"referee_outputs": [0]}},
    )
    cell.outputs = [nbformat.v4.new_output(
        "error", ename="CheckFailed", evalue="update_w does not match: got 1.0, expected 2.0.\n[diagnosis: x]",
        traceback=["----", "check_update_w(update_w)", "File autograder/hidden/backprop.py"])]
    cleaned, _ = WithholdHiddenTests().preprocess_cell(cell, {}, 0)
    assert "autograder.hidden" not in cleaned.source and "check_update_w" not in cleaned.source
    assert "print('update_w looks right.')" in cleaned.source
    error = cleaned.outputs[0]
    assert error.traceback == [f"CheckFailed: {error.evalue}"]
    assert "2.0" not in error.evalue and "[diagnosis: x]" in error.evalue
    assert "autograder" not in cleaned.metadata
