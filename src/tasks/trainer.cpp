#include "tasks/trainer.h"

#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/ops.h"
#include "tasks/memory_budget.h"
#include "tasks/state_dict.h"
#include "train/clip_grad.h"
#include "train/cross_entropy.h"
#include "train/mse_loss.h"
#include "train/optimizer_config.h"

namespace rnnlab {
namespace {

struct SeqData {
  Vocabulary vocabulary;
  std::vector<int32_t> input, target;
};

SeqData seq_data(const TrainerConfig& c) {
  const std::u32string in = decode_utf8(c.input, "input");
  const std::u32string out = decode_utf8(c.target, "target");
  check(!in.empty(), "input: empty, expected 1 to ", kMaxSequenceLength, " characters");
  check(!out.empty(), "target: empty, expected 1 to ", kMaxSequenceLength, " characters");
  check(in.size() == out.size(), "input and target must have the same length: input has ", in.size(),
        " characters, target has ", out.size());
  check(static_cast<int64_t>(in.size()) <= kMaxSequenceLength, "input: ", in.size(), " characters, the limit is ",
        kMaxSequenceLength);
  SeqData d{Vocabulary::from_texts({in, out}), {}, {}};
  check(d.vocabulary.size() <= kMaxVocabulary, "input and target: ", d.vocabulary.size(),
        " distinct characters, the limit is ", kMaxVocabulary);
  d.input = d.vocabulary.encode(in, "input");
  d.target = d.vocabulary.encode(out, "target");
  return d;
}

// The model a config asks for; every field is checked here or by validate(ModelConfig).
ModelConfig model_config(const TrainerConfig& c, int64_t vocabulary_size) {
  const bool seq = c.task == "seq";
  check(seq || c.task == "sine", "task: got \"", c.task, "\", expected seq or sine");
  check(c.arch == "cell" || c.arch == "layer", "arch: got \"", c.arch, "\", expected cell or layer");
  check(c.cell == "rnn" || c.cell == "lstm" || c.cell == "gru", "cell: got \"", c.cell,
        "\", expected rnn, lstm or gru");
  check(std::isfinite(c.clip_norm) && c.clip_norm >= 0.0f, "clip_norm: got ", c.clip_norm,
        ", expected a finite number >= 0 (0 turns clipping off)");
  ModelConfig m;
  m.nonlinearity = c.nonlinearity;
  m.num_layers = c.num_layers;
  m.dropout = c.dropout;
  m.bidirectional = c.bidirectional;
  if (c.arch == "cell") {
    check(seq, "arch: the sine task needs arch \"layer\" (its Linear head maps the hidden state to one value)");
    check(c.hidden_size == 0 || c.hidden_size == vocabulary_size, "hidden_size: got ", c.hidden_size,
          "; arch \"cell\" uses the hidden state as the logits, so it must equal the vocabulary size ",
          vocabulary_size, " (or 0)");
    m.kind = c.cell + "_cell";
    m.input_size = vocabulary_size;
    m.hidden_size = vocabulary_size;
  } else {
    check(c.hidden_size >= 1 && c.hidden_size <= kMaxHiddenSize, "hidden_size: got ", c.hidden_size,
          ", expected 1 to ", kMaxHiddenSize);
    check(seq || !c.bidirectional,
          "bidirectional: the sine predictor generates forward in time; a reverse direction would see the future");
    m.kind = c.cell;
    m.input_size = seq ? vocabulary_size : 1;
    m.hidden_size = c.hidden_size;
    m.batch_first = !seq;  // the sine seed feeds (1, N, 1)
    m.head_out = seq ? vocabulary_size : 1;
  }
  validate(m);
  return m;
}

}  // namespace

void Trainer::validate(const TrainerConfig& config) {
  int64_t vocabulary_size = 0, steps = 0;
  if (config.task == "seq") {
    const SeqData d = seq_data(config);
    vocabulary_size = d.vocabulary.size();
    steps = static_cast<int64_t>(d.input.size());
  } else if (config.task == "sine") {
    rnnlab::validate(config.sine);
    steps = config.sine.points - 1;
  }
  const ModelConfig m = model_config(config, vocabulary_size);
  check_memory_budget(m, steps, config.optimizer);
  // What only building the optimizer checks (its hyper-parameters), on no parameters.
  (void)make_optimizer(config.optimizer, {});
}

Trainer::Trainer(const TrainerConfig& config)
    : config_(config), data_rng_(config.seed, 2), dropout_rng_(config.seed, 3) {
  int64_t vocabulary_size = 0;
  if (config.task == "seq") {
    SeqData d = seq_data(config);
    vocabulary_ = std::move(d.vocabulary);
    input_indices_ = std::move(d.input);
    target_indices_ = std::move(d.target);
    vocabulary_size = vocabulary_.size();
  } else if (config.task == "sine") {
    rnnlab::validate(config.sine);
  }
  const ModelConfig m = model_config(config, vocabulary_size);
  check_memory_budget(m, steps(), config.optimizer);  // before anything big is allocated
  Rng init_rng(config.seed, 1);
  model_ = std::make_unique<SequenceModel>(m, init_rng);
  params_ = model_->parameters();
  optimizer_ = make_optimizer(config.optimizer, params_);
  if (is_seq()) {
    x_ = vocabulary_.one_hot(input_indices_);
  } else {
    make_sine_sample(config.sine, 0.0, sample_);  // what sine_view() shows before the first step
    x_.assign(sample_.input);
  }
  reset_state();
}

int64_t Trainer::steps() const {
  return is_seq() ? static_cast<int64_t>(input_indices_.size()) : config_.sine.points - 1;
}

void Trainer::reset_state() {
  const ModelConfig& m = model_->config();
  h_state_.resize(Shape{m.num_layers * m.directions(), 1, m.hidden_size});
  c_state_.resize(h_state_.shape());
  tape_.clear();
  eval_tape_.clear();
  output_ = {};
  traces_.clear();
  good_weights_.clear();
  stopped_ = false;
}

void Trainer::snapshot_weights() {
  good_weights_.resize(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) good_weights_[i].assign(params_[i]->value);
}

void Trainer::restore_weights() {
  if (good_weights_.size() != params_.size()) return;  // no update yet: the weights are the initial ones
  for (size_t i = 0; i < params_.size(); ++i) params_[i]->value.assign(good_weights_[i]);
}

bool Trainer::weights_finite() const {
  for (const Parameter* p : params_)
    if (!p->value.arr().isFinite().all()) return false;
  return true;
}

namespace {

// "a", "a or b", "a, b or c".
std::string one_of(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  return out;
}

// What to change after a stop: the learning rate always; the optimizer settings that make an update grow on their
// own when they are outside their usual range (a momentum above 1 makes the velocity grow every step, a dampening
// outside [0, 1] scales or flips the gradient, a weight decay of 1 or more outweighs it); clipping when it is off.
std::string stop_advice(const OptimizerConfig& o, float lr, bool clipping) {
  const bool sgd = o.kind == "sgd", momentum = (sgd || o.kind == "rmsprop") && o.momentum > 0.0f;
  std::vector<std::string> lower{message("the learning rate (now ", lr, ")")};
  if (momentum && o.momentum > 1.0f) lower.push_back(message("the momentum (now ", o.momentum, ")"));
  if (o.weight_decay >= 1.0f) lower.push_back(message("the weight decay (now ", o.weight_decay, ")"));
  std::vector<std::string> remedies{"lower " + one_of(lower)};
  if (sgd && momentum && (o.dampening < 0.0f || o.dampening > 1.0f))
    remedies.push_back(message("bring the dampening (now ", o.dampening, ") into [0, 1]"));
  if (!clipping) remedies.emplace_back("turn on gradient clipping");
  // Two plain remedies read "A or B"; longer lists "A, B, or C" (the comma keeps "lower x or y" in one piece).
  std::string text = remedies[0];
  const bool plain = lower.size() == 1 && remedies.size() <= 2;
  for (size_t i = 1; i < remedies.size(); ++i)
    text += (i + 1 < remedies.size() ? ", " : plain ? " or " : ", or ") + remedies[i];
  text[0] = 'L';
  return text + ", then start again.";
}

}  // namespace

StepResult Trainer::stop(StepResult r, const std::string& what) {
  restore_weights();
  stopped_ = true;
  r.stopped = true;
  r.message = message(what, " at iteration ", r.iteration, ", so training stopped",
                      good_weights_.empty() ? "" : " and the weights from before the last update were restored", ". ",
                      stop_advice(config_.optimizer, optimizer_->lr(), config_.clip_norm > 0.0f));
  last_ = r;
  return r;
}

StepResult Trainer::step() {
  if (stopped_) return last_;
  const bool lstm = model_->config().cell_kind() == CellKind::Lstm;
  tape_.clear();
  Var loss;
  RecurrentOutput out;
  if (is_seq()) {
    out = model_->forward(tape_, tape_.constant(x_), {}, {}, &dropout_rng_);
    const auto steps = static_cast<int64_t>(target_indices_.size());
    loss = cross_entropy(reshape(out.output, Shape{steps, vocabulary_.size()}), target_indices_, Reduction::Sum);
  } else {
    draw_sine_sample(config_.sine, data_rng_, sample_);
    x_.assign(sample_.input);
    Var h0 = tape_.constant(h_state_);
    Var c0 = lstm ? tape_.constant(c_state_) : Var{};
    out = model_->forward(tape_, tape_.constant(x_), h0, c0, &dropout_rng_);
    loss = mse_loss(out.output, tape_.constant(sample_.target), Reduction::Mean);
  }
  output_ = out.output;

  StepResult r;
  r.iteration = iteration_ + 1;
  r.loss = loss.value().item();
  std::string bad;
  if (std::isfinite(r.loss)) {
    optimizer_->zero_grad();
    tape_.backward(loss);
    const float max_norm = config_.clip_norm > 0.0f ? config_.clip_norm : std::numeric_limits<float>::infinity();
    r.grad_norm = clip_grad_norm_(params_, max_norm);
    if (!std::isfinite(r.grad_norm)) bad = "the gradient norm";
  } else {
    bad = "the loss";
  }
  if (!bad.empty()) return stop(r, bad + " became " + (std::isnan(bad == "the loss" ? r.loss : r.grad_norm) ? "NaN" : "infinite"));
  model_->traces(traces_);
  snapshot_weights();
  optimizer_->step();
  // A finite loss and gradient can still take a weight past float's range (a learning rate of 1e35): caught here,
  // not one step later, so no non-finite weight is ever seen (saved, drawn, or sent to the page).
  if (!weights_finite()) return stop(r, "a weight became infinite or NaN in the update");
  if (!is_seq()) {
    // The seed carries the hidden state to the next iteration, detached: a copy of h_n's value.
    h_state_.assign(out.h_n.value());
    if (lstm) c_state_.assign(out.c_n.value());
  }
  iteration_ = r.iteration;
  last_ = r;
  return r;
}

std::vector<int32_t> Trainer::predicted_indices() const {
  std::vector<int32_t> out;
  if (!is_seq() || !output_.defined()) return out;
  const Tensor& logits = output_.value();  // (T, 1, V)
  const auto v = static_cast<int64_t>(vocabulary_.size());
  for (int64_t t = 0; t < logits.numel() / v; ++t) {
    Eigen::Index best = 0;
    logits.mat(logits.numel() / v, v).row(t).maxCoeff(&best);
    out.push_back(static_cast<int32_t>(best));
  }
  return out;
}

std::string Trainer::predicted_text() const { return encode_utf8(vocabulary_.decode(predicted_indices())); }

Tensor Trainer::probabilities() const {
  if (!is_seq() || !output_.defined()) return Tensor();
  const auto v = static_cast<int64_t>(vocabulary_.size());
  Tensor p(Shape{output_.value().numel() / v, v});
  auto logits = output_.value().mat(p.dim(0), v);
  for (int64_t t = 0; t < p.dim(0); ++t) {
    auto e = (logits.row(t).array() - logits.row(t).maxCoeff()).exp();
    p.mat().row(t) = e / e.sum();
  }
  return p;
}

SineView Trainer::sine_view() {
  check(!is_seq(), "sine_view: the task is \"", config_.task, "\", not sine");
  const bool lstm = model_->config().cell_kind() == CellKind::Lstm;
  const int64_t n = sample_.target.numel();
  SineView view;
  view.start = sample_.start;
  view.truth.assign(sample_.target);
  view.truth.reshape(Shape{n});
  model_->eval();  // no dropout while evaluating
  // One-step predictions: the last sequence through the current weights, from the carried state.
  eval_tape_.clear();
  RecurrentOutput one = model_->forward(eval_tape_, eval_tape_.constant(sample_.input),
                                        eval_tape_.constant(h_state_), lstm ? eval_tape_.constant(c_state_) : Var{});
  view.one_step.assign(one.output.value());
  view.one_step.reshape(Shape{n});
  // Generation, as the seed: feed the first point, then each prediction, carrying the hidden state.
  view.generation.resize(Shape{n});
  Tensor x(Shape{1, 1, 1}), h, c;
  h.assign(h_state_);
  c.assign(c_state_);
  x[0] = sample_.input[0];
  double sq = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    eval_tape_.clear();
    RecurrentOutput o = model_->forward(eval_tape_, eval_tape_.constant(x), eval_tape_.constant(h),
                                        lstm ? eval_tape_.constant(c) : Var{});
    view.generation[i] = o.output.value()[0];
    h.assign(o.h_n.value());
    if (lstm) c.assign(o.c_n.value());
    x[0] = view.generation[i];
    sq += std::pow(double(view.generation[i]) - double(view.truth[i]), 2);
  }
  model_->train();
  view.generation_mse = static_cast<float>(sq / static_cast<double>(n));
  return view;
}

