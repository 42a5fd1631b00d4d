"""Alternative correct answers to the MNIST manual-backprop exercise.

Each class is written the way a different student might write the whole of
``SimpleNN``; every method differs from the reference somewhere (library softmax
or log-sum-exp, einsum, a loop over examples, in-place or rebound updates,
three ways to build one-hot targets, three ways to switch off autograd). The
tests paste each class's source into the notebook, so each is self-contained:
it uses only ``torch`` and ``DEVICE`` (both defined in the notebook) and what it
defines itself. The name is ``SimpleNN__<variant>``.
"""

import torch

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class SimpleNN__library_softmax:
    # torch.softmax and cross_entropy from torch.nn.functional, gradients by mm and mean,
    # the mask by torch.where, in-place updates after all gradients, @torch.no_grad().
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        generator = torch.Generator().manual_seed(seed)
        device = device or DEVICE
        self.W1 = torch.empty(input_size, hidden_size, dtype=dtype).normal_(0.0, 0.01, generator=generator).to(device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype).to(device)
        self.W2 = torch.empty(hidden_size, output_size, dtype=dtype).normal_(0.0, 0.01, generator=generator).to(device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype).to(device)

    def forward(self, X):
        self.hidden_in = X.mm(self.W1).add(self.b1)
        self.hidden_out = self.hidden_in.clamp(min=0)
        self.logits = self.hidden_out.mm(self.W2).add(self.b2)
        return torch.softmax(self.logits, dim=1)  # PyTorch's softmax shifts by the maximum itself

    def backward(self, X, y, output, learning_rate):
        error_out = (output - y).div(X.shape[0])
        error_hidden = error_out.mm(self.W2.t())
        error_hidden = torch.where(self.hidden_in > 0, error_hidden, torch.zeros_like(error_hidden))
        grads = {
            "W1": X.t().mm(error_hidden),
            "b1": error_hidden.sum(dim=0, keepdim=True),
            "W2": self.hidden_out.t().mm(error_out),
            "b2": error_out.sum(dim=0, keepdim=True),
        }
        for name in ("W1", "b1", "W2", "b2"):
            getattr(self, name).sub_(grads[name], alpha=learning_rate)
        return grads

    def train_epoch(self, batches, learning_rate=0.1):
        losses, seen = [], 0
        for images, labels in batches:
            X = images.to(device=self.W1.device, dtype=self.W1.dtype)
            labels = labels.to(self.W1.device)
            targets = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            probabilities = self.forward(X)
            losses.append(torch.nn.functional.cross_entropy(self.logits, labels, reduction="sum").item())
            seen += len(labels)
            self.backward(X, targets, probabilities, learning_rate)
        return sum(losses) / seen

    @torch.no_grad()
    def evaluate(self, batches):
        hits, seen = 0, 0
        for images, labels in batches:
            guesses = self.forward(images.to(device=self.W1.device, dtype=self.W1.dtype)).argmax(1)
            hits += int((guesses.cpu() == labels.cpu()).sum())
            seen += len(labels)
        return hits / seen


