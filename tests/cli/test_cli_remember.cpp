// rnnlab train remember: the progress line "step N  loss X  held-out accuracy Y%  |dh_T/dh_1| Z", the same run
// for the same seed, and the refusals of each key (named as the flag, with the limit).
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "cli/cli_runner.h"

using namespace rnnlab;
using testing::check_refused;
using testing::run_rnnlab;

TEST_CASE("cli train remember: a line every N steps with loss, held-out accuracy and |dh_T/dh_1|") {
  const std::vector<std::string> args{"train", "remember", "--cell", "gru", "--length", "12", "--distance", "3",
                                      "--symbols", "4", "--hidden", "8", "--iters", "20", "--every", "10",
                                      "--seed", "3"};
  const testing::CliResult r = run_rnnlab(args);
  REQUIRE_MESSAGE(r.code == 0, r.err);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == 3);
  for (int k = 0; k < 2; ++k) {
    const std::string& line = lines[static_cast<size_t>(k)];
    CAPTURE(line);
    CHECK(line.rfind("step " + std::to_string(10 * (k + 1)) + "  loss ", 0) == 0);
    const size_t acc = line.find("  held-out accuracy ");
    const size_t grad = line.find("%  |dh_T/dh_1| ");
    REQUIRE(acc != std::string::npos);
    REQUIRE(grad != std::string::npos);
    const double percent = std::atof(line.c_str() + acc + 20);
    CHECK((percent >= 0.0 && percent <= 100.0));
    const double norm = std::atof(line.c_str() + grad + 15);
    CHECK((norm > 0.0 && norm < 1e3));  // a GRU of 8 units over 12 steps: a finite, nonzero Jacobian norm
  }
  CHECK(lines[2].rfind("Trained 20 steps in ", 0) == 0);
  CHECK(lines[2].find("chance is 25.0% (1 of 4 symbols)") != std::string::npos);
  // The same seed gives the same numbers (the timing aside).
  const testing::CliResult again = run_rnnlab(args);
  CHECK(again.lines()[0] == lines[0]);
  CHECK(again.lines()[1] == lines[1]);
}

TEST_CASE("cli train remember: refusals name the flag and the limit") {
  check_refused({"train", "remember", "--length", "0"},
                "rnnlab: train remember: --length: got '0', expected an integer from 2 to 200");
  check_refused({"train", "remember", "--length", "1000000"},
                "rnnlab: train remember: --length: got '1000000', expected an integer from 2 to 200");
  check_refused({"train", "remember", "--symbols", "1"},
                "rnnlab: train remember: --symbols: got '1', expected an integer from 2 to 64");
  check_refused({"train", "remember", "--length", "20", "--distance", "21"},
                "rnnlab: train remember: --distance: got 21 with length 20, expected 0 to 20 (at most the length; 0 "
                "means the first symbol)");
  check_refused({"train", "remember", "--arch", "cell"},
                "rnnlab: train remember: --arch: got \"cell\", the remember task needs layer (a recurrent layer and a "
                "Linear head)");
  check_refused({"train", "remember", "--iters", "0"},
                "rnnlab: train remember: --iters: got '0', expected an integer from 1 to 100000000");
}
