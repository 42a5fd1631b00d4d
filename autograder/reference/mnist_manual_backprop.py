"""Reference answers for the MNIST manual-backprop exercise, and the chapter's experiments.

The network is the forum post's: 784 inputs, 128 ReLU units, 10 softmax outputs,
cross-entropy loss averaged over a mini-batch, weights drawn as randn * 0.01,
biases zero, mini-batches of 64 and a learning rate of 0.1. Shapes, with m the
number of examples in a batch:

    X (m, 784) -> z1 = X W1 + b1 (m, 128) -> a1 = relu(z1) -> z2 = a1 W2 + b2 (m, 10) -> a2 = softmax(z2)

Unlike the post, everything is seeded, and the training method is
``train_epoch`` (the post's ``train`` would shadow ``nn.Module.train`` in any
code that later turns the class into a module).
"""

from __future__ import annotations

import math
import time

import torch
import torch.nn.functional as F

INPUT_SIZE, HIDDEN_SIZE, OUTPUT_SIZE = 784, 128, 10
INIT_SCALE = 0.01
BATCH_SIZE = 64
LEARNING_RATE = 0.1
SOURCE_EPOCHS = 20
PARAMETER_NAMES = ("W1", "b1", "W2", "b2")


def default_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def initial_parameters(
    input_size=INPUT_SIZE, hidden_size=HIDDEN_SIZE, output_size=OUTPUT_SIZE, *, seed=0, device=None, dtype=torch.float32
) -> dict[str, torch.Tensor]:
    """W1 (input, hidden), b1 (1, hidden), W2 (hidden, output), b2 (1, output), as in the post.

    Drawn on the CPU from a generator seeded with ``seed`` and then moved, so a
    seed gives the same weights on every device.
    """
    generator = torch.Generator().manual_seed(seed)
    first_layer = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * INIT_SCALE
    second_layer = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * INIT_SCALE
    drawn = {
        "W1": first_layer,
        "b1": torch.zeros(1, hidden_size, dtype=dtype),
        "W2": second_layer,
        "b2": torch.zeros(1, output_size, dtype=dtype),
    }
    target = torch.device(device) if device is not None else default_device()
    return {name: tensor.to(target) for name, tensor in drawn.items()}


def softmax(logits: torch.Tensor) -> torch.Tensor:
    """Row-wise softmax; shifting each row by its maximum keeps exp() from overflowing."""
    shifted = logits - logits.max(dim=1, keepdim=True).values
    exponentials = shifted.exp()
    return exponentials / exponentials.sum(dim=1, keepdim=True)


def naive_softmax(logits: torch.Tensor) -> torch.Tensor:
    """The textbook formula without the shift: inf / inf = nan once a logit passes log(max float)."""
    exponentials = logits.exp()
    return exponentials / exponentials.sum(dim=1, keepdim=True)


def one_hot(labels: torch.Tensor, classes: int, dtype) -> torch.Tensor:
    """(m,) class indices -> (m, classes) rows with a single 1 at the label."""
    targets = torch.zeros(labels.shape[0], classes, dtype=dtype, device=labels.device)
    return targets.scatter_(1, labels.reshape(-1, 1), 1.0)


