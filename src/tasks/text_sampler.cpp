#include "tasks/text_sampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "core/error.h"
#include "tasks/model_config.h"

namespace rnnlab {
namespace {

constexpr float kArgmaxBelow = 1e-3f;  // temperatures below this decode greedily

// Index of a draw from softmax(logits / t) over the candidates (all, or the top k), with one uniform number.
int32_t draw(const float* logits, int64_t classes, const SampleOptions& o, Rng& rng, std::vector<int32_t>& order,
             std::vector<double>& weights) {
  if (o.temperature < kArgmaxBelow) return static_cast<int32_t>(std::max_element(logits, logits + classes) - logits);
  order.resize(static_cast<size_t>(classes));
  std::iota(order.begin(), order.end(), 0);
  int64_t k = classes;
  if (o.top_k > 0 && o.top_k < classes) {
    k = o.top_k;
    // Ties keep the lower index first, so the candidates do not depend on the sort's implementation.
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [logits](int32_t a, int32_t b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); });
    std::sort(order.begin(), order.begin() + k);  // back in index order for the cumulative walk
  }
  float top = -INFINITY;
  for (int64_t i = 0; i < k; ++i) top = std::max(top, logits[order[static_cast<size_t>(i)]]);
  weights.resize(static_cast<size_t>(k));
  double total = 0;
  for (int64_t i = 0; i < k; ++i)
    total += weights[static_cast<size_t>(i)] =
        std::exp(static_cast<double>(logits[order[static_cast<size_t>(i)]] - top) / o.temperature);
  const double u = static_cast<double>(rng.uniform()) * total;
  double acc = 0;
  for (int64_t i = 0; i < k; ++i) {
    acc += weights[static_cast<size_t>(i)];
    if (u < acc) return order[static_cast<size_t>(i)];
  }
  return order[static_cast<size_t>(k - 1)];
}

bool is_cjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F); }

}  // namespace

void check_sample_options(const SampleOptions& o, const Vocabulary& vocabulary) {
  check(o.length >= 0 && o.length <= kMaxSampleLength, "length: got ", o.length, ", expected 0 to ", kMaxSampleLength);
  check(std::isfinite(o.temperature) && o.temperature > 0.0f && o.temperature <= 2.0f, "temperature: got ",
        o.temperature, ", expected a number in (0, 2] (below 0.001 takes the most likely character)");
  check(o.top_k >= 0 && o.top_k <= kMaxClasses, "top_k: got ", o.top_k, ", expected 0 (off) to ",
        kMaxClasses);
  const std::u32string prime = decode_utf8(o.prime, "prime");
  check(static_cast<int64_t>(prime.size()) <= kMaxSampleLength, "prime: ", prime.size(), " characters, the limit is ",
        kMaxSampleLength);
  for (size_t i = 0; i < prime.size(); ++i)
    check(vocabulary.index_of(prime[i]) >= 0, "prime: character ", describe_char(prime[i]), " at position ", i,
          " is not in the model's vocabulary of ", vocabulary.size(), " characters");
}

std::string sample_text(SequenceModel& model, const Vocabulary& vocabulary, const SampleOptions& o) {
  check_sample_options(o, vocabulary);
  const int64_t classes = model.config().output_size();
  check(classes == vocabulary.size() && model.config().input_classes() == vocabulary.size(), "sample: the model maps ",
        model.config().input_classes(), " classes to ", classes, ", the vocabulary has ", vocabulary.size());
  Rng rng(o.seed, 5);
  std::vector<int32_t> tokens;
  for (char32_t c : decode_utf8(o.prime, "prime")) tokens.push_back(vocabulary.index_of(c));
  if (tokens.empty()) tokens.push_back(static_cast<int32_t>(rng.integer(0, vocabulary.size())));
  std::vector<int32_t> out = tokens;

  const bool was_training = model.is_training();
  model.eval();
  Tape tape;
  Tensor h, c;  // carried states (L*D, 1, H), empty at the start (zeros)
  std::vector<int32_t> order;
  std::vector<double> weights;
  // The prime in one pass, then one character a step; the logits of the last position give the next.
  std::vector<int32_t> feed = tokens;
  for (int64_t n = 0; n < o.length; ++n) {
    tape.clear();
    const Var h0 = h.empty() ? Var{} : tape.constant(h);
    const Var c0 = c.empty() ? Var{} : tape.constant(c);
    const RecurrentOutput r = model.forward_tokens(tape, feed, static_cast<int64_t>(feed.size()), 1, h0, c0);
    h.assign(r.h_n.value());
    if (r.c_n.defined()) c.assign(r.c_n.value());
    const Tensor& logits = r.output.value();  // (T, 1, V)
    const int32_t next = draw(logits.data() + (logits.numel() - classes), classes, o, rng, order, weights);
    out.push_back(next);
    feed.assign(1, next);
  }
  model.train(was_training);
  return encode_utf8(vocabulary.decode(out));
}

double five_character_line_share(std::string_view text) {
  const std::u32string all = decode_utf8(text, "text");
  int64_t lines = 0, matching = 0;
  size_t start = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i] != U'\n' && all[i] != U'\u3002') continue;
    const size_t end = all[i] == U'\u3002' ? i + 1 : i;  // a couplet keeps its '。'
    const std::u32string_view line(all.data() + start, end - start);
    start = i + 1;
    if (line.empty()) continue;
    ++lines;
    bool ok = line.size() == 12 && line[5] == U'\uFF0C' && line[11] == U'\u3002';
    for (size_t k = 0; ok && k < 11; ++k) ok = k == 5 || is_cjk(line[k]);
    matching += ok;
  }
  return lines == 0 ? 0.0 : double(matching) / double(lines);
}

}  // namespace rnnlab
