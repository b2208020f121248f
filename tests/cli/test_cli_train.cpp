// rnnlab train hello / seq / sine: the lines they print, and that their numbers are the library's.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "cli/cli_runner.h"
#include "cli/iteration_log.h"
#include "tasks/seq_task.h"
#include "tasks/sine_task.h"
#include "tasks/trainer.h"

using namespace rnnlab;
using testing::run_rnnlab;

namespace {

// {"iteration":N,"loss":X} exactly: N decimal digits, X a number that reads back whole.
bool parse_jsonl_line(const std::string& line, long long& iteration, float& loss) {
  const std::string head = "{\"iteration\":", middle = ",\"loss\":";
  const size_t at = line.find(middle);
  if (line.rfind(head, 0) != 0 || line.back() != '}' || at == std::string::npos) return false;
  const std::string digits = line.substr(head.size(), at - head.size());
  const std::string number = line.substr(at + middle.size(), line.size() - 1 - at - middle.size());
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  if (number.empty() || number.find_first_not_of("-+.eE0123456789") != std::string::npos) return false;
  char* end = nullptr;
  loss = std::strtof(number.c_str(), &end);
  iteration = std::stoll(digits);
  return *end == '\0';
}

// The losses of a --jsonl run; every line must be exactly {"iteration":N,"loss":X} with N = 1, 2, ...
std::vector<float> jsonl_losses(const testing::CliResult& r) {
  std::vector<float> losses;
  for (const std::string& line : r.lines()) {
    long long iteration = 0;
    float loss = 0.0f;
    REQUIRE_MESSAGE(parse_jsonl_line(line, iteration, loss), "not a jsonl iteration line: ", line);
    CHECK(iteration == static_cast<long long>(losses.size()) + 1);
    losses.push_back(loss);
  }
  return losses;
}

std::vector<float> library_losses(const TrainerConfig& config, int steps) {
  Trainer trainer(config);
  std::vector<float> losses;
  for (int i = 0; i < steps; ++i) losses.push_back(trainer.step().loss);
  return losses;
}

// The number after `prefix` at the start of `line`.
double number_after(const std::string& line, const std::string& prefix) {
  REQUIRE_MESSAGE(line.rfind(prefix, 0) == 0, "expected a line starting with '", prefix, "', got: ", line);
  return std::strtod(line.c_str() + prefix.size(), nullptr);
}

TrainerConfig issue_seq_config() {
  TrainerConfig c = seq_layer_preset("hello world", "ello worldh");
  c.clip_norm = 5.0f;
  c.seed = 1;
  return c;
}

const std::vector<std::string> kIssueSeqCommand = {"train",  "seq",   "--input",  "hello world", "--target",
                                                   "ello worldh", "--cell", "lstm", "--hidden", "16",
                                                   "--layers", "1", "--epochs", "200", "--lr", "0.01",
                                                   "--optim", "adam", "--clip", "5", "--seed", "1"};

}  // namespace

