// Every way to call rnnlab wrongly: exit status 2, nothing on stdout, one line on stderr naming the flag or field.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "cli/cli_runner.h"
#include "support/replace_once.h"
#include "tasks/config_schema.h"

using namespace rnnlab;
using testing::replace_once;
using testing::check_refused;
using testing::run_rnnlab;
using Words = std::vector<std::string>;

TEST_CASE("cli errors: commands and flags") {
  check_refused({}, "rnnlab: missing command, expected train, predict, sample or forward (see rnnlab --help)");
  check_refused({"tran"}, "rnnlab: unknown command 'tran', expected train, predict, sample or forward (see rnnlab --help)");
  check_refused({"train"}, "rnnlab: train: missing task, expected hello, seq, sine, text, remember or digits (see rnnlab train --help)");
  check_refused({"train", "cosine"}, "rnnlab: train: unknown task 'cosine', expected hello, seq, sine, text, remember or digits");
  check_refused({"train", "hello", "--epoch", "3"}, "rnnlab: train hello: unknown flag --epoch (see --help)");
  check_refused({"train", "hello", "3"}, "rnnlab: train hello: unexpected argument '3', expected flags (see --help)");
  check_refused({"train", "hello", "--epochs"}, "rnnlab: train hello: --epochs needs a value (N)");
  check_refused({"train", "seq", "--input", "--target", "abc"}, "rnnlab: train seq: --input needs a value (TEXT)");
  check_refused({"train", "hello", "--seed", "1", "--seed", "2"}, "rnnlab: train hello: --seed given twice");
  check_refused({"train", "hello", "--jsonl=yes"}, "rnnlab: train hello: --jsonl takes no value, got 'yes'");
  check_refused({"train", "seq", "--target", "abc"}, "rnnlab: train seq: --input is required (TEXT)");
  check_refused({"predict"}, "rnnlab: predict: --model is required (FILE)");
  check_refused({"forward", "--model", "m.json"}, "rnnlab: forward: --input is required (FILE)");
}

TEST_CASE("cli errors: numbers, ranges and choices") {
  check_refused({"train", "hello", "--epochs", "ten"}, "rnnlab: train hello: --epochs: got 'ten', expected an integer from 1 to 10000000");
  check_refused({"train", "hello", "--epochs", "0"}, "rnnlab: train hello: --epochs: got '0', expected an integer from 1 to 10000000");
  check_refused({"train", "hello", "--epochs", "1e3"}, "rnnlab: train hello: --epochs: got '1e3', expected an integer from 1 to 10000000");
  check_refused({"train", "hello", "--epochs", " 5"}, "rnnlab: train hello: --epochs: got ' 5', expected an integer from 1 to 10000000");
  check_refused({"train", "hello", "--seed", "-1"}, "rnnlab: train hello: --seed: got '-1', expected an integer from 0 to 9007199254740991");
  check_refused({"train", "hello", "--seed", "99999999999999999999"},
                "rnnlab: train hello: --seed: got '99999999999999999999', expected an integer from 0 to 9007199254740991");
  check_refused({"train", "hello", "--lr", "fast"}, "rnnlab: train hello: --lr: got 'fast', expected a finite number >= 0");
  check_refused({"train", "sine", "--lr=-0.1"}, "rnnlab: train sine: --lr: got '-0.1', expected a finite number >= 0");
  check_refused({"train", "sine", "--lr", "inf"}, "rnnlab: train sine: --lr: got 'inf', expected a finite number >= 0");
  check_refused({"train", "sine", "--iters", "0"}, "rnnlab: train sine: --iters: got '0', expected an integer from 1 to 100000000");
  check_refused({"train", "sine", "--hidden", "2000"}, "rnnlab: train sine: --hidden: got '2000', expected an integer from 1 to 1024");
  check_refused({"train", "sine", "--layers", "9"}, "rnnlab: train sine: --layers: got '9', expected an integer from 1 to 8");
  check_refused({"train", "sine", "--dropout", "1"}, "rnnlab: train sine: --dropout: got '1', expected a number in [0, 1)");
  check_refused({"train", "sine", "--clip", "-1"}, "rnnlab: train sine: --clip: got '-1', expected a finite number >= 0 (0 turns clipping off)");
  check_refused({"train", "sine", "--cell", "transformer"}, "rnnlab: train sine: --cell: got 'transformer', expected rnn, lstm or gru");
  check_refused({"train", "sine", "--optim", "lbfgs"}, "rnnlab: train sine: --optim: got 'lbfgs', expected adam, sgd or rmsprop");
  check_refused({"train", "sine", "--progress", "dots"}, "rnnlab: train sine: --progress: got 'dots', expected auto, bar or lines");
  check_refused({"train", "sine", "--beta2", "1"}, "rnnlab: train sine: --beta2: got '1', expected a number in [0, 1)");
  check_refused({"train", "seq", "--input", "ab", "--target", "ba", "--arch", "stack"},
                "rnnlab: train seq: --arch: got 'stack', expected cell or layer");
}

