"""The object protocol between referee and kernel, both ends in this process (``autograder.grading.judging.rpc``)."""

from __future__ import annotations

import json
import socket
import struct
import sys
import textwrap
import threading
import time
import tracemalloc

import numpy as np
import pytest

from autograder.grading.judging import rpc
from autograder.grading.judging.referee import Referee
from autograder.grading.judging.rpc import Channel, ProtocolError, Proxy, RemoteError, StudentCodeTimedOut, ValueTooLarge

STUDENT_CODE = textwrap.dedent("""
    import numpy as np

    def update_in_place(w, grads, step):
        for i in range(len(w)):
            w[i] -= step * grads[i]
        return w

    def scale(values, factor):
        return [v * factor for v in values]

    class Value:
        def __init__(self, data):
            self.data = data
        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data + other.data)
        __radd__ = __add__
        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data * other.data)
        __rmul__ = __mul__

    class AlwaysEqual:
        def __eq__(self, other):
            return True

    class Liar(np.ndarray):
        def __eq__(self, other):
            return np.ones(self.shape, dtype=bool)

    def liar():
        return np.array([1.0, 2.0]).view(Liar)

    def matrix():
        return np.matrix([[1.0, 2.0]])

    def float32():
        return np.float32(0.5)

    def fails():
        raise ValueError("bad input")

    def leaves():
        import sys
        sys.exit(3)

    def draw(rng):
        return rng.normal(size=3)

    def call_back(function):
        return function(20) + 1

    def slow():
        import time
        time.sleep(1)  # past the 0.3 s limit, and over before the fixture stops waiting for it

    def params_update(params, grads):
        for key in params:
            params[key] -= 0.1 * grads[key]
        params["state"] = grads["w"]

    def a_module():
        import math
        return math

    def huge_range():
        return range(0, 200_000_000)

    def huge_array():
        return np.zeros(10**8, dtype=np.uint8)

    def huge_string():
        return "x" * (9 * 2**20)

    def deep_list(levels):
        value = []
        for _ in range(levels):
            value = [value]
        return value

    def contains_itself():
        value = [1.0]
        value.append(value)
        return value

    def many_aliases():
        row = [0.0] * 1000
        block = [row] * 1000
        return [block] * 1000

    def a_tensor():
        import torch
        return torch.ones(2, 3, dtype=torch.float32, requires_grad=True)
""")


@pytest.fixture
def channels():
    """A referee channel whose kernel end serves ``STUDENT_CODE``'s namespace in a thread."""
    kernel_socket, referee_socket = socket.socketpair()
    namespace: dict = {}
    exec(STUDENT_CODE, namespace)
    kernel = Channel(kernel_socket, serves_everything=True, namespace=namespace)
    referee = Channel(referee_socket, serves_everything=False)
    referee.session = "s"
    thread = threading.Thread(target=kernel.serve, args=("s",), daemon=True)
    thread.start()
    yield referee, namespace
    referee.finish_session()
    thread.join(2)
    kernel_socket.close()
    referee_socket.close()


def lookup(referee: Channel, name: str):
    return referee.request("lookup", name=name)


def test_changes_to_arguments_reach_the_callers_objects(channels):
    referee, _ = channels
    weights = np.arange(4.0)
    returned = lookup(referee, "update_in_place")(weights, np.ones(4), 0.5)
    assert returned is weights
    assert weights.tolist() == [-0.5, 0.5, 1.5, 2.5]


def test_dicts_of_arrays_are_updated_in_place_and_aliasing_is_kept(channels):
    referee, _ = channels
    params, grads = {"w": np.ones(2)}, {"w": np.full(2, 10.0)}
    w = params["w"]
    lookup(referee, "params_update")(params, grads)
    assert w.tolist() == [0.0, 0.0] and params["w"] is w
    assert params["state"] is grads["w"]


def test_student_classes_work_through_proxies_with_plain_numbers_on_either_side(channels):
    referee, _ = channels
    Value = lookup(referee, "Value")
    result = 2 * Value(3.0) + 1
    assert isinstance(result, Proxy) and type(result).__name__ == "Value"
    assert result.data == 7.0
    assert isinstance(result, Value) and not isinstance(3, Value)


