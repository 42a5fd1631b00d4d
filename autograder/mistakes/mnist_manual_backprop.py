"""Common mistakes in the MNIST manual-backprop exercise, each as a whole working class.

The exercise's answer is one class, ``SimpleNN``, so each mistake is a complete
class in the exercise's interface that is right except for one typical slip.
The tests paste a class's source into the notebook followed by
``SimpleNN = <class name>``, so every class is self-contained: it uses only
``torch`` and ``DEVICE``, which the notebook's setup cell defines.
"""

from __future__ import annotations

import torch

from autograder.diagnosis import Mistake, catalogue
from autograder.reference.mnist_manual_backprop import default_device

DEVICE = default_device()

class SimpleNN__no_max_subtraction:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        exp = torch.exp(self.z2)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                correct += (predicted == labels.to(predicted.device)).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__softmax_over_batch:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=0, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=0, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                correct += (predicted == labels.to(predicted.device)).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__gradient_not_averaged:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2)
        db2 = torch.sum(dz2, dim=0, keepdim=True)
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1)
        db1 = torch.sum(dz1, dim=0, keepdim=True)
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                correct += (predicted == labels.to(predicted.device)).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__no_relu_mask:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        dz1 = torch.matmul(dz2, self.W2.T)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                correct += (predicted == labels.to(predicted.device)).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__relu_after_update:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = (output - y) / m
        # The hidden layer first, stepped as soon as its gradient is known ...
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1)
        db1 = torch.sum(dz1, dim=0, keepdim=True)
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        # ... then the output layer, with the ReLU taken again, of the moved W1 and b1.
        hidden = torch.relu(torch.matmul(X, self.W1) + self.b1)
        dW2 = torch.matmul(hidden.T, dz2)
        db2 = torch.sum(dz2, dim=0, keepdim=True)
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                correct += (predicted == labels.to(predicted.device)).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__update_before_hidden_gradient:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        # W2 has already moved, so the error sent back to the hidden layer uses the new W2.
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                correct += (predicted == labels.to(predicted.device)).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__one_hot_wrong_dimension:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y.scatter_(0, labels.unsqueeze(1), 1.0)
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                correct += (predicted == labels.to(predicted.device)).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__one_hot_classes_from_batch:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels).to(X.dtype)
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                correct += (predicted == labels.to(predicted.device)).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__batch_not_moved:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images)
                predicted = output.argmax(dim=1)
                correct += (predicted == labels).sum().item()
                total += labels.shape[0]
        return correct / total


class SimpleNN__evaluate_records_autograd:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        correct, total = 0, 0
        for images, labels in batches:
            output = self.forward(images.to(self.W1.device, self.W1.dtype))
            predicted = output.argmax(dim=1)
            correct += (predicted == labels.to(predicted.device)).sum().item()
            total += labels.shape[0]
        return correct / total


