"""A small object protocol between the grader and a student's kernel.

The hidden checks run in the grader's process (the *referee*); the student's
functions live in the kernel. The referee holds *proxies* of the kernel's
objects: calling a proxy, reading its attributes or applying an operator to it
sends a request over a socket, and the kernel answers with the result.

Results travel as data, never as objects with behaviour: numbers, strings,
tuples, lists, dicts, NumPy arrays (as raw bytes, so an ``ndarray`` subclass
arrives as a plain array), tensors and random generators. Anything else (a
student's ``Value`` instance, a class, a function, a module) travels as a
handle and becomes a proxy on the other side, so an object whose ``__eq__``
always answers True still answers in the kernel, where it can fool nobody's
comparison but its own.

Everything the kernel sends is hostile input: the student controls the kernel
completely, down to the bytes on the socket. So the decoder imports nothing,
looks up no attribute and runs no code by a name that the other side chose
(type names, dtypes, bit generators and exceptions come from allow-lists made
at import time), and every message has caps (``MAX_*`` below) that are checked
before anything is allocated: a value over them is refused with
``ValueTooLarge``, which fails the student's answer and nothing else.

Arguments that the referee sends (arrays, lists, dicts, generators) are
copied into the kernel; after each call the kernel sends back their new
contents and the referee writes them into its own objects, so a function that
changes its arguments in place behaves as it would in one process. An object
that comes back unchanged in identity (``return w``) arrives as the referee's
own object.

The protocol is symmetric, but the referee lets the kernel only *call* the
objects it hands over (callbacks); it never serves attribute reads, so student
code cannot walk from a callback to the referee's modules.
"""

from __future__ import annotations

import base64
import builtins
import contextlib
import copy
import json
import math
import operator
import select
import socket
import struct
import sys
import time
import traceback
import warnings
from typing import Any, Callable

import numpy as np

# Caps on one message, the same both ways. The hidden checks run in the grader, where a
# 40-byte answer such as range(0, 200_000_000) would make np.asarray allocate 1.6 GB: so
# what a message may *stand for* is capped, not only its bytes.
#
# The largest honest values are the MNIST checks' digits: 5000 x 784 float32 images are
# 15.7 MB, 21 MB in base64 (3.9 million numbers). 64 MiB leaves three times that.
MAX_MESSAGE_BYTES = 64 * 2**20
# Array elements, container items and a range's numbers, counted over the whole message (a
# reference to a value seen before counts that value again: np.asarray would expand it).
MAX_ELEMENTS = 20_000_000
MAX_DEPTH = 100  # values within values; deeper ones would exhaust the stack of whoever walks them
MAX_TEXT_CHARS = 8 * 2**20  # per string
MAX_BYTES = 8 * 2**20  # per bytes value
# json.loads builds every list and dict of a message before the decoder can count anything,
# and an empty list costs it ~70 bytes for 3 bytes of message (1.5 GB for 64 MiB): so the
# brackets are counted first (an overcount: a string may hold some). Every container, dict
# item and special value on the wire has one; the hidden checks' values have thousands.
MAX_JSON_CONTAINERS = 2_000_000
MAX_DIMENSIONS = 64  # NumPy's own limit
MAX_INT_DIGITS = 4000  # below Python's limit (4300) for turning an int into text, which json.dumps does
MAX_NAME_CHARS = 100  # a type's or an exception's name: used here only as a class name
MAX_CLASSES = 1000  # classes made for the other side's type and exception names, per channel
_HEADER = struct.Struct("!Q")
_MAX_TEXT = 20_000


class ProtocolError(RuntimeError):
    """The other side broke the protocol (or is not answering it)."""


class ValueTooLarge(ProtocolError):
    """A value over the caps: the student's answer is wrong (too big to check), the kernel is not broken."""

    def __init__(self, what: str):
        super().__init__(f"the value your function returned is too large for the grader ({what})")


class ChannelClosed(ProtocolError):
    """The other side closed the connection (for a kernel: it died)."""


class RemoteError(Exception):
    """Base of the exceptions raised by the other side that are not built-in ones."""

    remote_traceback = ""


class StudentCodeTimedOut(TimeoutError):
    """The student's code did not answer before the time limit."""


# --------------------------------------------------------------------------
# framing
# --------------------------------------------------------------------------


def _send_frame(sock: socket.socket, message: dict) -> None:
    payload = json.dumps(message, separators=(",", ":")).encode()
    _check_payload(payload)  # what the other side would refuse is not sent: the sender hears why
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def _check_payload(payload: bytes) -> None:
    if len(payload) > MAX_MESSAGE_BYTES:
        raise ValueTooLarge(f"more than {MAX_MESSAGE_BYTES // 2**20} MiB of data")
    if payload.count(b"[") + payload.count(b"{") > MAX_JSON_CONTAINERS:
        raise ValueTooLarge(f"more than {_in_words(MAX_JSON_CONTAINERS)} lists, dicts and other values")


def _in_words(count: int) -> str:
    return f"{count // 1_000_000} million" if count % 1_000_000 == 0 else f"{count:,}"