def test_lying_objects_cannot_fool_a_comparison_made_here(channels):
    referee, _ = channels
    liar = lookup(referee, "liar")()
    assert type(liar) is np.ndarray and not (liar == np.array([9.0, 9.0])).any()
    always = lookup(referee, "AlwaysEqual")()
    assert isinstance(always, Proxy)
    with pytest.raises((TypeError, ValueError)):  # what autograder.checking.as_float_array turns into "wrong type"
        np.asarray(always, dtype=float)


def test_numpy_types_arrive_as_they_left(channels):
    referee, _ = channels
    assert type(lookup(referee, "matrix")()) is np.matrix
    value = lookup(referee, "float32")()
    assert isinstance(value, np.float32) and value == 0.5
    assert lookup(referee, "scale")([1, 2], 3) == [3, 6]


def test_random_generators_advance_as_if_shared(channels):
    referee, _ = channels
    rng = np.random.default_rng(0)
    first = lookup(referee, "draw")(rng)
    assert np.allclose(first, np.random.default_rng(0).normal(size=3))
    assert np.allclose(rng.normal(size=3), np.random.default_rng(0).normal(size=6)[3:])


def test_exceptions_come_back_with_their_type_and_message(channels):
    referee, _ = channels
    with pytest.raises(ValueError, match="bad input"):
        lookup(referee, "fails")()
    with pytest.raises(RemoteError) as error:
        lookup(referee, "leaves")()
    assert type(error.value).__name__ == "SystemExit"
    with pytest.raises(NameError):
        lookup(referee, "not_defined")


def test_callbacks_can_be_called_but_not_inspected(channels):
    referee, namespace = channels
    assert lookup(referee, "call_back")(lambda x: x * 2) == 41
    snoop = "def call_back(function):\n    return function.__globals__\n"
    exec(snoop, namespace)
    with pytest.raises(PermissionError):
        lookup(referee, "call_back")(lambda x: x)


def test_a_call_that_does_not_return_times_out(channels):
    referee, _ = channels
    referee.deadline, referee.time_limit = time.monotonic() + 0.3, 0.3
    with pytest.raises(StudentCodeTimedOut, match="0.3 s"):
        lookup(referee, "slow")()


def test_hidden_blocks_see_the_notebook_but_not_its_lookalike_builtins(channels):
    referee_channel, namespace = channels
    namespace["len"] = lambda value: 0  # a student's replacement of a built-in
    referee = Referee(referee_channel)
    code = "result = len(scale([1, 2], 2))\nassert result == 2\nassert globals().get('scale') is not None"
    outcome = referee.run_block(code, "s", time.monotonic() + 5, 5, threading.Event())
    assert outcome.passed, outcome.message


# --------------------------------------------------------------------------
# a hostile kernel: everything it sends is data to check, never to act on
# --------------------------------------------------------------------------


@pytest.fixture
def hostile():
    """A referee channel whose kernel end is the test itself, which answers with crafted frames."""
    kernel_socket, referee_socket = socket.socketpair()
    referee = Channel(referee_socket, serves_everything=False)
    referee.session = "s"
    referee.deadline, referee.time_limit = time.monotonic() + 10, 10
    yield referee, kernel_socket
    kernel_socket.close()
    referee_socket.close()


def frame(payload) -> bytes:
    data = payload if isinstance(payload, bytes) else json.dumps(payload, separators=(",", ":")).encode()
    return struct.pack("!Q", len(data)) + data


def answer(referee: Channel, **fields) -> bytes:
    """The frame of a reply to the referee's next request, as a kernel could write it."""
    return frame({"k": "res", "id": referee._next_request + 1, "s": referee.session, "ok": True, **fields})


def ask(channel_and_socket, *frames: bytes):
    """The referee calls a student's function; the 'kernel' sends ``frames``, whatever they hold."""
    referee, kernel_socket = channel_and_socket

    def send():
        try:
            for data in frames:
                kernel_socket.sendall(data)
        except OSError:
            pass  # the referee refused the rest, and the test closed the sockets

    threading.Thread(target=send, daemon=True).start()
    return Proxy(referee, 1)()


# Reading from the socket alone takes 1 MiB buffers; the attacks would take gigabytes.
LITTLE_MEMORY = 8 * 2**20


def peak_memory_of(action) -> int:
    tracemalloc.start()
    try:
        action()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("name", ["this", "venv.__main__", "autograder.__main__"])
