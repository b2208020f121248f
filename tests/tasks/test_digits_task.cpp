// The digits task (tasks/digits_task.h): accuracy floors after a fixed number of epochs with a fixed seed (the MLP
// on all of MNIST's 10,000 digits, a small LSTM and the CNN on subsets, to stay fast), the per-epoch shuffle, the
// held-out evaluation and its confusion matrix, classify() against the evaluation, a saved model that loads back
// with the same answers, torch's state_dict names, and every refusal naming its key and limit.
#include <doctest/doctest.h>

#include <chrono>

#include <cmath>
#include <numeric>
#include <string>

#include "io/labelled_images.h"
#include "tasks/config_schema.h"
#include "tasks/digits_data.h"
#include "tasks/digits_task.h"
#include "tasks/trainer.h"

using namespace rnnlab;

namespace {

const std::shared_ptr<const LabelledImages>& mnist() {
  static const std::shared_ptr<const LabelledImages> data =
      load_digits_images("mnist", std::string(RNNLAB_SOURCE_DIR) + "/data");
  return data;
}

std::shared_ptr<const LabelledImages> first_images(int64_t n) {
  return std::make_shared<const LabelledImages>(slice_images(*mnist(), 0, n));
}

TrainerConfig digits_config(const std::string& model, int64_t images) {
  TrainerConfig c = digits_preset();
  c.digits.model = model;
  c.digits_images = images >= mnist()->count ? mnist() : first_images(images);
  if (model == "mlp") c.optimizer.kind = "sgd", c.optimizer.lr = 0.1f;
  return c;
}

// Trains whole epochs; returns the held-out accuracy after each.
std::vector<double> train_epochs(Trainer& t, int64_t epochs) {
  DigitsTask& task = t.task_as<DigitsTask>();
  std::vector<double> out;
  for (int64_t e = 0; e < epochs; ++e) {
    for (int64_t s = 0; s < task.steps_per_epoch(); ++s) REQUIRE_FALSE(t.step().stopped);
    out.push_back(task.latest().accuracy);
  }
  return out;
}

std::string trainer_error(const TrainerConfig& c) {
  try {
    Trainer t(c);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

std::vector<float> scaled(const LabelledImages& d, int64_t i) {
  std::vector<float> pixels(kDigitPixels);
  for (int64_t p = 0; p < kDigitPixels; ++p) pixels[size_t(p)] = float(d.image(i)[p]) / 255.0f;
  return pixels;
}

}  // namespace

TEST_CASE("digits: the MLP (SGD 0.1, batch 64) passes 85% held out after one epoch of the 8,000 MNIST digits") {
  Trainer t(digits_config("mlp", 10000));
  DigitsTask& task = t.task_as<DigitsTask>();
  CHECK(task.train_count() == 8000);
  CHECK(task.held_out_count() == 2000);
  CHECK(task.steps_per_epoch() == 125);
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<double> acc = train_epochs(t, 1);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  MESSAGE("MLP, 1 epoch: held-out accuracy " << acc[0] << ", " << wall << " s");
  CHECK(acc[0] >= 0.85);
  // The confusion matrix counts every held-out image once, its diagonal the right answers.
  const DigitsEvaluation& e = task.latest();
  CHECK(std::accumulate(e.confusion.begin(), e.confusion.end(), 0) == 2000);
  int diagonal = 0;
  for (int k = 0; k < 10; ++k) diagonal += e.confusion[size_t(k * 11)];
  CHECK(diagonal == doctest::Approx(acc[0] * 2000).epsilon(1e-9));
  CHECK(e.misclassified.size() == std::min<size_t>(2000 - size_t(diagonal), size_t(kDigitsMisclassifiedKept)));
  for (size_t i = 0; i < e.misclassified.size(); ++i) {
    CHECK(e.misclassified[i] >= 8000);
    CHECK(e.misclassified_predicted[i] != mnist()->labels[size_t(e.misclassified[i])]);
  }
  CHECK(task.accuracy_per_epoch().size() == 1);
  CHECK(task.loss_per_epoch()[0] > 0.0f);
  // The epoch's seconds: its 125 steps and its evaluation, inside the wall time around them, and most of it (the
  // rest is the loop's own bookkeeping); a new model starts the list over.
  REQUIRE(task.seconds_per_epoch().size() == 1);
  MESSAGE("MLP epoch: " << task.seconds_per_epoch()[0] << " s of " << wall << " s wall");
  CHECK(task.seconds_per_epoch()[0] > 0.0f);
  CHECK(task.seconds_per_epoch()[0] <= wall);
  CHECK(task.seconds_per_epoch()[0] >= 0.5 * wall);
  task.forget();  // what the trainer's reset and load call
  CHECK(task.seconds_per_epoch().empty());
}

TEST_CASE("digits: an LSTM(28, 64) by rows passes 75% held out after three epochs of 3,200 digits") {
  TrainerConfig c = digits_config("lstm", 4000);
  c.hidden_size = 64;
  c.batch = 32;
  c.optimizer.lr = 1e-2f;
  Trainer t(c);
  const std::vector<double> acc = train_epochs(t, 3);  // 79.25% here
  MESSAGE("LSTM(28, 64), 3 epochs of 3,200: held-out accuracy " << acc[0] << ", " << acc[1] << ", " << acc[2]);
  CHECK(acc[2] >= 0.75);
}

TEST_CASE("digits: the CNN passes 80% held out after one epoch of 1,600 digits") {
  Trainer t(digits_config("cnn", 2000));
  const std::vector<double> acc = train_epochs(t, 1);
  MESSAGE("CNN, 1 epoch of 1,600: held-out accuracy " << acc[0]);
  CHECK(acc[0] >= 0.80);
}

// The page's settings per model (the schema's implied defaults of `model`), one epoch of the 8,000 each,
// seed 0: the first point of the curves docs/digits.md gives for them (the LSTM >= 96% from its fourth epoch on, the
// CNN 98.35% after six, the MLP 94.1% after two).
TEST_CASE("digits: the page's tuned settings pass their floors after one epoch of the 8,000 MNIST digits") {
  struct Case {
    const char* model;
    float lr, clip;
    int64_t batch;
    double floor;  // measured: MLP 91.65%, CNN 93.65%, LSTM 81.40% (release); the LSTM at Adam 5e-3 drifts with
                   // the order of sums: 75.6% in the ASan debug build, 77.95% in wasm (chance: 10%)
  };
  for (const Case& k : {Case{"mlp", 2e-3f, 0.0f, 64, 0.90}, Case{"cnn", 1e-3f, 0.0f, 32, 0.92}, Case{"lstm", 5e-3f, 1.0f, 64, 0.72}}) {
    CAPTURE(k.model);
    TrainerConfig c = digits_config(k.model, 10000);
    c.optimizer.kind = "adam";
    c.optimizer.lr = k.lr;
    c.clip_norm = k.clip;
    c.batch = k.batch;
    Trainer t(c);
    const std::vector<double> acc = train_epochs(t, 1);
    MESSAGE(std::string(k.model) << ", the page's settings, 1 epoch: held-out accuracy " << acc[0]);
    CHECK(acc[0] >= k.floor);
  }
}

TEST_CASE("digits: the same seed gives the same run; each epoch is a fresh order of every training image") {
  TrainerConfig c = digits_config("mlp", 200);  // 160 train: 3 batches of 64, 64, 32
  c.batch = 64;
  Trainer a(c), b(c);
  DigitsTask& task = a.task_as<DigitsTask>();
  CHECK(task.steps_per_epoch() == 3);
  std::vector<int64_t> epoch1, epoch2;
  for (int s = 0; s < 3; ++s) {
    CHECK(a.step().loss == b.step().loss);
    epoch1.insert(epoch1.end(), task.last_batch().begin(), task.last_batch().end());
  }
  CHECK(task.last_batch().size() == 32);  // the last batch of an epoch is what is left
  for (int s = 0; s < 3; ++s) {
    CHECK(a.step().loss == b.step().loss);
    epoch2.insert(epoch2.end(), task.last_batch().begin(), task.last_batch().end());
  }
  CHECK(epoch1 != epoch2);
  std::sort(epoch1.begin(), epoch1.end());
  std::sort(epoch2.begin(), epoch2.end());
  std::vector<int64_t> all(160);
  std::iota(all.begin(), all.end(), int64_t{0});
  CHECK(epoch1 == all);
  CHECK(epoch2 == all);
  CHECK(task.epoch() == 2);
  // inspect() draws the same batch the next step trains on and changes nothing.
  TrainerConfig other = c;
  other.seed = 7;
  Trainer d(other);
  const float inspected = d.inspect();
  CHECK(d.step().loss == inspected);
}

TEST_CASE("digits: classify() agrees with the held-out evaluation; per row ends in the answer") {
  for (const char* model : {"gru", "mlp", "cnn"}) {
    CAPTURE(model);
    TrainerConfig c = digits_config(model, 100);
    if (std::string(model) == "gru") c.hidden_size = 16, c.bidirectional = true;
    Trainer t(c);
    for (int s = 0; s < 3; ++s) t.step();
    DigitsTask& task = t.task_as<DigitsTask>();
    const DigitsEvaluation e = task.evaluate(t.model());
    Tape tape;
    int64_t hits = 0;
    for (int64_t i = 80; i < 100; ++i) {
      const DigitClassification r = task.classify(t.model(), scaled(*mnist(), i), tape);
      REQUIRE(r.probabilities.size() == 10);
      CHECK(std::accumulate(r.probabilities.begin(), r.probabilities.end(), 0.0f) == doctest::Approx(1.0f).epsilon(1e-5));
      hits += r.predicted == mnist()->labels[size_t(i)];
      if (task.recurrent()) {
        REQUIRE(r.per_row.shape() == Shape{28, 10});
        for (int64_t k = 0; k < 10; ++k) CHECK(r.per_row.data()[27 * 10 + k] == r.probabilities[size_t(k)]);
        CHECK(r.layers.size() == 2);  // forward and reverse
        CHECK(r.layers[0].x->shape() == Shape{28, 1, 28});
        CHECK(r.layers[0].x->data()[5 * 28 + 14] == float(mnist()->image(i)[5 * 28 + 14]) / 255.0f);  // row 5 is step 5
      } else {
        CHECK(r.per_row.numel() == 0);
        CHECK(r.layers.empty());
      }
    }
    CHECK(double(hits) / 20.0 == e.accuracy);
  }
}

TEST_CASE("digits: classify() refuses a wrong length or a value outside [0, 1], naming pixels") {
  Trainer t(digits_config("mlp", 100));
  DigitsTask& task = t.task_as<DigitsTask>();
  Tape tape;
  std::vector<float> pixels(783, 0.0f);
  CHECK_THROWS_WITH(task.classify(t.model(), pixels, tape), "pixels: 783 values, expected 784 (28 x 28, row-major)");
  pixels.resize(784);
  pixels[3] = 1.5f;
  CHECK_THROWS_WITH(task.classify(t.model(), pixels, tape), "pixels[3]: got 1.5, expected a number from 0 to 1");
  pixels[3] = NAN;
  CHECK_THROWS_WITH(task.classify(t.model(), pixels, tape), "pixels[3]: got nan, expected a number from 0 to 1");
}

TEST_CASE("digits: a saved model loads back with the same answers and torch's names") {
  for (const char* model : {"lstm", "mlp", "cnn"}) {
    CAPTURE(model);
    TrainerConfig c = digits_config(model, 100);
    c.hidden_size = 8;
    Trainer a(c);
    for (int s = 0; s < 2; ++s) a.step();
    const std::string saved = a.save();
    TrainerConfig fresh = c;
    fresh.seed = 99;
    Trainer b(fresh);
    b.load(saved);
    CHECK(b.iteration() == 2);
    CHECK(b.save().substr(0, 2000) == saved.substr(0, 2000));
    Tape ta, tb;
    const std::vector<float> pixels = scaled(*mnist(), 90);
    CHECK(a.task_as<DigitsTask>().classify(a.model(), pixels, ta).probabilities ==
          b.task_as<DigitsTask>().classify(b.model(), pixels, tb).probabilities);
    std::vector<std::string> names;
    for (const NamedParameter& p : b.model().named_parameters()) names.push_back(p.name);
    if (std::string(model) == "mlp") CHECK(names == std::vector<std::string>{"1.weight", "1.bias", "3.weight", "3.bias"});
    if (std::string(model) == "cnn")
      CHECK(names == std::vector<std::string>{"0.weight", "0.bias", "4.weight", "4.bias", "6.weight", "6.bias"});
    if (std::string(model) == "lstm") CHECK(names.front() == "rnn.weight_ih_l0");
    // A file of another model is refused, naming the way out, and nothing changes.
    TrainerConfig other = c;
    other.digits.model = std::string(model) == "mlp" ? "cnn" : "mlp";
    Trainer o(other);
    std::string refusal;
    try {
      o.load(saved);
    } catch (const std::exception& e) {
      refusal = e.what();
    }
    CHECK(refusal.find(std::string("config.kind: the file holds a ") + model) == 0);
    CHECK(o.model().config().kind == other.digits.model);
  }
}

TEST_CASE("digits: every new key's bad values are refused, naming the key and the limit") {
  TrainerConfig c = digits_config("lstm", 100);
  auto refused = [&](const char* key, ConfigValue value) {
    TrainerConfig copy = c;
    try {
      set_config_value(*find_config_key(key), copy, value);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused("model", std::string("tcn")) == "digits.model: got \"tcn\", expected rnn, lstm, gru, mlp or cnn");
  CHECK(refused("data", std::string("kmnist")) == "digits.data: got \"kmnist\", expected mnist or fashion");
  CHECK(refused("batch", 0.0) == "batch: got 0, expected 1 to 256");
  CHECK(refused("batch", 257.0) == "batch: got 257, expected 1 to 256");

  TrainerConfig bad = c;
  bad.num_layers = 3;
  CHECK(trainer_error(bad) == "num_layers: got 3, expected 1 or 2 for the digits task's lstm");
  bad = c;
  bad.nonlinearity = "relu";
  CHECK(trainer_error(bad) == "nonlinearity: got \"relu\", expected tanh (relu exists for rnn only)");
  bad = c;
  bad.digits.model = "cnn";
  bad.digits_images = nullptr;
  CHECK(trainer_error(bad).find("digits.data: the digits task has no images") == 0);
  bad = c;
  bad.digits_images = first_images(9);
  CHECK(trainer_error(bad) == "digits.images: 9 images, expected 10 to 70000");
}

TEST_CASE("digits: images as bytes are checked (count, lengths, labels) with the limit named") {
  std::vector<uint8_t> images(10 * 784, 0), labels(10, 3);
  CHECK(digits_images_from_bytes(images, labels)->count == 10);
  CHECK_THROWS_WITH(digits_images_from_bytes(std::span(images).first(783), labels),
                    "digits.images: 783 bytes, expected count * 784 = 7840 for 10 labels");
  CHECK_THROWS_WITH(digits_images_from_bytes(std::span(images).first(9 * 784), std::span(labels).first(9)),
                    "digits.labels: 9 labels, expected 10 to 70000 (one per image)");
  labels[7] = 12;
  CHECK_THROWS_WITH(digits_images_from_bytes(images, labels), "digits.labels[7]: got 12, expected 0 to 9");
}

TEST_CASE("digits: the view names its classes and shows the last batch's first image") {
  Trainer t(digits_config("mlp", 100));
  ViewData before = t.prediction();
  auto get = [](const ViewData& d, const std::string& name) -> const ViewData::Value& {
    for (const auto& [key, value] : d.fields)
      if (key == name) return value;
    FAIL("no field " << name);
    throw 0;
  };
  CHECK(std::get<double>(get(before, "label")) == -1.0);
  CHECK(std::get<double>(get(before, "heldOutAt")) == 0.0);  // the initial weights, evaluated once
  CHECK(std::get<std::string>(get(before, "classes")) == "0\n1\n2\n3\n4\n5\n6\n7\n8\n9");
  t.step();
  const ViewData after = t.prediction();
  const DigitsTask& task = t.task_as<DigitsTask>();
  const auto& image = std::get<std::vector<uint8_t>>(get(after, "image"));
  REQUIRE(image.size() == 784);
  CHECK(std::equal(image.begin(), image.end(), mnist()->image(task.last_batch()[0])));
  CHECK(std::get<double>(get(after, "label")) == mnist()->labels[size_t(task.last_batch()[0])]);
  CHECK(std::get<std::vector<int32_t>>(get(after, "confusion")).size() == 100);
}