json::Value Trainer::task_json() const {
  json::Value task = json::Value::object();
  task.set("kind", config_.task);
  if (is_seq()) task.set("vocabulary", encode_utf8(vocabulary_.symbols()));
  return task;
}

std::string Trainer::save() const { return save_state_dict(*model_, task_json()); }

void Trainer::load(std::string_view text) {
  LoadedModel loaded = load_state_dict(text);
  const ModelConfig& m = loaded.model->config();
  if (!loaded.task.is_null()) {
    const json::Value* kind = loaded.task.find("kind");
    check(kind && kind->is_string() && kind->as_string() == config_.task, "task.kind: the model was trained for ",
          kind && kind->is_string() ? "\"" + std::string(kind->as_string()) + "\"" : std::string("another task"),
          ", this is the \"", config_.task, "\" task");
  }
  if (is_seq()) {
    const int64_t v = vocabulary_.size();
    check(m.input_size == v && m.output_size() == v, "config: the model maps ", m.input_size, " inputs to ",
          m.output_size(), " outputs; this task's vocabulary has ", v, " characters");
    if (const json::Value* vocab = loaded.task.is_null() ? nullptr : loaded.task.find("vocabulary")) {
      const std::string mine = encode_utf8(vocabulary_.symbols());
      check(vocab->is_string() && vocab->as_string() == mine, "task.vocabulary: the model was trained on \"",
            vocab->is_string() ? std::string(vocab->as_string()) : std::string("?"), "\", this task's is \"", mine,
            "\"");
    }
  } else {
    check(!m.is_cell() && m.input_size == 1 && m.output_size() == 1 && m.batch_first && !m.bidirectional,
          "config: the sine task needs a forward, batch_first layer with input_size 1 and a head with 1 output");
  }
  check_memory_budget(m, steps(), config_.optimizer);
  std::vector<Parameter*> params = loaded.model->parameters();
  std::unique_ptr<Optimizer> optimizer = make_optimizer(config_.optimizer, params);

  // Nothing below can fail: swap in the new model.
  model_ = std::move(loaded.model);
  params_ = std::move(params);
  optimizer_ = std::move(optimizer);
  config_.arch = m.is_cell() ? "cell" : "layer";
  config_.cell = m.is_cell() ? m.kind.substr(0, m.kind.size() - 5) : m.kind;
  config_.nonlinearity = m.nonlinearity;
  config_.hidden_size = m.hidden_size;
  config_.num_layers = m.num_layers;
  config_.bidirectional = m.bidirectional;
  config_.dropout = m.dropout;
  reset_state();
}

}  // namespace rnnlab
