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
  W6  Tiny Shakespeare, nn.Embedding(65, 128) + nn.LSTM(128, 128, 2) + nn.Linear(128, 65), B = 32 random windows of
      T = 64, Adam(2e-3), clip_grad_norm_(5); timed by the W6 protocol of js/text_run.js (the clock counts training
      only; validation on the 32 windows of 64 at the start of the last 10 % every few seconds and at 30 s, 120 s):

    /usr/bin/python3 bench/harness/torch_runner.py --w6 CORPUS '{"seconds": 120, "valEverySeconds": 2, ...}'
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


class TextModel(nn.Module):
    def __init__(self, v):
        super().__init__()
        self.embedding = nn.Embedding(v, 128)
        self.rnn = nn.LSTM(128, 128, 2)
        self.head = nn.Linear(128, v)

    def forward(self, x):  # x (T, B) -> logits (T, B, V)
        out, _ = self.rnn(self.embedding(x))
        return self.head(out)


def run_w6(corpus_path, plan):
    """W6 by the protocol of js/text_run.js; returns one record."""
    with open(corpus_path, encoding="utf-8") as f:
        text = f.read()
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    data = torch.tensor([index[c] for c in text], dtype=torch.long)
    v, t_len, batch = len(chars), 64, 32
    train_size = len(data) - len(data) // 10
    count = min(32, (len(data) - train_size - 1) // t_len)
    starts = torch.arange(count) * t_len + train_size
    offsets = torch.arange(t_len)[:, None]
    val_x, val_y = data[starts[None, :] + offsets], data[starts[None, :] + offsets + 1]  # (T, count)
    model = TextModel(v)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    criterion = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(0)
    curve, window_rates = [], []
    trained, steps, loss = 0.0, 0, float("nan")

    def validate():
        model.eval()
        with torch.no_grad():
            val = criterion(model(val_x).reshape(-1, v), val_y.reshape(-1)).item()
        model.train()
        curve.append([trained, val])

    validate()
    checkpoints = sorted(plan["checkpoints"])
    next_val, window_start, window_steps = plan["valEverySeconds"], 0.0, 0
    while trained < plan["seconds"]:
        start = time.perf_counter()
        s = torch.randint(0, train_size - t_len, (batch,), generator=gen)
        x, y = data[s[None, :] + offsets], data[s[None, :] + offsets + 1]  # (T, B)
        out = criterion(model(x).reshape(-1, v), y.reshape(-1))
        optimizer.zero_grad()
        out.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
        loss = out.item()
        trained += time.perf_counter() - start
        steps += 1
        window_steps += 1
        if trained - window_start >= plan["windowSeconds"]:
            window_rates.append(window_steps * t_len * batch / (trained - window_start))
            window_start, window_steps = trained, 0
        due = trained >= next_val or trained >= plan["seconds"]
        while checkpoints and trained >= checkpoints[0]:
            checkpoints.pop(0)
            due = True
        if due:
            validate()
            while next_val <= trained:
                next_val += plan["valEverySeconds"]
    if not window_rates:
        window_rates.append(steps * t_len * batch / trained)
    return {"system": "PyTorch", "workload": "W6", "kind": "text", "steps": steps, "tokens": steps * t_len * batch,
            "seconds": trained, "windowRates": window_rates, "curve": curve, "loss": loss}


def main():
    torch.manual_seed(0)
    if sys.argv[1] == "--w6":
        print(json.dumps(run_w6(sys.argv[2], json.loads(sys.argv[3]))), flush=True)
        return
    for item in json.loads(sys.argv[1]):
        workload, iterations = item["workload"], int(item["iterations"])
        time_workload(workload, min(iterations, 150) if workload == "W1" else max(1, iterations // 5))  # warm-up
        for run in range(int(item["runs"])):
            seconds, loss = time_workload(workload, iterations)
            print(json.dumps({"system": "PyTorch", "workload": workload, "run": run, "iterations": iterations,
                              "seconds": seconds, "loss": loss}), flush=True)


if __name__ == "__main__":
    main()