def test_a_module_named_by_the_kernel_is_never_imported(hostile, capsys, name):
    modules_before = set(sys.modules)
    assert name not in modules_before
    for value in ({"$": "module", "name": name}, {"$": "list", "m": 0, "v": [{"$": "module", "name": name}]}):
        with pytest.raises(ProtocolError, match="unknown value type 'module'"):
            ask(hostile, answer(hostile[0], v=value))
    assert set(sys.modules) == modules_before
    assert capsys.readouterr().out == ""  # `import this` prints the Zen of Python


def test_modules_classes_and_functions_of_the_kernel_travel_as_proxies(channels):
    referee, _ = channels
    math_module = lookup(referee, "a_module")()
    assert isinstance(math_module, Proxy) and type(math_module).__name__ == "module"
    assert math_module.sqrt(16.0) == 4.0  # computed in the kernel
    assert isinstance(lookup(referee, "Value"), Proxy) and isinstance(lookup(referee, "scale"), Proxy)


def test_a_huge_range_is_refused_before_anything_is_allocated(hostile):
    referee = hostile[0]

    def receive():
        with pytest.raises(ValueTooLarge, match="too large for the grader .more than 20 million numbers"):
            ask(hostile, answer(referee, v={"$": "range", "v": [0, 200_000_000, 1]}))

    assert peak_memory_of(receive) < LITTLE_MEMORY
    with pytest.raises(ValueTooLarge):  # longer than sys.maxsize: len() itself cannot say
        ask(hostile, answer(referee, v={"$": "range", "v": [0, 10**4000, 1]}))
    with pytest.raises(ProtocolError, match="three"):
        ask(hostile, answer(referee, v={"$": "range", "v": [0, 1.5, 1]}))
    assert ask(hostile, answer(referee, v={"$": "range", "v": [0, 1000, 2]})) == range(0, 1000, 2)


@pytest.mark.parametrize("shape, what", [
    ([100_000, 100_000], "20 million numbers"),
    ([0, 10**12], "an array dimension"),
    ([2] * 40, "20 million numbers"),
])
def test_a_huge_array_shape_with_few_bytes_is_refused_before_allocating(hostile, shape, what):
    value = {"$": "nd", "m": 0, "dtype": "<f8", "shape": shape, "b": ""}

    def receive():
        with pytest.raises(ValueTooLarge, match=what):
            ask(hostile, answer(hostile[0], v=value))

    assert peak_memory_of(receive) < LITTLE_MEMORY


@pytest.mark.parametrize("shape, data", [
    ([3], rpc._bytes_text(bytes(16))),  # 16 bytes for 3 float64
    ([-1], ""), ([True], rpc._bytes_text(bytes(8))), ([2.0], rpc._bytes_text(bytes(16))), ("2", ""),
    ([2], "!!!!" * 4),  # not base64
])
def test_an_array_whose_shape_and_bytes_disagree_is_refused(hostile, shape, data):
    with pytest.raises(ProtocolError):
        ask(hostile, answer(hostile[0], v={"$": "nd", "m": 0, "dtype": "<f8", "shape": shape, "b": data}))


@pytest.mark.parametrize("dtype", [
    "|O", "O", "|V8", "V100000000", [["a", "<f8"]], "(2,)<f8", "<M8[ns]", "<U1", "|S8", "float64", "<c32", 8, None,
])
def test_arrays_of_other_than_plain_numbers_are_refused_before_frombuffer(hostile, monkeypatch, dtype):
    calls = []
    monkeypatch.setattr(np, "frombuffer", lambda *args, **kwargs: calls.append(args))
    value = {"$": "nd", "m": 0, "dtype": dtype, "shape": [1], "b": rpc._bytes_text(bytes(8))}
    with pytest.raises(ProtocolError, match="not accepted"):
        ask(hostile, answer(hostile[0], v=value))
    with pytest.raises(ProtocolError, match="not accepted"):
        ask(hostile, answer(hostile[0], v={"$": "npscalar", "dtype": dtype, "b": rpc._bytes_text(bytes(8))}))
    assert calls == []


