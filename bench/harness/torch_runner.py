"""PyTorch's side of the benchmark harness (bench/harness/run.mjs runs it with Debian's /usr/bin/python3).

    /usr/bin/python3 bench/harness/torch_runner.py '[{"workload": "W3", "iterations": 50, "runs": 3}, ...]'

One JSON line per timed run: {"system": "PyTorch", "workload": "W3", "run": 0, "iterations": 50, "seconds": ...}.
One thread (torch.set_num_threads(1)), as rnnlab runs. Each workload gets one untimed warm-up run first (a fifth of its
iterations; W1: up to 10 models). The models
are the workloads' definitions (docs/benchmarks.md) written the plain torch way, without per-step host syncs:
  W1  the hello seed (scripts/seed_programs.py): nn.RNNCell(4, 4) as logits over one-hot "hello", CrossEntropyLoss
      summed over the 5 steps, Adam(0.1); a fresh cell every 15 epochs
  W2  the sine seed (scripts/seed_programs.py): nn.RNN(1, 10, 2, batch_first) + nn.Linear(10, 1), MSELoss,
      Adam(5e-3), hidden state carried and detached
  W3-W5  nn.LSTM(V, H) + nn.Linear(H, V), one-hot (T, B, V), CrossEntropyLoss (mean), Adam(1e-3)
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from seed_programs import (hello_data, hello_epoch, hello_model, hello_optimizer, sine_data, sine_model,  # noqa: E402
                           sine_optimizer, sine_step, sine_zero_hidden)

torch.set_num_threads(1)
CHAR_LSTM = {"W3": (64, 128, 64, 1), "W4": (64, 128, 64, 16), "W5": (16, 32, 32, 1)}  # V, H, T, B


def time_hello(iterations):
    inputs, labels = hello_data()
    criterion = nn.CrossEntropyLoss()
    seconds, done, loss = 0.0, 0, 0
    while done < iterations:
        cell = hello_model().rnn
        optimizer = hello_optimizer(cell)
        start = time.perf_counter()
        for _ in range(min(15, iterations - done)):
            loss, _ = hello_epoch(cell, optimizer, criterion, inputs, labels, predict=False)
            done += 1
        seconds += time.perf_counter() - start
    return seconds, float(loss)


def time_sine(iterations):
    model = sine_model()
    optimizer = sine_optimizer(model)
    criterion = nn.MSELoss()
    rng = np.random.RandomState(0)
    hidden = sine_zero_hidden()
    start = time.perf_counter()
    for _ in range(iterations):
        x, y = sine_data(rng.randint(3))
        loss, hidden = sine_step(model, optimizer, criterion, x, y, hidden)
    return time.perf_counter() - start, float(loss)


class CharLstm(nn.Module):
    def __init__(self, v, h):
        super().__init__()
        self.rnn = nn.LSTM(v, h)
        self.head = nn.Linear(h, v)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out)


def time_char_lstm(workload, iterations):
    v, h, t, b = CHAR_LSTM[workload]
    gen = torch.Generator().manual_seed(0)
    text = torch.randint(0, v, (t + 1, b), generator=gen)
    x = torch.nn.functional.one_hot(text[:-1], v).float()  # (T, B, V)
    y = text[1:].reshape(-1)                               # (T*B)
    model = CharLstm(v, h)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for _ in range(iterations):
        loss = criterion(model(x).reshape(-1, v), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return time.perf_counter() - start, float(loss)


def time_workload(workload, iterations):
    if workload == "W1":
        return time_hello(iterations)
    if workload == "W2":
        return time_sine(iterations)
    return time_char_lstm(workload, iterations)


def main():
    torch.manual_seed(0)
    for item in json.loads(sys.argv[1]):
        workload, iterations = item["workload"], int(item["iterations"])
        time_workload(workload, min(iterations, 150) if workload == "W1" else max(1, iterations // 5))  # warm-up
        for run in range(int(item["runs"])):
            seconds, loss = time_workload(workload, iterations)
            print(json.dumps({"system": "PyTorch", "workload": workload, "run": run, "iterations": iterations,
                              "seconds": seconds, "loss": loss}), flush=True)


if __name__ == "__main__":
    main()
