"""nbgrader configuration of the course.

The repository root is the course directory: ``solutions/`` holds the
instructor's source notebooks and ``exercises/`` the student versions that
``nbgrader generate_assignment NAME`` writes from them. Submissions, autograded
notebooks, feedback and the gradebook live beside them and are never committed.
"""

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "backprop-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
# Only notebooks, never caches or data produced while writing the solutions.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"
# Outputs of the reference run would show reference values to students.
c.ClearOutput.enabled = True

# A student's cell may not hang the grading of a whole class.
c.Execute.timeout = 120