class SimpleNN__logsumexp_einsum:
    # Probabilities from log-softmax (z - logsumexp z), gradients by einsum with the mean over
    # the batch, the mask from a1 > 0, new tensors instead of in-place updates, inference_mode.
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        if device is None:
            device = DEVICE
        rng = torch.Generator()
        rng.manual_seed(seed)
        W1 = 0.01 * torch.randn((input_size, hidden_size), generator=rng, dtype=dtype)
        W2 = 0.01 * torch.randn((hidden_size, output_size), generator=rng, dtype=dtype)
        self.W1, self.W2 = W1.to(device), W2.to(device)
        self.b1 = W1.new_zeros((1, hidden_size)).to(device)
        self.b2 = W2.new_zeros((1, output_size)).to(device)

    def forward(self, X):
        self.a1 = torch.relu(torch.einsum("mi,ih->mh", X, self.W1) + self.b1)
        z2 = torch.einsum("mh,ho->mo", self.a1, self.W2) + self.b2
        self.log_p = z2 - torch.logsumexp(z2, dim=1, keepdim=True)
        return self.log_p.exp()

    def backward(self, X, y, output, learning_rate):
        dz2 = output - y  # per example; the means below divide by the batch size
        dW2 = torch.einsum("mh,mo->ho", self.a1, dz2) / X.shape[0]
        db2 = dz2.mean(dim=0, keepdim=True)
        dz1 = torch.einsum("mo,ho->mh", dz2, self.W2) * (self.a1 > 0)
        dW1 = torch.einsum("mi,mh->ih", X, dz1) / X.shape[0]
        db1 = dz1.mean(dim=0, keepdim=True)
        self.W1 = self.W1 - learning_rate * dW1
        self.b1 = self.b1 - learning_rate * db1
        self.W2 = self.W2 - learning_rate * dW2
        self.b2 = self.b2 - learning_rate * db2
        return {"W2": dW2, "b2": db2, "W1": dW1, "b1": db1}

    def train_epoch(self, batches, learning_rate=0.1):
        total, n = 0.0, 0
        eye = None
        for images, labels in batches:
            X = images.to(self.W1)  # same device and dtype as W1
            labels = labels.to(X.device)
            if eye is None:
                eye = torch.eye(self.W2.shape[1], dtype=X.dtype, device=X.device)
            output = self.forward(X)
            total -= self.log_p.gather(1, labels[:, None]).sum().item()
            n += labels.numel()
            self.backward(X, eye[labels], output, learning_rate)
        return total / n

    def evaluate(self, batches):
        with torch.inference_mode():
            predictions, truths = [], []
            for images, labels in batches:
                predictions.append(self.forward(images.to(self.W1)).argmax(dim=1).cpu())
                truths.append(labels.cpu())
            return torch.cat(predictions).eq(torch.cat(truths)).double().mean().item()


class SimpleNN__loop_over_examples:
    # A softmax that divides by the row maximum's exponential, gradients summed example by
    # example with outer products, the mask from torch.heaviside, one-hot by scatter_ along
    # the classes, and torch.set_grad_enabled(False) around the evaluation.
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        g = torch.Generator().manual_seed(seed)
        place = DEVICE if device is None else torch.device(device)
        shapes = {"W1": (input_size, hidden_size), "W2": (hidden_size, output_size)}
        for name, shape in shapes.items():
            setattr(self, name, (torch.randn(*shape, generator=g, dtype=dtype) * 0.01).to(place))
        self.b1 = torch.zeros((1, hidden_size), dtype=dtype, device=place)
        self.b2 = torch.zeros((1, output_size), dtype=dtype, device=place)

    def forward(self, X):
        self.X = X
        self.z1 = X @ self.W1 + self.b1
        self.a1 = self.z1 * (self.z1 > 0)
        z2 = self.a1 @ self.W2 + self.b2
        top = torch.amax(z2, dim=1, keepdim=True)
        e = torch.exp(z2 - top)
        self.probabilities = e / torch.sum(e, dim=1, keepdim=True)
        return self.probabilities

    def backward(self, X, y, output, learning_rate):
        m = len(X)
        grads = {
            "W1": torch.zeros_like(self.W1),
            "b1": torch.zeros_like(self.b1),
            "W2": torch.zeros_like(self.W2),
            "b2": torch.zeros_like(self.b2),
        }
        gate = torch.heaviside(self.z1, torch.zeros(1, dtype=self.z1.dtype, device=self.z1.device))
        for i in range(m):
            delta_out = output[i] - y[i]
            delta_hidden = (self.W2 @ delta_out) * gate[i]
            grads["W2"] += torch.outer(self.a1[i], delta_out)
            grads["b2"] += delta_out
            grads["W1"] += torch.outer(X[i], delta_hidden)
            grads["b1"] += delta_hidden
        for name in grads:
            grads[name] /= m
        self.W1 -= learning_rate * grads["W1"]
        self.b1 -= learning_rate * grads["b1"]
        self.W2 -= learning_rate * grads["W2"]
        self.b2 -= learning_rate * grads["b2"]
        return grads

    def train_epoch(self, batches, learning_rate=0.1):
        summed_loss = 0.0
        examples = 0
        for images, labels in batches:
            inputs = images.to(self.W1.device).to(self.W1.dtype)
            labels = labels.to(self.W1.device)
            targets = torch.zeros(len(labels), self.W2.shape[1], dtype=inputs.dtype, device=inputs.device)
            targets.scatter_(1, labels.view(-1, 1), 1.0)
            probs = self.forward(inputs)
            summed_loss += float(-torch.log((targets * probs).sum(dim=1)).sum())
            examples += len(labels)
            self.backward(inputs, targets, probs, learning_rate)
        return summed_loss / examples

    def evaluate(self, batches):
        right = 0
        count = 0
        with torch.set_grad_enabled(False):
            for images, labels in batches:
                probs = self.forward(images.to(self.W1.device).to(self.W1.dtype))
                right += (torch.max(probs, dim=1).indices.cpu() == labels.cpu()).sum().item()
                count += labels.shape[0]
        return right / count