TEST_CASE("cli errors: every optimizer number, the text limit and the choices (docs/robustness.md)") {
  check_refused({"train", "sine", "--eps", "-1"}, "rnnlab: train sine: --eps: got '-1', expected a finite number >= 0");
  check_refused({"train", "sine", "--weight-decay", "-1"},
                "rnnlab: train sine: --weight-decay: got '-1', expected a number from 0 to 1000");
  check_refused({"train", "sine", "--optim", "rmsprop", "--alpha", "nan"},
                "rnnlab: train sine: --alpha: got 'nan', expected a finite number >= 0");
  check_refused({"train", "sine", "--optim", "sgd", "--dampening", "x"},
                "rnnlab: train sine: --dampening: got 'x', expected a number from -1000 to 1000");
  check_refused({"train", "sine", "--beta1", "-0.1"}, "rnnlab: train sine: --beta1: got '-0.1', expected a number in [0, 1)");
  check_refused({"train", "hello", "--lr", "1e39"}, "rnnlab: train hello: --lr: got '1e39', expected a finite number >= 0");
  check_refused({"train", "sine", "--nonlinearity", "sigmoid"},
                "rnnlab: train sine: --nonlinearity: got 'sigmoid', expected tanh or relu");
  check_refused({"train", "seq", "--input", std::string(1001, 'a'), "--target", std::string(1001, 'b')},
                "rnnlab: train seq: --input: 1001 characters, the limit is 1000");
}

TEST_CASE("cli errors: configs the trainer refuses name the flag") {
  const Words seq = {"train", "seq", "--input", "abc", "--target", "cab"};
  auto with = [&](std::initializer_list<std::string> more) {
    Words w = seq;
    w.insert(w.end(), more);
    return w;
  };
  check_refused({"train", "seq", "--input", "abc", "--target", "abcd"},
                "rnnlab: train seq: input and target must have the same length: input has 3 characters, target has 4");
  check_refused({"train", "seq", "--input", "", "--target", ""},
                "rnnlab: train seq: --input: empty, expected 1 to 1000 characters");
  check_refused(with({"--arch", "cell", "--hidden", "5"}),
                "rnnlab: train seq: --hidden: got 5; arch \"cell\" uses the hidden state as the logits, so it must "
                "equal the vocabulary size 3 (or 0)");
  check_refused(with({"--arch", "cell", "--layers", "2"}),
                "rnnlab: train seq: --layers: got 2, a single cell (lstm_cell) has 1");
  check_refused(with({"--cell", "gru", "--nonlinearity", "relu"}),
                "rnnlab: train seq: --nonlinearity: got \"relu\", expected tanh (relu exists for rnn only)");
  check_refused(with({"--optim", "sgd", "--nesterov"}),
                "rnnlab: train seq: --nesterov: got true with momentum 0 and dampening 0, expected momentum > 0 and "
                "dampening 0");
  check_refused(with({"--optim", "sgd", "--beta1", "0.5"}), "rnnlab: train seq: --beta1 applies to adam, not to --optim sgd");
  check_refused(with({"--momentum", "0.9"}), "rnnlab: train seq: --momentum applies to sgd and rmsprop, not to --optim adam");
  check_refused(with({"--optim", "adam", "--centered"}), "rnnlab: train seq: --centered applies to rmsprop, not to --optim adam");
  check_refused(with({"--arch", "layer", "--cell", "lstm", "--hidden", "1024", "--layers", "8", "--bidirectional"}),
                "rnnlab: train seq: memory: a lstm with hidden size 1024, 8 layers, bidirectional, 3 inputs and 3 "
                "steps needs about 3791.5 MB, over the budget of 128.0 MB for one model; lower the hidden size, the "
                "number of layers or the sequence length");
}

