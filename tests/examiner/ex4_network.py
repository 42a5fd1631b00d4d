"""Answers written by an independent examiner from the student's view only (exercise notebook and book page)."""
CORRECT = {
    "expand_y": [
        '''def expand_y(y, num_labels=10):
    return np.eye(num_labels)[np.asarray(y) - 1]''',
        '''def expand_y(y, num_labels=10):
    y = np.asarray(y, dtype=int)
    one_hot = np.zeros((len(y), num_labels))
    one_hot[np.arange(len(y)), y - 1] = 1.0
    return one_hot''',
        '''def expand_y(y, num_labels=10):
    labels = np.arange(1, num_labels + 1)
    return (np.asarray(y)[:, None] == labels[None, :]).astype(float)''',
        '''def expand_y(y, num_labels=10):
    return np.equal.outer(np.asarray(y), np.arange(1, num_labels + 1)).astype(np.float64)''',
        '''def expand_y(y, num_labels=10):
    columns = np.asarray(y).astype(int).ravel() - 1
    return np.identity(num_labels)[columns, :]''',
    ],
    "serialize": [
        '''def serialize(theta1, theta2):
    return np.concatenate([np.ravel(theta1), np.ravel(theta2)])''',
        '''def serialize(theta1, theta2):
    return np.hstack((theta1.flatten(), theta2.flatten()))''',
        '''def serialize(theta1, theta2):
    return np.r_[np.asarray(theta1).reshape(-1), np.asarray(theta2).reshape(-1)]''',
        '''def serialize(theta1, theta2):
    return np.append(theta1, theta2)  # without an axis, np.append flattens both (row by row)''',
        '''def serialize(theta1, theta2):
    return np.concatenate((theta1, theta2), axis=None)''',
    ],
    "deserialize": [
        '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = hidden * (n + 1)
    return theta[:split].reshape(hidden, n + 1), theta[split:].reshape(k, hidden + 1)''',
        '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    first, second = np.split(np.asarray(theta), [hidden * (n + 1)])
    return first.reshape((hidden, n + 1)), second.reshape((k, hidden + 1))''',
        '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    size1 = hidden * (n + 1)
    size2 = k * (hidden + 1)
    Theta1 = np.reshape(theta[:size1], (hidden, n + 1), order="C").copy()
    Theta2 = np.reshape(theta[size1:size1 + size2], (k, hidden + 1), order="C").copy()
    return Theta1, Theta2''',
        '''def deserialize(theta, sizes=(400, 25, 10)):
    n_in, n_hidden, n_out = sizes
    theta = np.asarray(theta, dtype=float)
    shape1, shape2 = (n_hidden, n_in + 1), (n_out, n_hidden + 1)
    cut = shape1[0] * shape1[1]
    return theta[:cut].reshape(shape1), theta[cut:cut + shape2[0] * shape2[1]].reshape(shape2)''',
        '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    Theta2 = theta[-k * (hidden + 1):].reshape(k, -1)
    Theta1 = theta[:hidden * (n + 1)].reshape(hidden, -1)
    return Theta1, Theta2''',
    ],
    "sigmoid": [
        '''def sigmoid(z):
    return 1 / (1 + np.exp(-z))''',
        '''def sigmoid(z):
    from scipy.special import expit
    return expit(z)''',
        '''def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.exp(np.minimum(z, 0)) / (1 + np.exp(-np.abs(z)))  # e^z / (1 + e^z) below 0, 1 / (1 + e^-z) above''',
        '''def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))''',
        '''def sigmoid(z):
    return np.exp(-np.logaddexp(0, -z))''',
        '''def sigmoid(z):
    return 1.0 / (1.0 + np.e ** (-np.asarray(z, dtype=float)))''',
    ],
    "feed_forward": [
        '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2 @ Theta2.T
    h = sigmoid(z3)
    return a1, z2, a2, z3, h''',
        '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1 = np.insert(X, 0, 1.0, axis=1)
    z2 = np.dot(a1, Theta1.T)
    a2 = np.insert(sigmoid(z2), 0, 1.0, axis=1)
    z3 = np.dot(a2, Theta2.T)
    return a1, z2, a2, z3, sigmoid(z3)''',
        '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1 = np.c_[np.ones(len(X)), X]
    z2 = a1.dot(Theta1.T)
    a2 = np.c_[np.ones(len(X)), sigmoid(z2)]
    z3 = a2.dot(Theta2.T)
    h = sigmoid(z3)
    return a1, z2, a2, z3, h''',
        '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1 = np.pad(np.asarray(X, dtype=float), ((0, 0), (1, 0)), constant_values=1.0)
    z2 = np.einsum("mi,hi->mh", a1, Theta1)
    a2 = np.pad(sigmoid(z2), ((0, 0), (1, 0)), constant_values=1.0)
    z3 = np.einsum("mh,kh->mk", a2, Theta2)
    return a1, z2, a2, z3, sigmoid(z3)''',
        '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    ones = np.ones((X.shape[0], 1))
    a1 = np.concatenate([ones, X], axis=1)
    z2 = (Theta1 @ a1.T).T
    a2 = np.concatenate([ones, sigmoid(z2)], axis=1)
    z3 = (Theta2 @ a2.T).T
    return a1, z2, a2, z3, sigmoid(z3)''',
    ],
    "cost": [
        '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    m = X.shape[0]
    return np.sum(np.logaddexp(0, z3) - y * z3) / m''',
        '''def cost(theta, X, y, sizes=(400, 25, 10)):
    _, _, _, z3, _ = feed_forward(theta, X, sizes)
    per_example = np.sum(np.logaddexp(0.0, z3) - y * z3, axis=1)
    return float(np.mean(per_example))''',
        '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z = feed_forward(theta, X, sizes)[3]
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))  # log(1 + e^z), stable
    return (softplus - y * z).sum() / len(X)''',
        '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]

    def log_sigmoid(z):
        return -np.logaddexp(0, -z)

    terms = -y * log_sigmoid(z3) - (1 - y) * log_sigmoid(-z3)
    return terms.sum() / y.shape[0]''',
        '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    # log(1 + e^z) - y z = log(1 + e^-z) + (1 - y) z
    return float(np.sum(np.logaddexp(0, -z3) + (1 - y) * z3) / X.shape[0])''',
    ],
    "regularized_cost": [
        '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * penalty''',
        '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    is_bias = np.zeros(len(theta), dtype=bool)
    is_bias[0:hidden * (n + 1):n + 1] = True
    is_bias[hidden * (n + 1)::hidden + 1] = True
    penalty = np.sum(np.asarray(theta)[~is_bias] ** 2)
    return cost(theta, X, y, sizes) + lambda_ * penalty / (2 * len(X))''',
        '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    squares = np.linalg.norm(Theta1[:, 1:]) ** 2 + np.linalg.norm(Theta2[:, 1:]) ** 2
    return cost(theta, X, y, sizes) + (lambda_ / (2.0 * X.shape[0])) * squares''',
        '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    w1, w2 = Theta1[:, 1:], Theta2[:, 1:]
    penalty = np.einsum("ij,ij->", w1, w1) + np.einsum("ij,ij->", w2, w2)
    return cost(theta, X, y, sizes) + lambda_ * penalty / (2 * y.shape[0])''',
        '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    weights = np.concatenate([Theta1[:, 1:].ravel(), Theta2[:, 1:].ravel()])
    m = len(y)
    return float(cost(theta, X, y, sizes) + lambda_ / (2 * m) * (weights @ weights))''',
    ],
    "sigmoid_gradient": [
        '''def sigmoid_gradient(z):
    s = sigmoid(z)
    return s * (1 - s)''',
        '''def sigmoid_gradient(z):
    return sigmoid(z) * sigmoid(-z)''',
        '''def sigmoid_gradient(z):
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))  # the derivative is even in z
    return e / (1 + e) ** 2''',
        '''def sigmoid_gradient(z):
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0, z) - np.logaddexp(0, -z))''',
        '''def sigmoid_gradient(z):
    with np.errstate(over="ignore"):
        return 0.5 / (1 + np.cosh(z))  # 1 / (2 + e^z + e^-z)''',
    ],
    "gradient": [
        '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ Theta2)[:, 1:] * sigmoid_gradient(z2)
    grad1 = delta2.T @ a1 / m
    grad2 = delta3.T @ a2 / m
    return serialize(grad1, grad2)''',
        '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    _, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = len(X)
    d3 = h - y
    d2 = np.dot(d3, Theta2[:, 1:]) * sigmoid_gradient(z2)
    return serialize(np.dot(d2.T, a1) / m, np.dot(d3.T, a2) / m)''',
        '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = np.einsum("mk,kj->mj", delta3, Theta2[:, 1:]) * sigmoid_gradient(z2)
    D1 = np.einsum("mj,mi->ji", delta2, a1) / m
    D2 = np.einsum("mk,mj->kj", delta3, a2) / m
    return np.concatenate([D1.ravel(), D2.ravel()])''',
        '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    # the slope of the bias unit is irrelevant: its column is dropped afterwards
    slope = np.hstack([np.ones((m, 1)), sigmoid_gradient(z2)])
    delta2 = ((delta3 @ Theta2) * slope)[:, 1:]
    return serialize((a1.T @ delta2).T / m, (a2.T @ delta3).T / m)''',
        '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    hidden = a2[:, 1:]
    delta3 = (h - y) / m  # the 1/m of the mean, applied once at the output
    delta2 = (delta3 @ Theta2[:, 1:]) * hidden * (1 - hidden)
    return serialize(delta2.T @ a1, delta3.T @ a2)''',
    ],
    "regularized_gradient": [
        '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty1 = Theta1 * (lambda_ / m)  # a new array: theta stays as it is
    penalty2 = Theta2 * (lambda_ / m)
    penalty1[:, 0] = 0
    penalty2[:, 0] = 0
    return gradient(theta, X, y, sizes) + serialize(penalty1, penalty2)''',
        '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = np.array(theta, dtype=float)  # a copy
    Theta1, Theta2 = deserialize(weights, sizes)
    Theta1[:, 0] = 0.0  # changes only the copy
    Theta2[:, 0] = 0.0
    return gradient(theta, X, y, sizes) + lambda_ / len(X) * serialize(Theta1, Theta2)''',
        '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    ones1, ones2 = deserialize(np.ones(len(theta)), sizes)
    ones1[:, 0] = 0
    ones2[:, 0] = 0
    mask = serialize(ones1, ones2)  # 0 at the biases, 1 elsewhere
    return gradient(theta, X, y, sizes) + (lambda_ / X.shape[0]) * mask * theta''',
        '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    G1, G2 = deserialize(np.array(gradient(theta, X, y, sizes), dtype=float), sizes)
    m = X.shape[0]
    G1[:, 1:] += lambda_ / m * Theta1[:, 1:]
    G2[:, 1:] += lambda_ / m * Theta2[:, 1:]
    return serialize(G1, G2)''',
        '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    no_bias1 = np.hstack([np.zeros((Theta1.shape[0], 1)), Theta1[:, 1:]])
    no_bias2 = np.hstack([np.zeros((Theta2.shape[0], 1)), Theta2[:, 1:]])
    return gradient(theta, X, y, sizes) + (lambda_ / m) * serialize(no_bias1, no_bias2)''',
    ],
    "random_init": [
        '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + k)
    Theta1 = rng.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(-eps2, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)''',
        '''def random_init(sizes=(400, 25, 10), rng=None):
    rng = np.random.default_rng(rng)  # a new generator for None, the same generator otherwise
    n, hidden, k = sizes
    size1, size2 = hidden * (n + 1), k * (hidden + 1)
    unit = rng.uniform(-1.0, 1.0, size1 + size2)
    limits = np.concatenate([np.full(size1, np.sqrt(6 / (n + hidden))), np.full(size2, np.sqrt(6 / (hidden + k)))])
    return unit * limits''',
        '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    layers = []
    for fan_in, fan_out in [(n, hidden), (hidden, k)]:
        eps = np.sqrt(6) / np.sqrt(fan_in + fan_out)
        layers.append((rng.random((fan_out, fan_in + 1)) * 2 * eps - eps).ravel())
    return np.concatenate(layers)''',
        '''def random_init(sizes=(400, 25, 10), rng=None):
    generator = rng if rng is not None else np.random.default_rng()
    n_in, n_hidden, n_out = sizes
    first = generator.uniform(low=-1, high=1, size=n_hidden * (n_in + 1)) * (6 ** 0.5 / (n_in + n_hidden) ** 0.5)
    second = generator.uniform(low=-1, high=1, size=n_out * (n_hidden + 1)) * (6 ** 0.5 / (n_hidden + n_out) ** 0.5)
    return np.hstack([first, second])''',
        '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps = [np.sqrt(6.0 / (n + hidden)), np.sqrt(6.0 / (hidden + k))]
    shapes = [(hidden, n + 1), (k, hidden + 1)]
    Theta1, Theta2 = [(rng.random(shape) - 0.5) * 2 * e for shape, e in zip(shapes, eps)]
    return serialize(Theta1, Theta2)''',
    ],
    "gradient_checking": [
        '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta - e)) / (2 * epsilon)
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)''',
        '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    point = np.array(theta, dtype=float)  # numerical_gradient perturbs it in place
    if regularized:
        f = lambda: regularized_cost(point, X, y, lambda_, sizes)
        a = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        f = lambda: cost(point, X, y, sizes)
        a = gradient(theta, X, y, sizes)
    n = numerical_gradient(f, point, epsilon)
    a = np.asarray(a, dtype=float)
    return float(np.linalg.norm(n - a) / np.linalg.norm(n + a))''',
        '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    theta = np.asarray(theta, dtype=float)

    def J(t):
        return regularized_cost(t, X, y, lambda_, sizes) if regularized else cost(t, X, y, sizes)

    a = regularized_gradient(theta, X, y, lambda_, sizes) if regularized else gradient(theta, X, y, sizes)
    n = np.empty_like(theta)
    for i in range(theta.size):
        plus = theta.copy()
        minus = theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        n[i] = (J(plus) - J(minus)) / (2 * epsilon)
    difference = n - np.asarray(a)
    total = n + np.asarray(a)
    return np.sqrt(np.sum(difference ** 2)) / np.sqrt(np.sum(total ** 2))''',
        '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        cost_function, gradient_function = regularized_cost, regularized_gradient
        extra = (lambda_, sizes)
    else:
        cost_function, gradient_function = cost, gradient
        extra = (sizes,)
    work = np.array(theta, dtype=float)
    numerical = []
    for i in range(work.size):
        original = work[i]
        work[i] = original + epsilon
        up = cost_function(work, X, y, *extra)
        work[i] = original - epsilon
        down = cost_function(work, X, y, *extra)
        work[i] = original
        numerical.append((up - down) / (2 * epsilon))
    numerical = np.array(numerical)
    analytic = np.asarray(gradient_function(work, X, y, *extra), dtype=float)
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)''',
        '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    theta = np.asarray(theta, dtype=float)
    shifts = np.eye(theta.size) * epsilon  # fine for the small networks this check is meant for
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        a = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        a = gradient(theta, X, y, sizes)
    n = np.array([J(theta + d) - J(theta - d) for d in shifts]) / (2 * epsilon)
    return float(np.linalg.norm(n - a) / np.linalg.norm(n + a))''',
    ],
}
WRONG = {
    "expand_y": [
        ("modulo-columns", "puts label j in column j % k, so label 10 goes to column 0 and label 1 to column 1", '''def expand_y(y, num_labels=10):
    return np.eye(num_labels)[np.asarray(y) % num_labels]'''),
        ("hardcoded-ten", "always makes 10 columns, ignoring num_labels", '''def expand_y(y, num_labels=10):
    return np.eye(10)[np.asarray(y) - 1]'''),
        ("transposed", "returns the one-hot matrix transposed, shape (num_labels, len(y))", '''def expand_y(y, num_labels=10):
    return np.eye(num_labels)[np.asarray(y) - 1].T'''),
        ("loop-over-examples", "fills the rows in a Python loop over the examples, which the conventions forbid", '''def expand_y(y, num_labels=10):
    one_hot = np.zeros((len(y), num_labels))
    for i, label in enumerate(y):
        one_hot[i, label - 1] = 1
    return one_hot'''),
        ("columns-from-max-label", "takes the number of columns from the largest label present instead of num_labels", '''def expand_y(y, num_labels=10):
    y = np.asarray(y)
    return np.eye(y.max())[y - 1]'''),
        ("extra-column", "indexes an (k + 1)-column identity by the label, leaving an unused column 0", '''def expand_y(y, num_labels=10):
    return np.eye(num_labels + 1)[np.asarray(y)]'''),
        ("unique-labels", "compares with the labels that occur in y, so a missing label shifts the columns", '''def expand_y(y, num_labels=10):
    y = np.asarray(y)
    return (y[:, None] == np.unique(y)[None, :]).astype(float)'''),
        ("reversed-columns", "counts the columns from the right, so label 1 is the last column", '''def expand_y(y, num_labels=10):
    return np.eye(num_labels)[num_labels - np.asarray(y)]'''),
    ],
    "serialize": [
        ("column-major", "reads the matrices column by column (order='F') instead of row by row", '''def serialize(theta1, theta2):
    return np.concatenate([theta1.ravel(order="F"), theta2.ravel(order="F")])'''),
        ("theta2-first", "puts Theta2 before Theta1", '''def serialize(theta1, theta2):
    return np.concatenate([theta2.ravel(), theta1.ravel()])'''),
        ("hstack-matrices", "stacks the matrices side by side instead of flattening them", '''def serialize(theta1, theta2):
    return np.hstack([theta1, theta2])'''),
        ("row-vector", "returns a 2-D row of shape (1, N) instead of a 1-D array", '''def serialize(theta1, theta2):
    return np.concatenate([theta1.ravel(), theta2.ravel()]).reshape(1, -1)'''),
        ("column-vector", "returns a 2-D column of shape (N, 1) instead of a 1-D array", '''def serialize(theta1, theta2):
    return np.concatenate([theta1.ravel(), theta2.ravel()])[:, np.newaxis]'''),
        ("theta2-transposed", "flattens Theta2 transposed, so its part is read column by column", '''def serialize(theta1, theta2):
    return np.concatenate([theta1.ravel(), theta2.T.ravel()])'''),
        ("drops-bias-column", "leaves out column 0 (the biases) of both matrices", '''def serialize(theta1, theta2):
    return np.concatenate([theta1[:, 1:].ravel(), theta2[:, 1:].ravel()])'''),
        ("plus-not-concatenate", "adds the flattened matrices with + as if they were lists, which adds entries instead of joining them", '''def serialize(theta1, theta2):
    return theta1.ravel() + theta2.ravel()'''),
    ],
    "deserialize": [
        ("column-major", "reshapes with order='F', the inverse of a column-by-column serialize", '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = hidden * (n + 1)
    return theta[:split].reshape((hidden, n + 1), order="F"), theta[split:].reshape((k, hidden + 1), order="F")'''),
        ("reshape-then-transpose", "reshapes to (n + 1, hidden) and transposes, so each row of Theta1 is read down a column", '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = hidden * (n + 1)
    return theta[:split].reshape(n + 1, hidden).T, theta[split:].reshape(hidden + 1, k).T'''),
        ("no-bias-in-split", "cuts after hidden * n entries, forgetting the bias column of Theta1", '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = hidden * n
    return theta[:split].reshape(hidden, n), theta[split:].reshape(k, -1)'''),
        ("hardcoded-sizes", "ignores sizes and always cuts for the 400-25-10 network", '''def deserialize(theta, sizes=(400, 25, 10)):
    return theta[:25 * 401].reshape(25, 401), theta[25 * 401:].reshape(10, 26)'''),
        ("sizes-unpacked-wrong", "unpacks sizes as (n, k, hidden)", '''def deserialize(theta, sizes=(400, 25, 10)):
    n, k, hidden = sizes
    split = hidden * (n + 1)
    return theta[:split].reshape(hidden, n + 1), theta[split:].reshape(k, hidden + 1)'''),
        ("split-typo", "cuts after (hidden + 1) * n entries instead of hidden * (n + 1)", '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = (hidden + 1) * n
    return theta[:split].reshape(hidden, -1), theta[split:].reshape(k, -1)'''),
        ("flat-pieces", "returns the two flat pieces without reshaping them into matrices", '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = hidden * (n + 1)
    return theta[:split], theta[split:]'''),
        ("swapped-shapes", "gives Theta1 the shape (n + 1, hidden) and Theta2 (hidden + 1, k)", '''def deserialize(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = hidden * (n + 1)
    return theta[:split].reshape(n + 1, hidden), theta[split:].reshape(hidden + 1, k)'''),
    ],
    "sigmoid": [
        ("sign-error", "writes 1 / (1 + exp(z)), which is sigmoid(-z)", '''def sigmoid(z):
    return 1 / (1 + np.exp(z))'''),
        ("math-exp", "uses math.exp, which works for a number but not element by element for an array", '''def sigmoid(z):
    import math
    return 1 / (1 + math.exp(-z))'''),
        ("ratio-overflow", "writes exp(z) / (1 + exp(z)), which is inf / inf = nan for z above about 710", '''def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))'''),
        ("minus-typo", "writes 1 / (1 - exp(-z))", '''def sigmoid(z):
    return 1 / (1 - np.exp(-z))'''),
        ("tanh", "returns tanh(z) instead of the logistic sigmoid", '''def sigmoid(z):
    return np.tanh(z)'''),
        ("one-dimensional-only", "loops over the entries with math.exp, which handles numbers and 1-D arrays but fails on the 2-D arrays of the forward pass", '''def sigmoid(z):
    import math
    if np.ndim(z) == 0:
        return 1 / (1 + math.exp(-z))
    return np.array([1 / (1 + math.exp(-v)) for v in z])'''),
        ("clipped-input", "clips z to [-10, 10] before exp, which changes the value for |z| > 10", '''def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -10, 10)))'''),
        ("complement", "returns exp(-z) / (1 + exp(-z)), which is 1 - sigmoid(z)", '''def sigmoid(z):
    return np.exp(-z) / (1 + np.exp(-z))'''),
    ],
    "feed_forward": [
        ("no-transpose", "multiplies by Theta1 instead of its transpose (it runs when hidden = n + 1, as in the small example)", '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2 @ Theta2.T
    h = sigmoid(z3)
    return a1, z2, a2, z3, h'''),
        ("bias-last", "puts the column of ones after X instead of in front", '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    a1 = np.hstack([X, np.ones((m, 1))])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2 @ Theta2.T
    h = sigmoid(z3)
    return a1, z2, a2, z3, h'''),
        ("a2-without-ones", "returns a2 without its bias column and adds the output bias separately (right h, wrong a2)", '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = sigmoid(z2)
    z3 = a2 @ Theta2[:, 1:].T + Theta2[:, 0]
    h = sigmoid(z3)
    return a1, z2, a2, z3, h'''),
        ("linear-output", "returns z3 as the output h, without the sigmoid", '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2 @ Theta2.T
    h = z3
    return a1, z2, a2, z3, h'''),
        ("no-hidden-sigmoid", "puts z2 instead of sigmoid(z2) into a2", '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), z2])
    z3 = a2 @ Theta2.T
    h = sigmoid(z3)
    return a1, z2, a2, z3, h'''),
        ("sizes-not-passed", "calls deserialize(theta) without sizes, so it only works for the 400-25-10 network", '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2 @ Theta2.T
    h = sigmoid(z3)
    return a1, z2, a2, z3, h'''),
        ("loop-over-examples", "runs the forward pass one example at a time in a Python loop, which the conventions forbid", '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    rows = []
    for x in X:
        a1 = np.concatenate([[1.0], x])
        z2 = Theta1 @ a1
        a2 = np.concatenate([[1.0], sigmoid(z2)])
        z3 = Theta2 @ a2
        rows.append((a1, z2, a2, z3, sigmoid(z3)))
    return tuple(np.array([row[i] for row in rows]) for i in range(5))'''),
        ("output-bias-dropped", "computes z3 from the hidden activations without the bias unit and without Theta2's bias column", '''def feed_forward(theta, X, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2[:, 1:] @ Theta2[:, 1:].T
    h = sigmoid(z3)
    return a1, z2, a2, z3, h'''),
    ],
    "cost": [
        ("naive-log", "the source post's formula with log(h) and log(1 - h), which gives nan when outputs saturate", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    h = feed_forward(theta, X, sizes)[4]
    m = X.shape[0]
    return np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / m'''),
        ("clipped-h", "clips h to [1e-15, 1 - 1e-15] before the logs: finite, but wrong where outputs saturate", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    h = np.clip(feed_forward(theta, X, sizes)[4], 1e-15, 1 - 1e-15)
    m = X.shape[0]
    return np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / m'''),
        ("eps-in-log", "adds 1e-12 inside the logs: finite, but wrong where outputs saturate", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    h = feed_forward(theta, X, sizes)[4]
    m = X.shape[0]
    return np.sum(-y * np.log(h + 1e-12) - (1 - y) * np.log(1 - h + 1e-12)) / m'''),
        ("mean-over-all-entries", "averages over all m * k entries instead of summing over the outputs and averaging over the examples", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    return np.mean(np.logaddexp(0, z3) - y * z3)'''),
        ("sum-not-mean", "sums over the examples instead of averaging", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    m = X.shape[0]
    return np.sum(np.logaddexp(0, z3) - y * z3)'''),
        ("only-positive-term", "keeps only -y log h and drops the (1 - y) log(1 - h) term", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    m = X.shape[0]
    return np.sum(y * np.logaddexp(0, -z3)) / m'''),
        ("h-instead-of-z", "puts the output h where the stable formula needs z3", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    h = feed_forward(theta, X, sizes)[4]
    m = X.shape[0]
    return np.sum(np.logaddexp(0, h) - y * h) / m'''),
        ("sign-of-yz", "adds y * z instead of subtracting it", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    m = X.shape[0]
    return np.sum(np.logaddexp(0, z3) + y * z3) / m'''),
        ("softplus-of-minus-z", "uses log(1 + e^-z) where the formula has log(1 + e^z)", '''def cost(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    m = X.shape[0]
    return np.sum(np.logaddexp(0, -z3) - y * z3) / m'''),
    ],
    "regularized_cost": [
        ("bias-penalised", "penalises the bias column too", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = np.sum(Theta1 ** 2) + np.sum(Theta2 ** 2)
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * penalty'''),
        ("lambda-over-m", "uses lambda / m instead of lambda / (2 m)", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    return cost(theta, X, y, sizes) + lambda_ / m * penalty'''),
        ("lambda-ignored", "the source post's version: always uses lambda = 1", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    return cost(theta, X, y, sizes) + 1 / (2 * m) * penalty'''),
        ("no-m", "divides by 2 instead of 2 m", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    return cost(theta, X, y, sizes) + lambda_ / 2 * penalty'''),
        ("m-from-features", "takes m from the number of features X.shape[1] instead of the number of examples", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[1]
    penalty = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * penalty'''),
        ("first-row-skipped", "skips row 0 instead of column 0", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = np.sum(Theta1[1:, :] ** 2) + np.sum(Theta2[1:, :] ** 2)
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * penalty'''),
        ("theta1-only", "penalises only Theta1", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = np.sum(Theta1[:, 1:] ** 2)
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * penalty'''),
        ("norm-not-squared", "adds the norms of the weights instead of their squared norms", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = np.linalg.norm(Theta1[:, 1:]) + np.linalg.norm(Theta2[:, 1:])
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * penalty'''),
        ("first-entry-skipped", "skips only theta[0] of the flat vector instead of every bias", '''def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    m = X.shape[0]
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * np.sum(theta[1:] ** 2)'''),
    ],
    "sigmoid_gradient": [
        ("z-times-one-minus-z", "writes z (1 - z), the formula for an activation, at the weighted input", '''def sigmoid_gradient(z):
    return z * (1 - z)'''),
        ("sigmoid-times-one-minus-z", "writes sigmoid(z) (1 - z), mixing the activation and the input", '''def sigmoid_gradient(z):
    return sigmoid(z) * (1 - z)'''),
        ("at-the-activation", "evaluates the derivative at sigmoid(z), that is sigmoid'(sigmoid(z))", '''def sigmoid_gradient(z):
    a = sigmoid(z)
    return sigmoid(a) * (1 - sigmoid(a))'''),
        ("plus-sign", "writes sigmoid(z) (1 + sigmoid(z))", '''def sigmoid_gradient(z):
    s = sigmoid(z)
    return s * (1 + s)'''),
        ("exp-form-overflow", "writes exp(-z) / (1 + exp(-z))^2, which is inf / inf = nan for z below about -710", '''def sigmoid_gradient(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2'''),
        ("tanh-derivative", "uses 1 - sigmoid(z)^2, the form of tanh's derivative", '''def sigmoid_gradient(z):
    return 1 - sigmoid(z) ** 2'''),
        ("sigmoid-squared", "writes sigmoid(z) (1 - sigmoid(-z)), which is sigmoid(z)^2", '''def sigmoid_gradient(z):
    return sigmoid(z) * (1 - sigmoid(-z))'''),
        ("math-scalar", "uses math.exp, which fails for arrays", '''def sigmoid_gradient(z):
    import math
    s = 1 / (1 + math.exp(-z))
    return s * (1 - s)'''),
    ],
    "gradient": [
        ("not-averaged", "returns the sum over the examples (the source post's version) instead of the mean", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ Theta2)[:, 1:] * sigmoid_gradient(z2)
    grad1 = delta2.T @ a1
    grad2 = delta3.T @ a2
    return serialize(grad1, grad2)'''),
        ("wrong-column-dropped", "drops the last column of delta3 Theta2 instead of the bias column", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ Theta2)[:, :-1] * sigmoid_gradient(z2)
    grad1 = delta2.T @ a1 / m
    grad2 = delta3.T @ a2 / m
    return serialize(grad1, grad2)'''),
        ("slope-at-activation", "passes the activations a2 (without their bias column) to sigmoid_gradient instead of z2", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ Theta2)[:, 1:] * sigmoid_gradient(a2[:, 1:])
    grad1 = delta2.T @ a1 / m
    grad2 = delta3.T @ a2 / m
    return serialize(grad1, grad2)'''),
        ("output-slope", "multiplies the output error by sigmoid'(z3), which belongs to a squared-error loss, not to cross-entropy", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = (h - y) * sigmoid_gradient(z3)
    delta2 = (delta3 @ Theta2)[:, 1:] * sigmoid_gradient(z2)
    grad1 = delta2.T @ a1 / m
    grad2 = delta3.T @ a2 / m
    return serialize(grad1, grad2)'''),
        ("sign-flipped", "uses y - h as the output error", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = y - h
    delta2 = (delta3 @ Theta2)[:, 1:] * sigmoid_gradient(z2)
    grad1 = delta2.T @ a1 / m
    grad2 = delta3.T @ a2 / m
    return serialize(grad1, grad2)'''),
        ("transposed-gradients", "computes a.T @ delta, the transposes of the gradients, so the flat vector is in the wrong order", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ Theta2)[:, 1:] * sigmoid_gradient(z2)
    grad1 = a1.T @ delta2 / m
    grad2 = a2.T @ delta3 / m
    return serialize(grad1, grad2)'''),
        ("loop-over-examples", "adds up outer products in a Python loop over the examples, which the conventions forbid", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    grad1 = np.zeros_like(Theta1)
    grad2 = np.zeros_like(Theta2)
    for i in range(m):
        d3 = h[i] - y[i]
        d2 = (Theta2[:, 1:].T @ d3) * sigmoid_gradient(z2[i])
        grad1 += np.outer(d2, a1[i])
        grad2 += np.outer(d3, a2[i])
    return serialize(grad1 / m, grad2 / m)'''),
        ("no-hidden-slope", "forgets to multiply the hidden error by sigmoid_gradient(z2)", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ Theta2)[:, 1:]
    grad1 = delta2.T @ a1 / m
    grad2 = delta3.T @ a2 / m
    return serialize(grad1, grad2)'''),
        ("divided-by-m-times-k", "divides by m * k, as if the cost were a mean over all outputs too", '''def gradient(theta, X, y, sizes=(400, 25, 10)):
    Theta1, Theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = y.size
    delta3 = h - y
    delta2 = (delta3 @ Theta2)[:, 1:] * sigmoid_gradient(z2)
    grad1 = delta2.T @ a1 / m
    grad2 = delta3.T @ a2 / m
    return serialize(grad1, grad2)'''),
    ],
    "regularized_gradient": [
        ("mutates-theta", "zeroes the bias columns of the views that deserialize returns, which zeroes the caller's biases (the source post's version)", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    grad = gradient(theta, X, y, sizes)
    Theta1, Theta2 = deserialize(theta, sizes)
    Theta1[:, 0] = 0.0
    Theta2[:, 0] = 0.0
    return grad + lambda_ / len(X) * serialize(Theta1, Theta2)'''),
        ("bias-penalised", "adds the penalty to the bias weights too", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    return gradient(theta, X, y, sizes) + lambda_ / len(X) * np.asarray(theta)'''),
        ("half-factor", "uses lambda / (2 m), the factor of the cost, instead of lambda / m", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = np.array(theta, dtype=float)  # a copy
    Theta1, Theta2 = deserialize(weights, sizes)
    Theta1[:, 0] = 0.0  # changes only the copy
    Theta2[:, 0] = 0.0
    return gradient(theta, X, y, sizes) + lambda_ / (2 * len(X)) * serialize(Theta1, Theta2)'''),
        ("not-divided-by-m", "adds lambda * Theta without dividing by m", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = np.array(theta, dtype=float)  # a copy
    Theta1, Theta2 = deserialize(weights, sizes)
    Theta1[:, 0] = 0.0  # changes only the copy
    Theta2[:, 0] = 0.0
    return gradient(theta, X, y, sizes) + lambda_ * serialize(Theta1, Theta2)'''),
        ("lambda-ignored", "always uses lambda = 1", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = np.array(theta, dtype=float)  # a copy
    Theta1, Theta2 = deserialize(weights, sizes)
    Theta1[:, 0] = 0.0  # changes only the copy
    Theta2[:, 0] = 0.0
    return gradient(theta, X, y, sizes) + 1.0 / len(X) * serialize(Theta1, Theta2)'''),
        ("m-from-features", "divides by the number of features X.shape[1] instead of the number of examples", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = np.array(theta, dtype=float)  # a copy
    Theta1, Theta2 = deserialize(weights, sizes)
    Theta1[:, 0] = 0.0  # changes only the copy
    Theta2[:, 0] = 0.0
    return gradient(theta, X, y, sizes) + lambda_ / X.shape[1] * serialize(Theta1, Theta2)'''),
        ("first-row-zeroed", "zeroes row 0 of the copies instead of column 0", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = np.array(theta, dtype=float)  # a copy
    Theta1, Theta2 = deserialize(weights, sizes)
    Theta1[0, :] = 0.0  # changes only the copy
    Theta2[0, :] = 0.0
    return gradient(theta, X, y, sizes) + lambda_ / len(X) * serialize(Theta1, Theta2)'''),
        ("penalty-subtracted", "subtracts the penalty instead of adding it", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = np.array(theta, dtype=float)  # a copy
    Theta1, Theta2 = deserialize(weights, sizes)
    Theta1[:, 0] = 0.0  # changes only the copy
    Theta2[:, 0] = 0.0
    return gradient(theta, X, y, sizes) - lambda_ / len(X) * serialize(Theta1, Theta2)'''),
        ("factor-two", "differentiates lambda / (2m) * theta^2 as 2 lambda / m * theta", '''def regularized_gradient(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = np.array(theta, dtype=float)  # a copy
    Theta1, Theta2 = deserialize(weights, sizes)
    Theta1[:, 0] = 0.0  # changes only the copy
    Theta2[:, 0] = 0.0
    return gradient(theta, X, y, sizes) + 2 * lambda_ / len(X) * serialize(Theta1, Theta2)'''),
    ],
    "random_init": [
        ("single-0.12", "uses the quoted 0.12 for both layers instead of each layer's own epsilon", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = 0.12
    eps2 = 0.12
    Theta1 = rng.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(-eps2, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("first-eps-for-both", "uses the first layer's epsilon for the second layer too", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = eps1
    Theta1 = rng.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(-eps2, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("bias-units-counted", "counts the bias unit on the input side of each layer (n + 1, hidden + 1), which the instructions exclude", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + 1 + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + 1 + k)
    Theta1 = rng.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(-eps2, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("fixed-seed-default", "uses np.random.default_rng(0) when rng is None, so every call without rng returns the same weights", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng(0)
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + k)
    Theta1 = rng.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(-eps2, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("global-random", "draws with np.random.uniform and ignores the rng it was given", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + k)
    Theta1 = np.random.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = np.random.uniform(-eps2, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("not-centred", "draws from [0, epsilon] instead of [-epsilon, epsilon]", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + k)
    Theta1 = rng.uniform(0, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(0, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("normal", "draws from a normal distribution with standard deviation epsilon instead of a uniform one", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + k)
    Theta1 = rng.normal(0, eps1, size=(hidden, n + 1))
    Theta2 = rng.normal(0, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("hardcoded-sizes", "ignores sizes and always builds the 400-25-10 network", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = 400, 25, 10
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + k)
    Theta1 = rng.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(-eps2, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("fan-in-only", "uses sqrt(6) / sqrt(L_in) instead of sqrt(6) / sqrt(L_in + L_out)", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n)
    eps2 = np.sqrt(6) / np.sqrt(hidden)
    Theta1 = rng.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(-eps2, eps2, size=(k, hidden + 1))
    return serialize(Theta1, Theta2)'''),
        ("returns-matrices", "returns the two matrices instead of one flat vector", '''def random_init(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + k)
    Theta1 = rng.uniform(-eps1, eps1, size=(hidden, n + 1))
    Theta2 = rng.uniform(-eps2, eps2, size=(k, hidden + 1))
    return Theta1, Theta2'''),
    ],
    "gradient_checking": [
        ("forward-difference", "uses the forward difference (J(theta + eps e_i) - J(theta)) / eps instead of central differences", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta)) / epsilon
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)'''),
        ("lambda-ignored", "calls the regularised functions with their default lambda = 1 instead of lambda_", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, sizes=sizes)
        analytic = regularized_gradient(theta, X, y, sizes=sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta - e)) / (2 * epsilon)
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)'''),
        ("regularized-flag-ignored", "always checks the plain cost and gradient, whatever regularized says", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    J = lambda t: cost(t, X, y, sizes)
    analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta - e)) / (2 * epsilon)
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)'''),
        ("missing-2", "divides the central difference by epsilon instead of 2 epsilon", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta - e)) / epsilon
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)'''),
        ("norm-of-n-denominator", "divides by the norm of the numerical gradient instead of the norm of n + a", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta - e)) / (2 * epsilon)
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical)'''),
        ("l1-norm", "uses sums of absolute values instead of the Euclidean norms", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta - e)) / (2 * epsilon)
    return np.sum(np.abs(numerical - analytic)) / np.sum(np.abs(numerical + analytic))'''),
        ("sum-of-norms-denominator", "divides by norm(n) + norm(a) instead of norm(n + a)", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta - e)) / (2 * epsilon)
    return np.linalg.norm(numerical - analytic) / (np.linalg.norm(numerical) + np.linalg.norm(analytic))'''),
        ("hardcoded-epsilon", "ignores the epsilon argument and always steps by 1e-4", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = 1e-4
        numerical[i] = (J(theta + e) - J(theta - e)) / (2 * 1e-4)
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)'''),
        ("perturbs-without-restoring", "adds epsilon to theta itself and never puts it back, so every later difference starts from a shifted point", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: regularized_cost(t, X, y, lambda_, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        plus = theta
        plus[i] += epsilon
        up = J(plus)
        minus = theta
        minus[i] -= 2 * epsilon
        numerical[i] = (up - J(minus)) / (2 * epsilon)
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)'''),
        ("plain-cost-numerically", "differentiates the plain cost numerically even when it checks the regularised gradient", '''def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        J = lambda t: cost(t, X, y, sizes)
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        J = lambda t: cost(t, X, y, sizes)
        analytic = gradient(theta, X, y, sizes)
    analytic = np.asarray(analytic, dtype=float)
    numerical = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        numerical[i] = (J(theta + e) - J(theta - e)) / (2 * epsilon)
    return np.linalg.norm(numerical - analytic) / np.linalg.norm(numerical + analytic)'''),
    ],
}
