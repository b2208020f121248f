// rnnlab inspect: a unit over a text (and its HTML, every character escaped), saliency and the ranking of a model
// saved by train text, against the library's own numbers; the refusals name the flag and the limit.
#include <doctest/doctest.h>

#include <string>

#include "cli/cli_runner.h"
#include "tasks/inspect_activations.h"
#include "tasks/inspect_saliency.h"
#include "tasks/state_dict.h"
#include "tasks/vocabulary.h"

using namespace rnnlab;
using testing::run_rnnlab;

namespace {

const std::string kLine = "<script>alert(\"x\")</script> & 'y' <b>bold</b>\n";

// A small text model trained for a few steps on kLine repeated; returns the model file's path.
std::string trained_model(const testing::TempDir& dir) {
  std::string corpus;
  for (int i = 0; i < 40; ++i) corpus += kLine;
  testing::write_file(dir.file("corpus.txt"), corpus);
  const std::string model = dir.file("m.json");
  const testing::CliResult r =
      run_rnnlab({"train", "text", "--corpus", dir.file("corpus.txt"), "--hidden", "8", "--layers", "2", "--embedding",
                  "4", "--seq-len", "8", "--batch", "2", "--iters", "5", "--save", model});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  return model;
}

}  // namespace

TEST_CASE("cli inspect --unit: the unit's value after each character, and an HTML file with the text escaped") {
  testing::TempDir dir;
  const std::string model = trained_model(dir);
  testing::write_file(dir.file("t.txt"), kLine);
  const testing::CliResult r = run_rnnlab({"inspect", "--model", model, "--text", dir.file("t.txt"), "--unit", "1:3",
                                           "--state", "c", "--html", dir.file("u.html")});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == 1 + kLine.size() + 1);
  CHECK(lines[0] == "c unit 3 of layer 1, after each character:");
  // The library's value for the same model and text.
  LoadedModel loaded = load_state_dict(testing::read_file(model));
  const Vocabulary v = Vocabulary::from_sorted_symbols(
      decode_utf8(json::require_string(loaded.task, "vocabulary", "task"), "task.vocabulary"));
  const Activations a = activations(InspectRun::of_tokens(*loaded.model, v.encode(decode_utf8(kLine, "t"), "t")));
  const int64_t T = a.steps, H = a.hidden;
  char expected[64];
  std::snprintf(expected, sizeof expected, "1\ts\t%.4f", a.c[static_cast<size_t>((1 * T + 1) * H + 3)]);
  CHECK(lines[2] == expected);
  CHECK(lines.back() == "Wrote " + dir.file("u.html"));
  const std::string html = testing::read_file(dir.file("u.html"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find(">&lt;</span><span") != std::string::npos);
  CHECK(html.find(">&quot;</span>") != std::string::npos);
  CHECK(html.find(">&amp;</span>") != std::string::npos);
  CHECK(html.find(">&#39;</span>") != std::string::npos);
}

TEST_CASE("cli inspect --saliency and --rank: the library's numbers as text") {
  testing::TempDir dir;
  const std::string model = trained_model(dir);
  testing::write_file(dir.file("t.txt"), kLine);
  const testing::CliResult r =
      run_rnnlab({"inspect", "--model", model, "--text", dir.file("t.txt"), "--saliency", "10"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  const std::vector<std::string> lines = r.lines();
  REQUIRE(lines.size() == 2 + 10);
  CHECK(lines[0] == "The prediction after 10 characters, of 'e' (U+0065) (the next character):");
  LoadedModel loaded = load_state_dict(testing::read_file(model));
  const Vocabulary v = Vocabulary::from_sorted_symbols(
      decode_utf8(json::require_string(loaded.task, "vocabulary", "task"), "task.vocabulary"));
  const InspectRun run = InspectRun::of_tokens(*loaded.model, v.encode(decode_utf8(kLine, "t"), "t"));
  InputGradientScratch scratch;
  const Saliency s = saliency(run, 10, scratch);
  char expected[64];
  std::snprintf(expected, sizeof expected, "9\tl\t%.6f\t", s.norms[9]);
  CHECK(lines[11].rfind(expected, 0) == 0);

  const testing::CliResult rank = run_rnnlab({"inspect", "--model", model, "--text", dir.file("t.txt"), "--rank"});
  REQUIRE_MESSAGE(rank.code == 0, rank.err);
  CHECK(rank.out.find("\nquote\t") != std::string::npos);
  CHECK(rank.out.find("\nbracket\t") != std::string::npos);
  CHECK(rank.out.find("layer 1 gate f\tleft ") != std::string::npos);
}

TEST_CASE("cli inspect: refusals name the flag and the limit") {
  testing::TempDir dir;
  const std::string model = trained_model(dir);
  testing::write_file(dir.file("long.txt"), std::string(2001, 'b'));
  testing::write_file(dir.file("huge.txt"), std::string(9000, 'b'));
  testing::write_file(dir.file("t.txt"), "bold");
  testing::write_file(dir.file("z.txt"), "bolz");
  const auto err = [&](std::vector<std::string> extra) {
    std::vector<std::string> words = {"inspect", "--model", model};
    words.insert(words.end(), extra.begin(), extra.end());
    const testing::CliResult r = run_rnnlab(words);
    CHECK(r.code == 2);
    return r.err;
  };
  CHECK(err({"--text", dir.file("long.txt"), "--rank"}).find("2001 characters, expected 1 to 2000") != std::string::npos);
  CHECK(err({"--text", dir.file("huge.txt"), "--rank"}).find("the limit for --text") != std::string::npos);
  CHECK(err({"--text", dir.file("z.txt"), "--rank"}).find("'z'") != std::string::npos);
  CHECK(err({"--text", dir.file("t.txt"), "--saliency", "5"}).find("--saliency") != std::string::npos);
  CHECK(err({"--text", dir.file("t.txt"), "--unit", "2:0"}).find("--unit: layer 2 is out of range, expected 0 to 1") !=
        std::string::npos);
  CHECK(err({"--text", dir.file("t.txt"), "--rank", "--unit", "0:0"}).find("exactly one of") != std::string::npos);
}