TEST_CASE("cli train hello: the seed's line per epoch, for seed 0") {
  const testing::CliResult r = run_rnnlab({"train", "hello"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  // The numbers are rnnlab's (its generator, not torch's, draws the initial weights); the format is the seed's.
  CHECK(r.out ==
        "Predicted string: lllll, Epoch [1/15] loss=6.7950\n"
        "Predicted string: lllll, Epoch [2/15] loss=6.0723\n"
        "Predicted string: lllll, Epoch [3/15] loss=5.3851\n"
        "Predicted string: lhlll, Epoch [4/15] loss=4.8354\n"
        "Predicted string: ohlll, Epoch [5/15] loss=4.3763\n"
        "Predicted string: ohlll, Epoch [6/15] loss=4.0358\n"
        "Predicted string: ohlol, Epoch [7/15] loss=3.7031\n"
        "Predicted string: ohlol, Epoch [8/15] loss=3.4011\n"
        "Predicted string: ohlol, Epoch [9/15] loss=3.1684\n"
        "Predicted string: ohlol, Epoch [10/15] loss=2.9780\n"
        "Predicted string: ohlol, Epoch [11/15] loss=2.8124\n"
        "Predicted string: ohlol, Epoch [12/15] loss=2.6558\n"
        "Predicted string: ohlol, Epoch [13/15] loss=2.5072\n"
        "Predicted string: ohlol, Epoch [14/15] loss=2.3825\n"
        "Predicted string: ohlol, Epoch [15/15] loss=2.2813\n");
}

TEST_CASE("cli train hello: each line is the library's step: its prediction and loss") {
  const testing::CliResult r = run_rnnlab({"train", "hello", "--seed", "7", "--epochs", "6", "--lr", "0.05"});
  REQUIRE(r.code == 0);
  TrainerConfig config = hello_preset();
  config.seed = 7;
  config.optimizer.lr = 0.05f;
  Trainer trainer(config);
  std::string expected;
  for (int epoch = 1; epoch <= 6; ++epoch) {
    const StepResult s = trainer.step();
    expected += cli::epoch_line(trainer.task_as<SeqTask>().predicted_text(), epoch, 6, s.loss) + "\n";
  }
  CHECK(r.out == expected);
}

TEST_CASE("cli train: the same seed gives the same output, another seed another") {
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"train", "hello", "--seed", "3"},
        std::vector<std::string>{"train", "seq", "--input", "abcd", "--target", "bcda", "--cell", "gru", "--epochs", "30",
                                 "--seed", "3"},
        std::vector<std::string>{"train", "sine", "--iters", "50", "--jsonl", "--seed", "3"}}) {
    CAPTURE(command[1]);
    const testing::CliResult a = run_rnnlab(command), b = run_rnnlab(command);
    std::vector<std::string> other = command;
    other.back() = "4";
    const testing::CliResult c = run_rnnlab(other);
    REQUIRE(a.code == 0);
    CHECK(a.out == b.out);
    CHECK(a.out != c.out);
  }
}

TEST_CASE("cli train seq: the issue's general variant reaches its target, with about 20 lines") {
  const testing::CliResult r = run_rnnlab(kIssueSeqCommand);
  REQUIRE(r.code == 0);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == 21);
  for (int i = 0; i < 20; ++i)  // epochs 10, 20, ..., 200
    CHECK(lines[i].find(", Epoch [" + std::to_string(10 * (i + 1)) + "/200] loss=") != std::string::npos);
  CHECK(lines[19].rfind("Predicted string: ello worldh, Epoch [200/200] loss=", 0) == 0);
  CHECK(lines[20] == "Target reached: \"ello worldh\" (first predicted at epoch 36)");
}

TEST_CASE("cli train seq: the flags make the library's config; --jsonl losses are its losses exactly") {
  const testing::CliResult r = run_rnnlab([] {
    std::vector<std::string> words = kIssueSeqCommand;
    words.push_back("--jsonl");
    return words;
  }());
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  const std::vector<float> losses = jsonl_losses(r);
  const std::vector<float> expected = library_losses(issue_seq_config(), 200);
  REQUIRE(losses.size() == expected.size());
  for (size_t i = 0; i < losses.size(); ++i) CHECK(losses[i] == expected[i]);  // 9 digits: the same float32
}

