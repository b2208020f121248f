// The flags shared by the train commands, read into a TrainerConfig. Values are checked here, with messages that
// name the flag; what only the whole config can tell (hidden size of a single cell, relu with lstm, nesterov
// without momentum) the Trainer checks, and make_trainer() renames its fields to the flags.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "tasks/trainer.h"

namespace rnnlab::cli {

// --cell, --hidden, --layers, --nonlinearity, --dropout; with `seq` also --arch and --bidirectional.
void add_model_flags(Args& args, const TrainerConfig& defaults, bool seq);
void read_model_flags(const Args& args, TrainerConfig& config, bool seq);

// --optim, --lr, --weight-decay, --momentum, --dampening, --nesterov, --beta1, --beta2, --amsgrad, --eps, --alpha,
// --centered, --clip. A setting of another optimizer than the chosen one is an error, not silently ignored.
void add_optimizer_flags(Args& args, const TrainerConfig& defaults);
void read_optimizer_flags(const Args& args, TrainerConfig& config);

// --config FILE: a JSON trainer config (the JS config's keys, src/tasks/trainer_config_json.h) that replaces
// `preset` as the starting point; the flags given on the line then override it, and their help shows its values.
// The file's "task" must be the command's (`command_task`: "seq" or "sine"). Without --config, `preset` as given.
// Errors: "--config PATH: <what is wrong>".
TrainerConfig config_file_or(const std::vector<std::string>& words, TrainerConfig preset, std::string_view command_task);
void add_config_flag(Args& args);

// --seed, --save, --jsonl.
void add_run_flags(Args& args, const TrainerConfig& defaults);
uint64_t read_seed(const Args& args);

// The Trainer for `config`; a config it refuses is a UsageError whose message names the flag
// ("--hidden: got 5; arch \"cell\" uses the hidden state as the logits, ...").
std::unique_ptr<Trainer> make_trainer(const TrainerConfig& config);

// A number as the help shows defaults: "0.1", "1e-8" (the float's shortest round-trip text).
std::string show_number(double x);

}  // namespace rnnlab::cli