def mean_cross_entropy(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean of -log softmax(logits)[label], from the logits so that it never takes log(0)."""
    log_probabilities = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    return -log_probabilities.gather(1, labels.reshape(-1, 1)).mean()


def _as_batch(images: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """A loader's batch, flattened and moved to the device and dtype of the parameters."""
    return images.reshape(images.shape[0], -1).to(device=like.device, dtype=like.dtype)


class SimpleNN:
    """The post's network with its backward pass written out; the answer to the exercise."""

    def __init__(
        self,
        input_size=INPUT_SIZE,
        hidden_size=HIDDEN_SIZE,
        output_size=OUTPUT_SIZE,
        device=None,
        dtype=torch.float32,
        seed=0,
    ):
        start = initial_parameters(input_size, hidden_size, output_size, seed=seed, device=device, dtype=dtype)
        self.W1, self.b1, self.W2, self.b2 = (start[name] for name in PARAMETER_NAMES)

    def parameters(self) -> dict[str, torch.Tensor]:
        return {name: getattr(self, name) for name in PARAMETER_NAMES}

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1  # (m, hidden)
        self.a1 = torch.relu(self.z1)  # (m, hidden)
        self.z2 = self.a1 @ self.W2 + self.b2  # (m, output)
        self.a2 = softmax(self.z2)  # (m, output), rows sum to 1
        return self.a2

    def backward(self, X, y, output, learning_rate):
        """Gradients of the batch's mean cross-entropy at the current weights, then one step.

        For softmax followed by cross-entropy, d loss / d z2 = (a2 - y) / m.
        """
        batch_size = X.shape[0]
        dz2 = (output - y) / batch_size  # (m, output)
        dW2 = self.a1.T @ dz2  # (hidden, output)
        db2 = dz2.sum(dim=0, keepdim=True)  # (1, output)
        dz1 = (dz2 @ self.W2.T) * (self.z1 > 0)  # (m, hidden): the ReLU passes gradient where z1 > 0
        dW1 = X.T @ dz1  # (input, hidden)
        db1 = dz1.sum(dim=0, keepdim=True)  # (1, hidden)
        gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
        # Only now, with every gradient taken at the old weights, do the weights move.
        for name, gradient in gradients.items():
            getattr(self, name).sub_(learning_rate * gradient)
        return gradients

    def train_epoch(self, batches, learning_rate=LEARNING_RATE) -> float:
        """One pass over ``batches``; returns the mean loss per example, each batch's loss
        measured before its update."""
        loss_sum, examples = 0.0, 0
        for images, labels in batches:
            X = _as_batch(images, self.W1)
            labels = labels.to(self.W1.device)
            output = self.forward(X)
            loss_sum += mean_cross_entropy(self.z2, labels).item() * labels.shape[0]
            examples += labels.shape[0]
            self.backward(X, one_hot(labels, self.W2.shape[1], X.dtype), output, learning_rate)
        return loss_sum / examples

    @torch.no_grad()
    def evaluate(self, batches) -> float:
        """The fraction of examples whose most probable class is the label."""
        correct, examples = 0, 0
        for images, labels in batches:
            predicted = self.forward(_as_batch(images, self.W1)).argmax(dim=1)
            correct += (predicted == labels.to(predicted.device)).sum().item()
            examples += labels.shape[0]
        return correct / examples

    @torch.no_grad()
    def predict(self, images) -> torch.Tensor:
        """The most probable class of each image, on the CPU."""
        return self.forward(_as_batch(images, self.W1)).argmax(dim=1).cpu()


# --------------------------------------------------------------------------
# the same network with autograd and torch.optim.SGD
# --------------------------------------------------------------------------


class AutogradNN:
    """The network as leaf tensors that autograd differentiates, stepped by ``torch.optim.SGD``."""

    def __init__(self, parameters: dict[str, torch.Tensor], learning_rate=LEARNING_RATE):
        self.W1, self.b1, self.W2, self.b2 = (
            parameters[name].detach().clone().requires_grad_(True) for name in PARAMETER_NAMES
        )
        self.optimizer = torch.optim.SGD([self.W1, self.b1, self.W2, self.b2], lr=learning_rate)

    def parameters(self) -> dict[str, torch.Tensor]:
        return {name: getattr(self, name) for name in PARAMETER_NAMES}

    def logits(self, X):
        return torch.relu(X @ self.W1 + self.b1) @ self.W2 + self.b2

    def train_epoch(self, batches) -> float:
        loss_sum, examples = 0.0, 0
        for images, labels in batches:
            X = _as_batch(images, self.W1)
            labels = labels.to(self.W1.device)
            loss = F.cross_entropy(self.logits(X), labels)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            loss_sum += loss.item() * labels.shape[0]
            examples += labels.shape[0]
        return loss_sum / examples

    @torch.no_grad()
    def evaluate(self, batches) -> float:
        correct, examples = 0, 0
        for images, labels in batches:
            predicted = self.logits(_as_batch(images, self.W1)).argmax(dim=1)
            correct += (predicted == labels.to(predicted.device)).sum().item()
            examples += labels.shape[0]
        return correct / examples


def autograd_gradients(parameters: dict[str, torch.Tensor], X, labels) -> dict[str, torch.Tensor]:
    """d (mean cross-entropy) / d parameter for one batch, by autograd."""
    network = AutogradNN(parameters)
    F.cross_entropy(network.logits(_as_batch(X, network.W1)), labels.to(network.W1.device)).backward()
    return {name: tensor.grad for name, tensor in network.parameters().items()}


def manual_gradients(parameters: dict[str, torch.Tensor], X, labels) -> dict[str, torch.Tensor]:
    """The same gradients by ``SimpleNN.backward``, leaving ``parameters`` untouched."""
    network = SimpleNN(*_sizes(parameters), device=parameters["W1"].device, dtype=parameters["W1"].dtype)
    for name in PARAMETER_NAMES:
        setattr(network, name, parameters[name].detach().clone())
    X = _as_batch(X, network.W1)
    output = network.forward(X)
    return network.backward(X, one_hot(labels.to(X.device), network.W2.shape[1], X.dtype), output, 0.0)


def _sizes(parameters) -> tuple[int, int, int]:
    return parameters["W1"].shape[0], parameters["W1"].shape[1], parameters["W2"].shape[1]


# --------------------------------------------------------------------------
# vanishing gradients: a deep network, by hand
# --------------------------------------------------------------------------


def deep_gradient_norms(images, labels, activation: str, depth: int = 10, width: int = HIDDEN_SIZE, seed: int = 0):
    """Frobenius norm of d loss / d W for each layer (input side first) of a network
    with ``depth`` hidden layers of ``width`` units, no biases, softmax cross-entropy.

    Every layer's weights are drawn with standard deviation 1 / sqrt(fan_in), the same
    for both activations, so that only the activation differs.
    """
    if activation == "sigmoid":
        act, derivative = torch.sigmoid, lambda z, a: a * (1 - a)
    elif activation == "relu":
        act, derivative = torch.relu, lambda z, a: (z > 0).to(z.dtype)
    else:
        raise ValueError(f"activation must be 'sigmoid' or 'relu', not {activation!r}")
    generator = torch.Generator().manual_seed(seed)
    X = images.reshape(images.shape[0], -1).to(torch.float64)
    sizes = [X.shape[1]] + [width] * depth + [OUTPUT_SIZE]
    weights = [
        torch.randn(fan_in, fan_out, generator=generator, dtype=torch.float64) / math.sqrt(fan_in)
        for fan_in, fan_out in zip(sizes, sizes[1:])
    ]
    inputs, pre_activations, outputs = [], [], []
    h = X
    for W in weights[:-1]:
        inputs.append(h)
        z = h @ W
        h = act(z)
        pre_activations.append(z)
        outputs.append(h)
    inputs.append(h)
    delta = (softmax(h @ weights[-1]) - one_hot(labels, OUTPUT_SIZE, torch.float64)) / X.shape[0]
    norms = [0.0] * len(weights)
    for layer in reversed(range(len(weights))):
        norms[layer] = float(torch.linalg.norm(inputs[layer].T @ delta))
        if layer > 0:
            delta = (delta @ weights[layer].T) * derivative(pre_activations[layer - 1], outputs[layer - 1])
    return norms


# --------------------------------------------------------------------------
# overfitting: L2 and dropout, with their backward passes
# --------------------------------------------------------------------------


class RegularisedNN(SimpleNN):
    """``SimpleNN`` with an L2 penalty (weight_decay / 2) * (|W1|^2 + |W2|^2) and inverted
    dropout on the hidden layer (each unit kept with probability 1 - dropout while training)."""

    def __init__(self, *args, weight_decay=0.0, dropout=0.0, mask_seed=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.weight_decay = weight_decay
        self.dropout = dropout
        self.training = False
        self.mask_generator = torch.Generator(device=self.W1.device).manual_seed(mask_seed)

    def forward(self, X, keep_mask=None):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        if self.training and self.dropout > 0:
            if keep_mask is None:
                keep = torch.rand(self.a1.shape, generator=self.mask_generator, device=X.device) >= self.dropout
                keep_mask = keep.to(X.dtype) / (1 - self.dropout)
            self.keep_mask = keep_mask  # 0 or 1/(1 - p): scaling here keeps evaluation unscaled
            self.h = self.a1 * keep_mask
        else:
            self.keep_mask = None
            self.h = self.a1
        self.z2 = self.h @ self.W2 + self.b2
        self.a2 = softmax(self.z2)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        batch_size = X.shape[0]
        dz2 = (output - y) / batch_size
        dW2 = self.h.T @ dz2 + self.weight_decay * self.W2  # the penalty adds weight_decay * W
        db2 = dz2.sum(dim=0, keepdim=True)
        dh = dz2 @ self.W2.T
        # A dropped unit passed nothing forward, so it passes nothing back; a kept one is scaled alike.
        da1 = dh if self.keep_mask is None else dh * self.keep_mask
        dz1 = da1 * (self.z1 > 0)
        dW1 = X.T @ dz1 + self.weight_decay * self.W1
        db1 = dz1.sum(dim=0, keepdim=True)
        gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
        for name, gradient in gradients.items():
            getattr(self, name).sub_(learning_rate * gradient)
        return gradients

    def train_epoch(self, batches, learning_rate=LEARNING_RATE) -> float:
        self.training = True
        try:
            return super().train_epoch(batches, learning_rate)
        finally:
            self.training = False

    @torch.no_grad()
    def mean_loss(self, images, labels) -> float:
        """Mean cross-entropy on a data set, without dropout and without the penalty."""
        self.forward(_as_batch(images, self.W1))
        return mean_cross_entropy(self.z2, labels.to(self.W1.device)).item()


def train_regularised(data, *, train_size, epochs, weight_decay=0.0, dropout=0.0, seed=0):
    """Train a ``RegularisedNN`` on the first ``train_size`` training digits; per epoch, record
    the training and test loss and accuracy (measured without dropout)."""
    from autograder.data.mnist import minibatches  # public loader; imported here to keep this module light

    images, labels = data.train_images[:train_size], data.train_labels[:train_size]
    network = RegularisedNN(weight_decay=weight_decay, dropout=dropout, seed=seed, mask_seed=seed, device="cpu")
    batches = minibatches(images, labels, BATCH_SIZE, generator=torch.Generator().manual_seed(seed))
    ordered = lambda x, y: minibatches(x, y, 1000, shuffle=False)  # noqa: E731
    history = {"train_loss": [], "test_loss": [], "train_accuracy": [], "test_accuracy": []}
    for _ in range(epochs):
        network.train_epoch(batches, LEARNING_RATE)
        history["train_loss"].append(network.mean_loss(images, labels))
        history["test_loss"].append(network.mean_loss(data.test_images, data.test_labels))
        history["train_accuracy"].append(network.evaluate(ordered(images, labels)))
        history["test_accuracy"].append(network.evaluate(ordered(data.test_images, data.test_labels)))
    return history


# --------------------------------------------------------------------------
# the cost of training
# --------------------------------------------------------------------------


def seconds_per_epoch(images, labels, batch_size, *, device="cpu", repeats=3, seed=0) -> float:
    """The fastest of ``repeats`` timed epochs of manual training at ``batch_size``
    (the batches are cut beforehand, so only the training is timed)."""
    from autograder.data.mnist import minibatches

    device = torch.device(device)
    batches = [
        (x.to(device), y.to(device))
        for x, y in minibatches(images, labels, batch_size, generator=torch.Generator().manual_seed(seed))
    ]
    best = math.inf
    for _ in range(repeats):
        network = SimpleNN(device=device, seed=seed)
        _synchronise(device)
        start = time.perf_counter()
        network.train_epoch(batches, LEARNING_RATE)
        _synchronise(device)
        best = min(best, time.perf_counter() - start)
    return best


def _synchronise(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