TEST_CASE("cli train seq: other architectures and optimizers map to the library's config") {
  TrainerConfig c = seq_layer_preset("abcab", "bcabc");
  c.arch = "layer";
  c.cell = "rnn";
  c.nonlinearity = "relu";
  c.hidden_size = 6;
  c.num_layers = 2;
  c.bidirectional = true;
  c.dropout = 0.25f;
  c.optimizer.kind = "sgd";
  c.optimizer.lr = 0.2f;
  c.optimizer.momentum = 0.9f;
  c.optimizer.nesterov = true;
  c.optimizer.weight_decay = 0.01f;
  c.seed = 11;
  const testing::CliResult r =
      run_rnnlab({"train", "seq", "--input", "abcab", "--target", "bcabc", "--cell", "rnn", "--nonlinearity", "relu",
                  "--hidden", "6", "--layers", "2", "--bidirectional", "--dropout", "0.25", "--optim", "sgd", "--lr",
                  "0.2", "--momentum", "0.9", "--nesterov", "--weight-decay", "0.01", "--seed", "11", "--epochs", "25",
                  "--jsonl"});
  REQUIRE(r.code == 0);
  CHECK(jsonl_losses(r) == library_losses(c, 25));

  TrainerConfig cell = hello_preset();
  cell.input = "abcab";
  cell.target = "bcabc";
  cell.cell = "gru";
  cell.optimizer.kind = "rmsprop";
  cell.optimizer.lr = 0.01f;
  cell.optimizer.alpha = 0.9f;
  cell.optimizer.centered = true;
  cell.clip_norm = 1.0f;
  const testing::CliResult r2 =
      run_rnnlab({"train", "seq", "--input", "abcab", "--target", "bcabc", "--arch", "cell", "--cell", "gru", "--optim",
                  "rmsprop", "--lr", "0.01", "--alpha", "0.9", "--centered", "--clip", "1", "--epochs", "12", "--jsonl"});
  REQUIRE(r2.code == 0);
  CHECK(jsonl_losses(r2) == library_losses(cell, 12));
}

TEST_CASE("cli train seq: a run that misses the target says how far it is") {
  const testing::CliResult r =
      run_rnnlab({"train", "seq", "--input", "hello world", "--target", "ello worldh", "--epochs", "3"});
  REQUIRE(r.code == 0);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == 4);
  CHECK(lines[2].find("Epoch [3/3]") != std::string::npos);
  // Target not reached: predicted "<11 characters>" for "ello worldh" (<n> of 11 characters differ)
  const std::string head = "Target not reached: predicted \"";
  REQUIRE_MESSAGE(lines[3].rfind(head, 0) == 0, lines[3]);
  const std::string predicted = lines[3].substr(head.size(), 11);
  const std::string rest = lines[3].substr(head.size() + 11);
  const std::string middle = "\" for \"ello worldh\" (", tail = " of 11 characters differ)";
  REQUIRE_MESSAGE(rest.rfind(middle, 0) == 0, lines[3]);
  REQUIRE_MESSAGE(rest.size() > middle.size() + tail.size(), lines[3]);
  CHECK(rest.substr(rest.size() - tail.size()) == tail);
  const int differ = std::stoi(rest.substr(middle.size()));
  CHECK(lines[2].rfind("Predicted string: " + predicted + ", ", 0) == 0);  // the last epoch's prediction
  int expected_differ = 0;
  for (size_t i = 0; i < 11; ++i) expected_differ += predicted[i] != "ello worldh"[i];
  CHECK(differ == expected_differ);
  CHECK(differ >= 1);
}

TEST_CASE("cli train: more than 20 epochs print every ceil(epochs/20)-th and the last") {
  CHECK(cli::is_reported_epoch(1, 20));
  CHECK(cli::is_reported_epoch(20, 20));
  int count = 0;
  for (int e = 1; e <= 41; ++e) count += cli::is_reported_epoch(e, 41);
  CHECK(count == 14);  // 3, 6, ..., 39 and 41
  const testing::CliResult r = run_rnnlab({"train", "hello", "--epochs", "41"});
  REQUIRE(r.lines().size() == 14);
  CHECK(r.lines()[0].find("Epoch [3/41]") != std::string::npos);
  CHECK(r.lines()[13].find("Epoch [41/41]") != std::string::npos);
}

TEST_CASE("cli train: --jsonl prints exactly one object per iteration with 9 significant digits") {
  CHECK(cli::jsonl_line(1, 1.2345678f) == R"({"iteration":1,"loss":1.23456776})");
  CHECK(cli::jsonl_line(12, 0.000123456789f) == R"({"iteration":12,"loss":0.00012345679})");  // 1.23456790e-4
  CHECK(cli::jsonl_line(3, 2.0f) == R"({"iteration":3,"loss":2})");
  testing::TempDir dir;
  const testing::CliResult r = run_rnnlab({"train", "hello", "--jsonl", "--save", dir.file("m.json")});
  REQUIRE(r.code == 0);
  CHECK(jsonl_losses(r) == library_losses(hello_preset(), 15));  // and nothing else, not even "Saved ..."
  CHECK(r.lines().front() == R"({"iteration":1,"loss":6.79503918})");
}

