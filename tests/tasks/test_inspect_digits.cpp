// The inspector over digits (tasks/inspect_run.h's of_rows, inspect_saliency.h with a class, inspect_digits.h):
// pixel saliency of a small digits model against central finite differences of its own forward (LSTM; a two-layer
// bidirectional GRU; RNN), for the predicted class and another; activations and per-row outputs equal to what
// classify_digit's forward traced; the row features of a hand-drawn image; a planted unit that tracks the ink in
// the row ranked first for "ink" over real MNIST images; gate saturation over images laid end to end.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/rng.h"
#include "io/labelled_images.h"
#include "tasks/digits_data.h"
#include "tasks/digits_task.h"
#include "tasks/inspect_digits.h"
#include "tasks/inspect_image.h"
#include "tasks/inspect_ranking.h"
#include "tasks/inspect_saliency.h"
#include "tasks/inspect_saturation.h"
#include "tasks/inspect_topk.h"

using namespace rnnlab;

namespace {

ModelConfig digits_model(const std::string& kind, int64_t hidden, int64_t layers, bool bidirectional) {
  ModelConfig m;
  m.kind = kind;
  m.input_size = 28;
  m.hidden_size = hidden;
  m.num_layers = layers;
  m.bidirectional = bidirectional;
  m.head_out = 10;
  return m;
}

// A seeded image: a soft vertical stroke and noise, pixels in [0, 1].
std::vector<float> test_image(uint64_t seed) {
  Rng rng(seed);
  std::vector<float> pixels(784);
  for (int64_t r = 0; r < 28; ++r)
    for (int64_t x = 0; x < 28; ++x)
      pixels[static_cast<size_t>(r * 28 + x)] =
          std::clamp((r > 4 && r < 24 && std::abs(x - 12 - r / 6) < 2 ? 0.9f : 0.0f) + 0.1f * rng.uniform(0.0f, 1.0f), 0.0f, 1.0f);
  return pixels;
}

// log softmax(logits after the last row)[target], in double for the differences.
double objective(SequenceModel& model, const std::vector<float>& pixels, int32_t target) {
  Tape tape;
  const Tensor x(Shape{28, 1, 28}, pixels);
  const Tensor& logits = model.forward(tape, tape.constant(x)).output.value();  // (28, 1, 10)
  const float* z = logits.data() + 27 * 10;
  double top = -1e300, sum = 0.0;
  for (int j = 0; j < 10; ++j) top = std::max(top, double(z[j]));
  for (int j = 0; j < 10; ++j) sum += std::exp(double(z[j]) - top);
  return double(z[target]) - top - std::log(sum);
}

void check_pixels_against_differences(SequenceModel& model, const std::vector<float>& pixels, int32_t target) {
  InspectRun run = InspectRun::of_rows(model, pixels);
  REQUIRE(run.steps() == 28);
  REQUIRE(run.input_size() == 28);
  InputGradientScratch scratch;
  const Saliency s = saliency(run, 28, scratch, target);
  if (target < 0) {
    const float* z = run.output().data() + 27 * 10;
    CHECK(s.target == static_cast<int32_t>(std::max_element(z, z + 10) - z));
  } else {
    CHECK(s.target == target);
  }
  REQUIRE(s.input_size == 28);
  REQUIRE(s.input_gradient.size() == 784);
  REQUIRE(s.norms.size() == 28);
  const float eps = 1e-2f;
  for (int64_t r = 0; r < 28; ++r) {
    double norm = 0.0;
    for (int64_t x = 0; x < 28; ++x) {
      std::vector<float> plus = pixels, minus = pixels;
      const size_t i = static_cast<size_t>(r * 28 + x);
      plus[i] += eps, minus[i] -= eps;
      const double fd = (objective(model, plus, s.target) - objective(model, minus, s.target)) / (2.0 * eps);
      CAPTURE(r);
      CAPTURE(x);
      CHECK(s.input_gradient[i] == doctest::Approx(fd).epsilon(2e-2).scale(0.02));
      norm += fd * fd;
    }
    CHECK(s.norms[static_cast<size_t>(r)] == doctest::Approx(std::sqrt(norm)).epsilon(2e-2).scale(0.02));
  }
}

const std::shared_ptr<const LabelledImages>& mnist() {
  static const std::shared_ptr<const LabelledImages> data =
      load_digits_images("mnist", std::string(RNNLAB_SOURCE_DIR) + "/data");
  return data;
}

std::vector<float> mnist_pixels(int64_t begin, int64_t n) {
  std::vector<float> out(static_cast<size_t>(n * 784));
  for (int64_t i = 0; i < n; ++i)
    for (int64_t p = 0; p < 784; ++p) out[static_cast<size_t>(i * 784 + p)] = mnist()->image(begin + i)[p] / 255.0f;
  return out;
}

}  // namespace