def test_deep_nesting_is_refused(hostile):
    referee = hostile[0]
    deep_json = b'{"k":"res","id":%d,"s":"s","ok":true,"v":' % (referee._next_request + 1) \
        + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(ProtocolError, match="unreadable message"):  # too deep for json.loads itself
        ask(hostile, frame(deep_json))
    value: dict = {"$": "list", "m": 0, "v": []}
    for _ in range(150):  # within json.loads's reach, deeper than the grader takes
        value = {"$": "list", "m": 0, "v": [value]}
    with pytest.raises(ValueTooLarge, match="nested more than 100 deep"):
        ask(hostile, answer(referee, v=value))


def test_a_message_over_the_cap_is_refused_on_its_header(hostile):
    referee = hostile[0]
    head = json.dumps({"k": "res", "id": referee._next_request + 1, "s": "s", "ok": True, "v": ""}).encode()[:-2]
    claimed = 100 * 2**20 + len(head)  # a 100 MB string; only its first bytes are ever sent

    def receive():
        with pytest.raises(ProtocolError, match="oversized"):
            ask(hostile, struct.pack("!Q", claimed) + head + b'"' + b"x" * 2**16)

    assert peak_memory_of(receive) < LITTLE_MEMORY


def test_a_string_over_the_cap_is_refused(hostile):
    with pytest.raises(ValueTooLarge, match="a string of more than"):
        ask(hostile, answer(hostile[0], v="x" * (rpc.MAX_TEXT_CHARS + 1)))
    with pytest.raises(ValueTooLarge, match="a string of more than"):
        ask(hostile, answer(hostile[0], v={"$": "list", "m": 0, "v": ["x" * (rpc.MAX_TEXT_CHARS + 1)]}))


def test_references_count_as_often_as_they_appear(hostile):
    """A billion numbers in 20 kB: three lists of a thousand references each."""
    row = {"$": "list", "m": 0, "v": [0.0] * 1000}
    block = {"$": "list", "m": 1, "v": [row] + [{"$": "ref", "m": 0}] * 999}
    value = {"$": "list", "m": 2, "v": [block] + [{"$": "ref", "m": 1}] * 999}

    def receive():
        with pytest.raises(ValueTooLarge, match="20 million numbers"):
            ask(hostile, answer(hostile[0], v=value))

    assert peak_memory_of(receive) < LITTLE_MEMORY


def test_the_element_cap_counts_every_item_of_the_whole_message(hostile, monkeypatch):
    monkeypatch.setattr(rpc, "MAX_ELEMENTS", 1000)
    referee = hostile[0]

    def dict_of(n):
        return {"$": "dict", "m": 0, "v": [[i, i] for i in range(n)]}

    assert len(ask(hostile, answer(referee, v=dict_of(1000)))) == 1000
    with pytest.raises(ValueTooLarge, match="more than 1,000 numbers"):
        ask(hostile, answer(referee, v=dict_of(1001)))
    # the changes to the caller's arguments share the answer's cap
    referee._origins[1] = []
    update = {"o": 1, "v": {"$": "list", "m": 0, "v": [1.0] * 600}}
    with pytest.raises(ValueTooLarge):
        ask(hostile, answer(referee, v={"$": "list", "m": 0, "v": [2.0] * 600}, mirror=[update]))
    inner = {"$": "origin", "o": 1, "v": {"$": "list", "m": 0, "v": [1.0] * 600}}
    with pytest.raises(ValueTooLarge):
        ask(hostile, answer(referee, v={"$": "list", "m": 0, "v": [inner] + [2.0] * 600}))


def test_json_containers_are_counted_before_json_loads_builds_them(hostile, channels, monkeypatch):
    monkeypatch.setattr(rpc, "MAX_JSON_CONTAINERS", 1000)
    with pytest.raises(ValueTooLarge, match="more than 1,000 lists, dicts"):
        ask(hostile, answer(hostile[0], v=[[]] * 1000))
    referee, namespace = channels
    namespace["many_keys"] = lambda n: dict.fromkeys(range(n))
    assert len(lookup(referee, "many_keys")(100)) == 100
    with pytest.raises(RemoteError, match="more than 1,000 lists, dicts") as error:  # refused in the kernel
        lookup(referee, "many_keys")(2000)
    assert type(error.value).__name__ == "ValueTooLarge"


