"""The backpropagation course's checking and grading package.

Public (shipped to students in the kit): ``autograder.checking``.
Instructor-only: ``reference``, ``mistakes``, ``hidden`` and the grading tools.
"""
