"""Reference implementations of the graded functions: instructor-only.

Nothing in this subpackage may reach students; the student kit leaves it out
and a test checks that it does.
"""
