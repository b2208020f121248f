"""Run the two seed programs in PyTorch and record reference numbers for rnnlab to match.

    /usr/bin/python3 scripts/seed_reference.py                 # both, writes tests/fixtures/seed_reference.json
    /usr/bin/python3 scripts/seed_reference.py --hello-only    # seconds; prints seed 0's training log too
    /usr/bin/python3 scripts/seed_reference.py --sine-seeds 0 1 --sine-iterations 6000

The programs are scripts/seed_programs.py's. Success for hello = the string predicted in epoch 15 is "ohlol", run
for torch.manual_seed(s), s = 0..99. Sine: 6000 iterations, each drawing start = np.random.randint(3); then
generation from the last x's first point and the last hidden state, feeding each prediction back for 59 steps;
gen_mse compares those to the last y (gen_mse_zero_hidden: the same from a zero hidden state, since the carried
state belongs to the end of a curve, not its start). torch.manual_seed(s) and np.random.seed(s) for each seed s.
One thread; ms_per_iter is the mean training CPU time (time.process_time) per iteration, so it still varies with
the load of the shared machine; every other number is deterministic.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tensor_json  # noqa: E402
from seed_programs import (hello_model, hello_train, sine_data, sine_generate, sine_model, sine_optimizer,  # noqa: E402
                           sine_step, sine_zero_hidden)

OUTPUT = os.path.join(HERE, "..", "tests", "fixtures", "seed_reference.json")


def hello_run(seed, verbose=False):
    """-> (predicted string at the last epoch, loss at the last epoch)."""
    torch.manual_seed(seed)
    history = hello_train(hello_model().rnn)
    if verbose:
        for epoch, (predicted, loss) in enumerate(history):
            print("Predicted string: %s, Epoch [%d/15] loss=%.4f" % (predicted, epoch + 1, loss))
    return history[-1]


def hello_reference(seeds=100):
    finals = [hello_run(seed, verbose=(seed == 0)) for seed in range(seeds)]
    losses = [loss for _, loss in finals]
    failed = [seed for seed, (predicted, _) in enumerate(finals) if predicted != "ohlol"]
    successes = seeds - len(failed)
    return {"seeds": seeds, "successes": successes, "rate": successes / seeds,
            "final_loss_mean": statistics.mean(losses), "final_loss_median": statistics.median(losses),
            "failed_seeds": failed, "failed_predictions": [finals[seed][0] for seed in failed]}


def sine_run(seed, iterations):
    torch.manual_seed(seed)
    np.random.seed(seed)
    model = sine_model()
    criterion = nn.MSELoss()
    optimizer = sine_optimizer(model)
    hidden = sine_zero_hidden()
    losses = []
    started = time.process_time()  # CPU time: the machine is shared, wall time is not ours
    for _ in range(iterations):
        x, y = sine_data(np.random.randint(3))
        loss, hidden = sine_step(model, optimizer, criterion, x, y, hidden)
        losses.append(loss.item())
    seconds = time.process_time() - started

    return {"train_mse_last": losses[-1], "train_mse_mean_last100": statistics.mean(losses[-100:]),
            "gen_mse": generation_mse(model, x, y, hidden),
            "gen_mse_zero_hidden": generation_mse(model, x, y, sine_zero_hidden()),
            "ms_per_iter": 1000.0 * seconds / iterations}


def generation_mse(model, x, y, hidden):
    """Feed the prediction back for 59 steps from x's first point; MSE against y (1, 59, 1)."""
    predictions = sine_generate(model, x, hidden)
    return float(np.mean((np.array(predictions) - y.view(-1).numpy().astype(np.float64)) ** 2))


def sine_reference(seeds, iterations):
    runs = []
    for seed in seeds:
        run = sine_run(seed, iterations)
        print("sine seed %d: train_mse_last %.3g, mean of last 100 %.3g, gen_mse %.3g (from zero hidden %.3g), "
              "%.2f ms/iter" % (seed, run["train_mse_last"], run["train_mse_mean_last100"], run["gen_mse"],
                                run["gen_mse_zero_hidden"], run["ms_per_iter"]))
        runs.append(run)
    return {"seeds": list(seeds), "iterations": iterations,
            "train_mse_last": [r["train_mse_last"] for r in runs],
            "train_mse_mean_last100": [r["train_mse_mean_last100"] for r in runs],
            "gen_mse": [r["gen_mse"] for r in runs],
            "gen_mse_zero_hidden": [r["gen_mse_zero_hidden"] for r in runs],
            "ms_per_iter": statistics.mean(r["ms_per_iter"] for r in runs),
            "ms_per_iter_each": [r["ms_per_iter"] for r in runs]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hello-only", action="store_true", help="skip the sine runs and write nothing")
    parser.add_argument("--sine-seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--sine-iterations", type=int, default=6000)
    parser.add_argument("-o", "--output", default=OUTPUT)
    args = parser.parse_args()
    torch.set_num_threads(1)

    hello = hello_reference()
    print("hello: %d/%d seeds predict ohlol at epoch 15; final loss mean %.4f, median %.4f"
          % (hello["successes"], hello["seeds"], hello["final_loss_mean"], hello["final_loss_median"]))
    if args.hello_only:
        return
    sine = sine_reference(args.sine_seeds, args.sine_iterations)
    tensor_json.write(args.output, {"torch_version": torch.__version__, "threads": 1, "hello": hello, "sine": sine})
    print("wrote %s" % os.path.relpath(args.output))


if __name__ == "__main__":
    main()
