// The text task (char-RNN over a corpus): batches, validation windows, training on the small committed corpus
// to a loss bound, sampling (determinism, temperature -> argmax, top-k), the Tang-poem helper, save and load,
// and every bad input refused with its message, leaving the trainer as it was.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <set>
#include <string>

#include "io/read_file.h"
#include "tasks/config_schema.h"
#include "tasks/memory_budget.h"
#include "tasks/text_task.h"
#include "tasks/trainer.h"
#include "core/ops.h"
#include "train/cross_entropy.h"

using namespace rnnlab;

namespace {

std::string small_corpus() {
  return read_file_limited(std::string(RNNLAB_SOURCE_DIR) + "/tests/fixtures/corpus_small.txt", kMaxCorpusBytes,
                           "corpus");
}

// A small, quick model on `text`.
TrainerConfig small_config(std::string text) {
  TrainerConfig c = text_preset();
  c.corpus_text = std::make_shared<const std::string>(std::move(text));
  c.text.corpus = "own";
  c.hidden_size = 48;
  c.num_layers = 1;
  c.text.embedding = 16;
  c.text.seq_len = 24;
  c.batch = 8;
  c.optimizer.lr = 1e-2f;
  return c;
}

std::string trainer_error(const TrainerConfig& c) {
  try {
    Trainer t(c);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

// Greedy decoding written out: the prime, then the argmax of each step's logits, fed back in.
std::string greedy(SequenceModel& model, const Vocabulary& vocab, const std::string& prime, int64_t length) {
  model.eval();
  std::vector<int32_t> all = vocab.encode(decode_utf8(prime, "prime"), "prime");
  for (int64_t n = 0; n < length; ++n) {
    Tape tape;  // the whole text again each time: slow, and independent of the sampler's state carrying
    const RecurrentOutput out = model.forward_tokens(tape, all, static_cast<int64_t>(all.size()), 1);
    const Tensor& logits = out.output.value();
    const int64_t v = vocab.size();
    const float* last = logits.data() + logits.numel() - v;
    all.push_back(static_cast<int32_t>(std::max_element(last, last + v) - last));
  }
  model.train();
  return encode_utf8(vocab.decode(all));
}

}  // namespace

TEST_CASE("text task: the W6 preset is Embedding(V, 128) + LSTM(128, 128, 2) + Linear(128, V), in budget") {
  TrainerConfig c = text_preset();
  c.corpus_text = std::make_shared<const std::string>(
      read_file_limited(std::string(RNNLAB_SOURCE_DIR) + "/data/corpora/tinyshakespeare.txt", kMaxCorpusBytes,
                        "corpus"));
  Trainer t(c);
  const ModelConfig& m = t.model().config();
  CHECK(t.task_as<TextTask>().vocabulary().size() == 65);
  CHECK(m.kind == "lstm");
  CHECK(m.embedding_dim == 128);
  CHECK(m.num_embeddings == 65);
  CHECK(m.hidden_size == 128);
  CHECK(m.num_layers == 2);
  CHECK(*m.head_out == 65);
  CHECK(t.model().named_parameters()[0].name == "embedding.weight");
  CHECK(t.config().optimizer.lr == doctest::Approx(2e-3));
  CHECK(t.config().clip_norm == 5.0f);
  const StepResult r = t.step();
  CHECK(r.loss == doctest::Approx(std::log(65.0)).epsilon(0.1));  // about ln V at the start
  // The same corpus and model in batches a wasm page cannot hold are refused, naming the batch.
  c.batch = 256;
  c.text.seq_len = 1024;
  CHECK(trainer_error(c).find("lower the hidden size, the number of layers, the sequence length or the batch") !=
        std::string::npos);
}

TEST_CASE("text task: the small corpus trains to a loss bound in 150 steps") {
  Trainer t(small_config(small_corpus()));
  const float first = t.step().loss;
  float last = 0;
  for (int i = 0; i < 150; ++i) last = t.step().loss;
  TextTask& task = t.task_as<TextTask>();
  const float val = task.validation_loss(t.model());
  MESSAGE("first loss ", first, ", loss at step 151 ", last, ", validation ", val);
  CHECK(first > 3.3f);   // ln 53 = 3.97 at the start
  CHECK(last < 2.4f);    // characters' frequencies alone give about 3.2 nats
  CHECK(val < 2.8f);
  CHECK(task.latest_validation_loss() == val);
}

TEST_CASE("text task: windows come from the training part; validation windows only from the last 10%") {
  TrainerConfig c = small_config(small_corpus());
  Trainer t(c);
  const TextTask& task = t.task_as<TextTask>();
  const TextCorpus& corpus = task.corpus();
  CHECK(corpus.size() == 4000);
  CHECK(corpus.train_size() == 3600);
  for (int i = 0; i < 50; ++i) {
    t.step();
    for (int64_t s : task.last_starts()) CHECK(s + c.text.seq_len <= corpus.train_size() - 1);  // last target inside
  }
  const std::vector<int64_t> starts = task.validation_starts();
  const int64_t length = task.validation_length();
  CHECK(length == 24);
  CHECK(starts.size() == 16);  // 399 / 24 windows fit; 32 would not
  for (size_t k = 0; k < starts.size(); ++k) {
    CHECK(starts[k] >= corpus.validation_begin());            // inputs after the training part
    CHECK(starts[k] + length <= corpus.size() - 1);           // targets inside the corpus
    if (k > 0) CHECK(starts[k] >= starts[k - 1] + length);    // no two windows share an input
  }
}

TEST_CASE("text task: tbptt reads B contiguous streams T characters at a time") {
  TrainerConfig c = small_config(small_corpus());
  c.text.tbptt = true;
  Trainer t(c);
  const TextTask& task = t.task_as<TextTask>();
  const int64_t stream = 3600 / 8;
  t.step();
  CHECK(task.last_starts() == std::vector<int64_t>{0, stream, 2 * stream, 3 * stream, 4 * stream, 5 * stream,
                                                     6 * stream, 7 * stream});
  t.step();
  CHECK(task.last_starts()[1] == stream + 24);
  c.batch = 256;  // 3600 / 256 = 14 characters a stream, under T + 1
  CHECK(trainer_error(c) ==
        "batch: got 256 with tbptt: 256 streams of the 3600 training characters are 14 characters each, "
        "expected at least seqLen + 1 = 25");
}

TEST_CASE("text task: sampling is deterministic per seed, temperature -> 0 is argmax decoding, top-k 1 too") {
  Trainer t(small_config(small_corpus()));
  for (int i = 0; i < 30; ++i) t.step();
  TextTask& task = t.task_as<TextTask>();
  SampleOptions o;
  o.prime = "First";
  o.length = 40;
  o.seed = 3;
  const std::string a = task.sample(t.model(), o);
  CHECK(a.size() == 45);
  CHECK(a.rfind("First", 0) == 0);
  CHECK(task.sample(t.model(), o) == a);
  CHECK(task.latest_sample() == a);
  o.seed = 4;
  CHECK(task.sample(t.model(), o) != a);
  o.temperature = 1e-4f;
  const std::string argmax = greedy(t.model(), task.vocabulary(), "First", 40);
  CHECK(task.sample(t.model(), o) == argmax);
  o.temperature = 1.0f;
  o.top_k = 1;
  CHECK(task.sample(t.model(), o) == argmax);
  o.prime = "";  // a first character drawn from the seed
  o.top_k = 0;
  CHECK(task.sample(t.model(), o).size() == 41);
  CHECK(t.model().is_training());  // the sampler restored the mode
}

TEST_CASE("text task: the prediction view and the trace's output") {
  Trainer t(small_config(small_corpus()));
  ViewData before = t.prediction();
  t.step();
  ViewData d = t.prediction();
  auto field = [&d](const std::string& name) -> const ViewData::Value& {
    for (const auto& [k, v] : d.fields)
      if (k == name) return v;
    FAIL("no field ", name);
    return d.fields[0].second;
  };
  CHECK(std::get<std::string>(field("task")) == "text");
  CHECK(std::get<std::string>(field("view")) == "text");
  CHECK(decode_utf8(std::get<std::string>(field("window")), "window").size() == 24);
  CHECK(decode_utf8(std::get<std::string>(field("predicted")), "predicted").size() == 24);
  CHECK(std::isnan(std::get<double>(field("valLoss"))));  // none yet (valEvery 100)
  ViewData trace;
  t.task().trace_output(trace);
  CHECK(std::get<Tensor>(trace.fields[0].second).shape() == Shape{24, t.task_as<TextTask>().vocabulary().size()});
  CHECK(std::get<std::vector<int32_t>>(trace.fields[1].second).size() == 24);
}

TEST_CASE("text task: a saved model loads back, and its vocabulary must be the corpus's") {
  Trainer t(small_config(small_corpus()));
  t.step();
  const std::string saved = t.save();
  CHECK(saved.find(R"("kind":"text")") != std::string::npos);
  Trainer u(small_config(small_corpus()));
  u.load(saved);
  CHECK(u.save() == saved);
  Trainer other(small_config("abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc"));
  CHECK_THROWS_WITH_AS(other.load(saved),
                       doctest::Contains("this corpus has 3 distinct characters"), Error);
}

TEST_CASE("text task: every bad corpus is refused with its limit") {
  const std::string tail(60, 'b');
  auto with = [](std::string text) { return small_config(std::move(text)); };
  CHECK(trainer_error(with("")) == "text.corpus: empty, expected a text of at least seqLen + 1 = 25 characters");
  std::string big(static_cast<size_t>(kMaxCorpusBytes) + 1, 'a');
  big[0] = 'b';
  CHECK(trainer_error(with(big)) ==
        "text.corpus: 10485761 bytes, the limit is 10485760 bytes (10 MB)");
  CHECK(trainer_error(with("ab\xff" + tail)) == "text.corpus: invalid UTF-8 at byte 2");
  CHECK(trainer_error(with("abababababababababababab")) ==
        "text.corpus: 24 characters, 22 of them in the training part (the first 90%); expected at least seqLen + 1 = 25");
  CHECK(trainer_error(with(std::string(100, 'a'))) ==
        "text.corpus: one distinct character ('a' (U+0061)), expected at least 2: there is nothing to predict");
  std::u32string many;
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 8193; ++cp) many.push_back(cp);
  CHECK(trainer_error(with(encode_utf8(many))) ==
        "text.corpus: more than 8192 distinct characters, the limit is 8192");
  TrainerConfig none = text_preset();
  CHECK(trainer_error(none).find("text.corpus: no text given for \"tinyshakespeare\"") == 0);
  TrainerConfig cell = with(small_corpus());
  cell.arch = "cell";
  CHECK(trainer_error(cell) == "arch: got \"cell\", the text task needs layer (a recurrent layer and a Linear head)");
  // Settings out of the schema's range.
  TrainerConfig bad = with(small_corpus());
  bad.text.seq_len = 0;
  CHECK(trainer_error(bad) == "text.seq_len: got 0, expected 1 to 1024");
  bad = with(small_corpus());
  bad.batch = 257;
  CHECK(trainer_error(bad) == "batch: got 257, expected 1 to 256");
}

TEST_CASE("text task: bad sample options are refused naming them; the trainer is as it was") {
  Trainer t(small_config(small_corpus()));
  t.step();
  TextTask& task = t.task_as<TextTask>();
  SampleOptions good;
  good.length = 10;
  const std::string first = task.sample(t.model(), good);
  const std::string weights = t.save();
  auto refused = [&](SampleOptions o) {
    try {
      task.sample(t.model(), o);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  SampleOptions o = good;
  o.prime = "Fir\xE6\x97\xA5";  // 日 is not in Shakespeare
  CHECK(refused(o) == "prime: character '\xE6\x97\xA5' (U+65E5) at position 3 is not in the model's vocabulary of " +
                          std::to_string(task.vocabulary().size()) + " characters");
  for (float temperature : {0.0f, 3.0f, NAN}) {
    o = good;
    o.temperature = temperature;
    CHECK(refused(o).rfind("temperature: got ", 0) == 0);
    CHECK(refused(o).find("expected a number in (0, 2]") != std::string::npos);
  }
  o = good;
  o.top_k = -1;
  CHECK(refused(o) == "top_k: got -1, expected 0 (off) to 8192");
  o = good;
  o.length = 10'001;
  CHECK(refused(o) == "length: got 10001, expected 0 to 10000");
  CHECK(t.save() == weights);
  CHECK(task.latest_sample() == first);
  CHECK(t.model().is_training());
  // A bad config for a new trainer leaves this one stepping as before.
  CHECK(trainer_error(small_config("")) != "accepted");
  CHECK(std::isfinite(t.step().loss));
}

TEST_CASE("text task: the Tang helper counts couplets of the form 五字，五字。") {
  // "秦川雄帝宅，函谷壮皇居。" (a good couplet), "绮殿千寻起，离宫百雉。" (4 characters after the comma)
  const std::string good = "\xE7\xA7\xA6\xE5\xB7\x9D\xE9\x9B\x84\xE5\xB8\x9D\xE5\xAE\x85\xEF\xBC\x8C\xE5\x87\xBD"
                           "\xE8\xB0\xB7\xE5\xA3\xAE\xE7\x9A\x87\xE5\xB1\x85\xE3\x80\x82";
  const std::string short_line = "\xE7\xBB\xAE\xE6\xAE\xBF\xE5\x8D\x83\xE5\xAF\xBB\xE8\xB5\xB7\xEF\xBC\x8C\xE7\xA6"
                                 "\xBB\xE5\xAE\xAB\xE7\x99\xBE\xE9\x9B\x89\xE3\x80\x82";
  CHECK(five_character_line_share(good + good + "\n" + good) == 1.0);
  CHECK(five_character_line_share(good + short_line + "\n" + good + short_line) == 0.5);
  CHECK(five_character_line_share(good + "\xE7\xA7\xA6\xE5\xB7\x9D") == 1.0);  // a cut-off last piece is left out
  CHECK(five_character_line_share("hello, world.\n") == 0.0);
  CHECK(five_character_line_share("") == 0.0);
}

TEST_CASE("text task: the memory budget counts the batch, the embedding and the corpus") {
  TrainerConfig c = text_preset();
  c.corpus_text = std::make_shared<const std::string>(read_file_limited(
      std::string(RNNLAB_SOURCE_DIR) + "/data/corpora/tang5.txt", kMaxCorpusBytes, "corpus"));
  c.text.corpus = "tang5";
  // 5,616 classes: at T 64, B 32 the logits and their copies alone are far over the budget; the message says
  // to lower the batch.
  const std::string refused = trainer_error(c);
  CHECK(refused.find("in batches of 32") != std::string::npos);
  CHECK(refused.find("the sequence length or the batch") != std::string::npos);
  c.batch = 8;
  c.text.seq_len = 32;
  Trainer t(c);
  const ModelConfig& m = t.model().config();
  const int64_t bytes = estimated_training_bytes(m, 32, c.optimizer, 8, t.task().data_bytes());
  MESSAGE("tang5 at T 32, B 8: ", bytes / kMiB, " MB estimated");
  CHECK(bytes < kTrainingBudgetBytes);
  CHECK(t.task().data_bytes() == 2 * 809'213 + 2'390'501);
  CHECK(parameter_count(m) == 5616 * 128 + 2 * (4 * 128 * 256 + 8 * 128) + 5616 * 129);
}

TEST_CASE("text task: loading a model of another embedding width takes its width into the config") {
  TrainerConfig c = small_config(small_corpus());
  Trainer t(c);
  c.text.embedding = 8;
  Trainer narrow(c);
  t.load(narrow.save());
  CHECK(t.config().text.embedding == 8);
  CHECK(t.model().config().embedding_dim == 8);
  CHECK(std::isfinite(t.step().loss));
}

TEST_CASE("text task: tbptt carries the state between windows and starts afresh when the streams wrap") {
  TrainerConfig c = small_config(small_corpus());
  c.text.tbptt = true;
  c.optimizer.lr = 0.0f;  // the same weights every step: only the carried state changes a window's loss
  Trainer t(c);
  const TextTask& task = t.task_as<TextTask>();
  std::vector<float> losses;
  for (int i = 0; i < 19; ++i) losses.push_back(t.step().loss);
  // Streams of 450 characters read 24 at a time: cursors 0, 24, ..., 408 (18 windows), then back to 0.
  CHECK(task.last_starts()[0] == 0);
  CHECK(task.last_starts()[1] == 450);
  CHECK(losses[18] == losses[0]);  // the same window from zero states again: the same loss

  // The second window from zero states: not what the carried run saw.
  std::vector<int32_t> tokens(24 * 8), targets(24 * 8);
  for (int64_t k = 0; k < 24; ++k)
    for (int64_t b = 0; b < 8; ++b) {
      tokens[static_cast<size_t>(k * 8 + b)] = task.corpus().at(b * 450 + 24 + k);
      targets[static_cast<size_t>(k * 8 + b)] = task.corpus().at(b * 450 + 24 + k + 1);
    }
  Tape tape;
  const RecurrentOutput out = t.model().forward_tokens(tape, tokens, 24, 8);
  const float from_zeros =
      cross_entropy(reshape(out.output, Shape{24 * 8, task.vocabulary().size()}), targets).value().item();
  CHECK(std::abs(from_zeros - losses[1]) > 1e-4f);
}
