"""The object protocol between referee and kernel, both ends in this process (``autograder.grading.rpc``)."""

from __future__ import annotations

import socket
import textwrap
import threading
import time

import numpy as np
import pytest

from autograder.grading.referee import Referee
from autograder.grading.rpc import Channel, Proxy, RemoteError, StudentCodeTimedOut

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
        time.sleep(5)

    def params_update(params, grads):
        for key in params:
            params[key] -= 0.1 * grads[key]
        params["state"] = grads["w"]
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