class _FrameReader:
    """Reads length-prefixed JSON frames, with a deadline and a cancel test."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buffer = bytearray()

    def read(self, deadline: float | None = None, cancelled: Callable[[], bool] | None = None) -> dict:
        while True:
            frame = self._take_frame()
            if frame is not None:
                return frame
            if deadline is None and cancelled is None:
                chunk = self.sock.recv(1 << 20)
            else:
                wait = 0.05 if deadline is None else max(0.0, min(0.05, deadline - time.monotonic()))
                ready, _, _ = select.select([self.sock], [], [], wait)
                if not ready:
                    if cancelled is not None and cancelled():
                        raise ProtocolError("the kernel stopped answering the grader")
                    if deadline is not None and time.monotonic() >= deadline:
                        raise StudentCodeTimedOut("no answer before the time limit")
                    continue
                chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ChannelClosed("the connection was closed (the kernel stopped)")
            self.buffer += chunk

    def _take_frame(self) -> dict | None:
        if len(self.buffer) < _HEADER.size:
            return None
        (length,) = _HEADER.unpack_from(self.buffer)
        if length > MAX_MESSAGE_BYTES:
            # Refused on its header, before its bytes arrive. An honest sender never sends one
            # (``_send_frame``), and the stream cannot be followed past it.
            raise ProtocolError("the other side sent an oversized message")
        end = _HEADER.size + length
        if len(self.buffer) < end:
            return None
        payload = bytes(self.buffer[_HEADER.size:end])
        del self.buffer[:end]
        _check_payload(payload)
        try:
            message = json.loads(payload)
        except (ValueError, RecursionError) as error:  # RecursionError: JSON nested too deep for the parser
            raise ProtocolError(f"unreadable message: {_truncate(str(error))}") from None
        if not isinstance(message, dict):
            raise ProtocolError("a message must be a JSON object")
        return message


# --------------------------------------------------------------------------
# proxies
# --------------------------------------------------------------------------


class Proxy:
    """Stands for an object that lives on the other side of a channel."""

    __slots__ = ("_rpc_channel", "_rpc_oid", "__weakref__")

    def __init__(self, channel: "Channel", oid: int):
        object.__setattr__(self, "_rpc_channel", channel)
        object.__setattr__(self, "_rpc_oid", oid)

    def _rpc(self, op: str, *args, **fields):
        return self._rpc_channel.request(op, oid=self._rpc_oid, args=list(args), **fields)

    def __getattr__(self, name):
        return self._rpc("getattr", name=name)

    def __setattr__(self, name, value):
        self._rpc("setattr", value, name=name)

    def __delattr__(self, name):
        self._rpc("delattr", name=name)

    def __call__(self, *args, **kwargs):
        return self._rpc_channel.request("call", oid=self._rpc_oid, args=list(args), kwargs=kwargs)

    def __repr__(self):
        return self._rpc("repr")

    def __str__(self):
        return self._rpc("str")

    def __format__(self, spec):
        return self._rpc("format", spec)

    def __hash__(self):
        return self._rpc("hash")

    def __bool__(self):
        return self._rpc("bool")

    def __len__(self):
        return self._rpc("len")

    def __iter__(self):
        return self._rpc("iter")

    def __next__(self):
        return self._rpc("next")

    def __reversed__(self):
        return self._rpc("reversed")

    def __contains__(self, item):
        return self._rpc("contains", item)

    def __getitem__(self, key):
        return self._rpc("getitem", key)

    def __setitem__(self, key, value):
        self._rpc("setitem", key, value)

    def __delitem__(self, key):
        self._rpc("delitem", key)

    def __instancecheck__(self, instance):
        return self._rpc("isinstance", instance)

    def __subclasscheck__(self, subclass):
        return self._rpc("issubclass", subclass)

    def __dir__(self):
        return self._rpc("dir")

    def __enter__(self):
        return self._rpc("enter")

    def __exit__(self, *exc_info):
        return self._rpc("exit")

    def __copy__(self):
        return self._rpc("copy")

    def __deepcopy__(self, memo):
        return self._rpc("deepcopy")

    def __array__(self, dtype=None, copy=None):
        array = self._rpc("array")
        return array if dtype is None else array.astype(dtype)

    def __round__(self, ndigits=None):
        return self._rpc("round", ndigits)


def _operator_method(op: str):
    def method(self, *args):
        return self._rpc(op, *args)

    method.__name__ = f"__{op}__"
    return method


_BINARY_OPERATORS = {
    "add": operator.add, "sub": operator.sub, "mul": operator.mul, "matmul": operator.matmul,
    "truediv": operator.truediv, "floordiv": operator.floordiv, "mod": operator.mod,
    "pow": operator.pow, "lshift": operator.lshift, "rshift": operator.rshift,
    "and": operator.and_, "xor": operator.xor, "or": operator.or_, "divmod": divmod,
}
_COMPARISONS = {
    "lt": operator.lt, "le": operator.le, "eq": operator.eq,
    "ne": operator.ne, "gt": operator.gt, "ge": operator.ge,
}
_UNARY = {
    "neg": operator.neg, "pos": operator.pos, "abs": abs, "invert": operator.invert,
    "int": int, "float": float, "complex": complex, "index": operator.index,
    "trunc": math.trunc, "floor": math.floor, "ceil": math.ceil,
}


def _build_operator_table() -> dict[str, Callable]:
    table: dict[str, Callable] = {}
    for name, function in _BINARY_OPERATORS.items():
        table[name] = function
        table[f"r{name}"] = lambda obj, other, function=function: function(other, obj)
        if name != "divmod":
            table[f"i{name}"] = getattr(operator, f"i{name}")
    table.update(_COMPARISONS)
    table.update(_UNARY)
    return table


OPERATORS = _build_operator_table()
for _op in OPERATORS:
    setattr(Proxy, f"__{_op}__", _operator_method(_op))


# --------------------------------------------------------------------------
# the channel
# --------------------------------------------------------------------------


class Channel:
    """One end of the protocol.

    ``serves_everything``: the kernel's end answers every operation on the
    objects it hands out (and name look-ups in ``namespace``); the referee's
    end only lets its callbacks be called.
    """

    def __init__(self, sock: socket.socket, *, serves_everything: bool, namespace: dict | None = None):
        self.sock = sock
        self.reader = _FrameReader(sock)
        self.serves_everything = serves_everything
        self.namespace = namespace
        self.session = ""
        self.deadline: float | None = None
        self.cancelled: Callable[[], bool] | None = None
        self.time_limit = 0.0
        self.calls = 0
        self._next_request = 0
        self._exports: dict[int, Any] = {}
        self._export_ids: dict[int, int] = {}
        self._proxies: dict[int, Proxy] = {}
        self._proxy_types: dict[str, type] = {}
        self._origins: dict[int, Any] = {}
        self._received: dict[int, tuple[int, Any]] = {}
        self._touched: list[tuple[int, Any]] = []

    # -- requests --------------------------------------------------------

    def request(self, op: str, **fields):
        """Ask the other side to do ``op`` and return (decoded) what it answers."""
        self._next_request += 1
        request_id = self._next_request
        self.calls += 1
        args, kwargs = fields.pop("args", []), fields.pop("kwargs", {})
        encoder = _Encoder(self, mark_origins=True, follow_origin=True)
        message = {
            "k": "req", "id": request_id, "s": self.session, "op": op, **fields,
            "args": [encoder.encode(value) for value in args],
            "kwargs": {str(key): encoder.encode(value) for key, value in kwargs.items()},
        }
        _send_frame(self.sock, message)
        while True:
            try:
                reply = self.reader.read(self.deadline, self.cancelled)
            except StudentCodeTimedOut:
                raise StudentCodeTimedOut(
                    f"it did not finish within the time limit of {self.time_limit:g} s"
                ) from None
            if reply.get("s") != self.session:
                self._check_time()
                continue  # left over from an earlier, abandoned session
            kind = reply.get("k")
            if kind == "req":
                self._serve_one(reply)
            elif kind == "res" and reply.get("id") == request_id:
                return self._take_reply(reply)
            elif kind == "res":
                self._check_time()
                continue  # the answer to a request that timed out
            else:
                raise ProtocolError(f"unexpected message of kind {kind!r:.40} during a request")

    def _check_time(self) -> None:
        """The reader checks the time only while it waits: a flood of messages that are not
        the answer must not keep a request going past its limit."""
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise StudentCodeTimedOut(f"it did not finish within the time limit of {self.time_limit:g} s")
        if self.cancelled is not None and self.cancelled():
            raise ProtocolError("the kernel stopped answering the grader")

    def _take_reply(self, reply: dict):
        """The answer's value, after its changes to our arguments; all of it under one message's caps."""
        budget = _Budget()
        with _hostile_input():
            mirror = reply.get("mirror", [])
            if not isinstance(mirror, list):
                raise ProtocolError("unreadable changes to the arguments")
            for update in mirror:
                self._apply_mirror(update, budget)
            if reply.get("ok"):
                return _Decoder(self, budget).decode(reply.get("v"))
            error = self._decode_error(reply.get("e"))
        raise error  # outside ``_hostile_input``: the other side's TypeError stays a TypeError

    def finish_session(self) -> None:
        """Tell the kernel that the referee is done (its serve loop returns)."""
        _send_frame(self.sock, {"k": "done", "s": self.session})

    def serve(self, session: str) -> None:
        """Answer the referee's requests until it says it is done (the kernel's loop)."""
        self.session = session
        while True:
            message = self.reader.read()
            if message.get("s") != session:
                continue
            kind = message.get("k")
            if kind == "done":
                return
            if kind == "req":
                self._serve_one(message)

    # -- answering -------------------------------------------------------

    def _serve_one(self, message: dict) -> None:
        outer_touched, self._touched = self._touched, []
        try:
            reply = self._reply(message)
        finally:
            self._touched = outer_touched
        try:
            _send_frame(self.sock, reply)
        except ValueTooLarge as error:
            # The answer, with the arguments it changed, is more than the other side takes
            # in: it hears why instead (and gets no changes).
            _send_frame(self.sock, self._error_reply(message, error))

    def _reply(self, message: dict) -> dict:
        reply: dict[str, Any] = {"k": "res", "id": message.get("id"), "s": self.session}
        budget = _Budget()
        try:
            value = self._perform(message)
            reply["ok"], reply["v"] = True, self.encode(value, budget)
        except ChannelClosed:
            raise
        except BaseException as error:  # the student's code may raise anything, even SystemExit
            budget = _Budget()  # what a refused value counted does not travel
            reply["ok"], reply["e"] = False, _encode_error(error)
        # A random generator can be drawn from later (by a generator function's next
        # value, say), so every one received so far travels back with every answer.
        touched = dict(self._touched)
        touched.update({origin: obj for origin, obj in self._received.values()
                        if isinstance(obj, (np.random.Generator, np.random.RandomState))})
        try:
            reply["mirror"] = [
                {"o": origin, "v": _Encoder(self, False, True, skip=obj, budget=budget).encode(obj)}
                for origin, obj in touched.items()
            ]
        except ValueTooLarge as error:
            return self._error_reply(message, error)
        return reply

    def _error_reply(self, message: dict, error: BaseException) -> dict:
        return {"k": "res", "id": message.get("id"), "s": self.session, "ok": False, "e": _encode_error(error)}

    def _perform(self, message: dict):
        op = message.get("op")
        if op == "lookup":
            if not self.serves_everything or self.namespace is None:
                raise PermissionError("names cannot be looked up here")
            name = message.get("name")
            if not isinstance(name, str) or name not in self.namespace:
                raise NameError(f"name {name!r} is not defined")
            return self.namespace[name]
        obj = self._exported(message.get("oid"))
        arguments = self.decode({"args": message.get("args") or [], "kwargs": message.get("kwargs") or {}})
        args, kwargs = arguments["args"], arguments["kwargs"]
        if op == "call":
            return obj(*args, **kwargs)
        if not self.serves_everything:
            raise PermissionError("the grader's objects can only be called")
        if op == "swap_globals":
            return _swap_globals(obj, *args)
        name = message.get("name")
        if op == "getattr":
            return getattr(obj, name)
        if op == "setattr":
            return setattr(obj, name, args[0])
        if op == "delattr":
            return delattr(obj, name)
        if op in OPERATORS:
            return OPERATORS[op](obj, *args)
        simple = {
            "repr": lambda: _truncate(repr(obj)),
            "str": lambda: _truncate(str(obj)),
            "format": lambda: format(obj, *args),
            "hash": lambda: hash(obj),
            "bool": lambda: bool(obj),
            "len": lambda: len(obj),
            "iter": lambda: iter(obj),
            "next": lambda: next(obj),
            "reversed": lambda: reversed(obj),
            "contains": lambda: args[0] in obj,
            "getitem": lambda: obj[args[0]],
            "setitem": lambda: operator.setitem(obj, args[0], args[1]),
            "delitem": lambda: operator.delitem(obj, args[0]),
            "isinstance": lambda: isinstance(args[0], obj),
            "issubclass": lambda: issubclass(args[0], obj),
            "dir": lambda: sorted(dir(obj)),
            "enter": lambda: obj.__enter__(),
            "exit": lambda: obj.__exit__(None, None, None),
            "copy": lambda: copy.copy(obj),
            "deepcopy": lambda: copy.deepcopy(obj),
            "array": lambda: np.asarray(obj),
            "round": lambda: round(obj, *args) if args and args[0] is not None else round(obj),
        }
        if op not in simple:
            raise ProtocolError(f"unknown operation {op!r}")
        return simple[op]()

    def _exported(self, oid):
        if type(oid) is not int or oid not in self._exports:
            raise ProtocolError(f"no object with handle {oid!r:.40}")
        return self._exports[oid]

    # -- encoding --------------------------------------------------------

    def encode(self, value, budget: _Budget | None = None):
        return _Encoder(self, mark_origins=False, follow_origin=True, budget=budget).encode(value)

    def _export(self, obj) -> int:
        key = id(obj)
        if key not in self._export_ids:
            oid = len(self._exports) + 1
            self._exports[oid] = obj
            self._export_ids[key] = oid
        return self._export_ids[key]

    def decode(self, data, budget: _Budget | None = None):
        with _hostile_input():
            return _Decoder(self, budget).decode(data)

    def _proxy(self, oid: int, type_name: str) -> Proxy:
        if oid not in self._proxies:
            cls = self._class_for(type_name, Proxy, RemoteObject, {"__slots__": ()})
            self._proxies[oid] = cls(self, oid)
        return self._proxies[oid]

    def _class_for(self, name: str, base: type, default: type, namespace: dict) -> type:
        """A class named as the other side's type or exception, so that messages read naturally.
        The name is only ever a class name here; there are at most ``MAX_CLASSES`` of them."""
        key = f"{base.__name__}:{name}"
        cls = self._proxy_types.get(key)
        if cls is None:
            if not _usable_name(name) or len(self._proxy_types) >= MAX_CLASSES:
                return default
            cls = self._proxy_types[key] = type(name, (base,), dict(namespace))
        return cls

    def _apply_mirror(self, update, budget: _Budget) -> None:
        if not isinstance(update, dict):
            raise ProtocolError("unreadable change to an argument")
        origin = self._origins.get(update.get("o"))
        if origin is not None:
            _update_in_place(origin, _Decoder(self, budget).decode(update.get("v")))

    def _decode_error(self, error) -> BaseException:
        if not isinstance(error, dict):
            raise ProtocolError("unreadable error")
        name = error.get("n")
        name = name if isinstance(name, str) and len(name) <= MAX_NAME_CHARS else "Error"
        message = _text_field(error, "m")
        if name == "KeyboardInterrupt":
            return StudentCodeTimedOut("stopped by the grader because it took too long")
        cls = _BUILTIN_EXCEPTIONS.get(name) if error.get("mod") == "builtins" else None
        exception = None
        if cls is not None:
            try:
                exception = cls(message)
            except Exception:
                pass
        if exception is None:
            # SystemExit, GeneratorExit and the like come here too: a RemoteError of that name,
            # never a BaseException that would stop the grader.
            exception = self._class_for(name, RemoteError, RemoteError, {})(message)
            exception.remote_traceback = _text_field(error, "tb")
        exception._rpc_remote = True  # raised by the other side's code, not malformed data (``_hostile_input``)
        return exception


def _swap_globals(function, values: dict, remove: list) -> list:
    """In the kernel: give the names of ``values`` those values in ``function``'s module (the
    notebook), delete the names in ``remove``; return what was there before and what was not."""
    namespace = getattr(function, "__globals__", None)
    if not isinstance(namespace, dict) or not isinstance(values, dict) or not isinstance(remove, list):
        raise TypeError("only a function defined in the notebook can have its helpers replaced")
    previous = {name: namespace[name] for name in values if name in namespace}
    missing = [name for name in values if name not in namespace]
    namespace.update(values)
    for name in remove:
        namespace.pop(name, None)
    return [previous, missing]


@contextlib.contextmanager
def rebound_globals(function, values: dict):
    """While the block runs, ``function`` (a proxy of the student's function, or the function itself
    when the checks run in its process) finds ``values`` under their names in its own module: the
    notebook's namespace is changed in the kernel, not in a copy of it."""
    if isinstance(function, Proxy):
        def swap(new, remove):
            return function._rpc_channel.request("swap_globals", oid=function._rpc_oid, args=[new, list(remove)])
    else:
        def swap(new, remove):
            return _swap_globals(function, new, list(remove))
    previous, missing = swap(dict(values), ())
    try:
        yield
    finally:
        swap(previous, missing)


