// Numbers on the command line are plain decimal, and
// the optimizer settings the issue found blamed on the learning rate are refused naming the flag and its range.
#include <doctest/doctest.h>

#include "cli/cli_runner.h"

using namespace rnnlab;
using testing::check_accepted;
using testing::check_refused;
using testing::run_rnnlab;
using Words = std::vector<std::string>;

TEST_CASE("cli numbers: only plain decimal numbers; hex, a plus sign, inf and nan are refused with the range") {
  const std::string lr = "expected a finite number >= 0";
  for (const char* bad : {"0x10", "0X1p3", "+0.1", "inf", "-inf", "nan", "infinity", "1e", ".", "-", "1.2.3", "1e+", "0.1 ", "1_0"})
    check_refused({"train", "hello", "--lr", bad}, std::string("rnnlab: train hello: --lr: got '") + bad + "', " + lr);
  check_refused({"train", "sine", "--hidden", "+10"}, "rnnlab: train sine: --hidden: got '+10', expected an integer from 1 to 1024");
  check_refused({"train", "sine", "--hidden", "0x10"}, "rnnlab: train sine: --hidden: got '0x10', expected an integer from 1 to 1024");
  check_refused({"train", "sine", "--iters", "+5"}, "rnnlab: train sine: --iters: got '+5', expected an integer from 1 to 100000000");
  // What stays accepted: digits, a leading '-', a fraction, an exponent with or without its sign.
  for (const char* good : {"0.1", "1", "1.", ".5", "5e-2", "5E-2", "1e+0", "0.000", "05"})
    check_accepted({"train", "hello", "--epochs", "1", "--lr", good});
  check_accepted({"train", "hello", "--epochs", "010"});
}

TEST_CASE("cli numbers: eps 0 and absurd momentum, dampening or weight decay name their flag and range") {
  const Words run = {"train", "seq", "--input", "abc", "--target", "bca", "--hidden", "4"};
  auto with = [&](std::initializer_list<std::string> more) {
    Words w = run;
    w.insert(w.end(), more);
    return w;
  };
  check_refused(with({"--eps", "0"}), "rnnlab: train seq: --eps: got 0, expected a number > 0 for adam");
  check_refused(with({"--optim", "rmsprop", "--eps", "0"}), "rnnlab: train seq: --eps: got 0, expected a number > 0 for rmsprop");
  check_refused(with({"--optim", "sgd", "--momentum", "1e30"}),
                "rnnlab: train seq: --momentum: got '1e30', expected a number from 0 to 1000");
  check_refused(with({"--optim", "sgd", "--momentum", "0.9", "--dampening", "-1e38"}),
                "rnnlab: train seq: --dampening: got '-1e38', expected a number from -1000 to 1000");
  check_refused(with({"--weight-decay", "3e38"}), "rnnlab: train seq: --weight-decay: got '3e38', expected a number from 0 to 1000");
}