TEST_CASE("cli errors: files that cannot be read, written or understood") {
  testing::TempDir dir;
  const std::string good = testing::interop_fixture("gru1_bf_head.model.json");
  const std::string input = testing::interop_fixture("gru1_bf_head.input.json");
  const std::string model_text = testing::read_file(good);

  check_refused({"forward", "--model", dir.file("none.json"), "--input", input},
                "rnnlab: forward: --model " + dir.file("none.json") + ": cannot read (No such file or directory)");
  check_refused({"forward", "--model", dir.file(""), "--input", input},
                "rnnlab: forward: --model " + dir.file("") + ": is a directory, expected a file");

  const std::string corrupt = dir.file("corrupt.json");
  testing::write_file(corrupt, model_text.substr(0, 200));
  check_refused({"forward", "--model", corrupt, "--input", input},
                "rnnlab: forward: --model " + corrupt + ": JSON parse error at line 11, column 7: unexpected end of input inside string");

  const std::string bad_shape = dir.file("bad_shape.json");
  testing::write_file(bad_shape, replace_once(model_text, R"("rnn.weight_hh_l0": {"shape": [12, 4])",
                                              R"("rnn.weight_hh_l0": {"shape": [4, 12])"));
  check_refused({"forward", "--model", bad_shape, "--input", input},
                "rnnlab: forward: --model " + bad_shape + ": tensors.rnn.weight_hh_l0: shape [4, 12], expected [12, 4]");

  const std::string bad_input = dir.file("bad_input.json");
  testing::write_file(bad_input, [] {
    std::string data;
    for (int i = 0; i < 48; ++i) data += (i ? ",0" : "0");
    return R"({"shape": [2, 6, 4], "data": [)" + data + "]}";
  }());
  const testing::CliResult wrong = run_rnnlab({"forward", "--model", good, "--input", bad_input});
  CHECK(wrong.code == 2);
  CHECK(wrong.out.empty());
  CHECK(wrong.err.rfind("rnnlab: forward: --input " + bad_input + ": GRU: ", 0) == 0);
  CHECK(wrong.err.find("4") != std::string::npos);
  CHECK(std::count(wrong.err.begin(), wrong.err.end(), '\n') == 1);

  const std::string not_tensor = dir.file("not_tensor.json");
  testing::write_file(not_tensor, R"({"shape": [2, 6, 3], "data": [1, 2]})");
  check_refused({"forward", "--model", good, "--input", not_tensor},
                "rnnlab: forward: --input " + not_tensor + ": tensor.data: got 2 numbers, expected 36 for shape [2, 6, 3]");

  // predict needs the task a model was trained for.
  check_refused({"predict", "--model", good, "--input", "abc"},
                "rnnlab: predict: --model " + good + ": no \"task\" in the file (a model from torch?); predict needs "
                "the task a model was trained for, forward runs any model on a tensor");
  const std::string odd_task = dir.file("odd_task.json");
  testing::write_file(odd_task, replace_once(model_text, "\"tensors\"", "\"task\": {\"kind\": \"music\"}, \"tensors\""));
  check_refused({"predict", "--model", odd_task}, "rnnlab: predict: --model " + odd_task + ": task.kind: got \"music\", expected seq, sine or digits");

  const std::string seq_model = dir.file("seq.json"), sine_model = dir.file("sine.json");
  REQUIRE(run_rnnlab({"train", "hello", "--epochs", "1", "--save", seq_model}).code == 0);
  REQUIRE(run_rnnlab({"train", "sine", "--iters", "1", "--save", sine_model}).code == 0);
  check_refused({"predict", "--model", seq_model, "--input", "hello", "--points", "5"},
                "rnnlab: predict: --points applies to sine models, and " + seq_model + " is a seq model");
  check_refused({"predict", "--model", seq_model}, "rnnlab: predict: --input is required (TEXT)");
  check_refused({"predict", "--model", seq_model, "--input", ""}, "rnnlab: predict: --input: 0 characters, expected 1 to 1000");
  check_refused({"predict", "--model", sine_model, "--input", "hello"},
                "rnnlab: predict: --input applies to seq models, and " + sine_model + " is a sine model");
  check_refused({"predict", "--model", sine_model, "--points", "0"},
                "rnnlab: predict: --points: got '0', expected an integer from 1 to 100000");
  check_refused({"predict", "--model", sine_model, "--start", "1e7"},
                "rnnlab: predict: --start: got '1e7', expected a number from -1e6 to 1e6");
  // A seq model whose vocabulary does not fit its sizes.
  const std::string bad_vocab = dir.file("bad_vocab.json");
  testing::write_file(bad_vocab, replace_once(testing::read_file(seq_model), "\"vocabulary\":\"ehlo\"", "\"vocabulary\":\"ehlox\""));
  check_refused({"predict", "--model", bad_vocab, "--input", "hello"},
                "rnnlab: predict: --model " + bad_vocab + ": config: the model maps 4 inputs to 4 outputs; a seq "
                "model over task.vocabulary's 5 characters maps them to as many, time-major");

  // Outputs that cannot be written are refused before training.
  const std::string no_dir = dir.file("missing/model.json");
  check_refused({"train", "hello", "--save", no_dir},
                "rnnlab: train hello: --save " + no_dir + ": cannot write (No such file or directory)");
  check_refused({"train", "sine", "--csv", dir.file("")},
                "rnnlab: train sine: --csv " + dir.file("") + ": is a directory, expected a file name");
}