class RemoteObject(Proxy):
    """The proxy class of an object whose type name cannot be used as a class name."""

    __slots__ = ()


# The exceptions that the other side's errors can become by name (other names become RemoteErrors).
_BUILTIN_EXCEPTIONS = {name: cls for name, cls in vars(builtins).items()
                       if isinstance(cls, type) and issubclass(cls, Exception)}


def _usable_name(name) -> bool:
    return isinstance(name, str) and len(name) <= MAX_NAME_CHARS and name.isidentifier()


def _text_field(data: dict, key: str) -> str:
    text = data.get(key, "")
    return _truncate(text) if isinstance(text, str) else ""


def _truncate(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


@contextlib.contextmanager
def _hostile_input():
    """Malformed data (a missing key, a wrong type, a bad state for a generator) is the other
    side breaking the protocol, not an error of the student's answer: a ProtocolError."""
    try:
        yield
    except ProtocolError:
        raise
    except (LookupError, TypeError, ValueError, AttributeError, ArithmeticError, RuntimeError) as error:
        if getattr(error, "_rpc_remote", False):
            raise  # raised by the other side's code while we decoded (a proxy's __hash__ in a set)
        raise ProtocolError(f"unreadable value ({type(error).__name__}: {str(error)[:200]})") from None


def _encode_error(error: BaseException) -> dict:
    try:
        message = str(error)
    except BaseException:
        message = f"<{type(error).__name__} that cannot be printed>"
    try:
        trace = "".join(traceback.format_exception(type(error), error, error.__traceback__, limit=-6))
    except BaseException:
        trace = ""
    return {
        "n": _short_name(type(error).__name__),
        "mod": _short_name(type(error).__module__),
        "m": _truncate(message),
        "tb": _truncate(trace),
    }


def _short_name(name) -> str:
    return str.__str__(name)[:MAX_NAME_CHARS] if isinstance(name, str) else "?"


# --------------------------------------------------------------------------
# values <-> data
# --------------------------------------------------------------------------

_NUMERIC_KINDS = "biufc"


def _plain_dtypes() -> dict[str, np.dtype]:
    """The dtypes an array may travel in, by their ``.str``: booleans and numbers of at most
    16 bytes, in either byte order. The decoder looks a dtype up here and never parses one that
    the other side wrote: no objects, fields or subarrays reach ``frombuffer``."""
    dtypes = {}
    for code in np.typecodes["All"]:
        dtype = np.dtype(code)
        if dtype.kind in _NUMERIC_KINDS and dtype.itemsize <= 16:
            for order in "<>":
                variant = dtype.newbyteorder(order)
                dtypes[variant.str] = variant
    return dtypes


_PLAIN_DTYPES = _plain_dtypes()
_BIT_GENERATORS = {cls.__name__: cls for cls in (np.random.PCG64, np.random.PCG64DXSM, np.random.MT19937,
                                                  np.random.Philox, np.random.SFC64)}
# torch is imported only when a tensor arrives, and its dtypes are looked up by these names only.
_TORCH_DTYPES = frozenset({"bool", "uint8", "int8", "int16", "int32", "int64", "uint16", "uint32", "uint64",
                           "float16", "bfloat16", "float32", "float64", "complex64", "complex128"})
_MAX_INT_BITS = int(MAX_INT_DIGITS * math.log2(10))


class _Budget:
    """What one message may still hold, shared by all its encoders or decoders: the elements
    counted so far, and how deep the value being walked is."""

    def __init__(self):
        self.spent = 0
        self.depth = 0
        self.containers = 0

    def spend(self, count: int) -> None:
        self.spent += count
        if self.spent > MAX_ELEMENTS:
            raise ValueTooLarge(f"more than {_in_words(MAX_ELEMENTS)} numbers")

    def expect_containers(self, count: int) -> None:
        """The encoder's estimate of the brackets ``_check_payload`` will count, so that a dict of
        millions of keys is refused before its items are built (``_send_frame`` has the last word)."""
        self.containers += count
        if self.containers > MAX_JSON_CONTAINERS:
            raise ValueTooLarge(f"more than {_in_words(MAX_JSON_CONTAINERS)} lists, dicts and other values")

    def enter(self) -> None:
        if self.depth >= MAX_DEPTH:
            raise ValueTooLarge(f"values nested more than {MAX_DEPTH} deep")
        self.depth += 1

    def leave(self) -> None:
        self.depth -= 1


def _checked_text(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise ValueTooLarge(f"a string of more than {_in_words(MAX_TEXT_CHARS)} characters")
    return text


def _checked_int(value: int) -> int:
    if value.bit_length() > _MAX_INT_BITS:
        raise ValueTooLarge(f"a whole number of more than {MAX_INT_DIGITS:,} digits")
    return value


def _checked_dimensions(shape: tuple[int, ...]) -> tuple[int, ...]:
    # Each dimension, not only their product: a (0, 10**12) array holds nothing, but a check
    # that builds np.ones(a.shape[1]) would allocate 8 TB.
    if any(n > MAX_ELEMENTS for n in shape):
        raise ValueTooLarge(f"an array dimension of more than {_in_words(MAX_ELEMENTS)}")
    return shape


def _checked_fits(nbytes: int) -> None:
    """Refuses raw data whose base64 text alone would be over the message cap, before making it."""
    if 4 * ((nbytes + 2) // 3) > MAX_MESSAGE_BYTES:
        raise ValueTooLarge(f"more than {MAX_MESSAGE_BYTES // 2**20} MiB of data")


def _range_length(value: range) -> int:
    try:
        return len(value)
    except OverflowError:  # longer than sys.maxsize
        return MAX_ELEMENTS + 1


def _bytes_text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _array_bytes(text, dtype: np.dtype, count: int) -> bytes:
    """The raw bytes of ``count`` values of ``dtype``, their base64 length checked before decoding."""
    nbytes = count * dtype.itemsize
    if not isinstance(text, str) or len(text) != 4 * ((nbytes + 2) // 3):
        raise ProtocolError("an array's bytes do not match its shape")
    raw = base64.b64decode(text, validate=True)
    if len(raw) != nbytes:
        raise ProtocolError("an array's bytes do not match its shape")
    return raw


def _plain_dtype(name) -> np.dtype:
    dtype = _PLAIN_DTYPES.get(name) if isinstance(name, str) else None
    if dtype is None:
        raise ProtocolError(f"arrays of type {name!r:.40} are not accepted")
    return dtype


def _checked_shape(shape) -> tuple[int, ...]:
    if not (isinstance(shape, list) and len(shape) <= MAX_DIMENSIONS
            and all(type(n) is int and n >= 0 for n in shape)):
        raise ProtocolError("an array's shape must be a list of non-negative integers")
    return tuple(shape)


def _three(items) -> list:
    if not (isinstance(items, list) and len(items) == 3):
        raise ProtocolError("a range or a slice is made of three values")
    return items


def _tensor_device(torch, device) -> str:
    """Where a tensor goes: the GPU it came from if this process has that one, else the CPU."""
    if not isinstance(device, str) or not torch.cuda.is_available():
        return "cpu"
    name, colon, number = device.partition(":")
    if name != "cuda":
        return "cpu"
    if not colon:
        return "cuda"
    if number.isdigit() and len(number) <= 3 and int(number) < torch.cuda.device_count():
        return f"cuda:{int(number)}"
    return "cpu"


class _Encoder:
    """Turns a value into JSON-able data; ``skip``: an object to send by content even if
    it came from the other side (the contents of an update). The caps are the decoder's,
    so that a value the other side would refuse fails here, with the reason, instead."""

    def __init__(self, channel: Channel, mark_origins: bool, follow_origin: bool, skip=None,
                 budget: _Budget | None = None):
        self.channel = channel
        self.mark_origins = mark_origins
        self.follow_origin = follow_origin
        self.skip = skip
        self.budget = budget if budget is not None else _Budget()
        self.memo: dict[int, int] = {}
        self.sizes: dict[int, int] = {}  # memo index -> the elements of that value, once it is complete
        self.keep: list = []  # ids in the memo stay valid while encoding

    def encode(self, value):
        kind = type(value)
        if value is None or kind is bool:
            return value
        if kind is int:
            return _checked_int(value)
        if kind is str:
            return _checked_text(value)
        if kind is float and math.isfinite(value):
            return value
        self.budget.expect_containers(1)
        self.budget.enter()
        try:
            return self._encode_value(value)
        finally:
            self.budget.leave()

    def _encode_value(self, value):
        if type(value) is float:
            return {"$": "float", "v": repr(value)}
        if isinstance(value, Proxy) and value._rpc_channel is self.channel:
            return {"$": "yours", "oid": value._rpc_oid}
        if self.follow_origin and value is not self.skip and id(value) in self.channel._received:
            origin, obj = self.channel._received[id(value)]
            if obj is value:
                contents = _Encoder(self.channel, False, True, skip=value, budget=self.budget)
                return {"$": "origin", "o": origin, "v": contents.encode(value)}
        if id(value) in self.memo:
            return self._reference(self.memo[id(value)])
        start = self.budget.spent
        encoded = self._encode_new(value)
        if id(value) in self.memo:
            self.sizes[self.memo[id(value)]] = self.budget.spent - start
        return encoded

    def _reference(self, index: int):
        if index not in self.sizes:
            # np.asarray on a list that contains itself never returns: the check would hang
            raise ValueTooLarge("it contains itself")
        self.budget.spend(self.sizes[index])  # the other side counts it again, as np.asarray would
        return {"$": "ref", "m": index}

    def _remember(self, value) -> int:
        index = len(self.memo)
        self.memo[id(value)] = index
        self.keep.append(value)
        return index

    def _origin(self, value) -> int | None:
        if not self.mark_origins:
            return None
        origin = len(self.channel._origins) + 1
        self.channel._origins[origin] = value
        return origin

    def _encode_new(self, value):
        if isinstance(value, np.ndarray):
            return self._encode_array(value)
        if isinstance(value, np.generic):
            return self._encode_scalar(value)
        # Subclasses of the basic types travel as their plain values: the
        # behaviour a student gives a subclass stays in the kernel.
        if isinstance(value, bool):
            return bool(value)
        if isinstance(value, int):
            return _checked_int(int.__index__(value))
        if isinstance(value, float):
            return self.encode(float.__float__(value))
        if isinstance(value, str):
            return _checked_text(str.__str__(value))
        if isinstance(value, complex):
            real, imag = complex.real.__get__(value), complex.imag.__get__(value)
            return {"$": "complex", "re": self.encode(real), "im": self.encode(imag)}
        if isinstance(value, (bytes, bytearray)):
            data = bytes(value)
            if len(data) > MAX_BYTES:
                raise ValueTooLarge(f"a bytes value of more than {MAX_BYTES // 2**20} MiB")
            return {"$": "bytes", "b": _bytes_text(data)}
        if value is Ellipsis:
            return {"$": "ellipsis"}
        if isinstance(value, slice):
            return {"$": "slice", "v": [self.encode(value.start), self.encode(value.stop), self.encode(value.step)]}
        if isinstance(value, range):
            self.budget.spend(_range_length(value))  # np.asarray on the other side makes every number
            return {"$": "range", "v": [_checked_int(value.start), _checked_int(value.stop), _checked_int(value.step)]}
        if isinstance(value, (np.random.Generator, np.random.RandomState)):
            return self._encode_generator(value)
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(value, torch.Tensor):
            return self._encode_tensor(value, torch)
        if isinstance(value, tuple):
            self.budget.spend(tuple.__len__(value))
            index = self._remember(value)
            return {"$": "tuple", "m": index, "v": [self.encode(item) for item in tuple.__iter__(value)]}
        if isinstance(value, list):
            self.budget.spend(list.__len__(value))
            index, origin = self._remember(value), self._origin(value)
            return {"$": "list", "m": index, "o": origin, "v": [self.encode(item) for item in list.__iter__(value)]}
        if isinstance(value, dict):
            self.budget.spend(dict.__len__(value))
            self.budget.expect_containers(dict.__len__(value))  # a [key, value] pair each
            index, origin = self._remember(value), self._origin(value)
            items = [[self.encode(k), self.encode(v)] for k, v in dict.items(value)]
            return {"$": "dict", "m": index, "o": origin, "v": items}
        if isinstance(value, (set, frozenset)):
            self.budget.spend(len(value))
            index = self._remember(value)
            origin = self._origin(value) if isinstance(value, set) else None
            tag = "set" if isinstance(value, set) else "frozenset"
            return {"$": tag, "m": index, "o": origin, "v": [self.encode(item) for item in value]}
        # Everything else, modules, classes and functions included, is a handle: the other
        # side can only ask this side about it.
        return {
            "$": "obj",
            "oid": self.channel._export(value),
            "t": _short_name(type(value).__name__),
        }

    def _encode_array(self, value: np.ndarray):
        index = self._remember(value)
        plain = np.ndarray.view(value, np.ndarray)
        is_matrix = isinstance(value, np.matrix)
        origin = self._origin(value)
        self.budget.spend(plain.size)
        _checked_dimensions(plain.shape)
        if plain.dtype.kind == "c" and plain.dtype.str not in _PLAIN_DTYPES:
            plain = plain.astype(np.cdouble)  # clongdouble: no number over 16 bytes travels
        if plain.dtype.str in _PLAIN_DTYPES:
            _checked_fits(plain.nbytes)
            data = np.ascontiguousarray(plain)
            return {
                "$": "nd", "m": index, "o": origin, "dtype": data.dtype.str, "shape": list(data.shape),
                "b": _bytes_text(data.tobytes()), "matrix": is_matrix,
            }
        items = [self.encode(item) for item in plain.ravel(order="C").tolist()] if plain.dtype.kind != "O" \
            else [self.encode(item) for item in plain.ravel(order="C")]
        return {"$": "objarray", "m": index, "shape": list(plain.shape), "v": items}

    def _encode_scalar(self, value: np.generic):
        array = np.asarray(value)
        if array.dtype.kind == "c" and array.dtype.str not in _PLAIN_DTYPES:
            array = array.astype(np.cdouble)
        if array.dtype.str not in _PLAIN_DTYPES:
            return self.encode(value.item())
        return {"$": "npscalar", "dtype": array.dtype.str, "b": _bytes_text(array.tobytes())}

    def _encode_generator(self, value):
        origin = self._origin(value)
        if isinstance(value, np.random.RandomState):
            return {"$": "randomstate", "o": origin, "state": self.encode(value.get_state(legacy=False))}
        bit_generator = value.bit_generator
        return {
            "$": "generator", "o": origin, "bitgen": type(bit_generator).__name__,
            "state": self.encode(bit_generator.state),
        }

    def _encode_tensor(self, value, torch):
        index = self._remember(value)
        origin = self._origin(value)
        self.budget.spend(value.numel())
        _checked_dimensions(tuple(value.shape))
        _checked_fits(value.numel() * max(value.element_size(), 4))  # bfloat16 travels as float32
        data = value.detach().to("cpu").contiguous()
        array = data.numpy() if data.dtype != torch.bfloat16 else data.float().numpy()
        return {
            "$": "tensor", "m": index, "o": origin, "dtype": str(data.dtype).removeprefix("torch."),
            "shape": list(array.shape), "array_dtype": array.dtype.str, "b": _bytes_text(array.tobytes()),
            "grad": bool(value.requires_grad), "device": str(value.device),
            "parameter": isinstance(value, torch.nn.Parameter),
        }


class _Decoder:
    """Turns the other side's data back into values. All of it is hostile input: a tag picks a
    method from ``_DECODERS``, names are looked up in allow-lists, and every size is checked
    against the message's ``_Budget`` before anything is allocated."""

    def __init__(self, channel: Channel, budget: _Budget | None = None):
        self.channel = channel
        self.budget = budget if budget is not None else _Budget()
        self.memo: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}  # memo index -> the elements of that value

    def decode(self, data):
        if data is None or isinstance(data, (bool, int, float)):  # json.loads caps ints at 4300 digits
            return data
        if isinstance(data, str):
            return _checked_text(data)
        self.budget.enter()
        try:
            return self._decode_structure(data)
        finally:
            self.budget.leave()

    def _decode_structure(self, data):
        if isinstance(data, list):  # plain JSON: the arguments of a request
            self.budget.spend(len(data))
            return [self.decode(item) for item in data]
        if not isinstance(data, dict):
            raise ProtocolError("unreadable value")
        if "$" not in data:
            self.budget.spend(len(data))
            return {_checked_text(key): self.decode(value) for key, value in data.items()}
        tag = data["$"]
        method = _DECODERS.get(tag) if isinstance(tag, str) else None
        if method is None:
            raise ProtocolError(f"unknown value type {tag!r:.40}")
        start = self.budget.spent
        value = method(self, data)
        if "m" in data and method is not _Decoder._decode_ref:
            # Complete, so it can be referred to (a reference to a value still being read, a
            # cycle, cannot be expressed); with what it cost, which every reference costs again.
            index = data["m"]
            if type(index) is not int:
                raise ProtocolError("unreadable value index")
            self.memo[index], self.sizes[index] = value, self.budget.spent - start
        return value

    def _items(self, data) -> list:
        items = data["v"]
        if not isinstance(items, list):
            raise ProtocolError("unreadable container")
        self.budget.spend(len(items))  # before any item is decoded
        return [self.decode(item) for item in items]

    def _received(self, data, value):
        origin = data.get("o")
        if origin is not None:
            if type(origin) is not int:
                raise ProtocolError("unreadable origin")
            self.channel._received[id(value)] = (origin, value)
            self.channel._touched.append((origin, value))
        return value

    def _decode_float(self, data):
        text = data["v"]
        if not isinstance(text, str) or len(text) > 40:
            raise ProtocolError("unreadable number")
        return float(text)

    def _decode_complex(self, data):
        parts = self.decode(data["re"]), self.decode(data["im"])
        if not all(type(part) in (int, float) for part in parts):
            raise ProtocolError("unreadable complex number")
        return complex(*parts)

    def _decode_bytes(self, data):
        text = data["b"]
        if not isinstance(text, str):
            raise ProtocolError("unreadable bytes")
        if len(text) > 4 * ((MAX_BYTES + 2) // 3):
            raise ValueTooLarge(f"a bytes value of more than {MAX_BYTES // 2**20} MiB")
        return base64.b64decode(text, validate=True)

    def _decode_ellipsis(self, data):
        return Ellipsis

    def _decode_slice(self, data):
        return slice(*(self.decode(part) for part in _three(data["v"])))

    def _decode_range(self, data):
        start, stop, step = _three(data["v"])
        if not all(type(number) is int for number in (start, stop, step)):
            raise ProtocolError("a range is made of three integers")
        value = range(start, stop, step)
        # Three numbers that stand for many: refused here, before a check's np.asarray makes them.
        self.budget.spend(_range_length(value))
        return value

    def _decode_ref(self, data):
        index = data["m"]
        if type(index) is not int or index not in self.sizes:
            raise ProtocolError("a reference to a value that was not sent before")
        self.budget.spend(self.sizes[index])  # np.asarray expands it as often as it appears
        return self.memo[index]

    def _decode_tuple(self, data):
        return tuple(self._items(data))

    def _decode_list(self, data):
        value: list = self._received(data, [])
        value.extend(self._items(data))
        return value

    def _decode_dict(self, data):
        pairs = data["v"]
        if not isinstance(pairs, list):
            raise ProtocolError("unreadable dict")
        self.budget.spend(len(pairs))
        value: dict = self._received(data, {})
        for pair in pairs:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise ProtocolError("unreadable dict item")
            key = self.decode(pair[0])
            value[key] = self.decode(pair[1])
        return value

    def _decode_set(self, data):
        value: set = self._received(data, set())
        value.update(self._items(data))
        return value

    def _decode_frozenset(self, data):
        return frozenset(self._items(data))

    def _array(self, data, dtype_name) -> np.ndarray:
        """A fresh array of the other side's bytes: its type, shape and size checked first."""
        dtype = _plain_dtype(dtype_name)
        shape = _checked_shape(data["shape"])
        count = math.prod(shape)
        self.budget.spend(count)
        _checked_dimensions(shape)
        raw = _array_bytes(data["b"], dtype, count)
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()

    def _decode_nd(self, data):
        array = self._array(data, data["dtype"])
        if data.get("matrix"):
            with warnings.catch_warnings():  # np.matrix warns on creation; the student's kernel already did
                warnings.simplefilter("ignore")
                array = np.asmatrix(array)
        return self._received(data, array)

    def _decode_objarray(self, data):
        shape = _checked_shape(data["shape"])
        if not isinstance(data["v"], list) or len(data["v"]) != math.prod(shape):
            raise ProtocolError("an array's items do not match its shape")
        _checked_dimensions(shape)
        items = self._items(data)
        array = np.empty(len(items), dtype=object)
        for index, item in enumerate(items):
            array[index] = item
        return array.reshape(shape)

    def _decode_npscalar(self, data):
        dtype = _plain_dtype(data["dtype"])
        return np.frombuffer(_array_bytes(data["b"], dtype, 1), dtype=dtype)[0]

    def _decode_randomstate(self, data):
        state = np.random.RandomState()
        state.set_state(self.decode(data["state"]))
        return self._received(data, state)

    def _decode_generator(self, data):
        name = data["bitgen"]
        bit_generator_type = _BIT_GENERATORS.get(name) if isinstance(name, str) else None
        if bit_generator_type is None:
            raise ProtocolError(f"unknown bit generator {name!r:.40}")
        bit_generator = bit_generator_type()
        bit_generator.state = self.decode(data["state"])
        return self._received(data, np.random.Generator(bit_generator))

    def _decode_tensor(self, data):
        name = data["dtype"]
        if not (isinstance(name, str) and name in _TORCH_DTYPES):
            raise ProtocolError(f"tensors of type {name!r:.40} are not accepted")
        array = self._array(data, data["array_dtype"])
        import torch  # a fixed name: only the arrival of a tensor costs its import

        dtype = getattr(torch, name, None)
        if not isinstance(dtype, torch.dtype):
            raise ProtocolError(f"tensors of type {name!r} are not accepted")
        tensor = torch.from_numpy(array).to(dtype)
        device = _tensor_device(torch, data.get("device", "cpu"))
        if device != "cpu":
            tensor = tensor.to(device)
        grad = bool(data.get("grad")) and (tensor.is_floating_point() or tensor.is_complex())
        if data.get("parameter"):
            tensor = torch.nn.Parameter(tensor, requires_grad=grad)
        elif grad:
            tensor.requires_grad_(True)
        return self._received(data, tensor)

    def _decode_origin(self, data):
        original = self.channel._origins.get(data["o"])
        current = _Decoder(self.channel, self.budget).decode(data["v"])
        if original is None:
            return current
        _update_in_place(original, current)
        return original

    def _decode_yours(self, data):
        return self.channel._exported(data["oid"])

    def _decode_obj(self, data):
        oid = data["oid"]
        if type(oid) is not int:
            raise ProtocolError("unreadable handle")
        return self.channel._proxy(oid, data.get("t"))


# The wire's value types. There is no "module": a module travels as a handle ("obj"), so
# nothing the other side names is ever imported or looked up here.
_DECODERS: dict[str, Callable[[_Decoder, dict], Any]] = {
    "float": _Decoder._decode_float, "complex": _Decoder._decode_complex, "bytes": _Decoder._decode_bytes,
    "ellipsis": _Decoder._decode_ellipsis, "slice": _Decoder._decode_slice, "range": _Decoder._decode_range,
    "ref": _Decoder._decode_ref, "tuple": _Decoder._decode_tuple, "list": _Decoder._decode_list,
    "dict": _Decoder._decode_dict, "set": _Decoder._decode_set, "frozenset": _Decoder._decode_frozenset,
    "nd": _Decoder._decode_nd, "objarray": _Decoder._decode_objarray, "npscalar": _Decoder._decode_npscalar,
    "randomstate": _Decoder._decode_randomstate, "generator": _Decoder._decode_generator,
    "tensor": _Decoder._decode_tensor, "origin": _Decoder._decode_origin, "yours": _Decoder._decode_yours,
    "obj": _Decoder._decode_obj,
}


def _update_in_place(original, current) -> None:
    """Give ``original`` the contents of ``current`` without replacing it."""
    if original is current:
        return
    if _contents(original) is not None and _reaches(current, original):
        # Our own list would contain itself, and np.asarray in a check would walk it forever.
        # References cannot express a cycle; changes to our containers could close one.
        raise ValueTooLarge("it contains itself")
    if isinstance(original, np.ndarray) and isinstance(current, np.ndarray):
        if original.shape == current.shape and original.flags.writeable:
            np.copyto(original, current, casting="unsafe")
    elif isinstance(original, list) and isinstance(current, list):
        original[:] = current
    elif isinstance(original, dict) and isinstance(current, dict):
        original.clear()
        original.update(current)
    elif isinstance(original, set) and isinstance(current, set):
        original.clear()
        original.update(current)
    elif isinstance(original, np.random.Generator) and isinstance(current, np.random.Generator):
        original.bit_generator.state = current.bit_generator.state
    elif isinstance(original, np.random.RandomState) and isinstance(current, np.random.RandomState):
        original.set_state(current.get_state(legacy=False))
    else:
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(original, torch.Tensor) and isinstance(current, torch.Tensor):
            if original.shape == current.shape:
                with torch.no_grad():
                    original.copy_(current.to(original.device))


def _reaches(start, target) -> bool:
    """Whether ``target`` is inside ``start``, at any depth."""
    seen: set[int] = set()
    stack = [start]
    while stack:
        value = stack.pop()
        if value is target:
            return True
        contents = _contents(value)
        if contents is not None and id(value) not in seen:
            seen.add(id(value))
            stack.extend(contents)
    return False


def _contents(value):
    """What a container holds, for ``_reaches``; None for anything that holds no Python objects."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return value
    if isinstance(value, dict):
        return [*value.keys(), *value.values()]
    if isinstance(value, np.ndarray) and value.dtype.kind == "O":
        return value.ravel().tolist()
    return None
