#include "tasks/trainer.h"

#include <cmath>
#include <limits>

#include "core/error.h"
#include "tasks/config_schema.h"
#include "tasks/memory_budget.h"
#include "tasks/state_dict.h"
#include "tasks/task_registry.h"
#include "tasks/trainer_config_json.h"
#include "train/clip_grad.h"
#include "train/optimizer_config.h"

namespace rnnlab {
namespace {

// What only the optimizer's constructor would say otherwise, said about the key.
void check_optimizer_relations(const OptimizerConfig& o) {
  if ((o.kind == "adam" || o.kind == "rmsprop") && !(o.eps > 0.0f))
    fail_key("eps", "got ", o.eps, ", expected a number > 0 for ", o.kind);
  if (o.kind == "sgd" && o.nesterov && !(o.momentum > 0.0f && o.dampening == 0.0f))
    fail_key("nesterov", "got true with momentum ", o.momentum, " and dampening ", o.dampening,
             ", expected momentum > 0 and dampening 0");
}

}  // namespace

void Trainer::validate(const TrainerConfig& config) {
  check_config_ranges(config);
  const std::unique_ptr<Task> task = make_task(config);  // typed text, sine settings, or a corpus's indices
  check_memory_budget(task->model_config(config), task->steps(), config.optimizer, task->batch(), task->data_bytes());
  check_optimizer_relations(config.optimizer);
  // What only building the optimizer checks (its hyper-parameters), on no parameters.
  (void)make_optimizer(config.optimizer, {});
}

Trainer::Trainer(const TrainerConfig& config)
    : config_(config), data_rng_(config.seed, 2), dropout_rng_(config.seed, 3) {
  check_config_ranges(config);
  task_ = make_task(config);
  config_.task = find_task(config.task)->name;  // "hello" is "seq"
  const ModelConfig m = task_->model_config(config);
  check_memory_budget(m, task_->steps(), config.optimizer, task_->batch(),
                      task_->data_bytes());  // before anything big is allocated
  check_optimizer_relations(config.optimizer);
  Rng init_rng(config.seed, 1);
  model_ = std::make_unique<SequenceModel>(m, init_rng);
  params_ = model_->parameters();
  optimizer_ = make_optimizer(config.optimizer, params_);
  run_record_ = json::parse(trainer_config_to_json(config_));
  reset_state();
}

void Trainer::reset_state() {
  tape_.clear();
  output_ = {};
  task_->forget();
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
  tape_.clear();
  const TaskStep s = task_->forward_loss(tape_, *model_, data_rng_, &dropout_rng_);
  output_ = s.out.output;

  StepResult r;
  r.iteration = iteration_ + 1;
  r.loss = s.loss.value().item();
  std::string bad;
  if (std::isfinite(r.loss)) {
    optimizer_->zero_grad();
    tape_.backward(s.loss);
    const float max_norm = config_.clip_norm > 0.0f ? config_.clip_norm : std::numeric_limits<float>::infinity();
    r.grad_norm = clip_grad_norm_(params_, max_norm);
    if (!std::isfinite(r.grad_norm)) bad = "the gradient norm";
  } else {
    bad = "the loss";
  }
  if (!bad.empty()) return stop(r, bad + " became " + (std::isnan(bad == "the loss" ? r.loss : r.grad_norm) ? "NaN" : "infinite"));
  model_->traces(traces_);
  traces_inspected_ = false;
  snapshot_weights();
  optimizer_->step();
  // A finite loss and gradient can still take a weight past float's range (a learning rate of 1e35): caught here,
  // not one step later, so no non-finite weight is ever seen (saved, drawn, or sent to the page).
  if (!weights_finite()) return stop(r, "a weight became infinite or NaN in the update");
  task_->after_update(s.out, *model_);
  iteration_ = r.iteration;
  last_ = r;
  return r;
}

float Trainer::inspect() {
  if (stopped_) return last_.loss;
  tape_.clear();
  traces_.clear();
  Rng data_rng = data_rng_;  // a copy: the next step draws the same example
  const TaskStep s = task_->forward_loss(tape_, *model_, data_rng, nullptr);
  output_ = s.out.output;
  const float loss = s.loss.value().item();
  if (!std::isfinite(loss)) return loss;
  optimizer_->zero_grad();
  tape_.backward(s.loss);
  model_->traces(traces_);
  traces_inspected_ = true;
  optimizer_->zero_grad();  // the gradients were for the view only
  return loss;
}

// The task object carries the iteration the weights were saved at, so a loaded model counts on from there, and the
// run's config ("trainer", the JS keys), so `rnnlab export torch` can replay the run that made it.
std::string Trainer::save() const {
  json::Value task = task_->describe();
  task.set("iteration", iteration_);
  task.set("trainer", run_record_);  // the run's settings: seed, optimizer, data
  return save_state_dict(*model_, task);
}

void Trainer::load(std::string_view text) {
  LoadedModel loaded = load_state_dict(text);
  const ModelConfig& m = loaded.model->config();
  if (!loaded.task.is_null()) {
    const json::Value* kind = loaded.task.find("kind");
    check(kind && kind->is_string() && kind->as_string() == config_.task, "task.kind: the model was trained for ",
          kind && kind->is_string() ? "\"" + std::string(kind->as_string()) + "\"" : std::string("another task"),
          ", this is the \"", config_.task, "\" task");
  }
  task_->check_loaded(m, loaded.task);
  int64_t iteration = 0;  // a file without one (a torch script's) starts at 0
  if (const json::Value* it = loaded.task.is_null() ? nullptr : loaded.task.find("iteration")) {
    const double n = it->is_number() ? it->as_number() : -1.0;
    check(n >= 0.0 && n <= 1e15 && n == std::floor(n), "task.iteration: expected a whole number from 0 to 1e15");
    iteration = static_cast<int64_t>(n);
  }
  check_memory_budget(m, task_->steps(), config_.optimizer, task_->batch(), task_->data_bytes());
  std::vector<Parameter*> params = loaded.model->parameters();
  std::unique_ptr<Optimizer> optimizer = make_optimizer(config_.optimizer, params);

  // Nothing below can fail: swap in the new model.
  model_ = std::move(loaded.model);
  params_ = std::move(params);
  optimizer_ = std::move(optimizer);
  if (!m.is_image()) {  // an image classifier's sizes are its model key's (the task checked the kind)
    config_.arch = m.is_cell() ? "cell" : "layer";
    config_.cell = m.is_cell() ? m.kind.substr(0, m.kind.size() - 5) : m.kind;
    config_.nonlinearity = m.nonlinearity;
    config_.hidden_size = m.hidden_size;
    config_.num_layers = m.num_layers;
    config_.bidirectional = m.bidirectional;
    config_.dropout = m.dropout;
  }
  config_.text.embedding = m.embedding_dim;  // the text task's key (0: one-hot); no other task reads it
  iteration_ = iteration;
  const json::Value* record = loaded.task.is_null() ? nullptr : loaded.task.find("trainer");
  run_record_ = record && record->is_object() ? *record : json::parse(trainer_config_to_json(config_));
  reset_state();
}

}  // namespace rnnlab
