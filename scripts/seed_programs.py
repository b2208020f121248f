"""The two seed programs in PyTorch, written once for everything that runs them in torch: the reference script
(scripts/seed_reference.py), the fixture generator (tests/fixtures/gen_seed_runs.py) and the benchmark's torch
runner (bench/harness/torch_runner.py).

(a) hello -> ohlol: idx2char ['e','h','l','o'], one-hot "hello" (5, 1, 4), targets "ohlol"; nn.RNNCell(4, 4) whose
    hidden state is the logits; per epoch: zero_grad, h = zeros(1, 4), loss = sum over the 5 steps of
    CrossEntropyLoss(h_t, label_t), the argmax of h_t is the predicted char; backward; Adam(lr=0.1).step().
    15 epochs.
(b) sine: nn.RNN(1, 10, num_layers=2, batch_first=True) + nn.Linear(10, 1), MSELoss, Adam(lr=5e-3); each
    iteration takes sin of 60 points np.linspace(start, start + 10, 60), x = points 0..58 as (1, 59, 1),
    y = points 1..59; the hidden state (2, 1, 10) is carried over and detached.

The models are rnnlab_torch's (RnnLabModel), so their parameters carry rnnlab's names and a model saves as an
rnnlab.state_dict as it is; their initial weights are the seed programs' (the same draws from torch's generator).
"""
import numpy as np
import torch
import torch.nn as nn

from rnnlab_torch import build_module, make_config

IDX2CHAR = ["e", "h", "l", "o"]
HELLO = [1, 0, 2, 2, 3]
OHLOL = [3, 1, 2, 3, 2]
HELLO_EPOCHS = 15
HELLO_LR = 0.1

SINE_POINTS = 60
SINE_LR = 5e-3


# ---- (a) hello -> ohlol

def hello_config():
    return make_config("rnn_cell", 4, 4)


def hello_model():
    """The seed's RNNCell(4, 4) (as `.rnn` of an RnnLabModel), with torch's default init: seed torch first."""
    return build_module(hello_config())


def hello_data():
    """-> (inputs (T=5, B=1, I=4) one-hot "hello", labels (5, 1) of "ohlol")."""
    return torch.eye(4)[HELLO].view(5, 1, 4), torch.LongTensor(OHLOL).view(5, 1)


def hello_epoch(cell, optimizer, criterion, inputs, labels, predict=True):
    """One epoch of the seed on `cell` -> (loss tensor, predicted string or None). `predict=False` skips the
    argmax (one host sync per step), as a benchmark wants."""
    optimizer.zero_grad()
    hidden = torch.zeros(1, 4)
    loss = 0
    predicted = "" if predict else None
    for x_t, label_t in zip(inputs, labels):
        hidden = cell(x_t, hidden)
        loss = loss + criterion(hidden, label_t)
        if predict:
            predicted += IDX2CHAR[hidden.argmax(dim=1).item()]
    loss.backward()
    optimizer.step()
    return loss, predicted


def hello_optimizer(cell):
    return torch.optim.Adam(cell.parameters(), lr=HELLO_LR)


def hello_train(cell, epochs=HELLO_EPOCHS):
    """The seed's epochs on `cell` (an nn.RNNCell(4, 4)) -> [(predicted string, loss)] per epoch."""
    inputs, labels = hello_data()
    criterion = nn.CrossEntropyLoss()
    optimizer = hello_optimizer(cell)
    history = []
    for _ in range(epochs):
        loss, predicted = hello_epoch(cell, optimizer, criterion, inputs, labels)
        history.append((predicted, loss.item()))
    return history


# ---- (b) sine

def sine_config():
    return make_config("rnn", 1, 10, num_layers=2, batch_first=True, head=1)


def sine_model():
    """The seed's RNN(1, 10, 2 layers, batch_first) + Linear(10, 1), with torch's default init: seed torch first.
    model(x (1, T, 1), hidden (2, 1, 10)) -> (prediction (1, T, 1), hidden, None)."""
    return build_module(sine_config())


def sine_optimizer(model):
    return torch.optim.Adam(model.parameters(), lr=SINE_LR)


def sine_zero_hidden():
    return torch.zeros(2, 1, 10)


def sine_data(start):
    """-> (x (1, 59, 1), y (1, 59, 1)): sin of 60 points from `start` to start + 10, y one point ahead of x."""
    points = np.sin(np.linspace(start, start + 10, SINE_POINTS))
    x = torch.tensor(points[:-1], dtype=torch.float32).view(1, SINE_POINTS - 1, 1)
    y = torch.tensor(points[1:], dtype=torch.float32).view(1, SINE_POINTS - 1, 1)
    return x, y


def sine_step(model, optimizer, criterion, x, y, hidden):
    """One training iteration -> (loss tensor, the hidden state carried to the next, detached)."""
    output, hidden, _ = model(x, hidden)
    hidden = hidden.detach()
    loss = criterion(output, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss, hidden


def sine_generate(model, x, hidden, steps=SINE_POINTS - 1):
    """Feeds each prediction back as the next input for `steps` steps from x's first point -> [float]."""
    predictions = []
    with torch.no_grad():
        step_input = x[:, 0, :]
        for _ in range(steps):
            pred, hidden, _ = model(step_input.view(1, 1, 1), hidden)
            step_input = pred
            predictions.append(pred.item())
    return predictions
