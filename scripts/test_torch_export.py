"""The torch export reproduces rnnlab's runs: for every task and cell, each optimizer, clipping, dropout, tbptt, a
program exported by `rnnlab export torch` and run with `python3 train.py` prints the losses rnnlab's training
printed, step for step (the first 20, within 1e-4 relative).

    /usr/bin/python3 scripts/test_torch_export.py [--rnnlab build/release/rnnlab] [-k NAME] [-v]

Each case trains with the CLI (`rnnlab train ... --jsonl --save m.json`, the losses at %.9g), then exports the run
from the saved model (the config it records; the initial weights drawn again from its seed) or from the same
flags without a model, runs the program under this Python (Debian's python3-torch) and reads its log lines
(`... loss=X`, printed with every digit: the test calls main() with LOSS_FORMAT = "%.9g"; run as a user runs it,
the hello and sine programs print the seed's lines, loss=1.2345). Exit status 1 on any difference. Run by
scripts/test.sh.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(ROOT, "tests", "fixtures", "corpus_small.txt")
STEPS = 20
RELATIVE = 1e-4

SMALL_DIGITS = ["--images", "100", "--batch", "16"]
SMALL_TEXT = ["--corpus", CORPUS, "--seq-len", "12", "--batch", "3", "--hidden", "12", "--embedding", "6"]

# name, the train command's words (task first), how it exports: "model" (from the saved model), "flags" (the same
# flags, no model), "config" (a --config file of the same run), "page" (from the saved model as the page's button
# writes it: --data-beside, the program reading the data files the page offers from its own folder; the page's
# module writes the same program byte for byte, web/test/node/torch-export.test.js).
CASES = [
    ("hello (RNNCell, Adam)", ["hello"], "model"),
    ("seq LSTMCell, SGD momentum, clip", ["seq", "--input", "hello world", "--target", "world hello", "--arch", "cell",
                                          "--cell", "lstm", "--optim", "sgd", "--lr", "0.5", "--momentum", "0.9",
                                          "--clip", "1"], "model"),
    ("seq GRUCell, RMSprop", ["seq", "--input", "abcab", "--target", "bcabc", "--arch", "cell", "--cell", "gru",
                              "--optim", "rmsprop", "--lr", "0.02", "--momentum", "0.5", "--centered"], "flags"),
    ("seq RNN relu layer, nesterov, weight decay", ["seq", "--input", "hello", "--target", "ohlol", "--cell", "rnn",
                                                   "--nonlinearity", "relu", "--optim", "sgd", "--lr", "0.1",
                                                   "--momentum", "0.9", "--nesterov", "--weight-decay", "0.01"], "model"),
    ("seq bidirectional GRU, 2 layers, dropout, amsgrad", ["seq", "--input", "a cat sat", "--target", "sat a cat",
                                                           "--cell", "gru", "--layers", "2", "--bidirectional",
                                                           "--dropout", "0.3", "--amsgrad", "--clip", "0.5",
                                                           "--seed", "7"], "config"),
    ("sine RNN (the seed)", ["sine"], "model"),
    # RMSprop with clipping (docs/cli.md, "How close"): a run whose clipped gradients sit near eps amplifies
    # rounding; this one does not.
    ("sine LSTM, RMSprop, clip", ["sine", "--cell", "lstm", "--hidden", "8", "--optim", "rmsprop", "--lr", "0.01",
                                  "--clip", "0.5", "--seed", "3"], "flags"),
    ("sine GRU, 3 layers, dropout, SGD, clip", ["sine", "--cell", "gru", "--layers", "3", "--dropout", "0.2", "--optim",
                                                "sgd", "--lr", "0.05", "--clip", "0.5", "--points", "30", "--span",
                                                "6.5", "--starts", "5"], "model"),
    ("text LSTM + embedding (the preset's shape), clip", ["text"] + SMALL_TEXT, "model"),
    ("text GRU one-hot, tbptt, SGD", ["text"] + SMALL_TEXT[:-2] + ["--embedding", "0", "--cell", "gru", "--tbptt",
                                                                   "--optim", "sgd", "--lr", "0.3", "--layers", "1"],
     "flags"),
    ("text RNN, 2 layers, dropout, Adam weight decay", ["text"] + SMALL_TEXT + ["--cell", "rnn", "--dropout", "0.25",
                                                                                "--weight-decay", "0.001", "--seed", "5"],
     "model"),
    ("remember GRU, distance 3, clip", ["remember", "--cell", "gru", "--length", "12", "--distance", "3", "--symbols",
                                        "5", "--hidden", "10"], "model"),
    ("remember LSTM, 2 layers, dropout, RMSprop", ["remember", "--length", "8", "--layers", "2", "--dropout", "0.2",
                                                   "--hidden", "6", "--optim", "rmsprop", "--lr", "0.005",
                                                   "--seed", "9"], "flags"),
    ("classify LSTM, the bundled surnames (the preset)", ["classify"], "model"),
    ("classify GRU, typed UTF-8 examples, 2 layers, dropout", ["classify", "--examples", "examples.json", "--cell", "gru",
                                                               "--layers", "2", "--dropout", "0.2", "--hidden", "8",
                                                               "--optim", "sgd", "--lr", "0.5", "--clip", "0.5",
                                                               "--seed", "4"], "config"),
    ("tag LSTM, unidirectional (the preset)", ["tag"], "flags"),
    ("tag bidirectional GRU, 2 layers, dropout, RMSprop", ["tag", "--bidirectional", "--cell", "gru", "--layers", "2",
                                                           "--dropout", "0.2", "--length", "10", "--symbols", "5",
                                                           "--hidden", "8", "--optim", "rmsprop", "--lr", "0.005",
                                                           "--seed", "6"], "model"),
    # digits: the first 100 images (80 train) in batches of 16, 5 steps an epoch: 4 epochs, each shuffled afresh.
    ("digits MLP, SGD", ["digits", "--model", "mlp"] + SMALL_DIGITS + ["--optim", "sgd", "--lr", "0.1"], "model"),
    ("digits CNN, Adam", ["digits", "--model", "cnn"] + SMALL_DIGITS + ["--seed", "4"], "config"),
    ("digits LSTM by rows, clip", ["digits"] + SMALL_DIGITS + ["--hidden", "12", "--clip", "1"], "flags"),
    ("digits GRU by rows, 2 layers, bidirectional, dropout", ["digits", "--model", "gru"] + SMALL_DIGITS +
     ["--hidden", "8", "--layers", "2", "--bidirectional", "--dropout", "0.3", "--seed", "2"], "model"),
    # The page's runs: all 10,000 images in the page's batches of 64 (125 steps an epoch; the first 20 compared).
    ("digits LSTM, the page's program (MNIST beside it)", ["digits", "--epochs", "1"], "page"),
    ("digits MLP, the page's program (Fashion-MNIST beside it)", ["digits", "--data", "fashion", "--model", "mlp",
                                                                  "--optim", "sgd", "--lr", "0.1", "--epochs", "1"],
     "page"),
]

# Where each set's two files are here, and the names the page offers them under (the program's IMAGES_FILE and
# LABELS_FILE): src/io/labelled_images.cpp's image_dataset_files, src/export/torch_digits.cpp's digits_files_beside.
DIGITS_FILES = {"mnist": os.path.join(ROOT, "data", "digits", "mnist"), "fashion": "/usr/share/datasets/fashion-mnist"}
DIGITS_NAMES = ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]

# The classify cases' own classes (--examples examples.json, written in each case's directory): strings of different
# lengths, characters beyond ASCII.
EXAMPLES = {"classes": [
    {"name": "greeting", "examples": ["hello", "hi", "bonjour", "salut", "hallo", "hej", "ciao", "hola", "你好", "olá"]},
    {"name": "farewell", "examples": ["bye", "goodbye", "adieu", "au revoir", "tschüss", "ciao ciao", "adiós", "再见"]},
    {"name": "thanks", "examples": ["thanks", "thank you", "merci", "danke", "grazie", "gracias", "谢谢"]},
]}


def run(command, cwd, what):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("%s failed (%d): %s\n%s" % (what, done.returncode, " ".join(command), done.stderr[-2000:]))
    return done.stdout


def rnnlab_losses(rnnlab, words, cwd):
    """The first STEPS losses of rnnlab's run (a case that gives --epochs may train longer)."""
    task, flags = words[0], words[1:]
    length = [] if "--epochs" in flags else ["--epochs", str(STEPS // 5)] if task == "digits" else \
        ["--epochs" if task in ("hello", "seq") else "--iters", str(STEPS)]
    out = run([rnnlab, "train", task] + flags + length + ["--jsonl", "--save", "m.json"], cwd, "rnnlab train")
    return [json.loads(line)["loss"] for line in out.splitlines()][:STEPS]


def save_page_files(words, cwd):
    """The page's downloads: the set's two files beside the program, under the names the page gives them."""
    data = words[words.index("--data") + 1] if "--data" in words else "mnist"
    for name in DIGITS_NAMES:
        shutil.copyfile(os.path.join(DIGITS_FILES[data], name), os.path.join(cwd, data + "-" + name))


def export_words(words, how, cwd):
    task, flags = words[0], words[1:]
    corpus = []
    for own in ("--corpus", "--images"):  # the export takes the data as its own flags, the rest as the run's flags
        if own in flags:
            i = flags.index(own)
            corpus += flags[i:i + 2]
            flags = flags[:i] + flags[i + 2:]
    if how == "flags" and "--model" in flags:  # digits: the export's --model is the saved model; the kind comes from the run's config
        raise ValueError("a digits case with --model exports from the model or a config, not from flags")
    if how == "model":
        return ["--model", "m.json"] + corpus
    if how == "page":
        return ["--model", "m.json", "--data-beside", "--steps", str(STEPS)] + corpus
    if how == "flags":
        return ["--task", "seq" if task == "hello" else task] + flags + corpus + ["--steps", str(STEPS)]
    with open(os.path.join(cwd, "m.json")) as f:  # the config the saved model records, as a --config file
        config = json.load(f)["task"]["trainer"]
    with open(os.path.join(cwd, "c.json"), "w") as f:
        json.dump(config, f)
    return ["--config", "c.json"] + corpus + ["--steps", str(STEPS)]


# The program prints its losses as the seed does (LOSS_FORMAT, "%.4f"); the test runs its main() with every digit,
# from another folder (the page's digits program reads its data from its own folder, not the working directory).
FULL_DIGITS = "import sys; sys.path.insert(0, %r); import train; train.LOSS_FORMAT = '%%.9g'; train.main()"
SEED_LOG = re.compile(r"^(Predicted string: .*, Epoch|Iteration|Step) \[\d+/\d+\] loss=\d+\.(\d{4}|\d{6})$")


def program_losses(cwd):
    out = run([sys.executable, "-c", FULL_DIGITS % cwd], os.path.dirname(cwd), "python3 train.py (LOSS_FORMAT %.9g)")
    return [float(x) for x in re.findall(r"loss=(\S+)", out)], out


def check_seed_log(cwd):
    """`python3 train.py` as a user runs it prints the seed's lines (loss=1.2345); None, or what is wrong."""
    out = run([sys.executable, "train.py"], cwd, "python3 train.py")
    wrong = [line for line in out.splitlines() if not SEED_LOG.match(line)]
    return "not the seed's log: %r" % wrong[:3] if wrong or not out else None


def compare(expected, got):
    if len(got) != len(expected):
        return "%d losses printed, expected %d" % (len(got), len(expected))
    worst = max(abs(g - e) / max(abs(e), 1e-12) for g, e in zip(got, expected))
    if not worst <= RELATIVE or not all(math.isfinite(g) for g in got):
        rows = ["  step %2d  rnnlab %.9g  torch %.9g" % (i + 1, e, g) for i, (e, g) in enumerate(zip(expected, got))]
        return "largest relative difference %.3g > %g\n%s" % (worst, RELATIVE, "\n".join(rows))
    return None


def check_current_weights(rnnlab):
    """--weights current starts from the saved weights: after 5 epochs of seq (no randomness in its data), the
    program's first loss is the loss of rnnlab's 6th epoch, the forward pass of the weights saved after 5."""
    words = ["seq", "--input", "hello", "--target", "ohlol", "--cell", "gru"]
    with tempfile.TemporaryDirectory() as cwd:
        sixth = [json.loads(line)["loss"] for line in
                 run([rnnlab, "train"] + words + ["--epochs", "6", "--jsonl"], cwd, "rnnlab train").splitlines()][5]
        run([rnnlab, "train"] + words + ["--epochs", "5", "--save", "m.json"], cwd, "rnnlab train")
        program = run([rnnlab, "export", "torch", "--model", "m.json", "--weights", "current", "--steps", "1"], cwd,
                      "rnnlab export torch")
        with open(os.path.join(cwd, "train.py"), "w", encoding="utf-8") as f:
            f.write(program)
        got, _ = program_losses(cwd)
        problem = compare([sixth], got)
        print("%s  %-50s (export from model, --weights current)" % ("FAIL" if problem else "ok  ",
                                                                    "seq GRU layer, the saved weights"))
        if problem:
            print(problem)
        return 1 if problem else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rnnlab", default=os.path.join(ROOT, "build", "release", "rnnlab"))
    parser.add_argument("-k", default="", help="run only the cases whose name contains this")
    parser.add_argument("-v", action="store_true", help="print each program's log")
    args = parser.parse_args()
    rnnlab = os.path.abspath(args.rnnlab)
    failures = 0
    for name, words, how in CASES:
        if args.k not in name:
            continue
        with tempfile.TemporaryDirectory() as cwd:
            with open(os.path.join(cwd, "examples.json"), "w", encoding="utf-8") as f:
                json.dump(EXAMPLES, f, ensure_ascii=False)
            expected = rnnlab_losses(rnnlab, words, cwd)
            if how == "page":
                save_page_files(words, cwd)
            program = run([rnnlab, "export", "torch"] + export_words(words, how, cwd), cwd, "rnnlab export torch")
            with open(os.path.join(cwd, "train.py"), "w", encoding="utf-8") as f:
                f.write(program)
            got, log = program_losses(cwd)
            if args.v:
                print(log)
            problem = compare(expected, got) or (check_seed_log(cwd) if name.startswith(("hello", "sine RNN")) else None)
            worst = max(abs(g - e) / max(abs(e), 1e-12) for g, e in zip(got, expected)) if not problem else None
            print("%s  %-50s (export from %s)%s" % ("FAIL" if problem else "ok  ", name, how,
                                                     "" if problem else "  max rel diff %.2g" % worst))
            if problem:
                print(problem)
                failures += 1
    if args.k in "seq GRU layer, the saved weights (current)":
        failures += check_current_weights(rnnlab)
    if failures:
        print("%d case(s) failed" % failures)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
