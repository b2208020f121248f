#include "export/torch_program.h"

#include "core/error.h"
#include "export/python_text.h"
#include "export/torch_tasks.h"
#include "tasks/state_dict.h"
#include "tasks/task_registry.h"

namespace rnnlab::torch_export {
namespace {

constexpr std::string_view kFrame = R"("""${title}

${about}
"""
${stdlib}import torch
import torch.nn as nn
${imports}${seeded}
${data}

${model}

def main():
    model = ${construct}
    model.load_state_dict({name: torch.tensor(values).view(shape) for name, (shape, values) in WEIGHTS.items()})
    optimizer = ${optimizer}
${train}

# The weights the run starts from (${weights_note}),
# by torch's state_dict names: name -> (shape, values).
WEIGHTS = ${weights}

if __name__ == "__main__":
    main()
)";

const TorchTaskExport& torch_task(const TrainerConfig& config) {
  const TaskInfo* info = find_task(config.task);
  const std::string_view name = info ? info->name : std::string_view(config.task);
  const TorchTaskExport* t = find_torch_task(name);
  check(t != nullptr, "the ", name, " task has no torch export yet");
  return *t;
}

// "lstm, 2 layers of 16, bidirectional, embedding 8, head 4": what a model is, for messages.
std::string shape_of(const ModelConfig& m) {
  std::string text = m.kind + (m.nonlinearity == "relu" ? " (relu)" : "") + ", " + std::to_string(m.num_layers) +
                     (m.num_layers == 1 ? " layer of " : " layers of ") + std::to_string(m.hidden_size) + ", input " +
                     std::to_string(m.input_size);
  if (m.bidirectional) text += ", bidirectional";
  if (m.dropout > 0.0f) text += ", dropout " + py_float(m.dropout);
  if (m.has_embedding()) text += ", embedding " + std::to_string(m.num_embeddings) + "x" + std::to_string(m.embedding_dim);
  if (m.head_out) text += ", head " + std::to_string(*m.head_out);
  return text;
}

}  // namespace

int64_t default_steps(const TrainerConfig& config) { return torch_task(config).default_steps(config); }

std::string torch_program(const TrainerConfig& config, const SequenceModel& model, const TorchProgramOptions& o) {
  const TorchTaskExport& task = torch_task(config);
  const ModelConfig& m = model.config();
  const int64_t steps = o.steps > 0 ? o.steps : task.default_steps(config);
  const TorchRun run{config, m, steps, o.corpus_path, o.digits_files};
  const TorchTaskProgram p = task.write(run);
  const bool dropout = draws_dropout(m);
  std::string seeded;
  if (p.draws_data || dropout) {
    std::string uses = p.draws_data && dropout ? "Rng(SEED, 2) draws the data, Rng(SEED, 3) the dropout masks"
                       : p.draws_data         ? "Rng(SEED, 2) draws the data"
                                              : "Rng(SEED, 3) draws the dropout masks";
    seeded = "\nSEED = " + std::to_string(config.seed) + "  # rnnlab's seed: " + uses + ", as in rnnlab\n" +
             rng_class(dropout) + "\n";
  }
  const OptimizerConfig& opt = config.optimizer;
  const std::string weights_note = o.weights_note.empty() ? "rnnlab's" : o.weights_note;
  const std::string about =
      p.about + "\n\nExported by rnnlab (rnnlab export torch) with everything rnnlab's run uses: the weights it starts "
      "from (WEIGHTS, at the end of this file: " + weights_note + "), the same data, loss, optimizer (" +
      (opt.kind == "sgd" ? "SGD" : opt.kind == "rmsprop" ? "RMSprop" : "Adam") +
      (config.clip_norm > 0.0f ? ", gradient clipping" : "") + ") and " + std::to_string(steps) +
      " steps, so the losses printed are rnnlab's. Needs only torch" + (p.numpy ? " (and numpy, which torch uses)" : "") +
      ". Run it with: python3 train.py";
  std::string wrapped;  // paragraph by paragraph
  for (size_t i = 0; i <= about.size();) {
    size_t end = about.find("\n\n", i);
    if (end == std::string::npos) end = about.size();
    wrapped += (wrapped.empty() ? "" : "\n\n") + wrap(std::string_view(about).substr(i, end - i), 110);
    i = end + 2;
  }
  return fill(kFrame, {{"title", p.title},
                       {"about", wrapped},
                       {"weights_note", weights_note},
                       {"stdlib", p.imports},
                       {"imports", p.numpy ? "import numpy as np\n" : ""},
                       {"seeded", seeded},
                       {"data", p.data},
                       {"model", model_class(m, p.input, p.last_step)},
                       {"construct", model_construction(m)},
                       {"optimizer", optimizer_expression(opt)},
                       {"train", p.train},
                       {"weights", py_state_dict(model)}});
}

std::string export_run(Trainer& trainer, const RunExport& r) {
  int64_t iteration = 0;
  if (!r.model_text.empty()) {
    // A fresh trainer of the same config loads the file: the same checks as the page's and the CLI's load (the
    // model's shape, the task, the vocabulary), and the iteration it was saved at.
    Trainer probe(trainer.config());
    probe.load(r.model_text);
    iteration = probe.iteration();
    // A loaded model replaces the config's shape; the run's initial weights are those of the config's model.
    const std::string saved = shape_of(probe.model().config()), built = shape_of(trainer.model().config());
    check(r.weights == Weights::Current || saved == built, "the model is ", saved, ", the config builds ", built,
          ": give the run's config, or start from the saved weights (weights current)");
    if (r.weights == Weights::Current) trainer.load(r.model_text);
  }
  check(r.weights == Weights::Initial || !r.model_text.empty(), "weights: \"current\" needs a saved model");
  TorchProgramOptions o;
  o.steps = r.steps > 0 ? r.steps : iteration > 0 ? iteration : default_steps(trainer.config());
  o.corpus_path = r.corpus_path;
  o.digits_files = r.digits_files;
  o.weights_note = r.weights == Weights::Current
                       ? "the saved model's, at iteration " + std::to_string(iteration)
                       : "drawn by rnnlab from seed " + std::to_string(trainer.config().seed) + ", as its run starts";
  return torch_program(trainer.config(), trainer.model(), o);
}

}  // namespace rnnlab::torch_export