TEST_CASE("digits saliency: d log p(class) / d pixel for all 784 pixels equals finite differences") {
  for (const auto& [kind, layers, bidirectional] :
       {std::tuple{"lstm", 1, false}, std::tuple{"gru", 2, true}, std::tuple{"rnn", 1, false}}) {
    CAPTURE(kind);
    Rng rng(7);
    SequenceModel model(digits_model(kind, 5, layers, bidirectional), rng);
    const std::vector<float> pixels = test_image(3);
    SUBCASE("the predicted class") { check_pixels_against_differences(model, pixels, -1); }
    SUBCASE("another class, asked for") { check_pixels_against_differences(model, pixels, 6); }
  }
}

TEST_CASE("digits saliency: a class out of range and pixels that are not whole rows are refused by name") {
  Rng rng(1);
  SequenceModel model(digits_model("lstm", 4, 1, false), rng);
  const std::vector<float> pixels = test_image(1);
  InspectRun run = InspectRun::of_rows(model, pixels);
  InputGradientScratch scratch;
  CHECK_THROWS_WITH(saliency(run, 28, scratch, 10), doctest::Contains("class: got 10, expected -1 (the rule) or 0 to 9"));
  CHECK_THROWS_WITH(InspectRun::of_rows(model, std::span<const float>(pixels).first(783)),
                    doctest::Contains("pixels: got 783 values, expected whole rows of 28"));
}

TEST_CASE("digits activations: h, c, gates and the per-row classes equal classify_digit's forward") {
  for (const auto& [kind, bidirectional] : {std::pair{"lstm", true}, std::pair{"gru", false}}) {
    CAPTURE(kind);
    Rng rng(11);
    SequenceModel model(digits_model(kind, 6, 2, bidirectional), rng);
    const std::vector<float> pixels = test_image(5);
    Tape tape;
    const DigitClassification c = classify_digit(model, pixels, tape);
    InspectRun run = InspectRun::of_rows(model, pixels);
    const Activations a = activations(run);
    const int64_t H = 6, S = static_cast<int64_t>(c.layers.size());
    REQUIRE(a.slots == S);
    REQUIRE(a.steps == 28);
    for (int64_t s = 0; s < S; ++s) {
      const LayerTrace& tr = c.layers[static_cast<size_t>(s)];
      for (int64_t t = 0; t < 28; ++t)
        for (int64_t u = 0; u < H; ++u) {
          CHECK(a.h[static_cast<size_t>((s * 28 + t) * H + u)] == tr.h->data()[tr.h_row(t) * H + u]);
          if (tr.c) CHECK(a.c[static_cast<size_t>((s * 28 + t) * H + u)] == tr.c->data()[tr.h_row(t) * H + u]);
        }
      for (int64_t i = 0; i < 28 * a.gate_width(); ++i)
        CHECK(a.gates[static_cast<size_t>(s * 28 * a.gate_width() + i)] == tr.gates->data()[i]);
    }
    // The top class after every row: classify_digit's per-row softmax.
    const TopK top = topk(run, 5);
    for (int64_t t = 0; t < 28; ++t) {
      const float* p = c.per_row.data() + t * 10;
      CHECK(top.classes[static_cast<size_t>(t * 5)] == static_cast<int32_t>(std::max_element(p, p + 10) - p));
      CHECK(top.probabilities[static_cast<size_t>(t * 5)] == doctest::Approx(*std::max_element(p, p + 10)).epsilon(1e-5));
    }
    CHECK(top.classes[27 * 5] == c.predicted);
  }
}

