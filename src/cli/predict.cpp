// rnnlab predict: a saved model used on its task. A seq model reads a text and prints its prediction, one
// character per input character; a sine model generates a wave from one point, each prediction fed back; a digits
// model classifies a PNG image (read by io/png.h, made an MNIST digit by io/digit_image.h).
#include <cmath>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/digit_png.h"
#include "cli/files.h"
#include "cli/format.h"
#include "core/tape.h"
#include "io/digit_image.h"
#include "io/png.h"
#include "io/read_file.h"
#include "tasks/digits_data.h"
#include "tasks/digits_task.h"
#include "tasks/sine_data.h"
#include "tasks/trainer_config.h"
#include "tasks/vocabulary.h"

namespace rnnlab::cli {
namespace {

constexpr int64_t kMaxPoints = 100'000;
constexpr double kMaxStart = 1e6;

// The argmax of each step's outputs, as text.
std::string predict_text(SequenceModel& model, const Vocabulary& vocabulary, const std::vector<int32_t>& input) {
  Tape tape;
  const RecurrentOutput out = model.forward(tape, tape.constant(vocabulary.one_hot(input)));
  const Tensor& logits = out.output.value();  // (T, 1, V)
  const auto v = static_cast<int64_t>(vocabulary.size());
  std::vector<int32_t> best(input.size());
  for (size_t t = 0; t < input.size(); ++t) {
    Eigen::Index k = 0;
    logits.mat(static_cast<int64_t>(input.size()), v).row(static_cast<Eigen::Index>(t)).maxCoeff(&k);
    best[t] = static_cast<int32_t>(k);
  }
  return encode_utf8(vocabulary.decode(best));
}

int predict_seq(SequenceModel& model, const json::Value& task, const Args& args, const std::string& where,
                const Console& console) {
  for (const char* sine_only : {"points", "start"})
    if (args.has(sine_only))
      throw UsageError(std::string("--") + sine_only + " applies to sine models, and " + args.str("model") + " is a seq model");
  std::u32string symbols;
  try {
    symbols = decode_utf8(json::require_string(task, "vocabulary", "task"), "task.vocabulary");
  } catch (const std::exception& e) {
    throw UsageError(where + e.what());
  }
  const Vocabulary vocabulary = Vocabulary::from_texts({symbols});
  if (vocabulary.symbols() != symbols)
    throw UsageError(where + "task.vocabulary: expected distinct characters in sorted order");
  const ModelConfig& m = model.config();
  if (m.input_size != vocabulary.size() || m.output_size() != vocabulary.size() || m.batch_first)
    throw UsageError(where + "config: the model maps " + std::to_string(m.input_size) + " inputs to " +
                     std::to_string(m.output_size()) + " outputs" + (m.batch_first ? " batch-first" : "") +
                     "; a seq model over task.vocabulary's " + std::to_string(vocabulary.size()) +
                     " characters maps them to as many, time-major");

  const std::u32string text = decode_utf8(args.required("input"), "--input");
  if (text.empty() || static_cast<int64_t>(text.size()) > kMaxSequenceLength)
    throw UsageError("--input: " + std::to_string(text.size()) + " characters, expected 1 to " +
                     std::to_string(kMaxSequenceLength));
  console.out << predict_text(model, vocabulary, vocabulary.encode(text, "--input")) << '\n';
  return 0;
}

int predict_sine(SequenceModel& model, const Args& args, const std::string& where, const Console& console) {
  if (args.has("input")) throw UsageError("--input applies to seq models, and " + args.str("model") + " is a sine model");
  const ModelConfig& m = model.config();
  if (m.is_cell() || m.input_size != 1 || m.output_size() != 1 || !m.batch_first || m.bidirectional)
    throw UsageError(where + "config: a sine model is a forward, batch_first layer with input_size 1 and a head "
                     "with 1 output");
  const int64_t points = args.integer("points", 1, kMaxPoints);
  const double start = args.number("start", -kMaxStart, kMaxStart, "a number from -1e6 to 1e6");
  // The spacing the model was trained on: the default sine task's (the file does not record another).
  const SineSettings sine;
  const double step = sine.span / (sine.points - 1);
  const bool lstm = m.cell_kind() == CellKind::Lstm;

  Tensor x(Shape{1, 1, 1}), h(Shape{m.num_layers, 1, m.hidden_size}), c(h.shape());  // zero states
  x[0] = static_cast<float>(std::sin(start));
  console.out << "t,true,generation\n";
  Tape tape;
  for (int64_t k = 1; k <= points; ++k) {
    tape.clear();
    const RecurrentOutput o =
        model.forward(tape, tape.constant(x), tape.constant(h), lstm ? tape.constant(c) : Var{});
    x[0] = o.output.value()[0];
    h.assign(o.h_n.value());
    if (lstm) c.assign(o.c_n.value());
    const double t = start + step * static_cast<double>(k);
    console.out << format("%.9g,%.9g,%.9g\n", t, std::sin(t), static_cast<double>(x[0]));
  }
  return 0;
}

int predict_digit(SequenceModel& model, const json::Value& task, const Args& args, const std::string& where,
                  const Console& console) {
  for (const char* other : {"input", "points", "start"})
    if (args.has(other))
      throw UsageError(std::string("--") + other + " applies to seq and sine models, and " + args.str("model") +
                       " is a digits model");
  const ModelConfig& m = model.config();
  const bool fits = m.is_image() ? m.image_side == kDigitSide
                                 : m.input_size == kDigitSide && !m.batch_first && !m.is_cell() && !m.has_embedding();
  if (!fits || m.output_size() != kImageClasses)
    throw UsageError(where + "config: a digits model reads 28 x 28 images (by rows of 28, time-major) into 10 classes");
  const json::Value* data = task.find("data");
  const std::string dataset = data && data->is_string() ? std::string(data->as_string()) : "mnist";

  const std::vector<float> pixels = read_digit_png(args.required("image"), "--image");
  Tape tape;
  const DigitClassification c = classify_digit(model, pixels, tape);
  const std::span<const std::string_view> names = digits_class_names(dataset);
  console.out << format("%s  (p = %.4f)\n", std::string(names[size_t(c.predicted)]).c_str(),
                        static_cast<double>(c.probabilities[size_t(c.predicted)]));
  for (size_t k = 0; k < c.probabilities.size(); ++k)
    console.out << format("%s  %.4f\n", std::string(names[k]).c_str(), static_cast<double>(c.probabilities[k]));
  return 0;
}

}  // namespace

int predict(const Words& words, const Console& console) {
  Args args("rnnlab predict --model FILE (--input TEXT | [--points N] [--start X] | --image FILE.png)",
            "Use a model saved by rnnlab train --save on its task.\n"
            "seq:  prints the prediction for --input, one character per input character (its characters must be\n"
            "      in the model's vocabulary).\n"
            "sine: generates --points points from sin(--start), each prediction fed back as the next input, from a\n"
            "      zero hidden state, at the training spacing of 10/59; prints the columns t,true,generation.\n"
            "digits: classifies --image, a PNG (8-bit gray, gray + alpha, RGB or RGBA; not interlaced): a 28 x 28\n"
            "      one as it is, a larger one cropped to its ink, scaled into 20 x 20 and centred by its centre of\n"
            "      mass as MNIST's digits are; dark ink on light paper is inverted. Prints the class and its\n"
            "      probability, then each class's.");
  args.option("model", "FILE", "a model saved by rnnlab train --save")
      .option("input", "TEXT", "seq: the text to read")
      .option("points", "N", "sine: how many points to generate", "59")
      .option("start", "X", "sine: t of the first input, sin(X)", "0")
      .option("image", "FILE", "digits: the PNG image to classify");
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  const std::string path = args.required("model");
  const std::string where = "--model " + path + ": ";
  LoadedModel loaded = load_model_file(path, "--model");
  loaded.model->eval();
  if (loaded.task.is_null())
    throw UsageError(where + "no \"task\" in the file (a model from torch?); predict needs the task a model was "
                     "trained for, forward runs any model on a tensor");
  std::string kind;
  try {
    kind = std::string(json::require_string(loaded.task, "kind", "task"));
  } catch (const std::exception& e) {
    throw UsageError(where + e.what());
  }
  if (kind != "digits" && args.has("image"))
    throw UsageError("--image applies to digits models, and " + args.str("model") + " is a " + kind + " model");
  if (kind == "seq") return predict_seq(*loaded.model, loaded.task, args, where, console);
  if (kind == "sine") return predict_sine(*loaded.model, args, where, console);
  if (kind == "digits") return predict_digit(*loaded.model, loaded.task, args, where, console);
  throw UsageError(where + "task.kind: got \"" + kind + "\", expected seq, sine or digits");
}

}  // namespace rnnlab::cli
