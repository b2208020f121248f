// The flags shared by the train commands, read into a TrainerConfig: one per key of the config schema. Values are
// checked here, with messages that name the flag; what only the whole config can tell (hidden size of a single
// cell, relu with lstm, nesterov without momentum) the Trainer checks, naming the key, shown as its flag.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "tasks/text_corpus.h"
#include "tasks/trainer.h"

namespace rnnlab::cli {

// A flag for every config key of the schema (tasks/config_schema.h) that applies to `task` (or only those listed
// in `only`), its help the schema's doc and range, its default shown from `defaults`. Reading checks each value
// given against the key's range, naming the flag; an optimizer setting given for another optimizer is an error.
// Keys left out keep `config`'s value, and take the implied defaults of what the line sets (--model cnn without
// --batch: 32; arch layer without --hidden: 16).
void add_config_flags(Args& args, const TrainerConfig& defaults, std::string_view task,
                      std::span<const std::string_view> only = {});
void read_config_flags(const Args& args, TrainerConfig& config, std::string_view task,
                       std::span<const std::string_view> only = {});

// --config FILE: a JSON trainer config (the JS config's keys, src/tasks/trainer_config_json.h) that replaces
// `preset` as the starting point; the flags given on the line then override it, and their help shows its values.
// The file's "task" must be the command's (`command_task`: "seq" or "sine"). Without --config, `preset` as given.
// Errors: "--config PATH: <what is wrong>".
TrainerConfig config_file_or(const std::vector<std::string>& words, TrainerConfig preset, std::string_view command_task);
void add_config_flag(Args& args);

// --save, --jsonl.
void add_run_flags(Args& args);
// The end of a train command: saves the model to `save` (if given; said on stdout unless --jsonl), flushes.
void finish_run(const Trainer& trainer, const std::string& save, bool jsonl, const Console& console);

// The Trainer for `config`; a config it refuses is a UsageError whose message names the flag
// ("--hidden: got 5; arch \"cell\" uses the hidden state as the logits, ...").
std::unique_ptr<Trainer> make_trainer(const TrainerConfig& config);

// The text task's corpus, read from `path` (at most kMaxCorpusBytes) and parsed for `seq_len`; a corpus the task
// refuses is a UsageError naming the file ("--corpus FILE: one distinct character ...").
std::shared_ptr<const TextCorpus> read_corpus(const std::string& path, int64_t seq_len);

// The classify task's examples (JSON), read from `path` (at most kMaxExamplesBytes) and checked; examples the task
// refuses are a UsageError naming the file ("--examples FILE: classes[1].examples[3] is empty, ...").
std::string read_examples(const std::string& path);

// A number as the help shows defaults: "0.1", "1e-8" (the float's shortest round-trip text).
std::string show_number(double x);

}  // namespace rnnlab::cli
