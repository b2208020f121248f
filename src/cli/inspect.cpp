// rnnlab inspect: inside a saved model, over a text file. --unit L:K prints one unit's activation per character
// (and with --html FILE writes the text coloured by it); --saliency POS prints how much the prediction after POS
// characters depends on each earlier one; --rank prints, per feature of the text, the units that track it best
// and the gates' saturation. With --image FILE.png instead of --text, a digits model (rnn, lstm, gru) reads the
// picture as the task does, one row of 28 pixels per step: --unit prints the unit after each row with the classes
// then most likely, --saliency ROW the 784 pixels' d log p(class) / d pixel and each row's norm, --rank the units
// that track the rows' features over the bundled set's first 200 held-out digits.
#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/digit_png.h"
#include "cli/unit_html.h"
#include "tasks/digits_data.h"
#include "tasks/inspect_digits.h"
#include "tasks/inspect_image.h"
#include "tasks/inspect_activations.h"
#include "tasks/inspect_ranking.h"
#include "tasks/inspect_saliency.h"
#include "tasks/inspect_saturation.h"
#include "tasks/inspect_topk.h"
#include "tasks/vocabulary.h"

namespace rnnlab::cli {
namespace {

// A UTF-8 character is at most 4 bytes: the file may hold kMaxInspectLength characters of any script.
constexpr int64_t kInspectFileLimit = 4 * kMaxInspectLength;

std::string fixed(double v, int digits = 4) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// "L:K" -> (L, K), each checked against the model.
std::pair<int64_t, int64_t> parse_unit(const std::string& s, int64_t layers, int64_t hidden) {
  const size_t colon = s.find(':');
  const auto number = [&](const std::string& part, int64_t hi, const char* what) -> int64_t {
    if (part.empty() || part.size() > 6 || part.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError("--unit: got \"" + s + "\", expected LAYER:UNIT (e.g. 0:12)");
    const int64_t v = std::stoll(part);
    if (v > hi)
      throw UsageError("--unit: " + std::string(what) + " " + part + " is out of range, expected 0 to " + std::to_string(hi));
    return v;
  };
  if (colon == std::string::npos) throw UsageError("--unit: got \"" + s + "\", expected LAYER:UNIT (e.g. 0:12)");
  return {number(s.substr(0, colon), layers - 1, "layer"), number(s.substr(colon + 1), hidden - 1, "unit")};
}

std::string shown(char32_t c) { return c == U'\n' ? "\\n" : c == U'\t' ? "\\t" : encode_utf8(std::u32string(1, c)); }

// Per feature its best 5 units, then the gates' saturation: what --rank prints for a text and for digits.
void print_ranking(std::ostream& out, const Activations& a, const std::vector<TextFeature>& features) {
  for (const UnitCorrelation& u : rank_units(a, features, 5))
    out << u.feature << '\t' << u.kind << " layer " << u.layer << (u.direction ? " reverse" : "") << " unit " << u.unit
        << "\tr " << fixed(u.correlation, 3) << '\n';
  const std::vector<GateSaturation> sat = gate_saturation(a);
  if (!sat.empty()) out << "Gate saturation (mean over units of the fraction of steps < 0.1 and > 0.9):\n";
  for (const GateSaturation& g : sat) {
    double left = 0, right = 0;
    for (size_t j = 0; j < g.left.size(); ++j) left += g.left[j], right += g.right[j];
    out << "layer " << g.layer << (g.direction ? " reverse" : "") << " gate " << g.gate << "\tleft "
        << fixed(left / double(g.left.size()), 3) << "\tright " << fixed(right / double(g.right.size()), 3) << '\n';
  }
}

// The unit's values (T) of one slot, h or c.
std::vector<float> unit_values(const Activations& a, const std::string& state, int64_t slot, int64_t unit) {
  const int64_t T = a.steps, H = a.hidden;
  std::vector<float> values(static_cast<size_t>(T));
  for (int64_t t = 0; t < T; ++t)
    values[static_cast<size_t>(t)] = (state == "h" ? a.h : a.c)[static_cast<size_t>((slot * T + t) * H + unit)];
  return values;
}

// --unit's choice of state and direction, checked against the model.
std::pair<std::string, int> state_and_direction(const Args& args, const Activations& a) {
  const std::string state = args.choice("state", {"h", "c"});
  if (state == "c" && a.c.empty()) throw UsageError("--state: got c, but the model is not an LSTM (it has no cell state)");
  return {state, static_cast<int>(args.integer("direction", 0, a.directions - 1))};
}

// --image --saliency's print: the 784 pixels' d log p / d pixel as 28 lines of 28, then the first `row` rows' norms.
void print_pixel_saliency(std::ostream& out, std::string_view target, int64_t row, bool most_likely,
                          const std::vector<float>& pixels, const std::vector<float>& norms) {
  out << "The prediction after row " << row << ", of " << target << (most_likely ? " (the most likely)" : " (asked for)")
      << ":\n"
      << "d log p / d pixel, 28 rows of 28:\n";
  char cell[24];
  for (int64_t r = 0; r < kDigitSide; ++r) {
    for (int64_t x = 0; x < kDigitSide; ++x) {
      std::snprintf(cell, sizeof cell, "%s%+.2e", x ? " " : "", pixels[static_cast<size_t>(r * kDigitSide + x)]);
      out << cell;
    }
    out << '\n';
  }
  out << "||d log p / d row_k|| for each row k:\n";
  const float top = *std::max_element(norms.begin(), norms.begin() + row);
  for (int64_t k = 0; k < row; ++k) {
    const float v = norms[static_cast<size_t>(k)];
    const int bar = top > 0.0f ? static_cast<int>(v / top * 40.0f + 0.5f) : 0;
    out << k << '\t' << fixed(v, 6) << '\t' << std::string(bar, '#') << '\n';
  }
}

int inspect_digit(SequenceModel& model, const json::Value& task, const Args& args, const std::string& where,
                  std::ostream& out) {
  const ModelConfig& m = model.config();
  if (m.is_image() && !args.has("saliency"))
    throw UsageError(where + "the " + m.kind + " model reads the whole image at once: it has no rows to look inside "
                     "(--unit and --rank are of the rnn, lstm and gru models; --saliency 28 applies to every model)");
  if (!m.is_image() && (m.input_size != kDigitSide || m.batch_first || m.is_cell() || m.has_embedding() || m.output_size() != kImageClasses))
    throw UsageError(where + "config: a digits model reads 28 x 28 images (by rows of 28, time-major) into 10 classes");
  if (args.has("html")) throw UsageError("--html applies to --text; a digit's rows are printed");
  const json::Value* data = task.find("data");
  const std::string dataset = data && data->is_string() ? std::string(data->as_string()) : "mnist";
  const std::span<const std::string_view> names = digits_class_names(dataset);
  const std::vector<float> pixels = read_digit_png(args.required("image"), "--image");
  if (m.is_image()) {
    if (args.integer("saliency", 1, kDigitSide) != kDigitSide)
      throw UsageError("--saliency: the " + m.kind + " model reads the whole image at once; expected 28 (its answer)");
    const ImageSaliency s = image_saliency(model, pixels, static_cast<int32_t>(args.integer("class", -1, kImageClasses - 1)));
    print_pixel_saliency(out, names[static_cast<size_t>(s.target)], kDigitSide, args.integer("class", -1, 9) < 0,
                         s.pixels, s.row_norms);
    return 0;
  }
  const InspectRun run = InspectRun::of_rows(model, pixels);

  if (args.has("unit")) {
    const Activations a = activations(run);
    const auto [layer, unit] = parse_unit(args.str("unit"), a.slots / a.directions, a.hidden);
    const auto [state, direction] = state_and_direction(args, a);
    const std::vector<float> values = unit_values(a, state, layer * a.directions + direction, unit);
    const TopK top = topk(run, 1);
    out << state << " unit " << unit << " of layer " << layer << (direction ? " (reverse)" : "")
        << ", after each row (row, its ink, the value, the class then most likely):\n";
    for (int64_t r = 0; r < kDigitSide; ++r) {
      double ink = 0.0;
      for (int64_t x = 0; x < kDigitSide; ++x) ink += pixels[static_cast<size_t>(r * kDigitSide + x)];
      out << r << '\t' << fixed(ink, 2) << '\t' << fixed(values[static_cast<size_t>(r)]) << '\t'
          << names[static_cast<size_t>(top.classes[static_cast<size_t>(r)])] << " (p = "
          << fixed(top.probabilities[static_cast<size_t>(r)], 4) << ")\n";
    }
    return 0;
  }

  if (args.has("saliency")) {
    const int64_t row = args.integer("saliency", 1, kDigitSide);
    const int32_t klass = static_cast<int32_t>(args.integer("class", -1, kImageClasses - 1));
    InputGradientScratch scratch;
    const Saliency s = saliency(run, row, scratch, klass);
    print_pixel_saliency(out, names[static_cast<size_t>(s.target)], row, klass < 0, s.input_gradient, s.norms);
    return 0;
  }

  // --rank: over the held-out part of the bundled set the model was trained on.
  const std::shared_ptr<const LabelledImages> set = load_digits_images(dataset, args.str("data-dir"));
  const int64_t first = digits_train_count(set->count), n = std::min(kDigitsRankedImages, set->count - first);
  std::vector<float> images(static_cast<size_t>(n * kDigitPixels));
  for (int64_t i = 0; i < n * kDigitPixels; ++i) images[static_cast<size_t>(i)] = set->image(first)[i] / 255.0f;
  const Activations a = activations_of_images(model, images);
  out << "Units that track each feature of the rows (Pearson r over " << a.steps << " rows of the first " << n
      << " held-out digits):\n";
  print_ranking(out, a, digit_row_features(images));
  return 0;
}

}  // namespace

int inspect(const Words& words, const Console& console) {
  Args args("rnnlab inspect --model FILE (--text FILE | --image FILE.png) (--unit L:K [--state h|c] [--direction D] "
            "[--html FILE] | --saliency POS [--class K] | --rank)",
            "Look inside a model saved by rnnlab train (text or seq) over a text of up to 2000 characters, or a\n"
            "digits model (rnn, lstm, gru) over a PNG read as the task reads it, one row of 28 pixels per step:\n"
            "  --unit L:K     unit K of layer L: its activation after each character (--html FILE: the text\n"
            "                 coloured by it, escaped)\n"
            "  --saliency P   the prediction after P characters: ||d log p(y) / d x_k|| for every earlier input k\n"
            "  --rank         per feature of the text (quotes, brackets, line position, ...) the units whose\n"
            "                 activation correlates best with it (Pearson r), and the gates' saturation\n"
            "  With --image: --unit prints the unit after each row, --saliency ROW the 784 pixels'\n"
            "  d log p(class) / d pixel (--class K, else the most likely) and each row's norm, --rank the units\n"
            "  that track the rows' features (ink, row, strokes, centre, sinceInk) over 200 held-out digits");
  args.option("model", "FILE", "a model saved by rnnlab train text or train seq --save")
      .option("text", "FILE", "UTF-8 text, 1 to 2000 characters of the model's vocabulary")
      .option("unit", "L:K", "layer and unit to show")
      .option("state", "h|c", "with --unit: the hidden state h or the LSTM's cell state c", "h")
      .option("direction", "D", "with --unit: 0, or 1 for the reverse direction of a bidirectional model", "0")
      .option("html", "FILE", "with --unit: write the text coloured by the unit as HTML")
      .option("saliency", "POS", "a position 1 .. the text's length (--image: a row 1 .. 28)")
      .option("image", "FILE", "digits: a PNG (8-bit gray, gray + alpha, RGB or RGBA; not interlaced)")
      .option("class", "K", "with --image --saliency: the class whose log-probability is looked at", "-1")
      .option("data-dir", "DIR", "with --image --rank: where the bundled digits are (DIR/digits/mnist/)", RNNLAB_DATA_DIR)
      .flag("rank", "rank units by the text's features");
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  const int modes = int(args.has("unit")) + int(args.has("saliency")) + int(args.on("rank"));
  if (modes != 1) throw UsageError("expected exactly one of --unit, --saliency and --rank");
  const std::string path = args.required("model");
  const std::string where = "--model " + path + ": ";
  LoadedModel loaded = load_model_file(path, "--model");
  if (args.has("image")) {
    if (args.has("text")) throw UsageError("expected one of --text and --image");
    const json::Value* kind = loaded.task.is_null() ? nullptr : loaded.task.find("kind");
    if (!kind || !kind->is_string() || kind->as_string() != "digits")
      throw UsageError("--image applies to digits models, and " + path + " is not one");
    return inspect_digit(*loaded.model, loaded.task, args, where, console.out);
  }
  if (args.has("class")) throw UsageError("--class applies to --image --saliency");
  Vocabulary vocabulary;
  try {
    if (loaded.task.is_null()) throw Error("no \"task\" in the file; inspect needs a model saved by train text or seq");
    vocabulary = Vocabulary::from_sorted_symbols(
        decode_utf8(json::require_string(loaded.task, "vocabulary", "task"), "task.vocabulary"));
  } catch (const std::exception& e) {
    throw UsageError(where + e.what());
  }
  const std::string text_path = args.required("text");
  const std::u32string text = decode_utf8(read_text_file(text_path, "--text", kInspectFileLimit), "--text");
  if (text.empty() || static_cast<int64_t>(text.size()) > kMaxInspectLength)
    throw UsageError("--text " + text_path + ": " + std::to_string(text.size()) + " characters, expected 1 to " +
                     std::to_string(kMaxInspectLength));
  std::vector<int32_t> tokens;
  try {
    tokens = vocabulary.encode(text, "--text");
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
  SequenceModel& model = *loaded.model;
  const InspectRun run = InspectRun::of_tokens(model, tokens);
  std::ostream& out = console.out;

  if (args.has("unit")) {
    const Activations a = activations(run);
    const auto [layer, unit] = parse_unit(args.str("unit"), a.slots / a.directions, a.hidden);
    const auto [state, direction] = state_and_direction(args, a);
    const int64_t T = a.steps;
    const std::vector<float> values = unit_values(a, state, layer * a.directions + direction, unit);
    const std::string title = state + " unit " + std::to_string(unit) + " of layer " + std::to_string(layer) +
                              (direction ? " (reverse)" : "");
    out << title << ", after each character:\n";
    for (int64_t t = 0; t < T; ++t)
      out << t << '\t' << shown(text[static_cast<size_t>(t)]) << '\t' << fixed(values[static_cast<size_t>(t)]) << '\n';
    if (args.has("html")) {
      const std::string html = args.str("html");
      write_text_file(html, unit_html(text, values, title), "--html");
      out << "Wrote " << html << '\n';
    }
    return 0;
  }

  if (args.has("saliency")) {
    const int64_t position = args.integer("saliency", 1, run.steps());
    if (!run.predicts_classes()) throw UsageError(where + "the model predicts values, not characters");
    InputGradientScratch scratch;
    const Saliency s = saliency(run, position, scratch);
    out << "The prediction after " << position << " characters, of " << describe_char(vocabulary.symbols()[static_cast<size_t>(s.target)])
        << (position < run.steps() ? " (the next character)" : " (the most likely)") << ":\n"
        << "||d log p / d x_k|| for each earlier input k:\n";
    float top = 0.0f;
    for (float v : s.norms) top = std::max(top, v);
    for (int64_t k = 0; k < position; ++k) {
      const float v = s.norms[static_cast<size_t>(k)];
      const int bar = top > 0.0f ? static_cast<int>(v / top * 40.0f + 0.5f) : 0;
      out << k << '\t' << shown(text[static_cast<size_t>(k)]) << '\t' << fixed(v, 6) << '\t' << std::string(bar, '#')
          << '\n';
    }
    return 0;
  }

  const Activations a = activations(run);
  const std::vector<TextFeature> features = text_features(text);
  out << "Units that track each feature of the text (Pearson r over " << a.steps << " characters):\n";
  print_ranking(out, a, features);
  return 0;
}

}  // namespace rnnlab::cli
