"""Data sets of the course, loaded from installed packages or from files the user has.

Public: students' notebooks load their data through these modules. Nothing here
downloads anything.
"""
