"""W7's PyTorch side (docs/benchmarks.md): the digits task's three models trained by the protocol rnnlab follows
(tasks/digits_task.h), one thread: the first 8,000 bundled MNIST digits train in batches of 64 shuffled afresh each
epoch, pixels / 255; after each epoch the last 2,000 are evaluated. Prints one JSON line per epoch:
{"system": "pytorch", "model", "epoch", "loss", "accuracy", "cpu", "wall"} (cpu: the thread's CPU seconds of the
epoch, its training and its evaluation; wall: the same in wall time).

  /usr/bin/python3 bench/w7_digits_torch.py lstm 2 [N]   # model (lstm | mlp | cnn), epochs, images (default 10000)

With N images (the harness's smoke pass) the first 80% of them train and the rest are held out, as rnnlab splits.
"""
import gzip
import json
import os
import sys
import time

import torch
from torch import nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BATCH = 64


def load_digits():
    d = os.path.join(ROOT, "data", "digits", "mnist")
    images = gzip.open(os.path.join(d, "t10k-images-idx3-ubyte.gz")).read()[16:]
    labels = gzip.open(os.path.join(d, "t10k-labels-idx1-ubyte.gz")).read()[8:]
    x = torch.frombuffer(bytearray(images), dtype=torch.uint8).float().div(255).reshape(10000, 1, 28, 28)
    y = torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()
    return x, y


class ByRows(nn.Module):
    """LSTM(28, 128) reading one row per step, its last step -> Linear(128, 10): the seed tutorials' model."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(28, 128)
        self.head = nn.Linear(128, 10)

    def forward(self, x):                         # (B, 1, 28, 28)
        rows = x.squeeze(1).permute(1, 0, 2)      # (T = 28, B, 28)
        out, _ = self.rnn(rows)
        return self.head(out[-1])


def build(name):
    if name == "lstm":
        m = ByRows()
        return m, torch.optim.Adam(m.parameters(), lr=1e-3)
    if name == "mlp":
        m = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
        return m, torch.optim.SGD(m.parameters(), lr=0.1)
    m = nn.Sequential(nn.Conv2d(1, 30, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                      nn.Linear(4320, 100), nn.ReLU(), nn.Linear(100, 10))
    return m, torch.optim.Adam(m.parameters(), lr=1e-3)


def main():
    name, epochs = sys.argv[1], int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x, y = load_digits()
    train = count * 4 // 5
    xt, yt, xh, yh = x[:train], y[:train], x[train:count], y[train:count]
    held = count - train
    model, opt = build(name)
    for epoch in range(1, epochs + 1):
        c0, w0 = time.thread_time(), time.perf_counter()
        model.train()
        order = torch.randperm(train)
        total, steps = 0.0, 0
        for first in range(0, train, BATCH):
            idx = order[first:first + BATCH]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.item()
            steps += 1
        model.eval()
        right = 0
        with torch.no_grad():
            for first in range(0, held, BATCH):
                right += (model(xh[first:first + BATCH]).argmax(1) == yh[first:first + BATCH]).sum().item()
        print(json.dumps({"system": "pytorch", "model": name, "epoch": epoch, "loss": total / steps,
                          "accuracy": right / held, "cpu": time.thread_time() - c0,
                          "wall": time.perf_counter() - w0}), flush=True)


if __name__ == "__main__":
    main()
