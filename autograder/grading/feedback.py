"""``feedback NAME``: nbgrader's feedback pages, without the hidden tests.

nbgrader renders the autograded notebook, in which the test cells carry their
hidden tests again: a student who gets the page early could hand the hidden
tests, and the values they check, to one who has not submitted yet. Here
nbgrader's own ``GenerateFeedback`` converter runs with one more preprocessor
in front, which

- replaces each hidden block by a one-line note (the visible checks stay);
- shortens every error to its type and message (a traceback quotes the code
  around the failure, hidden lines included);
- withholds the expected values in the hidden checks' messages ("got 0.1,
  expected [withheld]"), while the diagnosis and its explanation stay.
"""

from __future__ import annotations

import re

from nbgrader.converters import GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import GetGrades
from nbgrader.preprocessors.base import NbGraderPreprocessor
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from traitlets import Unicode
from traitlets.config import Config

from autograder.grading.cells import has_hidden, without_hidden
from autograder.grading.course import Course

WITHHELD = "[withheld]"
_EXPECTED_VALUE = re.compile(
    r"(\bexpected:?[ \t]*)(array\(.*?\)|\(.*?\)|\[.*?\]|[-+]?(?:nan|inf|\d[\d_]*\.?\d*(?:[eE][-+]?\d+)?|\.\d+))",
    re.IGNORECASE | re.DOTALL,
)

# |got - expected| gives the expected value away as surely as the value itself.
_ERROR_SIZE = re.compile(r"(\bmax (?:absolute|relative) error[ \t]*)([-+]?(?:nan|inf|\d[\d.]*(?:[eE][-+]?\d+)?))",
                         re.IGNORECASE)


def withhold_expected_values(text: str) -> str:
    """``got 0.1, expected 0.2`` -> ``got 0.1, expected [withheld]``; also ``expected: ...``
    lines and the sizes of the errors."""
    text = _EXPECTED_VALUE.sub(lambda match: match.group(1) + WITHHELD, text)
    return _ERROR_SIZE.sub(lambda match: match.group(1) + WITHHELD, text)


class WithholdHiddenTests(NbGraderPreprocessor):
    """Removes from an autograded notebook what only the instructor may see."""

    hidden_begin = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    hidden_end = Unicode("END HIDDEN TESTS").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        had_hidden = has_hidden(cell.source, self.hidden_begin)
        if had_hidden:
            cell.source = without_hidden(cell.source, self.hidden_begin, self.hidden_end)
        from_referee = set(cell.metadata.get("autograder", {}).get("referee_outputs", []))
        for position, output in enumerate(cell.get("outputs", [])):
            hidden_output = position in from_referee or (had_hidden and output.get("ename") == "CheckFailed")
            if output.output_type == "error":
                evalue = withhold_expected_values(output.evalue) if hidden_output else output.evalue
                output.evalue = evalue
                output.traceback = [f"{output.ename}: {evalue}"]
            elif output.output_type == "stream" and hidden_output:
                output.text = withhold_expected_values(output.text)
        cell.metadata.pop("autograder", None)
        return cell, resources


def generate_feedback(course: Course, assignment: str, student: str = "*") -> None:
    """Write ``feedback/<student>/<assignment>/<notebook>.html`` for every autograded notebook."""
    config = Config(course.config)
    begin, end = course.hidden_delimiters()
    config.WithholdHiddenTests.hidden_begin = begin
    config.WithholdHiddenTests.hidden_end = end
    config.GenerateFeedback.preprocessors = [WithholdHiddenTests, GetGrades, CSSHTMLHeaderPreprocessor]
    config.CourseDirectory.assignment_id = assignment
    config.CourseDirectory.student_id = student
    coursedir = CourseDirectory(config=config)
    coursedir.root = str(course.root)
    converter = GenerateFeedback(coursedir=coursedir, config=config)
    converter.force = True
    converter.start()