TEST_CASE("cli train sine: a line per tenth, the training and generation MSE, and the CSV") {
  testing::TempDir dir;
  const std::string csv_path = dir.file("sine.csv");
  const testing::CliResult r = run_rnnlab({"train", "sine", "--iters", "300", "--seed", "2", "--csv", csv_path});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == 14);
  for (int k = 1; k <= 10; ++k)
    CHECK(lines[k - 1].rfind("Iteration [" + std::to_string(30 * k) + "/300] loss=", 0) == 0);
  CHECK(lines[10].rfind("Trained 300 iterations in ", 0) == 0);
  const double training_mse = number_after(lines[11], "Training MSE: ");
  CHECK(lines[11].find(" (mean loss of the last 100 iterations)") != std::string::npos);
  const double generation_mse = number_after(lines[12], "Generation MSE: ");
  CHECK(lines[12].find(" (59 points, each prediction fed back as the next input") != std::string::npos);
  CHECK(lines[13] == "Wrote " + csv_path + " (t,true,one_step,generation)");

  // The training MSE is the mean of the last 100 losses, which --jsonl prints.
  const std::vector<float> losses = jsonl_losses(run_rnnlab({"train", "sine", "--iters", "300", "--seed", "2", "--jsonl"}));
  REQUIRE(losses.size() == 300);
  double sum = 0.0;
  for (size_t i = 200; i < 300; ++i) sum += losses[i];
  CHECK(training_mse == doctest::Approx(sum / 100.0).epsilon(1e-5));
  // Each progress line shows that iteration's loss.
  CHECK(number_after(lines[9], "Iteration [300/300] loss=") == doctest::Approx(losses[299]).epsilon(1e-3));

  // The CSV: the last training sequence's 59 predicted points, at the training spacing from a start in {0, 1, 2}.
  std::istringstream csv(testing::read_file(csv_path));
  std::string row;
  std::getline(csv, row);
  CHECK(row == "t,true,one_step,generation");
  std::vector<std::array<double, 4>> rows;
  while (std::getline(csv, row)) {
    std::array<double, 4> v{};
    REQUIRE(std::sscanf(row.c_str(), "%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3]) == 4);
    rows.push_back(v);
  }
  REQUIRE(rows.size() == 59);
  const double step = 10.0 / 59.0, start = rows[0][0] - step;
  CHECK((std::abs(start) < 1e-6 || std::abs(start - 1.0) < 1e-6 || std::abs(start - 2.0) < 1e-6));
  double sq = 0.0, one_step_sq = 0.0;
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i][0] == doctest::Approx(start + step * double(i + 1)).epsilon(1e-8));
    CHECK(rows[i][1] == doctest::Approx(std::sin(rows[i][0])).epsilon(1e-6));
    sq += (rows[i][3] - rows[i][1]) * (rows[i][3] - rows[i][1]);
    one_step_sq += (rows[i][2] - rows[i][1]) * (rows[i][2] - rows[i][1]);
  }
  CHECK(generation_mse == doctest::Approx(sq / 59.0).epsilon(1e-5));
  CHECK(one_step_sq / 59.0 < 0.05);  // after 300 iterations the one-step predictions follow the curve
}

TEST_CASE("cli train sine: --jsonl losses are the library's exactly") {
  TrainerConfig c = sine_preset();
  c.cell = "lstm";
  c.hidden_size = 8;
  c.num_layers = 1;
  c.optimizer.lr = 0.01f;
  c.clip_norm = 1.0f;
  c.seed = 5;
  const testing::CliResult r = run_rnnlab({"train", "sine", "--iters", "40", "--cell", "lstm", "--hidden", "8",
                                           "--layers", "1", "--lr", "0.01", "--clip", "1", "--seed", "5", "--jsonl"});
  REQUIRE(r.code == 0);
  CHECK(jsonl_losses(r) == library_losses(c, 40));
}

