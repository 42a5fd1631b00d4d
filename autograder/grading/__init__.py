"""Grading a class on top of nbgrader: collect, grade, feedback, export, report.

How a notebook is graded (``grade NAME``):

- ``spec``: the assignment as the gradebook knows it (cells, points, checksums),
  read once by the instructor's process and handed to the workers.
- ``sanitize``: a submitted file becomes the notebook to run, with nbgrader's
  sanitizing preprocessors (locked cells and hidden tests restored from the
  gradebook, missing test cells put back).
- ``isolation/``: the kernel side of the trust boundary. ``zygote`` / ``kernels``:
  kernels are forked from a process that has already imported NumPy, Matplotlib
  and IPython, one fresh kernel per notebook, started ahead of need; each enters
  namespaces of its own (``namespaces``: its own processes, no network, a root
  with only what it may read, its own user), under ``seccomp`` and ``landlock``
  filters and the ``sandbox`` limits; ``guard`` reports attempts from inside.
- ``execute``: nbgrader's ``Execute`` preprocessor drives the kernel cell by cell,
  with limits on time and output.
- ``judging/``: the grader side of the trust boundary. ``referee``: the hidden
  part of each test cell never enters the kernel. It runs in the grader's own
  process and reaches the student's functions through ``rpc``, a small object
  protocol that turns every result into plain, size-capped data; so nothing the
  student's code patches or fakes inside the kernel can change the verdict.
- ``worker``: one process per core that runs the steps above for one notebook
  at a time; ``autograde`` plans the work (skipping what is already graded),
  runs the workers and, alone, writes the gradebook (``gradebook``).
- ``feedback``, ``export``, ``report``, ``collect``: the other verbs.
"""
