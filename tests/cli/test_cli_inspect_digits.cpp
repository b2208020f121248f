// rnnlab inspect --image: a digits LSTM saved by train digits looks at the committed PNG of held-out digit 8000 as the
// library does (cli/digit_png.h, then InspectRun::of_rows): the unit after each row with the class then most likely,
// the 784 pixels' saliency of a chosen class and the rows' norms, the ranking over 200 held-out digits; the
// refusals (an MLP has no rows, a text model takes no image, --class without --image) name what is wrong; an MLP's
// saliency is the library's image_saliency.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "cli/cli_runner.h"
#include "cli/digit_png.h"
#include "tasks/inspect_activations.h"
#include "tasks/inspect_image.h"
#include "tasks/inspect_saliency.h"
#include "tasks/state_dict.h"

using namespace rnnlab;
using testing::run_rnnlab;

namespace {
const std::string kPng = std::string(RNNLAB_SOURCE_DIR) + "/tests/fixtures/digits/mnist_8000_label_4.png";

std::string trained_digits_model(const testing::TempDir& dir, const std::string& kind) {
  const std::string model = dir.file(kind + ".json");
  const testing::CliResult r = run_rnnlab({"train", "digits", "--model", kind, "--hidden", "8", "--images", "200",
                                           "--epochs", "1", "--save", model});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  return model;
}
}  // namespace

TEST_CASE("cli inspect --image: a digits LSTM's unit after each row, the pixels' saliency, the ranking") {
  testing::TempDir dir;
  const std::string model = trained_digits_model(dir, "lstm");
  LoadedModel loaded = load_state_dict(testing::read_file(model));
  const std::vector<float> pixels = cli::read_digit_png(kPng, "--image");
  const InspectRun run = InspectRun::of_rows(*loaded.model, pixels);

  const testing::CliResult u = run_rnnlab({"inspect", "--model", model, "--image", kPng, "--unit", "0:5", "--state", "c"});
  REQUIRE_MESSAGE(u.code == 0, u.err);
  const std::vector<std::string> lines = u.lines();
  REQUIRE(lines.size() == 29);
  CHECK(lines[0] == "c unit 5 of layer 0, after each row (row, its ink, the value, the class then most likely):");
  const Activations a = activations(run);
  double ink = 0.0;
  for (int x = 0; x < 28; ++x) ink += pixels[static_cast<size_t>(14 * 28 + x)];
  char expected[96];
  std::snprintf(expected, sizeof expected, "14\t%.2f\t%.4f\t", ink, a.c[static_cast<size_t>(14 * 8 + 5)]);
  CHECK(lines[15].rfind(expected, 0) == 0);

  const testing::CliResult s = run_rnnlab({"inspect", "--model", model, "--image", kPng, "--saliency", "28", "--class", "2"});
  REQUIRE_MESSAGE(s.code == 0, s.err);
  const std::vector<std::string> out = s.lines();
  REQUIRE(out.size() == 2 + 28 + 1 + 28);
  CHECK(out[0] == "The prediction after row 28, of 2 (asked for):");
  InputGradientScratch scratch;
  const Saliency lib = saliency(run, 28, scratch, 2);
  // Row 14 of the printed map, every pixel to the printed 3 significant digits.
  const std::string& row = out[2 + 14];
  size_t at = 0;
  for (int x = 0; x < 28; ++x) {
    const size_t next = row.find(' ', at);
    const double printed = std::stod(row.substr(at, next == std::string::npos ? std::string::npos : next - at));
    CAPTURE(x);
    CHECK(printed == doctest::Approx(lib.input_gradient[static_cast<size_t>(14 * 28 + x)]).epsilon(6e-3));
    at = next + 1;
  }
  std::snprintf(expected, sizeof expected, "27\t%.6f\t", lib.norms[27]);
  CHECK(out.back().rfind(expected, 0) == 0);

  const testing::CliResult r = run_rnnlab({"inspect", "--model", model, "--image", kPng, "--rank"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.out.find("Units that track each feature of the rows (Pearson r over 5600 rows of the first 200 held-out digits):\n") == 0);
  for (const char* feature : {"\nink\t", "\nrow\t", "\nstrokes\t", "\ncentre\t", "\nsinceInk\t", "\nlayer 0 gate f\t"})
    CHECK(r.out.find(feature) != std::string::npos);
}

TEST_CASE("cli inspect --image: refusals name what does not apply") {
  testing::TempDir dir;
  const std::string mlp = trained_digits_model(dir, "mlp");
  const testing::CliResult m = run_rnnlab({"inspect", "--model", mlp, "--image", kPng, "--rank"});
  CHECK(m.code != 0);
  CHECK(m.err.find("the mlp model reads the whole image at once: it has no rows to look inside") != std::string::npos);
  const testing::CliResult row = run_rnnlab({"inspect", "--model", mlp, "--image", kPng, "--saliency", "5"});
  CHECK(row.err.find("--saliency: the mlp model reads the whole image at once; expected 28 (its answer)") != std::string::npos);
  // Its saliency: the library's image_saliency, printed as the recurrent models' is.
  const testing::CliResult s = run_rnnlab({"inspect", "--model", mlp, "--image", kPng, "--saliency", "28", "--class", "4"});
  REQUIRE_MESSAGE(s.code == 0, s.err);
  LoadedModel loaded = load_state_dict(testing::read_file(mlp));
  const ImageSaliency lib = image_saliency(*loaded.model, cli::read_digit_png(kPng, "--image"), 4);
  const std::vector<std::string> out = s.lines();
  REQUIRE(out.size() == 2 + 28 + 1 + 28);
  CHECK(out[0] == "The prediction after row 28, of 4 (asked for):");
  char first[24];
  std::snprintf(first, sizeof first, "%+.2e ", lib.pixels[14 * 28]);
  CHECK(out[2 + 14].rfind(first, 0) == 0);
  const std::string lstm = trained_digits_model(dir, "lstm");
  const testing::CliResult c = run_rnnlab({"inspect", "--model", lstm, "--image", kPng, "--saliency", "28", "--class", "10"});
  CHECK(c.code != 0);
  CHECK(c.err.find("--class") != std::string::npos);
  testing::write_file(dir.file("t.txt"), "abc");
  const testing::CliResult t = run_rnnlab({"inspect", "--model", lstm, "--text", dir.file("t.txt"), "--image", kPng, "--rank"});
  CHECK(t.err.find("expected one of --text and --image") != std::string::npos);
}
