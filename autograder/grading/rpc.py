"""A small object protocol between the grader and a student's kernel.

The hidden checks run in the grader's process (the *referee*); the student's
functions live in the kernel. The referee holds *proxies* of the kernel's
objects: calling a proxy, reading its attributes or applying an operator to it
sends a request over a socket, and the kernel answers with the result.

Results travel as data, never as objects with behaviour: numbers, strings,
tuples, lists, dicts, NumPy arrays (as raw bytes, so an ``ndarray`` subclass
arrives as a plain array), tensors and random generators. Anything else (a
student's ``Value`` instance, a class, a function) travels as a handle and
becomes a proxy on the other side, so an object whose ``__eq__`` always
answers True still answers in the kernel, where it can fool nobody's
comparison but its own.

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
import copy
import importlib
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

MAX_MESSAGE_BYTES = 256 * 2**20
_HEADER = struct.Struct("!Q")
_MAX_TEXT = 20_000


class ProtocolError(RuntimeError):
    """The other side broke the protocol (or is not answering it)."""


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
    if len(payload) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"a value of {len(payload) / 2**20:.0f} MiB is too large to send")
    sock.sendall(_HEADER.pack(len(payload)) + payload)


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
            raise ProtocolError("the other side sent an oversized message")
        end = _HEADER.size + length
        if len(self.buffer) < end:
            return None
        payload = bytes(self.buffer[_HEADER.size:end])
        del self.buffer[:end]
        try:
            message = json.loads(payload)
        except ValueError as error:
            raise ProtocolError(f"unreadable message: {error}") from None
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
                continue  # left over from an earlier, abandoned session
            kind = reply.get("k")
            if kind == "req":
                self._serve_one(reply)
            elif kind == "res" and reply.get("id") == request_id:
                for update in reply.get("mirror", []):
                    self._apply_mirror(update)
                if reply.get("ok"):
                    return self.decode(reply.get("v"))
                raise self._decode_error(reply.get("e") or {})
            elif kind == "res":
                continue  # the answer to a request that timed out
            else:
                raise ProtocolError(f"unexpected message of kind {kind!r} during a request")

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
        reply: dict[str, Any] = {"k": "res", "id": message.get("id"), "s": self.session}
        try:
            try:
                value = self._perform(message)
                reply["ok"], reply["v"] = True, self.encode(value)
            except ChannelClosed:
                raise
            except BaseException as error:  # the student's code may raise anything, even SystemExit
                reply["ok"], reply["e"] = False, _encode_error(error)
            # A random generator can be drawn from later (by a generator function's next
            # value, say), so every one received so far travels back with every answer.
            touched = dict(self._touched)
            touched.update({origin: obj for origin, obj in self._received.values()
                            if isinstance(obj, (np.random.Generator, np.random.RandomState))})
            reply["mirror"] = [
                {"o": origin, "v": _Encoder(self, False, True, skip=obj).encode(obj)} for origin, obj in touched.items()
            ]
        finally:
            self._touched = outer_touched
        _send_frame(self.sock, reply)

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
        if oid not in self._exports:
            raise ProtocolError(f"no object with handle {oid!r}")
        return self._exports[oid]

    # -- encoding --------------------------------------------------------

    def encode(self, value):
        return _Encoder(self, mark_origins=False, follow_origin=True).encode(value)

    def _export(self, obj) -> int:
        key = id(obj)
        if key not in self._export_ids:
            oid = len(self._exports) + 1
            self._exports[oid] = obj
            self._export_ids[key] = oid
        return self._export_ids[key]

    def decode(self, data):
        return _Decoder(self).decode(data)

    def _proxy(self, oid: int, type_name: str) -> Proxy:
        if oid not in self._proxies:
            cls = self._proxy_types.get(type_name)
            if cls is None:
                cls = type(type_name if type_name.isidentifier() else "RemoteObject", (Proxy,), {"__slots__": ()})
                self._proxy_types[type_name] = cls
            self._proxies[oid] = cls(self, oid)
        return self._proxies[oid]

    def _apply_mirror(self, update: dict) -> None:
        origin = self._origins.get(update.get("o"))
        if origin is not None:
            _update_in_place(origin, _Decoder(self).decode(update.get("v")))

    def _decode_error(self, error: dict) -> BaseException:
        name = str(error.get("n", "Error"))
        message = str(error.get("m", ""))
        if name == "KeyboardInterrupt":
            return StudentCodeTimedOut("stopped by the grader because it took too long")
        cls = _builtin_exception(name) if error.get("mod") == "builtins" else None
        if cls is not None:
            try:
                return cls(message)
            except Exception:
                pass
        remote = self._proxy_types.get(f"error:{name}")
        if remote is None:
            remote = type(name if name.isidentifier() else "RemoteError", (RemoteError,), {})
            self._proxy_types[f"error:{name}"] = remote
        exception = remote(message)
        exception.remote_traceback = str(error.get("tb", ""))
        return exception


def _builtin_exception(name: str):
    cls = getattr(builtins, name, None)
    if isinstance(cls, type) and issubclass(cls, Exception):
        return cls
    return None


def _truncate(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


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
        "n": type(error).__name__,
        "mod": type(error).__module__,
        "m": _truncate(message),
        "tb": _truncate(trace),
    }


# --------------------------------------------------------------------------
# values <-> data
# --------------------------------------------------------------------------

_NUMERIC_KINDS = "biufc"


def _bytes_text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _text_bytes(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


class _Encoder:
    """Turns a value into JSON-able data; ``skip``: an object to send by content even if
    it came from the other side (the contents of an update)."""

    def __init__(self, channel: Channel, mark_origins: bool, follow_origin: bool, skip=None):
        self.channel = channel
        self.mark_origins = mark_origins
        self.follow_origin = follow_origin
        self.skip = skip
        self.memo: dict[int, int] = {}
        self.keep: list = []  # ids in the memo stay valid while encoding

    def encode(self, value):
        kind = type(value)
        if value is None or kind in (bool, int, float, str):
            return value if kind is not float or math.isfinite(value) else {"$": "float", "v": repr(value)}
        if isinstance(value, Proxy) and value._rpc_channel is self.channel:
            return {"$": "yours", "oid": value._rpc_oid}
        if self.follow_origin and value is not self.skip and id(value) in self.channel._received:
            origin, obj = self.channel._received[id(value)]
            if obj is value:
                return {"$": "origin", "o": origin, "v": _Encoder(self.channel, False, True, skip=value).encode(value)}
        if id(value) in self.memo:
            return {"$": "ref", "m": self.memo[id(value)]}
        encoded = self._encode_new(value)
        return encoded

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
            return int.__index__(value)
        if isinstance(value, float):
            return self.encode(float.__float__(value))
        if isinstance(value, str):
            return str.__str__(value)
        if isinstance(value, complex):
            return {"$": "complex", "re": self.encode(value.real), "im": self.encode(value.imag)}
        if isinstance(value, (bytes, bytearray)):
            return {"$": "bytes", "b": _bytes_text(bytes(value))}
        if value is Ellipsis:
            return {"$": "ellipsis"}
        if isinstance(value, slice):
            return {"$": "slice", "v": [self.encode(value.start), self.encode(value.stop), self.encode(value.step)]}
        if isinstance(value, range):
            return {"$": "range", "v": [value.start, value.stop, value.step]}
        if isinstance(value, (np.random.Generator, np.random.RandomState)):
            return self._encode_generator(value)
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(value, torch.Tensor):
            return self._encode_tensor(value, torch)
        if isinstance(value, type(sys)):
            return {"$": "module", "name": value.__name__}
        if isinstance(value, tuple):
            index = self._remember(value)
            return {"$": "tuple", "m": index, "v": [self.encode(item) for item in tuple.__iter__(value)]}
        if isinstance(value, list):
            index, origin = self._remember(value), self._origin(value)
            return {"$": "list", "m": index, "o": origin, "v": [self.encode(item) for item in list.__iter__(value)]}
        if isinstance(value, dict):
            index, origin = self._remember(value), self._origin(value)
            items = [[self.encode(k), self.encode(v)] for k, v in dict.items(value)]
            return {"$": "dict", "m": index, "o": origin, "v": items}
        if isinstance(value, (set, frozenset)):
            index = self._remember(value)
            origin = self._origin(value) if isinstance(value, set) else None
            tag = "set" if isinstance(value, set) else "frozenset"
            return {"$": tag, "m": index, "o": origin, "v": [self.encode(item) for item in value]}
        return {
            "$": "obj",
            "oid": self.channel._export(value),
            "t": type(value).__name__,
        }

    def _encode_array(self, value: np.ndarray):
        index = self._remember(value)
        plain = np.ndarray.view(value, np.ndarray)
        is_matrix = isinstance(value, np.matrix)
        origin = self._origin(value)
        if plain.dtype.kind in _NUMERIC_KINDS and not plain.dtype.fields:
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
        if array.dtype.kind not in _NUMERIC_KINDS:
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
        data = value.detach().to("cpu").contiguous()
        array = data.numpy() if data.dtype != torch.bfloat16 else data.float().numpy()
        return {
            "$": "tensor", "m": index, "o": origin, "dtype": str(data.dtype).removeprefix("torch."),
            "shape": list(array.shape), "array_dtype": array.dtype.str, "b": _bytes_text(array.tobytes()),
            "grad": bool(value.requires_grad), "device": str(value.device),
            "parameter": isinstance(value, torch.nn.Parameter),
        }


class _Decoder:
    def __init__(self, channel: Channel):
        self.channel = channel
        self.memo: dict[int, Any] = {}

    def decode(self, data):
        if data is None or isinstance(data, (bool, int, float, str)):
            return data
        if isinstance(data, list):
            return [self.decode(item) for item in data]
        if not isinstance(data, dict) or "$" not in data:
            if isinstance(data, dict):
                return {key: self.decode(value) for key, value in data.items()}
            raise ProtocolError("unreadable value")
        tag = data["$"]
        method = getattr(self, f"_decode_{tag}", None)
        if method is None:
            raise ProtocolError(f"unknown value type {tag!r}")
        return method(data)

    def _received(self, data, value):
        if "m" in data:
            self.memo[data["m"]] = value
        origin = data.get("o")
        if origin is not None:
            self.channel._received[id(value)] = (origin, value)
            self.channel._touched.append((origin, value))
        return value

    def _decode_float(self, data):
        return float(data["v"])

    def _decode_complex(self, data):
        return complex(self.decode(data["re"]), self.decode(data["im"]))

    def _decode_bytes(self, data):
        return _text_bytes(data["b"])

    def _decode_ellipsis(self, data):
        return Ellipsis

    def _decode_slice(self, data):
        return slice(*(self.decode(v) for v in data["v"]))

    def _decode_range(self, data):
        return range(*data["v"])

    def _decode_ref(self, data):
        return self.memo[data["m"]]

    def _decode_module(self, data):
        name = data["name"]
        if name in sys.modules:
            return sys.modules[name]
        return importlib.import_module(name)

    def _decode_tuple(self, data):
        value = tuple(self.decode(item) for item in data["v"])
        self.memo[data["m"]] = value
        return value

    def _decode_list(self, data):
        value: list = []
        self._received(data, value)
        value.extend(self.decode(item) for item in data["v"])
        return value

    def _decode_dict(self, data):
        value: dict = {}
        self._received(data, value)
        for key, item in data["v"]:
            value[self.decode(key)] = self.decode(item)
        return value

    def _decode_set(self, data):
        value: set = set()
        self._received(data, value)
        value.update(self.decode(item) for item in data["v"])
        return value

    def _decode_frozenset(self, data):
        value = frozenset(self.decode(item) for item in data["v"])
        self.memo[data["m"]] = value
        return value

    def _decode_nd(self, data):
        array = np.frombuffer(_text_bytes(data["b"]), dtype=np.dtype(data["dtype"])).reshape(data["shape"]).copy()
        if data.get("matrix"):
            with warnings.catch_warnings():  # np.matrix warns on creation; the student's kernel already did
                warnings.simplefilter("ignore")
                array = np.asmatrix(array)
        return self._received(data, array)

    def _decode_objarray(self, data):
        array = np.empty(len(data["v"]), dtype=object)
        self.memo[data["m"]] = array
        for index, item in enumerate(data["v"]):
            array[index] = self.decode(item)
        return array.reshape(data["shape"])

    def _decode_npscalar(self, data):
        return np.frombuffer(_text_bytes(data["b"]), dtype=np.dtype(data["dtype"]))[0]

    def _decode_randomstate(self, data):
        state = np.random.RandomState()
        state.set_state(self.decode(data["state"]))
        return self._received(data, state)

    def _decode_generator(self, data):
        bit_generator_type = getattr(np.random, data["bitgen"], None)
        if not (isinstance(bit_generator_type, type) and issubclass(bit_generator_type, np.random.BitGenerator)):
            raise ProtocolError(f"unknown bit generator {data['bitgen']!r}")
        bit_generator = bit_generator_type()
        bit_generator.state = self.decode(data["state"])
        return self._received(data, np.random.Generator(bit_generator))

    def _decode_tensor(self, data):
        torch = importlib.import_module("torch")
        array = np.frombuffer(_text_bytes(data["b"]), dtype=np.dtype(data["array_dtype"])).reshape(data["shape"])
        tensor = torch.from_numpy(array.copy()).to(getattr(torch, data["dtype"]))
        device = data.get("device", "cpu")
        if device.startswith("cuda") and torch.cuda.is_available():
            tensor = tensor.to(device)
        if data.get("parameter"):
            tensor = torch.nn.Parameter(tensor, requires_grad=bool(data.get("grad")))
        elif data.get("grad") and tensor.is_floating_point():
            tensor.requires_grad_(True)
        return self._received(data, tensor)

    def _decode_origin(self, data):
        original = self.channel._origins.get(data["o"])
        current = _Decoder(self.channel).decode(data["v"])
        if original is None:
            return current
        _update_in_place(original, current)
        return original

    def _decode_yours(self, data):
        return self.channel._exported(data["oid"])

    def _decode_obj(self, data):
        return self.channel._proxy(data["oid"], str(data.get("t", "RemoteObject")))


def _update_in_place(original, current) -> None:
    """Give ``original`` the contents of ``current`` without replacing it."""
    if original is current:
        return
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
