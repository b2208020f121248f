// rnnlab train text and rnnlab sample: the progress lines, a saved model sampled back deterministically, and the
// refusals (no corpus, a corpus over 10 MB, both or neither of --iters and --time, bad sampling flags).
#include <doctest/doctest.h>

#include <string>

#include "cli/cli_runner.h"

using namespace rnnlab;
using testing::run_rnnlab;

namespace {

const std::string kCorpus = std::string(RNNLAB_SOURCE_DIR) + "/tests/fixtures/corpus_small.txt";
const std::vector<std::string> kSmall = {"--hidden", "32", "--layers", "1", "--embedding", "16", "--seq-len", "16",
                                         "--batch", "4"};

std::vector<std::string> train_args(std::vector<std::string> extra) {
  std::vector<std::string> args{"train", "text", "--corpus", kCorpus};
  args.insert(args.end(), kSmall.begin(), kSmall.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

}  // namespace

TEST_CASE("cli train text: a line every N steps with train, val, tokens/s; then sample the saved model") {
  testing::TempDir dir;
  const std::string model = dir.file("m.json");
  const testing::CliResult r = run_rnnlab(train_args({"--iters", "20", "--every", "10", "--save", model}));
  REQUIRE_MESSAGE(r.code == 0, r.err);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].rfind("step 10  train ", 0) == 0);
  CHECK(lines[0].find(" nats/char  ") != std::string::npos);
  CHECK(lines[0].find(" tokens/s") != std::string::npos);
  CHECK(lines[1].rfind("step 20  train ", 0) == 0);
  CHECK(lines[2].rfind("Trained 20 steps in ", 0) == 0);
  CHECK(lines[3] == "Saved the model to " + model);

  const testing::CliResult a = run_rnnlab({"sample", "--model", model, "--prime", "First", "--length", "30", "--seed", "2"});
  REQUIRE_MESSAGE(a.code == 0, a.err);
  CHECK(a.out.rfind("First", 0) == 0);
  CHECK(run_rnnlab({"sample", "--model", model, "--prime", "First", "--length", "30", "--seed", "2"}).out == a.out);
  CHECK(run_rnnlab({"sample", "--model", model, "--prime", "First", "--length", "30", "--seed", "3"}).out != a.out);

  const testing::CliResult bad = run_rnnlab({"sample", "--model", model, "--prime", "F\xE6\x97\xA5"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--prime: character '\xE6\x97\xA5' (U+65E5) at position 1 is not in the model's vocabulary") !=
        std::string::npos);
  CHECK(run_rnnlab({"sample", "--model", model, "--temperature", "0"}).err ==
        "rnnlab: sample: --temperature: got 0, expected a number in (0, 2]\n");
  CHECK(run_rnnlab({"sample", "--model", model, "--temperature", "3"}).code == 2);
  CHECK(run_rnnlab({"sample", "--model", model, "--top-k", "-1"}).code == 2);
}

TEST_CASE("cli train text: refusals name the flag and the limit") {
  testing::TempDir dir;
  CHECK(run_rnnlab({"train", "text", "--corpus", kCorpus}).err ==
        "rnnlab: train text: expected one of --iters N or --time SECONDS\n");
  CHECK(run_rnnlab({"train", "text", "--iters", "1"}).code == 2);
  const std::string big = dir.file("big.txt");
  testing::write_file(big, std::string(10'485'761, 'a'));
  const testing::CliResult r = run_rnnlab({"train", "text", "--corpus", big, "--iters", "1"});
  CHECK(r.code == 2);
  CHECK(r.err.find("larger than 10485760 bytes (10 MB)") != std::string::npos);
  const std::string one = dir.file("one.txt");
  testing::write_file(one, std::string(100, 'a'));
  CHECK(run_rnnlab({"train", "text", "--corpus", one, "--iters", "1"}).err ==
        "rnnlab: train text: --corpus " + one +
            ": one distinct character ('a' (U+0061)), expected at least 2: there is nothing to predict\n");
  CHECK(run_rnnlab({"train", "text", "--corpus", kCorpus, "--iters", "1", "--seq-len", "2000"}).err ==
        "rnnlab: train text: --seq-len: got '2000', expected an integer from 1 to 1024\n");
}