TEST_CASE("cli --help: on rnnlab and on every command, exit status 0 on stdout") {
  for (const Words& w : {Words{"--help"}, Words{"-h"}, Words{"train", "--help"}, Words{"train", "hello", "--help"},
                         Words{"train", "seq", "--help"}, Words{"train", "sine", "-h"}, Words{"predict", "--help"},
                         Words{"forward", "--help"}, Words{"train", "seq", "--bogus", "--help"}}) {
    CAPTURE(w.back());
    const testing::CliResult r = run_rnnlab(w);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind("usage: rnnlab", 0) == 0);
  }
  const std::string seq_help = run_rnnlab({"train", "seq", "--help"}).out;
  for (const char* flag : {"--input TEXT", "--target TEXT", "--epochs N", "--arch cell|layer", "--cell rnn|lstm|gru",
                           "--hidden N", "--layers N", "--bidirectional", "--dropout P", "--optim adam|sgd|rmsprop",
                           "--lr X", "--momentum X", "--clip X", "--seed N", "--save FILE", "--jsonl", "--help"})
    CHECK_MESSAGE(seq_help.find(flag) != std::string::npos, flag);
  CHECK(run_rnnlab({"train", "sine", "--help"}).out.find("--csv FILE") != std::string::npos);
  CHECK(run_rnnlab({"train", "hello", "--help"}).out.find("--lr X") != std::string::npos);
  CHECK(run_rnnlab({"train", "hello", "--help"}).out.find("(default 0.1)") != std::string::npos);
}

TEST_CASE("cli: the train commands' flags are the config schema's keys, no more and no fewer") {
  std::set<std::string> flags;
  for (const char* task : {"seq", "sine", "text", "remember", "digits"}) {
    std::istringstream help(run_rnnlab({"train", task, "--help"}).out);
    for (std::string line; std::getline(help, line);)
      if (line.rfind("  --", 0) == 0) flags.insert(line.substr(2, line.find_first_of(" \t", 2) - 2));
  }
  for (const char* own : {"--epochs", "--iters", "--time", "--every", "--config", "--save", "--jsonl", "--csv", "--progress",
                          "--data-dir", "--images", "--help"})
    flags.erase(own);  // the commands' run settings, not config keys
  std::set<std::string> keys;
  for (const ConfigKey& k : config_schema())
    if (!k.flag.empty()) keys.insert("--" + std::string(k.flag));
  CHECK(flags == keys);
}
