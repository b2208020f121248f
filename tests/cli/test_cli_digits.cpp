// rnnlab train digits and rnnlab predict --image: the epoch lines, a saved MLP that classifies the committed PNG
// fixtures of held-out digit 8000 (a 4) as a 4 (and that forward runs it on images), and the refusals, each naming
// the flag and the limit.
#include <doctest/doctest.h>

#include <regex>

#include "cli/cli_runner.h"

using namespace rnnlab::testing;

namespace {
const std::string kFixtures = std::string(RNNLAB_SOURCE_DIR) + "/tests/fixtures/digits/";
}

TEST_CASE("cli: train digits prints one line per epoch; the saved MLP reads both PNGs of digit 8000 as a 4") {
  TempDir dir;
  const std::string model = dir.file("mlp.json");
  const CliResult r = run_rnnlab({"train", "digits", "--model", "mlp", "--optim", "sgd", "--lr", "0.1", "--epochs", "2",
                                  "--save", model});
  REQUIRE(r.code == 0);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() >= 2);
  const std::regex epoch(R"(epoch ([12])  loss [0-9.]+  held-out accuracy ([0-9.]+)%  [0-9.]+ s  \(cpu [0-9.]+ s\))");
  std::smatch m;
  REQUIRE(std::regex_match(lines[1], m, epoch));
  CHECK(m[1] == "2");
  CHECK(std::stod(m[2]) >= 88.0);  // 91.90% here
  for (const char* png : {"mnist_8000_label_4.png", "mnist_8000_label_4_x4_ink.png"}) {
    CAPTURE(png);
    const CliResult p = run_rnnlab({"predict", "--model", model, "--image", kFixtures + png});
    REQUIRE(p.code == 0);
    const std::vector<std::string> out = p.lines();
    REQUIRE(out.size() == 11);
    CHECK(out[0].rfind("4  (p = ", 0) == 0);
    CHECK(out[5].rfind("4  ", 0) == 0);
  }
  check_refused({"predict", "--model", model, "--image", dir.file("none.png")},
                "rnnlab: predict: --image " + dir.file("none.png") + ": cannot read (No such file or directory)");
  write_file(dir.file("bad.png"), "not a png");
  check_refused({"predict", "--model", model, "--image", dir.file("bad.png")},
                "rnnlab: predict: --image " + dir.file("bad.png") + ": not a PNG file (no PNG signature)");
  check_refused({"predict", "--model", model, "--input", "abc"},
                "rnnlab: predict: --input applies to seq and sine models, and " + model + " is a digits model");
  check_refused({"predict", "--model", model}, "rnnlab: predict: --image is required (FILE)");
  // forward runs the saved MLP on images (N, 1, 28, 28): logits (N, 10).
  write_file(dir.file("x.json"), "{\"shape\": [2, 1, 28, 28], \"data\": [" + [] {
    std::string zeros;
    for (int i = 0; i < 2 * 784; ++i) zeros += i ? ",0" : "0";
    return zeros;
  }() + "]}");
  const CliResult f = run_rnnlab({"forward", "--model", model, "--input", dir.file("x.json")});
  REQUIRE(f.code == 0);
  CHECK(f.out.rfind("{\"output\":{\"shape\":[2,10],", 0) == 0);
  CHECK(f.out.find("h_n") == std::string::npos);
  write_file(dir.file("rows.json"), "{\"shape\": [1, 28, 28], \"data\": [0" + [] {
    std::string zeros;
    for (int i = 1; i < 784; ++i) zeros += ",0";
    return zeros;
  }() + "]}");
  check_refused({"forward", "--model", model, "--input", dir.file("rows.json")},
                "rnnlab: forward: --input " + dir.file("rows.json") + ": shape [1, 28, 28], expected images (N, 1, 28, 28)");
}

TEST_CASE("cli: train digits refuses bad flags, naming each and its limit") {
  check_refused({"train", "digits", "--model", "tcn"}, "rnnlab: train digits: --model: got 'tcn', expected rnn, lstm, gru, mlp or cnn");
  check_refused({"train", "digits", "--data", "kmnist"}, "rnnlab: train digits: --data: got 'kmnist', expected mnist or fashion");
  check_refused({"train", "digits", "--batch", "0"}, "rnnlab: train digits: --batch: got '0', expected an integer from 1 to 256");
  check_refused({"train", "digits", "--epochs", "0"}, "rnnlab: train digits: --epochs: got '0', expected an integer from 1 to 100000");
  check_refused({"train", "digits", "--images", "9"}, "rnnlab: train digits: --images: got '9', expected an integer from 10 to 10000");
  check_refused({"train", "digits", "--layers", "3"}, "rnnlab: train digits: --layers: got 3, expected 1 or 2 for the digits task's lstm");
  const CliResult r = run_rnnlab({"train", "digits", "--data-dir", "/nonexistent"});
  CHECK(r.code == 2);
  CHECK(r.err.find("rnnlab: train digits: --data mnist: ") == 0);
  CHECK(r.err.find("/nonexistent/digits/mnist/t10k-images-idx3-ubyte.gz") != std::string::npos);
}
