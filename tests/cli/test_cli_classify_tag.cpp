// rnnlab train classify and train tag: the progress line "step N  loss X  held-out accuracy Y%", the closing line,
// the same run for the same seed, and refusals that name the flag (or the examples file) and the limit.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "cli/cli_runner.h"

using namespace rnnlab;
using testing::check_refused;
using testing::run_rnnlab;

namespace {

void check_progress(const testing::CliResult& r, int lines_expected) {
  REQUIRE_MESSAGE(r.code == 0, r.err);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == static_cast<size_t>(lines_expected));
  for (int k = 0; k + 1 < lines_expected; ++k) {
    const std::string& line = lines[static_cast<size_t>(k)];
    CAPTURE(line);
    CHECK(line.rfind("step " + std::to_string(10 * (k + 1)) + "  loss ", 0) == 0);
    const size_t acc = line.find("  held-out accuracy ");
    REQUIRE(acc != std::string::npos);
    CHECK(line.back() == '%');
    const double percent = std::atof(line.c_str() + acc + 20);
    CHECK((percent >= 0.0 && percent <= 100.0));
  }
}

}  // namespace

TEST_CASE("cli train classify: progress lines on the bundled surnames and on a file") {
  const std::vector<std::string> args{"train", "classify", "--iters", "20", "--every", "10", "--hidden", "8", "--seed", "2"};
  const testing::CliResult r = run_rnnlab(args);
  check_progress(r, 3);
  CHECK(r.lines()[2].find("5 classes (chance 20.0%), 240 training and 60 held-out examples") != std::string::npos);
  CHECK(run_rnnlab(args).lines()[1] == r.lines()[1]);  // the same seed, the same numbers

  const std::string path = "cli_classify_examples.json";
  std::ofstream(path) << R"({"classes": [{"name": "vowels", "examples": ["aei", "ou", "ia", "eo", "uu"]},
                                        {"name": "consonants", "examples": ["bcd", "fg", "hk", "lm", "np"]}]})";
  const testing::CliResult own = run_rnnlab({"train", "classify", "--examples", path, "--iters", "20", "--every", "10"});
  check_progress(own, 3);
  CHECK(own.lines()[2].find("2 classes (chance 50.0%), 8 training and 2 held-out examples") != std::string::npos);
  std::ofstream(path) << R"({"classes": [{"name": "only", "examples": ["a", "b"]}]})";
  check_refused({"train", "classify", "--examples", path},
                "rnnlab: train classify: --examples " + path + ": one class, expected 2 to 16");
  std::remove(path.c_str());
  // The padded readout needs a unidirectional layer: classify has no --bidirectional (the C++ refusal is in
  // tests/tasks/test_classify_task.cpp).
  check_refused({"train", "classify", "--bidirectional"}, "rnnlab: train classify: unknown flag --bidirectional (see --help)");
}

TEST_CASE("cli train tag: progress lines, unidirectional and bidirectional") {
  const testing::CliResult uni = run_rnnlab({"train", "tag", "--iters", "20", "--every", "10"});
  check_progress(uni, 3);
  CHECK(uni.lines()[2].find("(unidirectional); reading only the past, the best is 73.5%") != std::string::npos);
  const testing::CliResult bi = run_rnnlab({"train", "tag", "--bidirectional", "--iters", "20", "--every", "10"});
  check_progress(bi, 3);
  CHECK(bi.lines()[2].find("(bidirectional)") != std::string::npos);
  check_refused({"train", "tag", "--symbols", "1"},
                "rnnlab: train tag: --symbols: got '1', expected an integer from 2 to 64");
}
