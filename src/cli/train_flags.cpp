#include "cli/train_flags.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "cli/files.h"
#include "cli/format.h"
#include "core/error.h"
#include "io/float_format.h"
#include "tasks/classify_examples.h"
#include "tasks/config_schema.h"
#include "tasks/trainer_config_json.h"

namespace rnnlab::cli {
namespace {

bool listed(std::span<const std::string_view> only, std::string_view key) {
  if (only.empty()) return true;
  for (std::string_view k : only)
    if (k == key) return true;
  return false;
}

// The keys a command of `task` offers as flags: those of the schema that apply to it ("task" is the command).
template <class Visit>
void for_each_flag_key(std::string_view task, std::span<const std::string_view> only, Visit&& visit) {
  for (const ConfigKey& key : config_schema())
    if (key.key != "task" && key.applies_to(task) && listed(only, key.key)) visit(key);
}

std::string shown(const ConfigKey& key, const TrainerConfig& c) {
  const ConfigValue v = config_value(key, c);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (key.type == KeyType::Integer) return std::to_string(static_cast<int64_t>(std::get<double>(v)));
  return show_number(std::get<double>(v));
}

std::string help_of(const ConfigKey& key) {
  std::string help(key.doc);
  if (key.type == KeyType::Integer || key.type == KeyType::Number) help += "; " + key.expected_range();
  if (!key.optimizers.empty()) help = key.optimizers_text() + ": " + help;
  return help;
}

}  // namespace

// The defaults shown are float fields: their shortest text reads back to the same float (0.1, 1e-8).
std::string show_number(double x) { return io::shortest_text(static_cast<float>(x)); }

void add_config_flags(Args& args, const TrainerConfig& d, std::string_view task,
                      std::span<const std::string_view> only) {
  for_each_flag_key(task, only, [&](const ConfigKey& key) {
    const std::string flag(key.flag);
    if (key.type == KeyType::Boolean) {
      args.flag(flag, help_of(key));
      return;
    }
    std::string metavar = key.type == KeyType::Integer ? "N" : key.type == KeyType::Number ? "X" : "TEXT";
    if (key.type == KeyType::Number && key.min == 0 && key.max == 1) metavar = "P";  // a probability
    if (!key.choices.empty()) {
      metavar = std::string(key.choices);
      std::replace(metavar.begin(), metavar.end(), ' ', '|');
    }
    args.option(flag, metavar, help_of(key), shown(key, d));
  });
}

void read_config_flags(const Args& args, TrainerConfig& c, std::string_view task,
                       std::span<const std::string_view> only) {
  const auto given = [&](std::string_view key) {
    const ConfigKey* row = find_config_key(key);
    return row && row->applies_to(task) && listed(only, key) && args.has(std::string(row->flag));
  };
  // The optimizer first: a setting of another optimizer is an error, not silently ignored.
  if (listed(only, "optim") && args.has("optim")) c.optimizer.kind = args.choice("optim", {"adam", "sgd", "rmsprop"});
  for_each_flag_key(task, only, [&](const ConfigKey& key) {
    const std::string flag(key.flag);
    if (!args.has(flag)) return;
    if (!key.read_by(c.optimizer.kind)) {
      std::string kinds(key.optimizers);
      if (const size_t space = kinds.find(' '); space != std::string::npos) kinds.replace(space, 1, " and ");
      throw UsageError("--" + flag + " applies to " + kinds + ", not to --optim " + c.optimizer.kind);
    }
    ConfigValue value;
    switch (key.type) {
      case KeyType::String:
        value = args.str(flag);
        if (!key.choices.empty() && !key.accepts(std::get<std::string>(value)))
          throw UsageError("--" + flag + ": got '" + args.str(flag) + "', expected " + key.expected());
        break;
      case KeyType::Boolean:
        value = true;
        break;
      case KeyType::Integer:  // 0 ("fits the rest") is said by leaving the flag out
        value = static_cast<double>(args.integer(flag, static_cast<int64_t>(key.min), static_cast<int64_t>(key.max)));
        break;
      case KeyType::Number: {
        constexpr double kInf = std::numeric_limits<double>::infinity();
        const double lo = key.min_open ? std::nextafter(key.min, kInf) : key.min;
        const double hi = key.max_open ? std::nextafter(key.max, -kInf) : key.max;
        value = args.number(flag, lo, hi, key.expected());
        break;
      }
    }
    try {
      set_config_value(key, c, value);
    } catch (const ConfigError& e) {
      throw UsageError(e.named("--" + flag));
    }
  });
  // A key the line left out takes its implied default when the line set what implies it (--model cnn: batch 32),
  // or fills a 0 (arch layer: 16 units); what a --config file or the preset set stays as it is.
  for (const ImpliedDefault& d : implied_defaults())
    if (!given(d.key) && (d.only_zero || given(d.when_key))) apply_implied_default(d, c);
}

TrainerConfig config_file_or(const std::vector<std::string>& words, TrainerConfig preset, std::string_view command_task) {
  // Read before the flags are declared, since the file's values become their defaults. Args::parse later checks
  // the same words strictly (a missing value, --config given twice).
  std::string path;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "--config" && i + 1 < words.size()) path = words[i + 1];
    else if (words[i].rfind("--config=", 0) == 0) path = words[i].substr(9);
  }
  if (path.empty()) return preset;
  const std::string text = read_text_file(path, "--config", kConfigFileLimit);
  TrainerConfig config;
  try {
    config = trainer_config_from_json_text(text);
  } catch (const Error& e) {
    throw UsageError("--config " + path + ": " + e.what());
  }
  if (config.task != command_task)
    throw UsageError("--config " + path + ": task \"" + config.task + "\" is not trained by this command (it trains \"" +
                     std::string(command_task) + "\"); use rnnlab train " + config.task);
  return config;
}

void add_config_flag(Args& args) {
  args.option("config", "FILE", "start from this JSON config (the JS API's keys, docs/js-api.md); flags given override it");
}

void add_run_flags(Args& args) {
  args.option("save", "FILE", "save the trained model (rnnlab.state_dict JSON)")
      .flag("jsonl", "print one JSON object per iteration, {\"iteration\":1,\"loss\":1.23456789}, and nothing else");
}

void finish_run(const Trainer& trainer, const std::string& save, bool jsonl, const Console& console) {
  if (!save.empty()) {
    write_text_file(save, trainer.save(), "--save");
    if (!jsonl) console.out << "Saved the model to " << save << '\n';
  }
  console.out.flush();
}

std::unique_ptr<Trainer> make_trainer(const TrainerConfig& config) {
  try {
    return std::make_unique<Trainer>(config);
  } catch (const ConfigError& e) {
    throw UsageError(e.named("--" + std::string(e.key().flag)));
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
}

std::shared_ptr<const TextCorpus> read_corpus(const std::string& path, int64_t seq_len) {
  std::string text = read_text_file(path, "--corpus", kMaxCorpusBytes);
  try {
    return std::make_shared<const TextCorpus>(text, seq_len);
  } catch (const ConfigError& e) {
    throw UsageError(e.named("--corpus " + path));
  }
}

std::string read_examples(const std::string& path) {
  std::string text = read_text_file(path, "--examples", kMaxExamplesBytes);
  try {
    parse_class_examples(text, 0);
  } catch (const ConfigError& e) {
    throw UsageError(e.named("--examples " + path));
  }
  return text;
}

}  // namespace rnnlab::cli
