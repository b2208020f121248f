#include "tasks/sine_task.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "tasks/config_schema.h"
#include "tasks/recurrent_model_config.h"
#include "train/mse_loss.h"

namespace rnnlab {

SineTask::SineTask(const TrainerConfig& c) : settings_(c.sine) {
  validate(settings_);
  make_sine_sample(settings_, 0.0, sample_);  // what the view shows before the first step
}

ModelConfig SineTask::model_config(const TrainerConfig& c) const {
  if (c.arch == "cell")
    fail_key("arch", "the sine task needs arch \"layer\" (its Linear head maps the hidden state to one value)");
  if (c.bidirectional)
    fail_key("bidirectional",
             "the sine predictor generates forward in time; a reverse direction would see the future");
  return recurrent_model_config(c, 1, 1, /*batch_first=*/true);  // the seed feeds (1, N, 1)
}

TaskStep SineTask::forward_loss(Tape& tape, SequenceModel& model, Rng& data_rng, Rng* dropout_rng) {
  const ModelConfig& m = model.config();
  lstm_ = m.cell_kind() == CellKind::Lstm;
  if (h_state_.empty()) {
    h_state_.resize(Shape{m.num_layers * m.directions(), 1, m.hidden_size});
    c_state_.resize(h_state_.shape());
  }
  draw_sine_sample(settings_, data_rng, sample_);
  TaskStep s;
  s.out = model.forward(tape, tape.constant(sample_.input), tape.constant(h_state_),
                        lstm_ ? tape.constant(c_state_) : Var{}, dropout_rng);
  output_ = s.out.output;
  s.loss = mse_loss(s.out.output, tape.constant(sample_.target), Reduction::Mean);
  return s;
}

void SineTask::after_update(const RecurrentOutput& out, SequenceModel&) {
  // The seed carries the hidden state to the next iteration, detached: a copy of h_n's value.
  h_state_.assign(out.h_n.value());
  if (lstm_) c_state_.assign(out.c_n.value());
}

void SineTask::forget() {
  output_ = {};
  eval_tape_.clear();
  h_state_ = Tensor();
  c_state_ = Tensor();
}

SineView SineTask::view(SequenceModel& model) {
  const ModelConfig& m = model.config();
  const bool lstm = m.cell_kind() == CellKind::Lstm;
  Tensor h(Shape{m.num_layers * m.directions(), 1, m.hidden_size}), c;
  if (!h_state_.empty()) h.assign(h_state_);
  c.assign(h);
  if (lstm && !c_state_.empty()) c.assign(c_state_);
  const int64_t n = sample_.target.numel();
  SineView view;
  view.start = sample_.start;
  view.truth.assign(sample_.target);
  view.truth.reshape(Shape{n});
  model.eval();  // no dropout while evaluating
  // One-step predictions: the last sequence through the current weights, from the carried state.
  eval_tape_.clear();
  RecurrentOutput one = model.forward(eval_tape_, eval_tape_.constant(sample_.input), eval_tape_.constant(h),
                                      lstm ? eval_tape_.constant(c) : Var{});
  view.one_step.assign(one.output.value());
  view.one_step.reshape(Shape{n});
  // Generation, as the seed: feed the first point, then each prediction, carrying the hidden state.
  view.generation.resize(Shape{n});
  Tensor x(Shape{1, 1, 1});
  x[0] = sample_.input[0];
  double sq = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    eval_tape_.clear();
    RecurrentOutput o = model.forward(eval_tape_, eval_tape_.constant(x), eval_tape_.constant(h),
                                      lstm ? eval_tape_.constant(c) : Var{});
    view.generation[i] = o.output.value()[0];
    h.assign(o.h_n.value());
    if (lstm) c.assign(o.c_n.value());
    x[0] = view.generation[i];
    sq += std::pow(double(view.generation[i]) - double(view.truth[i]), 2);
  }
  model.train();
  view.generation_mse = static_cast<float>(sq / static_cast<double>(n));
  return view;
}

ViewData SineTask::prediction(SequenceModel& model) {
  const SineView v = view(model);
  const int64_t n = v.truth.numel();
  std::vector<float> time(static_cast<size_t>(n));  // (N) x coordinate of each target point
  for (int64_t i = 0; i < n; ++i)
    time[i] = static_cast<float>(v.start + settings_.span * double(i + 1) / (settings_.points - 1));
  auto flat = [](const Tensor& t) { return std::vector<float>(t.data(), t.data() + t.numel()); };
  ViewData d;
  d.set("task", std::string("sine")).set("view", std::string("sine"));
  d.set("start", v.start).set("time", std::move(time)).set("input", flat(sample_.input));
  d.set("truth", flat(v.truth)).set("oneStep", flat(v.one_step)).set("generation", flat(v.generation));
  d.set("generationMse", static_cast<double>(v.generation_mse));
  return d;
}

void SineTask::trace_output(ViewData& out) const {
  if (!output_.defined()) return;
  const Tensor& y = output_.value();  // (1, N, 1), batch-first
  Tensor output;
  output.assign(y);
  output.reshape(Shape{y.numel(), 1});                                                        // (T, 1)
  out.set("output", std::move(output));
  out.set("target", std::vector<float>(sample_.target.data(), sample_.target.data() + sample_.target.numel()));
}

json::Value SineTask::describe() const {
  json::Value task = json::Value::object();
  task.set("kind", "sine");
  return task;
}

std::vector<float> SineTask::inspection_values(int64_t max) const {
  const int64_t n = std::min(max, kSineInspectValues);
  const double dx = settings_.span / (settings_.points - 1);
  std::vector<float> values(static_cast<size_t>(std::max<int64_t>(n, 0)));
  for (int64_t k = 0; k < n; ++k) values[static_cast<size_t>(k)] = static_cast<float>(std::sin(static_cast<double>(k) * dx));
  return values;
}

void SineTask::check_loaded(const ModelConfig& m, const json::Value&) const {
  check(!m.is_cell() && m.input_size == 1 && m.output_size() == 1 && m.batch_first && !m.bidirectional,
        "config: the sine task needs a forward, batch_first layer with input_size 1 and a head with 1 output");
}

}  // namespace rnnlab