TEST_CASE("cli train sine: on a terminal a bar redrawn in place") {
  const testing::CliResult r = run_rnnlab({"train", "sine", "--iters", "300"}, /*interactive=*/true);
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("\r[", 0) == 0);  // the first drawing, at iteration 1
  const size_t last = r.out.rfind('\r');
  const std::string final_bar = r.out.substr(last + 1, r.out.find('\n', last) - last - 1);
  CHECK(final_bar.rfind("[" + std::string(30, '#') + "] 100%  300/300  loss ", 0) == 0);
  CHECK(r.out.find("\nTrained 300 iterations in ") != std::string::npos);
  CHECK(r.out.find("Iteration [") == std::string::npos);
  // --progress lines asks for lines even on a terminal; --progress bar for a bar in a pipe.
  CHECK(run_rnnlab({"train", "sine", "--iters", "20", "--progress", "lines"}, true).out.find('\r') == std::string::npos);
  CHECK(run_rnnlab({"train", "sine", "--iters", "20", "--progress", "bar"}, false).out.rfind("\r[", 0) == 0);
}

TEST_CASE("cli train: a diverging run stops with exit status 1 and the trainer's message") {
  const testing::CliResult r = run_rnnlab({"train", "hello", "--lr", "1e30"});
  CHECK(r.code == 1);
  CHECK(r.lines().size() == 1);  // epoch 1 ran; epoch 2's gradient was not finite
  CHECK(r.err.rfind("rnnlab: train hello: the gradient norm became NaN at iteration 2, so training stopped", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("cli train --config: the file's config is the run's, flags given override it, a bad file names the flag") {
  testing::TempDir dir;
  const std::string file = dir.file("config.json");
  testing::write_file(file, R"({"task": "seq", "input": "abcab", "target": "bcabc", "arch": "layer", "cell": "gru",
                                "hidden": 6, "optim": "sgd", "lr": 0.3, "momentum": 0.5, "seed": 4})");
  TrainerConfig config = seq_layer_preset("abcab", "bcabc");
  config.cell = "gru";
  config.hidden_size = 6;
  config.optimizer.kind = "sgd";
  config.optimizer.lr = 0.3f;
  config.optimizer.momentum = 0.5f;
  config.seed = 4;
  testing::CliResult r = run_rnnlab({"train", "seq", "--config", file, "--epochs", "5", "--jsonl"});
  REQUIRE(r.code == 0);
  CHECK(jsonl_losses(r) == library_losses(config, 5));

  config.optimizer.lr = 0.05f;  // a flag on the line wins over the file
  config.hidden_size = 3;
  r = run_rnnlab({"train", "seq", "--config=" + file, "--lr", "0.05", "--hidden", "3", "--epochs", "5", "--jsonl"});
  REQUIRE(r.code == 0);
  CHECK(jsonl_losses(r) == library_losses(config, 5));

  testing::write_file(file, R"({"task": "sine", "hidden": 4})");
  TrainerConfig sine = sine_preset();
  sine.hidden_size = 4;
  r = run_rnnlab({"train", "sine", "--config", file, "--iters", "3", "--jsonl"});
  REQUIRE(r.code == 0);
  CHECK(jsonl_losses(r) == library_losses(sine, 3));

  r = run_rnnlab({"train", "seq", "--config", file});
  CHECK(r.code == 2);
  CHECK(r.err == "rnnlab: train seq: --config " + file +
                     ": task \"sine\" is not trained by this command (it trains \"seq\"); use rnnlab train sine\n");
  testing::write_file(file, R"({"task": "seq", "hiden": 4})");
  r = run_rnnlab({"train", "seq", "--config", file});
  CHECK(r.code == 2);
  CHECK(r.err.find("--config " + file + ": unknown config key \"hiden\"") != std::string::npos);
  r = run_rnnlab({"train", "seq", "--config", dir.file("missing.json")});
  CHECK(r.code == 2);
  CHECK(r.err.find("--config " + dir.file("missing.json") + ": cannot read") != std::string::npos);
}
