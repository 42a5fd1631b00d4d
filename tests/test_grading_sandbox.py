"""What a kernel may read and write (``sandbox``), and the two layers that enforce it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from autograder.grading.isolation import landlock
from autograder.grading.isolation.guard import make_resolver
from autograder.grading.isolation.sandbox import PACKAGE_DIR, kernel_policy

REPO = PACKAGE_DIR.parent
SECRETS = [PACKAGE_DIR / "reference" / "backprop.py", PACKAGE_DIR / "hidden" / "backprop.py",
           PACKAGE_DIR / "mistakes" / "backprop.py", REPO / "solutions" / "backprop" / "backprop.ipynb"]


def _covered(path: Path, roots) -> bool:
    return any(str(path) == root or str(path).startswith(root.rstrip("/") + "/") for root in roots)


def test_the_policy_reaches_python_and_the_public_helpers_but_no_instructor_file(tmp_path):
    policy = kernel_policy(tmp_path)
    for secret in SECRETS + [REPO / "gradebook.db", REPO / "tests" / "submissions" / "backprop_alternatives.py"]:
        assert not _covered(secret, policy.read), secret
    for public in (PACKAGE_DIR / "checking.py", Path(os.__file__), Path(sys.prefix) / "bin"):
        assert _covered(public.resolve(), policy.read), public
    assert policy.write == (str(tmp_path.resolve()), "/dev/null")


def test_the_resolver_sees_through_links_and_dots(tmp_path):
    resolve = make_resolver()
    (tmp_path / "link").symlink_to(PACKAGE_DIR)
    assert resolve(str(tmp_path / "link" / "reference" / "backprop.py")) == str(SECRETS[0])
    assert resolve("/proc/self/root" + str(SECRETS[0])) == str(SECRETS[0])
    assert resolve(str(tmp_path / "a" / ".." / ".." / tmp_path.name)) == str(tmp_path)


def test_landlock_binds_code_that_the_audit_hook_cannot_see(tmp_path):
    """A restricted process reads through a child process (``cat``) and through
    ``os.open``: with Landlock both fail, whatever Python-level guard is absent."""
    script = f"""
import os, subprocess, sys
from autograder.grading.isolation import landlock, sandbox
policy = sandbox.kernel_policy({str(tmp_path)!r})
version = landlock.restrict(policy.read, policy.write)
results = []
for attempt in (lambda: os.read(os.open({str(SECRETS[0])!r}, os.O_RDONLY), 10),
                lambda: subprocess.run(["cat", {str(SECRETS[0])!r}], capture_output=True, check=True),
                lambda: open({str(tmp_path / "inside.txt")!r}, "w").write("fine")):
    try:
        attempt()
        results.append("allowed")
    except Exception:
        results.append("denied")
print(version, *results)
"""
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    version, *results = completed.stdout.split()
    if landlock.available():
        assert int(version) == landlock.available()
        assert results == ["denied", "denied", "allowed"]
    else:
        assert version == "0" and results[-1] == "allowed"
