"""PyTorch's side of bench/micro/image_classifiers.cpp: one training step of the digits MLP (SGD 0.1) and CNN
(Adam 1e-3) on batches of 64 of the first 8,000 bundled MNIST digits, one thread; prints images per second of
CPU time (the thread's, as Google Benchmark's items_per_second counts it: on a shared machine wall time also counts
waiting for a core) and of wall time.

Run from the repository root:   /usr/bin/python3 bench/micro/image_classifiers_torch.py [seconds per model]
"""
import gzip
import os
import sys
import time

import torch
from torch import nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
BATCH = 64


def load_digits():
    d = os.path.join(ROOT, "data", "digits", "mnist")
    images = gzip.open(os.path.join(d, "t10k-images-idx3-ubyte.gz")).read()[16:]
    labels = gzip.open(os.path.join(d, "t10k-labels-idx1-ubyte.gz")).read()[8:]
    x = torch.frombuffer(bytearray(images), dtype=torch.uint8).float().div(255).reshape(10000, 1, 28, 28)
    y = torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()
    return x[:8000], y[:8000]


def models():
    mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    cnn = nn.Sequential(nn.Conv2d(1, 30, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(4320, 100), nn.ReLU(), nn.Linear(100, 10))
    return [("mlp_784_256_10_sgd_B64", mlp, torch.optim.SGD(mlp.parameters(), lr=0.1)),
            ("cnn_conv30x5_pool2_4320_100_10_adam_B64", cnn, torch.optim.Adam(cnn.parameters(), lr=1e-3))]


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x, y = load_digits()
    for name, model, opt in models():
        steps, elapsed, wall, b = 0, 0.0, 0.0, 0
        while elapsed < seconds:
            first = (b * BATCH) % (8000 - BATCH)
            xb, yb = x[first:first + BATCH], y[first:first + BATCH]
            b += 1
            start, start_wall = time.thread_time(), time.perf_counter()
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            elapsed += time.thread_time() - start
            wall += time.perf_counter() - start_wall
            steps += 1
        print("torch %s: CPU %.2f ms/step, %.0f images/s; wall %.2f ms/step (%d steps, loss %.3f)"
              % (name, 1000 * elapsed / steps, steps * BATCH / elapsed, 1000 * wall / steps, steps, loss.item()))


if __name__ == "__main__":
    main()
