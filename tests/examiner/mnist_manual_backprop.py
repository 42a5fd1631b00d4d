"""Answers written by an independent examiner from the student's view only (exercise notebook and book page)."""
CORRECT = {
    "SimpleNN": [
        '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count''',
        '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        if device is None:
            device = DEVICE
        g = torch.Generator()
        g.manual_seed(seed)
        self.W1 = (0.01 * torch.randn((input_size, hidden_size), generator=g, dtype=dtype)).to(device)
        self.W2 = (0.01 * torch.randn((hidden_size, output_size), generator=g, dtype=dtype)).to(device)
        self.b1 = torch.zeros((1, hidden_size), dtype=dtype).to(device)
        self.b2 = torch.zeros((1, output_size), dtype=dtype).to(device)
        self.num_classes = output_size

    def forward(self, X):
        self.X = X
        self.z1 = torch.addmm(self.b1, X, self.W1)
        self.a1 = self.z1.clamp(min=0)
        self.z2 = torch.addmm(self.b2, self.a1, self.W2)
        self.log_probs = self.z2 - torch.logsumexp(self.z2, dim=1, keepdim=True)  # stable log-softmax
        self.a2 = self.log_probs.exp()
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = y.shape[0]
            dz2 = (output - y) / m
            grads = {
                "W2": self.a1.t().mm(dz2),
                "b2": dz2.sum(0, keepdim=True),
            }
            dz1 = dz2.mm(self.W2.t())
            dz1[self.a1 <= 0] = 0  # the ReLU mask, written with a1 > 0
            grads["W1"] = X.t().mm(dz1)
            grads["b1"] = dz1.sum(0, keepdim=True)
            for name in ("W1", "b1", "W2", "b2"):
                getattr(self, name).sub_(learning_rate * grads[name])
        return {name: grads[name] for name in ("W1", "b1", "W2", "b2")}

    def train_epoch(self, batches, learning_rate=0.1):
        losses = []
        sizes = []
        for images, labels in batches:
            images = images.to(device=self.W1.device, dtype=self.W1.dtype)
            labels = labels.to(self.W1.device)
            targets = torch.zeros(len(labels), self.num_classes, dtype=images.dtype, device=images.device)
            targets[torch.arange(len(labels), device=images.device), labels] = 1
            output = self.forward(images)
            picked = self.log_probs.detach()[torch.arange(len(labels), device=images.device), labels]
            losses.append(-picked.sum().item())
            sizes.append(len(labels))
            self.backward(images, targets, output, learning_rate)
        return sum(losses) / sum(sizes)

    def evaluate(self, batches):
        with torch.no_grad():
            hits = 0
            total = 0
            for images, labels in batches:
                scores = self.forward(images.to(device=self.W1.device, dtype=self.W1.dtype))
                hits += int((scores.argmax(1).cpu() == labels.cpu()).sum())
                total += labels.numel()
        return hits / total''',
        '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = torch.device(device) if device is not None else DEVICE
        self.dtype = dtype
        self.output_size = output_size
        rng = torch.Generator().manual_seed(seed)
        first = torch.randn(input_size, hidden_size, generator=rng, dtype=dtype)
        second = torch.randn(hidden_size, output_size, generator=rng, dtype=dtype)
        self.W1 = first.mul(0.01).to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype).to(self.device)
        self.W2 = second.mul(0.01).to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype).to(self.device)

    @staticmethod
    def _softmax(z):
        z = z - z.amax(dim=1, keepdim=True)
        e = z.exp()
        return e / e.sum(dim=1, keepdim=True)

    def forward(self, X):
        W1, b1, W2, b2 = (t.detach() for t in (self.W1, self.b1, self.W2, self.b2))
        self.cache = {"X": X.detach()}
        z1 = X.detach() @ W1 + b1
        a1 = torch.maximum(z1, torch.zeros((), dtype=z1.dtype, device=z1.device))
        z2 = a1 @ W2 + b2
        self.cache.update(z1=z1, a1=a1, z2=z2)
        return self._softmax(z2)

    def backward(self, X, y, output, learning_rate):
        a1, z1 = self.cache["a1"], self.cache["z1"]
        W2 = self.W2.detach()
        m = len(X)
        dz2 = (output.detach() - y) / m
        dW2 = torch.einsum("mh,mk->hk", a1, dz2)
        db2 = dz2.sum(dim=0).reshape(1, -1)
        dz1 = torch.einsum("mk,hk->mh", dz2, W2) * (z1 > 0)
        dW1 = torch.einsum("mi,mh->ih", X.detach(), dz1)
        db1 = dz1.sum(dim=0).reshape(1, -1)
        gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
        with torch.no_grad():
            for name, grad in gradients.items():
                getattr(self, name).add_(grad, alpha=-learning_rate)
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        loss_sum = 0.0
        examples = 0
        for images, labels in batches:
            X = images.to(self.W1.device).to(self.W1.dtype)
            Y = torch.eye(self.output_size, dtype=X.dtype, device=X.device)[labels.to(X.device)]
            probabilities = self.forward(X)
            z2 = self.cache["z2"]
            per_example = torch.logsumexp(z2, dim=1) - (Y * z2).sum(dim=1)
            loss_sum += per_example.sum().item()
            examples += X.shape[0]
            self.backward(X, Y, probabilities, learning_rate)
        return loss_sum / examples

    def evaluate(self, batches):
        right = torch.zeros((), dtype=torch.long)
        seen = 0
        with torch.no_grad():
            for images, labels in batches:
                probabilities = self.forward(images.to(self.W1.device, self.W1.dtype))
                right += (probabilities.argmax(dim=1) == labels.to(probabilities.device)).sum().cpu()
                seen += labels.shape[0]
        return right.item() / seen''',
        '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    PARAMETERS = ("W1", "b1", "W2", "b2")

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        target = DEVICE if device is None else device
        generator = torch.Generator(device="cpu").manual_seed(seed)
        weights = {
            "W1": torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01,
            "W2": torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01,
            "b1": torch.zeros(1, hidden_size, dtype=dtype),
            "b2": torch.zeros(1, output_size, dtype=dtype),
        }
        for name, value in weights.items():
            setattr(self, name, value.to(target))

    def forward(self, X):
        self.z1 = X.matmul(self.W1).add(self.b1)
        self.mask = self.z1 > 0
        self.a1 = self.z1 * self.mask
        self.z2 = self.a1.matmul(self.W2).add(self.b2)
        self.a2 = torch.softmax(self.z2, dim=1)  # torch's softmax subtracts the row maximum itself
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            batch = X.shape[0]
            delta2 = output - y
            dW2 = self.a1.T.matmul(delta2) / batch
            db2 = delta2.sum(dim=0, keepdim=True) / batch
            delta1 = delta2.matmul(self.W2.T) * self.mask
            dW1 = X.T.matmul(delta1) / batch
            db1 = delta1.sum(dim=0, keepdim=True) / batch
            grads = dict(zip(self.PARAMETERS, (dW1, db1, dW2, db2)))
            for name in self.PARAMETERS:
                parameter = getattr(self, name)
                parameter -= learning_rate * grads[name]
        return grads

    def train_epoch(self, batches, learning_rate=0.1):
        summed, n = 0.0, 0
        for images, labels in batches:
            images = images.to(self.W1.device, dtype=self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, self.W2.shape[1]).to(self.W1.dtype)
            output = self.forward(images)
            with torch.no_grad():
                batch_loss = torch.nn.functional.cross_entropy(self.z2, labels, reduction="sum")
            summed += batch_loss.item()
            n += labels.numel()
            self.backward(images, y, output, learning_rate)
        return summed / n

    def evaluate(self, batches):
        counts = [0, 0]
        with torch.no_grad():
            for images, labels in batches:
                guess = torch.argmax(self.forward(images.to(self.W1.device, self.W1.dtype)), dim=1)
                counts[0] += torch.eq(guess, labels.to(guess.device)).sum().item()
                counts[1] += len(labels)
        return counts[0] / counts[1]''',
        '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        device = DEVICE if device is None else device
        draws = torch.Generator().manual_seed(seed)
        shape1, shape2 = (input_size, hidden_size), (hidden_size, output_size)
        self.W1 = torch.randn(*shape1, generator=draws, dtype=dtype).mul_(0.01).to(device)
        self.W2 = torch.randn(*shape2, generator=draws, dtype=dtype).mul_(0.01).to(device)
        self.b1 = self.W1.new_zeros(1, hidden_size)
        self.b2 = self.W2.new_zeros(1, output_size)

    def forward(self, X):
        with torch.no_grad():
            self.z1 = X @ self.W1 + self.b1
            self.a1 = torch.nn.functional.relu(self.z1)
            self.z2 = self.a1 @ self.W2 + self.b2
            top = torch.max(self.z2, dim=1, keepdim=True)[0]
            unnormalised = torch.exp(self.z2 - top)
            self.a2 = unnormalised / torch.sum(unnormalised, dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.size(0)
            dz2 = output.sub(y).div(m)
            dW2 = self.a1.transpose(0, 1) @ dz2
            db2 = torch.sum(dz2, dim=0, keepdim=True)
            dz1 = (dz2 @ self.W2.transpose(0, 1)) * torch.where(self.z1 > 0, 1.0, 0.0).to(dz2.dtype)
            dW1 = X.transpose(0, 1) @ dz1
            db1 = torch.sum(dz1, dim=0, keepdim=True)
            self.W1 = self.W1 - learning_rate * dW1
            self.b1 = self.b1 - learning_rate * db1
            self.W2 = self.W2 - learning_rate * dW2
            self.b2 = self.b2 - learning_rate * db2
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def train_epoch(self, batches, learning_rate=0.1):
        epoch_loss = 0.0
        epoch_count = 0
        for images, labels in batches:
            X = images.to(device=self.W1.device, dtype=self.W1.dtype)
            digits = labels.to(self.W1.device)
            Y = torch.zeros(X.shape[0], self.W2.shape[1], dtype=X.dtype, device=X.device)
            Y.scatter_(1, digits.view(-1, 1), 1.0)
            output = self.forward(X)
            with torch.no_grad():
                z = self.z2 - self.z2.max(dim=1, keepdim=True).values
                log_p = z - torch.log(torch.exp(z).sum(dim=1, keepdim=True))
                epoch_loss += float(-(Y * log_p).sum())
            epoch_count += X.shape[0]
            self.backward(X, Y, output, learning_rate)
        return epoch_loss / epoch_count

    def evaluate(self, batches):
        correct = 0
        total = 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(device=self.W1.device, dtype=self.W1.dtype)
                predicted = self.forward(X).argmax(dim=1).to("cpu")
                correct += int((predicted == labels.to("cpu")).sum())
                total += int(labels.shape[0])
        return correct / total''',
    ],
}
WRONG = {
    "SimpleNN": [
        ("no-init-scale", "forgets the factor 0.01 on the initial weights", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype)
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype)
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("uniform-init", "draws the weights with torch.rand (uniform on [0, 1)) instead of torch.randn", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.rand(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.rand(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("one-dimensional-biases", "makes the biases 1-D, shape (hidden_size,) and (output_size,), instead of (1, n)", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("transposed-W1", "gives W1 the shape (hidden_size, input_size) and multiplies by its transpose", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(hidden_size, input_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1.T + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("global-manual-seed", "seeds torch's global generator with torch.manual_seed instead of drawing from its own torch.Generator, which resets the caller's random state", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        torch.manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("seed-ignored", "always seeds the generator with 0, so the seed argument changes nothing", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(0)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("draws-on-device", "draws the weights directly on the target device (with a generator there), so a seed gives other weights on a GPU", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator(device=self.device).manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype, device=self.device) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype, device=self.device) * 0.01
        self.W1 = W1
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("device-none-is-cpu", "treats device=None as the CPU instead of DEVICE", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = torch.device("cpu") if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("unstable-softmax", "computes the softmax without subtracting the row maximum, which gives nan for large logits", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        exps = torch.exp(self.z2)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("global-maximum", "subtracts the largest logit of the whole batch instead of each row's maximum, so a row far below it underflows to 0 / 0", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max()
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("softmax-over-batch", "normalises over the batch (dim=0) instead of over the classes of each row", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=0, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=0, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("sigmoid-hidden", "uses a sigmoid hidden layer instead of ReLU", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.sigmoid(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * self.a1 * (1 - self.a1)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("no-mean", "forgets to divide by the batch size m", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = output - y
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("update-before-hidden-error", "updates W2 before it sends the error back, so dW1 is taken at the new W2", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            self.W2 -= learning_rate * dW2
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("bias-grad-mean", "takes the bias gradients as the mean over the batch of dz, which already carries 1/m", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.mean(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.mean(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("bias-grad-flat", "sums the bias gradients without keepdim, so they have shape (n,) instead of the biases' (1, n)", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("no-relu-mask", "passes the error through the ReLU without the mask [z1 > 0]", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("in-place-outside-no-grad", "updates the weights in place outside torch.no_grad(), which fails when the weights require gradients", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("returned-gradients-scaled", "scales the gradient tensors by the learning rate in place before subtracting them, so the returned dict holds learning_rate * dW", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            for name, grad in gradients.items():
                grad *= learning_rate
                getattr(self, name).sub_(grad)
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("unweighted-batch-mean", "returns the mean of the batch losses, which weighs the short last batch like a full one, instead of the mean per example", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss
            count += 1
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("loss-after-update", "records each batch's loss after its update instead of before", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            self.backward(X, y, output, learning_rate)
            self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("batch-not-cast", "moves each batch to the device but leaves it float32, which fails for a float64 network", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).float()
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("learning-rate-ignored", "always steps with 0.1 instead of the learning_rate it was given", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, 0.1)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("last-batch-loss", "returns only the loss of the last batch", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return batch_loss

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("summed-loss", "returns the summed loss of the epoch instead of its mean per example", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("accuracy-per-batch-mean", "averages the per-batch accuracies, which weighs the short last batch like a full one", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).float().mean().item()
                count += 1
        return correct / count'''),
        ("accuracy-count", "returns the number of correct predictions instead of the fraction", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct'''),
        ("evaluate-records-graph", "evaluates without torch.no_grad(), so autograd records the forward pass when the weights require gradients", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            predictions = self.forward(X).argmax(dim=1)
            correct += (predictions == labels.to(predictions.device)).sum().item()
            count += len(labels)
        return correct / count'''),
        ("argmax-over-batch", "takes the argmax over the batch (dim=0) instead of over the classes", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=0)
                correct += (predictions == labels.to(predictions.device)).sum().item()
                count += len(labels)
        return correct / count'''),
        ("labels-left-on-cpu", "compares the predictions with the labels without moving them to the same device, which fails on a GPU", '''class SimpleNN:
    # A 784-128-10 network: ReLU hidden layer, softmax output, backward pass by hand.

    def __init__(self, input_size=784, hidden_size=128, output_size=10, device=None, dtype=torch.float32, seed=0):
        self.device = DEVICE if device is None else torch.device(device)
        self.dtype = dtype
        generator = torch.Generator().manual_seed(seed)
        W1 = torch.randn(input_size, hidden_size, generator=generator, dtype=dtype) * 0.01
        W2 = torch.randn(hidden_size, output_size, generator=generator, dtype=dtype) * 0.01
        self.W1 = W1.to(self.device)
        self.b1 = torch.zeros(1, hidden_size, dtype=dtype, device=self.device)
        self.W2 = W2.to(self.device)
        self.b2 = torch.zeros(1, output_size, dtype=dtype, device=self.device)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = torch.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        shifted = self.z2 - self.z2.max(dim=1, keepdim=True).values
        exps = torch.exp(shifted)
        self.a2 = exps / exps.sum(dim=1, keepdim=True)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        with torch.no_grad():
            m = X.shape[0]
            dz2 = (output - y) / m
            dW2 = self.a1.T @ dz2
            db2 = dz2.sum(dim=0, keepdim=True)
            da1 = dz2 @ self.W2.T
            dz1 = da1 * (self.z1 > 0).to(da1.dtype)
            dW1 = X.T @ dz1
            db1 = dz1.sum(dim=0, keepdim=True)
            gradients = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
            self.W1 -= learning_rate * dW1
            self.b1 -= learning_rate * db1
            self.W2 -= learning_rate * dW2
            self.b2 -= learning_rate * db2
        return gradients

    def train_epoch(self, batches, learning_rate=0.1):
        total_loss, count = 0.0, 0
        for images, labels in batches:
            X = images.to(self.W1.device, self.W1.dtype)
            labels = labels.to(self.W1.device)
            y = torch.nn.functional.one_hot(labels, num_classes=self.W2.shape[1]).to(X.dtype)
            output = self.forward(X)
            with torch.no_grad():
                log_probabilities = torch.log_softmax(self.z2, dim=1)
                batch_loss = -(y * log_probabilities).sum(dim=1).mean().item()
            self.backward(X, y, output, learning_rate)
            total_loss += batch_loss * len(labels)
            count += len(labels)
        return total_loss / count

    def evaluate(self, batches):
        correct, count = 0, 0
        with torch.no_grad():
            for images, labels in batches:
                X = images.to(self.W1.device, self.W1.dtype)
                predictions = self.forward(X).argmax(dim=1)
                correct += (predictions == labels).sum().item()
                count += len(labels)
        return correct / count'''),
    ],
}
