// Each task's piece of the torch export: its data as Python, its training loop, its default number of steps. A new
// task adds one file (torch_<task>.cpp) and one line in torch_tasks.cpp; the frame (torch_program.cpp) and the
// shared pieces (torch_model.h: model, optimizer, clipping, Rng) are the same for every task.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "export/torch_model.h"
#include "export/torch_program.h"
#include "tasks/trainer_config.h"

namespace rnnlab::torch_export {

// What a task's piece is written from.
struct TorchRun {
  const TrainerConfig& config;
  const ModelConfig& model;
  int64_t steps;                   // training steps (epochs, iterations) the program runs
  const std::string& corpus_path;  // the text task's corpus, as the program opens it
  const DigitsFiles& digits_files;  // the digits task: where the program reads the images
};

// A task's part of the program. The frame writes, in order: the docstring (title, about), the imports, SEED and
// the Rng class when anything is drawn, `data`, the Model class (taking `input`), then main(): the model with
// the weights, the optimizer, and `train` (main's body from there on, indented 4 spaces, ending with the log).
struct TorchTaskProgram {
  std::string title;  // the docstring's first line
  std::string about;  // what the run is, one paragraph of the docstring
  bool numpy = false;       // imports numpy as np
  std::string imports;      // the standard library's modules it imports, before torch ("import gzip\n")
  bool draws_data = false;  // uses Rng(SEED, 2)
  std::string data;         // module level: constants, the data, helper functions
  ModelInput input = ModelInput::Features;
  bool last_step = false;  // the model answers from its last step only (out[-1]), as a many-to-one task
  std::string train;
};

struct TorchTaskExport {
  std::string_view task;  // the registry's name (tasks/task_registry.h)
  int64_t (*default_steps)(const TrainerConfig& config);
  TorchTaskProgram (*write)(const TorchRun& run);
};

// nullptr when the task has no torch export.
const TorchTaskExport* find_torch_task(std::string_view task);

// The seed's log cadence: a line every step up to 20 steps, else every ceil(steps / 20) and the last.
int64_t log_every(int64_t steps);

// The pieces (torch_seq.cpp, torch_sine.cpp, torch_text.cpp, torch_remember.cpp, torch_classify.cpp,
// torch_tag.cpp, torch_digits.cpp).
TorchTaskProgram seq_torch_program(const TorchRun& run);
TorchTaskProgram sine_torch_program(const TorchRun& run);
TorchTaskProgram text_torch_program(const TorchRun& run);
TorchTaskProgram remember_torch_program(const TorchRun& run);
TorchTaskProgram classify_torch_program(const TorchRun& run);
TorchTaskProgram tag_torch_program(const TorchRun& run);
TorchTaskProgram digits_torch_program(const TorchRun& run);

}  // namespace rnnlab::torch_export