TEST_CASE("digit row features: ink, row, strokes, centre and rows since the first ink of a drawn image") {
  std::vector<float> image(784, 0.0f);
  for (int64_t x = 4; x < 8; ++x) image[static_cast<size_t>(3 * 28 + x)] = 1.0f;   // row 3: one stroke, columns 4..7
  image[static_cast<size_t>(5 * 28 + 2)] = 1.0f, image[static_cast<size_t>(5 * 28 + 20)] = 0.5f;  // row 5: two
  image[static_cast<size_t>(6 * 28 + 9)] = 0.25f;                                   // row 6: faint, not a stroke
  const std::vector<TextFeature> f = digit_row_features(image);
  REQUIRE(f.size() == 5);
  const auto at = [&](int i, int row) { return f[static_cast<size_t>(i)].values[static_cast<size_t>(row)]; };
  CHECK(f[0].name == "ink");
  CHECK(at(0, 3) == 4.0f);
  CHECK(at(0, 5) == 1.5f);
  CHECK(at(0, 0) == 0.0f);
  CHECK(f[1].name == "row");
  CHECK(at(1, 27) == 27.0f);
  CHECK(f[2].name == "strokes");
  CHECK(at(2, 3) == 1.0f);
  CHECK(at(2, 5) == 2.0f);
  CHECK(at(2, 6) == 0.0f);
  CHECK(f[3].name == "centre");
  CHECK(at(3, 3) == doctest::Approx(5.5));
  CHECK(at(3, 5) == doctest::Approx((2.0 + 0.5 * 20.0) / 1.5));
  CHECK(at(3, 0) == 13.5f);
  CHECK(f[4].name == "sinceInk");
  CHECK(at(4, 2) == 0.0f);
  CHECK(at(4, 3) == 0.0f);
  CHECK(at(4, 4) == 1.0f);
  CHECK(at(4, 27) == 24.0f);
}

TEST_CASE("digit unit ranking: a planted unit that tracks the ink in the row ranks first for ink over MNIST images") {
  // An RNN (tanh) of 4 units: unit 2 reads the row's ink, h_2 = tanh(0.03 * ink), and forgets the rows before it
  // (no recurrence); the other units are the seeded init. r(h_2, ink) is near 1.
  Rng rng(4);
  SequenceModel model(digits_model("rnn", 4, 1, false), rng);
  Tensor& w_ih = model.find_parameter("rnn.weight_ih_l0")->value;  // (4, 28)
  Tensor& w_hh = model.find_parameter("rnn.weight_hh_l0")->value;  // (4, 4)
  for (int64_t x = 0; x < 28; ++x) w_ih[2 * 28 + x] = 0.03f;
  for (int64_t j = 0; j < 4; ++j) w_hh[2 * 4 + j] = 0.0f;
  model.find_parameter("rnn.bias_ih_l0")->value[2] = 0.0f;
  model.find_parameter("rnn.bias_hh_l0")->value[2] = 0.0f;
  const std::vector<float> images = mnist_pixels(8000, 40);
  const Activations a = activations_of_images(model, images);
  REQUIRE(a.steps == 40 * 28);
  // Image 3's row 14 is step 3*28 + 14 of the run laid end to end, the same as that image run alone.
  const Activations alone = activations(InspectRun::of_rows(model, std::span<const float>(images).subspan(3 * 784, 784)));
  for (int64_t u = 0; u < 4; ++u) CHECK(a.h[static_cast<size_t>((3 * 28 + 14) * 4 + u)] == alone.h[static_cast<size_t>(14 * 4 + u)]);
  const std::vector<UnitCorrelation> ranked = rank_units(a, digit_row_features(images), 1);
  REQUIRE(!ranked.empty());
  CHECK(ranked[0].feature == "ink");
  CHECK(ranked[0].unit == 2);
  CHECK(ranked[0].kind == 'h');
  CHECK(ranked[0].correlation > 0.98f);
  CHECK_THROWS_WITH(activations_of_images(model, mnist_pixels(0, 201)), doctest::Contains("images: got 201, expected 1 to 200"));
}

TEST_CASE("digit gate saturation: over images laid end to end, the fractions of every gate unit's steps") {
  Rng rng(9);
  SequenceModel model(digits_model("lstm", 3, 1, false), rng);
  const std::vector<float> images = mnist_pixels(8000, 5);
  const Activations a = activations_of_images(model, images);
  const std::vector<GateSaturation> g = gate_saturation(a);
  REQUIRE(g.size() == 3);  // i, f, o
  // Counted by hand from the gates of the 140 steps: the input gate (block 0) of unit 1.
  int left = 0, right = 0;
  for (int64_t t = 0; t < a.steps; ++t) {
    const float v = a.gates[static_cast<size_t>(t * a.gate_width() + 1)];
    left += v < kLeftSaturated, right += v > kRightSaturated;
  }
  CHECK(g[0].gate == "i");
  CHECK(g[0].left[1] == doctest::Approx(left / 140.0));
  CHECK(g[0].right[1] == doctest::Approx(right / 140.0));
}