class SimpleNN__evaluate_mean_of_batch_accuracies:
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        generator = torch.Generator().manual_seed(seed)
        self.W1 = (torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=device)
        self.W2 = (torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=device)

    def forward(self, X):
        self.z1 = torch.matmul(X, self.W1) + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = torch.matmul(self.a1, self.W2) + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exp = torch.exp(shifted)
        self.a2 = exp / exp.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        m = X.shape[0]
        dz2 = output - y
        dW2 = torch.matmul(self.a1.T, dz2) / m
        db2 = torch.sum(dz2, dim=0, keepdim=True) / m
        dz1 = torch.matmul(dz2, self.W2.T) * (self.z1 > 0).to(X.dtype)
        dW1 = torch.matmul(X.T, dz1) / m
        db1 = torch.sum(dz1, dim=0, keepdim=True) / m
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.zeros(labels.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            y[torch.arange(labels.shape[0]), labels] = 1
            output = self.forward(X)
            rows = torch.arange(labels.shape[0], device=X.device)
            total_loss += -torch.log(output[rows, labels]).sum().item()
            count += labels.shape[0]
            self.backward(X, y, output, learning_rate)
        return total_loss / count

    def evaluate(self, batches):
        accuracies = []
        with torch.no_grad():
            for images, labels in batches:
                output = self.forward(images.to(self.W1.device, self.W1.dtype))
                predicted = output.argmax(dim=1)
                accuracies.append((predicted == labels.to(predicted.device)).float().mean().item())
        return sum(accuracies) / len(accuracies)


MISTAKES = catalogue(
    Mistake(
        "mnist_manual_backprop.no-max-subtraction",
        "SimpleNN",
        "forward returned nan or inf for large logits: exp(z) overflows once z passes about 709 in "
        "float64 (88 in float32), and inf / inf is nan. Subtract each row's maximum from z2 before exp; "
        "the probabilities do not change, because softmax(z - c) = softmax(z).",
        SimpleNN__no_max_subtraction,
    ),
    Mistake(
        "mnist_manual_backprop.softmax-over-batch",
        "SimpleNN",
        "the probabilities sum to 1 down each column (over the examples of the batch) instead of along "
        "each row: the softmax normalises over the classes, dim=1, so that every example gets its own "
        "distribution over the 10 digits.",
        SimpleNN__softmax_over_batch,
    ),
    Mistake(
        "mnist_manual_backprop.gradient-not-averaged",
        "SimpleNN",
        "every gradient is m times autograd's, where m is the number of examples in the batch: the loss "
        "is the mean cross-entropy over the batch, so dz2 = (output - y) / m (the post divides each "
        "gradient by m).",
        SimpleNN__gradient_not_averaged,
    ),
    Mistake(
        "mnist_manual_backprop.no-relu-mask",
        "SimpleNN",
        "dW1 and db1 are off while the output layer's gradients are right: the error sent back to the "
        "hidden layer, dz2 @ W2.T, must be multiplied by the ReLU's derivative, the mask (z1 > 0), "
        "because a unit that output 0 passes no gradient back.",
        SimpleNN__no_relu_mask,
    ),
    Mistake(
        "mnist_manual_backprop.relu-after-update",
        "SimpleNN",
        "dW2 is off while the other gradients are right: it was computed from the ReLU of the hidden "
        "layer taken again after W1 and b1 had moved. Every gradient needs the values of the forward "
        "pass (self.a1 here); compute all of them first and update the weights at the end.",
        SimpleNN__relu_after_update,
    ),
    Mistake(
        "mnist_manual_backprop.update-before-hidden-gradient",
        "SimpleNN",
        "dW1 and db1 are off while the output layer's gradients are right: dz1 = dz2 @ W2.T * mask was "
        "computed after W2 had already been updated. The chain rule needs the W2 of the forward pass: "
        "compute dW1 and db1 before any W -= learning_rate * dW.",
        SimpleNN__update_before_hidden_gradient,
    ),
    Mistake(
        "mnist_manual_backprop.one-hot-wrong-dimension",
        "SimpleNN",
        "the weights after train_epoch match one-hot targets written along the wrong dimension: "
        "scatter_(0, ...) puts each 1 in column 0 at row `label`. The target of example i is row i with "
        "a 1 in column labels[i]: y[torch.arange(m), labels] = 1, or scatter_(1, labels.unsqueeze(1), 1).",
        SimpleNN__one_hot_wrong_dimension,
    ),
    Mistake(
        "mnist_manual_backprop.one-hot-classes-from-batch",
        "SimpleNN",
        "train_epoch fails on a batch in which the digit 9 does not occur: one_hot(labels) without "
        "num_classes takes the number of classes from the largest label in the batch. Pass "
        "num_classes=10 (the number of outputs), so that every batch gives (m, 10) targets.",
        SimpleNN__one_hot_classes_from_batch,
    ),
    Mistake(
        "mnist_manual_backprop.batch-not-moved",
        "SimpleNN",
        "the batches were used as the loader gives them, float32 tensors on the CPU, while the weights "
        "can be float64 or on the GPU. Move each batch to the weights' device and dtype, "
        "images.to(self.W1.device, self.W1.dtype), and its labels to the same device.",
        SimpleNN__batch_not_moved,
    ),
    Mistake(
        "mnist_manual_backprop.evaluate-records-autograd",
        "SimpleNN",
        "evaluate let autograd record its operations: with weights that require gradients (as when you "
        "compare with autograd), every test batch builds a graph that is never used. Evaluate inside "
        "`with torch.no_grad():`.",
        SimpleNN__evaluate_records_autograd,
    ),
    Mistake(
        "mnist_manual_backprop.evaluate-mean-of-batch-accuracies",
        "SimpleNN",
        "the accuracy is the mean of the batches' accuracies, which weighs the smaller last batch as much "
        "as a full one. Count the correct predictions and the examples over all batches and divide once "
        "at the end.",
        SimpleNN__evaluate_mean_of_batch_accuracies,
    ),
)