def test_a_value_that_contains_itself_is_refused(hostile, channels):
    with pytest.raises(ProtocolError, match="not sent before"):
        ask(hostile, answer(hostile[0], v={"$": "list", "m": 0, "v": [{"$": "ref", "m": 0}]}))
    referee, _ = channels
    with pytest.raises(RemoteError, match="it contains itself") as error:
        lookup(referee, "contains_itself")()
    assert type(error.value).__name__ == "ValueTooLarge"


def test_changes_to_the_callers_containers_cannot_make_one_contain_itself(hostile):
    referee = hostile[0]
    a, b = [], []
    referee._origins.update({1: a, 2: b})

    def list_of(*items):
        return {"$": "list", "m": 0, "v": list(items)}

    def origin(o, contents):
        return {"$": "origin", "o": o, "v": contents}

    a_holds_b = {"o": 1, "v": list_of(origin(2, list_of()))}
    b_holds_a = {"o": 2, "v": list_of(origin(1, list_of(origin(2, list_of()))))}
    with pytest.raises(ValueTooLarge, match="it contains itself"):
        ask(hostile, answer(referee, mirror=[a_holds_b, b_holds_a]))
    assert a == [[]] and a[0] is b and b == []  # the change that would have closed the cycle was not made
    with pytest.raises(ValueTooLarge, match="it contains itself"):
        ask(hostile, answer(referee, mirror=[{"o": 2, "v": list_of(origin(2, list_of()))}]))
    assert b == []


@pytest.mark.parametrize("value", [
    {"$": "generator", "o": None, "bitgen": "BitGenerator", "state": {}},
    {"$": "generator", "o": None, "bitgen": "SeedSequence", "state": {}},
    {"$": "generator", "o": None, "bitgen": "__class__", "state": {}},
    {"$": "generator", "o": None, "bitgen": ["PCG64"], "state": {}},
    {"$": "tensor", "m": 0, "o": None, "dtype": "load", "shape": [1], "array_dtype": "<f4", "b": "AAAAAA=="},
    {"$": "tensor", "m": 0, "o": None, "dtype": "Tensor", "shape": [1], "array_dtype": "<f4", "b": "AAAAAA=="},
    {"$": "tensor", "m": 0, "o": None, "dtype": "__builtins__", "shape": [1], "array_dtype": "<f4", "b": "AAAAAA=="},
    {"$": "tensor", "m": 0, "o": None, "dtype": "float32", "shape": [1], "array_dtype": "|O", "b": "AAAAAA=="},
])
def test_unknown_bit_generator_and_tensor_type_names_are_refused(hostile, value):
    with pytest.raises(ProtocolError):
        ask(hostile, answer(hostile[0], v=value))


@pytest.mark.parametrize("value", [
    {"$": "list", "m": 0}, {"$": "ref", "m": 5}, {"$": "dict", "m": 0, "v": [[1]]}, {"$": "dict", "m": 0, "v": ["ab"]},
    {"$": "obj", "oid": [1]}, {"$": "yours", "oid": 3}, {"$": "complex", "re": {"$": "obj", "oid": 1}, "im": 0},
    {"$": "float", "v": "1" * 1000}, {"$": "bytes", "b": "%%%%"}, {"$": "list", "m": [0], "v": []},
    {"$": "list", "m": 0, "o": [1], "v": []}, {"$": "generator", "o": None, "bitgen": "PCG64", "state": {"x": 1}},
    {"$": ["list"]}, {"$": "set", "m": 0, "v": [{"$": "list", "m": 1, "v": []}]},
])
def test_malformed_values_are_protocol_errors_not_the_students_errors(hostile, value):
    with pytest.raises(ProtocolError):
        ask(hostile, answer(hostile[0], v=value))


def test_malformed_replies_are_protocol_errors(hostile):
    referee = hostile[0]
    for fields in ({"mirror": "x"}, {"mirror": [5]}, {"ok": False, "e": "x"}, {"ok": False, "e": [1]}):
        with pytest.raises(ProtocolError):
            ask(hostile, answer(referee, **fields))


@pytest.mark.parametrize("name", ["SystemExit", "GeneratorExit", "BaseException", "BaseExceptionGroup"])
def test_base_exceptions_named_by_the_kernel_arrive_as_plain_remote_errors(hostile, name):
    with pytest.raises(RemoteError) as error:
        ask(hostile, answer(hostile[0], ok=False, e={"n": name, "mod": "builtins", "m": "bye"}))
    assert type(error.value).__name__ == name and isinstance(error.value, Exception)