namespace {

// log softmax(an image model's logits)[target], in double for the differences.
double image_objective(SequenceModel& model, const std::vector<float>& pixels, int32_t target) {
  Tape tape;
  const Tensor& z = model.forward_images(tape, tape.constant(Tensor(Shape{1, 1, 28, 28}, pixels))).output.value();
  double top = -1e300, sum = 0.0;
  for (int j = 0; j < 10; ++j) top = std::max(top, double(z[j]));
  for (int j = 0; j < 10; ++j) sum += std::exp(double(z[j]) - top);
  return double(z[target]) - top - std::log(sum);
}

}  // namespace

TEST_CASE("image saliency (mlp, cnn): d log p(class) / d pixel equals finite differences; the gradients stay") {
  for (const std::string kind : {"mlp", "cnn"}) {
    CAPTURE(kind);
    ModelConfig m;
    m.kind = kind;
    m.image_side = 28;
    m.input_size = 784;
    m.head_out = 10;
    m.hidden_size = kind == "mlp" ? 32 : 20;
    if (kind == "cnn") m.channels = 4, m.kernel = 5;
    Rng rng(2);
    SequenceModel model(m, rng);
    for (Parameter* p : model.parameters())
      for (int64_t i = 0; i < p->grad.numel(); ++i) p->grad[i] = 0.25f;  // a step's gradients, to be left alone
    const std::vector<float> pixels = test_image(8);
    for (int32_t asked : {-1, 3}) {
      CAPTURE(asked);
      const ImageSaliency s = image_saliency(model, pixels, asked);
      REQUIRE(s.pixels.size() == 784);
      REQUIRE(s.row_norms.size() == 28);
      const int32_t predicted = static_cast<int32_t>(std::max_element(s.probabilities.begin(), s.probabilities.end()) - s.probabilities.begin());
      CHECK(s.target == (asked < 0 ? predicted : asked));
      // One-sided differences at eps on either side. Where they disagree the objective has a kink within eps of the
      // image (a ReLU or, in the CNN, a max-pool's choice switches): the gradient there is one of the two one-sided
      // derivatives (the side the op's tie rule takes). Such pixels are counted, and must be few.
      const int stride = kind == "mlp" ? 1 : 5;  // the CNN's forward is the slower: every 5th pixel
      // The CNN's max-pool ties are closer than the MLP's ReLU kinks: a smaller step (float32 noise ~2.5e-4 there).
      const float eps = kind == "mlp" ? 1e-2f : 1e-3f;
      const double noise = kind == "mlp" ? 2e-4 : 6e-4;
      const double f0 = image_objective(model, pixels, s.target);
      int checked = 0, kinks = 0;
      for (int64_t i = 0; i < 784; i += stride) {
        std::vector<float> plus = pixels, minus = pixels;
        plus[static_cast<size_t>(i)] += eps, minus[static_cast<size_t>(i)] -= eps;
        const double left = (f0 - image_objective(model, minus, s.target)) / eps;
        const double right = (image_objective(model, plus, s.target) - f0) / eps;
        const double g = s.pixels[static_cast<size_t>(i)];
        const auto near = [&](double fd) { return std::abs(g - fd) <= 0.05 * std::abs(fd) + noise; };
        CAPTURE(i);
        CAPTURE(left);
        CAPTURE(right);
        ++checked;
        if (std::abs(left - right) > 0.1 * std::max(std::abs(left), std::abs(right)) + noise) {
          ++kinks;
          CHECK((near(left) || near(right)));
          continue;
        }
        CHECK(near(0.5 * (left + right)));
      }
      CAPTURE(kinks);
      CAPTURE(checked);
      CHECK(kinks * 10 <= checked);
      double row = 0.0;
      for (int64_t x = 0; x < 28; ++x) row += double(s.pixels[static_cast<size_t>(14 * 28 + x)]) * s.pixels[static_cast<size_t>(14 * 28 + x)];
      CHECK(s.row_norms[14] == doctest::Approx(std::sqrt(row)).epsilon(1e-5));
    }
    for (Parameter* p : model.parameters())
      for (int64_t i = 0; i < p->grad.numel(); ++i) REQUIRE(p->grad[i] == 0.25f);
    CHECK_THROWS_WITH(image_saliency(model, pixels, 10), doctest::Contains("class: got 10, expected -1 (the most probable) or 0 to 9"));
  }
}
