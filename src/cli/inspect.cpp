// rnnlab inspect: inside a saved model, over a text file. --unit L:K prints one unit's activation per character
// (and with --html FILE writes the text coloured by it); --saliency POS prints how much the prediction after POS
// characters depends on each earlier one; --rank prints, per feature of the text, the units that track it best
// and the gates' saturation.
#include <cstdio>
#include <sstream>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/unit_html.h"
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

}  // namespace

int inspect(const Words& words, const Console& console) {
  Args args("rnnlab inspect --model FILE --text FILE (--unit L:K [--state h|c] [--direction D] [--html FILE] | "
            "--saliency POS | --rank)",
            "Look inside a model saved by rnnlab train (text or seq) over a text of up to 2000 characters:\n"
            "  --unit L:K     unit K of layer L: its activation after each character (--html FILE: the text\n"
            "                 coloured by it, escaped)\n"
            "  --saliency P   the prediction after P characters: ||d log p(y) / d x_k|| for every earlier input k\n"
            "  --rank         per feature of the text (quotes, brackets, line position, ...) the units whose\n"
            "                 activation correlates best with it (Pearson r), and the gates' saturation");
  args.option("model", "FILE", "a model saved by rnnlab train text or train seq --save")
      .option("text", "FILE", "UTF-8 text, 1 to 2000 characters of the model's vocabulary")
      .option("unit", "L:K", "layer and unit to show")
      .option("state", "h|c", "with --unit: the hidden state h or the LSTM's cell state c", "h")
      .option("direction", "D", "with --unit: 0, or 1 for the reverse direction of a bidirectional model", "0")
      .option("html", "FILE", "with --unit: write the text coloured by the unit as HTML")
      .option("saliency", "POS", "a position 1 .. the text's length")
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
    const std::string state = args.choice("state", {"h", "c"});
    if (state == "c" && a.c.empty()) throw UsageError("--state: got c, but the model is not an LSTM (it has no cell state)");
    const int direction = static_cast<int>(args.integer("direction", 0, a.directions - 1));
    const int64_t slot = layer * a.directions + direction, T = a.steps, H = a.hidden;
    std::vector<float> values(static_cast<size_t>(T));
    for (int64_t t = 0; t < T; ++t)
      values[static_cast<size_t>(t)] = (state == "h" ? a.h : a.c)[static_cast<size_t>((slot * T + t) * H + unit)];
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
  return 0;
}

}  // namespace rnnlab::cli