def test_a_keyboard_interrupt_from_the_kernel_is_a_time_out(hostile):
    with pytest.raises(StudentCodeTimedOut):
        ask(hostile, answer(hostile[0], ok=False, e={"n": "KeyboardInterrupt", "mod": "builtins", "m": ""}))


def test_names_and_messages_from_the_kernel_are_capped(hostile, monkeypatch):
    referee = hostile[0]
    with pytest.raises(RemoteError) as error:
        ask(hostile, answer(referee, ok=False, e={"n": "E" * 10**6, "mod": "x", "m": "m" * 10**6, "tb": "t" * 10**6}))
    assert len(type(error.value).__name__) <= rpc.MAX_NAME_CHARS
    assert len(str(error.value)) <= 20_000 and len(error.value.remote_traceback) <= 20_000
    proxy = ask(hostile, answer(referee, v={"$": "obj", "oid": 7, "t": "T" * 10**6}))
    assert type(proxy).__name__ == "RemoteObject"
    assert type(ask(hostile, answer(referee, v={"$": "obj", "oid": 8, "t": [1, 2]}))).__name__ == "RemoteObject"
    monkeypatch.setattr(rpc, "MAX_CLASSES", 5)
    names = {type(ask(hostile, answer(referee, v={"$": "obj", "oid": 100 + i, "t": f"T{i}"}))).__name__
             for i in range(20)}
    assert len(referee._proxy_types) <= 5 and "RemoteObject" in names


def test_a_flood_of_messages_that_are_not_the_answer_does_not_outlast_the_time_limit(hostile):
    referee = hostile[0]
    referee.deadline, referee.time_limit = time.monotonic() + 0.5, 0.5
    strays = frame({"k": "res", "id": -1, "s": "other session"}) * 1000
    started = time.monotonic()
    with pytest.raises(StudentCodeTimedOut):
        ask(hostile, *[strays] * 100_000)  # a minute of them at least, if the referee kept reading
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("function, what", [
    ("huge_range", "more than 20 million numbers"),
    ("huge_array", "more than 20 million numbers"),
    ("huge_string", "a string of more than"),
    ("many_aliases", "more than 20 million numbers"),
])
def test_the_kernel_refuses_to_send_what_the_referee_would_refuse(channels, function, what):
    referee, _ = channels
    with pytest.raises(RemoteError, match=f"too large for the grader .{what}") as error:
        lookup(referee, function)()
    assert type(error.value).__name__ == "ValueTooLarge"


def test_nesting_up_to_the_cap_travels_and_deeper_is_refused(channels):
    referee, _ = channels
    value = lookup(referee, "deep_list")(90)
    for _ in range(90):
        value = value[0]
    assert value == []
    with pytest.raises(RemoteError, match="nested more than 100 deep"):
        lookup(referee, "deep_list")(100_000)


def test_tensors_arrive_as_they_left(channels):
    torch = pytest.importorskip("torch")
    referee, _ = channels
    tensor = lookup(referee, "a_tensor")()
    assert isinstance(tensor, torch.Tensor) and tensor.dtype == torch.float32 and tensor.requires_grad
    assert tensor.shape == (2, 3) and float(tensor.detach().sum()) == 6.0


def test_a_value_too_large_fails_the_cell_without_stopping_the_kernel(hostile):
    referee_channel = hostile[0]
    referee = Referee(referee_channel)
    referee.namespace["f"] = Proxy(referee_channel, 1)
    huge = answer(referee_channel, v={"$": "range", "v": [0, 200_000_000, 1]})
    threading.Thread(target=hostile[1].sendall, args=(huge,), daemon=True).start()
    outcome = referee.run_block("f()", "s", time.monotonic() + 5, 5, threading.Event())
    assert not outcome.passed and not outcome.interrupted and outcome.ename == "ValueTooLarge"
    assert outcome.message.startswith("the value your function returned is too large for the grader")
    forged = answer(referee_channel, v={"$": "module", "name": "venv.__main__"})
    threading.Thread(target=hostile[1].sendall, args=(forged,), daemon=True).start()
    outcome = referee.run_block("f()", "s", time.monotonic() + 5, 5, threading.Event())
    assert not outcome.passed and outcome.interrupted  # a kernel that breaks the protocol, as before