class SimpleNN__fused_addmm:
    # torch.addmm for the affine maps, a softmax written as 1 / sum(exp(z_j - z_i)), the loss
    # by nll_loss on log(output), gradients of the summed loss scaled at the end, and a
    # no_grad context entered once per batch.
    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = torch.device(device) if device is not None else DEVICE
        generator = torch.Generator()
        generator.manual_seed(seed)
        first = torch.randn(input_size * hidden_size, generator=generator, dtype=dtype)
        second = torch.randn(hidden_size * output_size, generator=generator, dtype=dtype)
        self.W1 = first.view(input_size, hidden_size).mul(0.01).to(device)
        self.W2 = second.view(hidden_size, output_size).mul(0.01).to(device)
        self.b1 = torch.zeros(hidden_size, dtype=dtype, device=device).unsqueeze(0)
        self.b2 = torch.zeros(output_size, dtype=dtype, device=device).unsqueeze(0)

    def forward(self, X):
        self.pre = torch.addmm(self.b1, X, self.W1)
        self.act = torch.relu(self.pre)
        scores = torch.addmm(self.b2, self.act, self.W2)
        # p_i = 1 / sum_j exp(z_j - z_i): the term j = i is 1, so the sum is at least 1, and an
        # overflow to inf only makes a vanishing probability exactly 0, never nan.
        gaps = scores.unsqueeze(1) - scores.unsqueeze(2)  # gaps[m, i, j] = z_j - z_i
        return 1.0 / torch.exp(gaps).sum(dim=2)

    def backward(self, X, y, output, learning_rate):
        scale = 1.0 / X.shape[0]
        d_scores = output - y
        d_act = d_scores @ self.W2.T
        d_pre = d_act.masked_fill(self.pre <= 0, 0.0)
        gradients = {
            "W2": (self.act.T @ d_scores) * scale,
            "b2": d_scores.sum(0, keepdim=True) * scale,
            "W1": (X.T @ d_pre) * scale,
            "b1": d_pre.sum(0, keepdim=True) * scale,
        }
        for name, gradient in gradients.items():
            setattr(self, name, getattr(self, name) - learning_rate * gradient)
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        loss_total, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            onehot = (labels.unsqueeze(1) == torch.arange(self.W2.shape[1], device=X.device)).to(X.dtype)
            output = self.forward(X)
            loss_total += torch.nn.functional.nll_loss(torch.log(output), labels, reduction="sum").item()
            count += len(labels)
            self.backward(X, onehot, output, learning_rate)
        return loss_total / count

    def evaluate(self, batches):
        correct = torch.zeros((), dtype=torch.long)
        total = 0
        for images, labels in batches:
            with torch.no_grad():
                best = self.forward(images.to(self.W1.device, self.W1.dtype)).argmax(dim=-1)
            correct += (best == labels.to(best.device)).sum().cpu()
            total += len(labels)
        return correct.item() / total


ALTERNATIVES = {
    "SimpleNN": [
        SimpleNN__library_softmax,
        SimpleNN__logsumexp_einsum,
        SimpleNN__loop_over_examples,
        SimpleNN__fused_addmm,
    ],
}
