"""Catalogues of common mistakes, one module per assignment: instructor-only.

Each mistake is a wrong implementation of a graded function; the hidden checks
recognise a student's output as one of these and name it.
"""
