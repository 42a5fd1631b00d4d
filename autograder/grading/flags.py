"""What the instructor is told about a submission besides its score.

A flag has a kind: ``tampering`` (an attempt on the checks: patching the
functions they or the visible tests use, importing or reading instructor code,
objects that lie in comparisons), ``sandbox`` (something a notebook may not
do while graded: writing outside its folder, starting processes, signals)
and ``submission`` (the file itself: edited locked cells, missing cells, a
file that is not a notebook). Flags never change a grade; the checks are
built so that tampering cannot.

Flags come from the guard's reports inside the kernel and from reading the
student's code (``scan``): a report can be silenced by code that takes the
kernel apart, the source cannot.
"""

from __future__ import annotations

import ast
from dataclasses import asdict, dataclass

TAMPERING, SANDBOX, SUBMISSION = "tampering", "sandbox", "submission"
_INSTRUCTOR_PATHS = ("autograder/", "solutions/", "source/", "gradebook", "submitted/", "autograded/",
                     "feedback/", "nbgrader_config", "exercises/", "release/", "tests/")
_WATCHED_PREFIXES = ("numpy.", "builtins.", "autograder", "math.", "sys.modules")
_CHECK_MODULE_ALIASES = {"np", "numpy", "builtins", "autograder", "checking", "math", "sys", "torch", "testing",
                         "__builtins__"}
_COMPARISON_METHODS = {"__eq__", "__ne__", "__array_ufunc__", "__array_function__", "__array_finalize__",
                       "__array_wrap__", "__bool__"}


@dataclass(frozen=True)
class Flag:
    kind: str
    message: str
    cell: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def from_report(report: dict) -> Flag | None:
    """A flag from one of the guard's reports (``denied`` or ``integrity``). Reports come from the
    kernel, so anything in them may be forged or malformed: only strings are read, and briefly."""
    if report.get("kind") == "denied":
        what, detail = _text(report.get("what", "?")), _text(report.get("detail", ""))
        if report.get("event") == "import" or any(part in detail for part in _INSTRUCTOR_PATHS):
            return Flag(TAMPERING, f"tried to reach instructor files or code: {what} ({detail})")
        return Flag(SANDBOX, f"{what} ({detail})")
    changed = report.get("changed")
    if report.get("kind") == "integrity" and isinstance(changed, list) and changed:
        names = [name for name in changed[:1000] if isinstance(name, str)
                 and (name.startswith(_WATCHED_PREFIXES) or " " in name)]
        if names:
            shown = ", ".join(_text(name) for name in sorted(names)[:8])
            return Flag(TAMPERING, "replaced " + shown + (" ..." if len(names) > 8 else ""))
    return None


def _text(value, limit: int = 300) -> str:
    text = value if isinstance(value, str) else repr(value)[:limit]
    return text if len(text) <= limit else text[:limit - 3] + "..."


def scan(source: str, cell: str = "") -> list[Flag]:
    """Flags for code that tampers with the checks, read from a cell's source."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    flags: list[Flag] = []

    def flag(kind: str, message: str) -> None:
        if all(existing.message != message for existing in flags):
            flags.append(Flag(kind, message, cell))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names]
            module = node.module if isinstance(node, ast.ImportFrom) else ""
            for name in [module, *names]:
                full = f"{module}.{name}" if module and name not in (module,) else name
                if any(part in (full or "") for part in ("autograder.reference", "autograder.mistakes",
                                                         "autograder.hidden", "autograder.diagnosis")) \
                        or (module == "autograder" and name in ("reference", "mistakes", "hidden", "diagnosis")):
                    flag(TAMPERING, f"imports instructor code ({full})")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                base = _base_name(target)
                if isinstance(target, (ast.Attribute, ast.Subscript)) and base in _CHECK_MODULE_ALIASES:
                    flag(TAMPERING, f"assigns to {ast.unparse(target)}")
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name == "setattr" and node.args and _base_name(node.args[0]) in _CHECK_MODULE_ALIASES:
                flag(TAMPERING, f"calls {ast.unparse(node)[:80]}")
            elif name in ("set_custom_exc", "register") and "events" in ast.unparse(node.func) + name:
                flag(TAMPERING, "changes how the notebook's shell runs cells")
            elif name == "open" and node.args and isinstance(node.args[0], ast.Constant) \
                    and any(part in str(node.args[0].value) for part in _INSTRUCTOR_PATHS):
                flag(TAMPERING, f"opens {node.args[0].value}")
        elif isinstance(node, ast.Attribute) and node.attr in ("input_transformers_cleanup", "input_transformers_post",
                                                               "ast_transformers", "custom_exceptions"):
            flag(TAMPERING, f"changes how the notebook's shell runs cells ({node.attr})")
        elif isinstance(node, ast.ClassDef):
            bases = {ast.unparse(base) for base in node.bases}
            methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
            if bases & {"np.ndarray", "numpy.ndarray", "float", "int", "tuple", "list"}:
                flag(TAMPERING, f"defines class {node.name}, a subclass of {', '.join(sorted(bases))}")
            elif methods & _COMPARISON_METHODS:
                flag(TAMPERING, f"defines class {node.name} that redefines {', '.join(sorted(methods & _COMPARISON_METHODS))}")
    return flags


def _base_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return _call_name(node)
    return None


def _call_name(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return ""
