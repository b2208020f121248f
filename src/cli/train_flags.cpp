#include "cli/train_flags.h"

#include <cfloat>
#include <cmath>
#include <string_view>

#include "cli/files.h"
#include "cli/format.h"
#include "core/error.h"
#include "tasks/model_config.h"
#include "tasks/trainer_config_json.h"

namespace rnnlab::cli {
namespace {

// The Trainer's config field names and the flags that set them.
struct FieldFlag {
  std::string_view field, flag;
};
constexpr FieldFlag kFieldFlags[] = {
    {"input", "--input"},       {"target", "--target"},         {"arch", "--arch"},
    {"cell", "--cell"},         {"nonlinearity", "--nonlinearity"}, {"hidden_size", "--hidden"},
    {"num_layers", "--layers"}, {"dropout", "--dropout"},       {"bidirectional", "--bidirectional"},
    {"optimizer", "--optim"},   {"lr", "--lr"},                 {"weight_decay", "--weight-decay"},
    {"momentum", "--momentum"}, {"dampening", "--dampening"},   {"nesterov", "--nesterov"},
    {"beta1", "--beta1"},       {"beta2", "--beta2"},           {"eps", "--eps"},
    {"alpha", "--alpha"},       {"clip_norm", "--clip"},
};

// "hidden_size: got 5; ..." -> "--hidden: got 5; ...". Messages about several fields stay as they are.
std::string with_flag_names(std::string message) {
  for (const FieldFlag& f : kFieldFlags)
    if (message.size() > f.field.size() && message.compare(0, f.field.size(), f.field) == 0 &&
        message[f.field.size()] == ':')
      return std::string(f.flag) + message.substr(f.field.size());
  return message;
}

// Which optimizers read each optimizer-specific flag.
struct OptimizerFlag {
  std::string_view flag;
  std::initializer_list<std::string_view> kinds;
};
const OptimizerFlag kOptimizerFlags[] = {
    {"momentum", {"sgd", "rmsprop"}}, {"dampening", {"sgd"}}, {"nesterov", {"sgd"}},
    {"beta1", {"adam"}},              {"beta2", {"adam"}},    {"amsgrad", {"adam"}},
    {"eps", {"adam", "rmsprop"}},     {"alpha", {"rmsprop"}}, {"centered", {"rmsprop"}},
};

constexpr double kNonnegative[2] = {0.0, FLT_MAX};
const double kBelowOne = std::nextafter(1.0, 0.0);

}  // namespace

std::string show_number(double x) { return format("%g", x); }

void add_model_flags(Args& args, const TrainerConfig& d, bool seq) {
  if (seq)
    args.option("arch", "cell|layer",
                "layer: a recurrent layer and a Linear head; cell: one cell whose hidden state is the logits", d.arch);
  args.option("cell", "rnn|lstm|gru", "the recurrent cell", d.cell)
      .option("nonlinearity", "tanh|relu", "rnn only", d.nonlinearity)
      .option("hidden", "N", seq ? "hidden size (arch layer; arch cell uses the vocabulary size)" : "hidden size",
              std::to_string(d.hidden_size))
      .option("layers", "N", "stacked recurrent layers (arch layer)", std::to_string(d.num_layers))
      .option("dropout", "P", "dropout between stacked layers, in [0, 1)", show_number(d.dropout));
  if (seq) args.flag("bidirectional", "a forward and a reverse direction (arch layer)");
}

void read_model_flags(const Args& args, TrainerConfig& c, bool seq) {
  if (seq) c.arch = args.choice("arch", {"cell", "layer"});
  c.cell = args.choice("cell", {"rnn", "lstm", "gru"});
  c.nonlinearity = args.choice("nonlinearity", {"tanh", "relu"});
  // A single cell's hidden state is its logits: its size is the vocabulary's unless given (then it must match).
  c.hidden_size = c.arch == "cell" && !args.has("hidden") ? 0 : args.integer("hidden", 1, kMaxHiddenSize);
  c.num_layers = args.integer("layers", 1, kMaxLayers);
  c.dropout = static_cast<float>(args.number("dropout", 0.0, kBelowOne, "a number in [0, 1)"));
  if (seq) c.bidirectional = args.on("bidirectional");
}

void add_optimizer_flags(Args& args, const TrainerConfig& d) {
  const OptimizerConfig& o = d.optimizer;
  args.option("optim", "adam|sgd|rmsprop", "the optimizer", o.kind)
      .option("lr", "X", "learning rate", show_number(o.lr))
      .option("weight-decay", "X", "L2 penalty", show_number(o.weight_decay))
      .option("momentum", "X", "sgd, rmsprop", show_number(o.momentum))
      .option("dampening", "X", "sgd", show_number(o.dampening))
      .flag("nesterov", "sgd: Nesterov momentum")
      .option("beta1", "X", "adam", show_number(o.beta1))
      .option("beta2", "X", "adam", show_number(o.beta2))
      .flag("amsgrad", "adam: the AMSGrad variant")
      .option("eps", "X", "adam, rmsprop", show_number(o.eps))
      .option("alpha", "X", "rmsprop: smoothing constant", show_number(o.alpha))
      .flag("centered", "rmsprop: normalize by the centered second moment")
      .option("clip", "X", "clip the gradients' total 2-norm to X before each step; 0 = off", show_number(d.clip_norm));
}

void read_optimizer_flags(const Args& args, TrainerConfig& c) {
  OptimizerConfig& o = c.optimizer;
  o.kind = args.choice("optim", {"adam", "sgd", "rmsprop"});
  for (const OptimizerFlag& f : kOptimizerFlags) {
    const std::string name(f.flag);
    if (!args.has(name)) continue;
    bool applies = false;
    std::string kinds;
    for (std::string_view k : f.kinds) {
      applies = applies || k == o.kind;
      kinds += (kinds.empty() ? "" : " and ") + std::string(k);
    }
    if (!applies) throw UsageError("--" + name + " applies to " + kinds + ", not to --optim " + o.kind);
  }
  auto nonnegative = [&](const char* name) {
    return static_cast<float>(args.number(name, kNonnegative[0], kNonnegative[1], "a finite number >= 0"));
  };
  o.lr = nonnegative("lr");
  o.weight_decay = nonnegative("weight-decay");
  o.momentum = nonnegative("momentum");
  o.dampening = static_cast<float>(args.number("dampening", -FLT_MAX, FLT_MAX, "a finite number"));
  o.nesterov = args.on("nesterov");
  o.beta1 = static_cast<float>(args.number("beta1", 0.0, kBelowOne, "a number in [0, 1)"));
  o.beta2 = static_cast<float>(args.number("beta2", 0.0, kBelowOne, "a number in [0, 1)"));
  o.amsgrad = args.on("amsgrad");
  o.eps = nonnegative("eps");
  o.alpha = nonnegative("alpha");
  o.centered = args.on("centered");
  c.clip_norm = static_cast<float>(args.number("clip", kNonnegative[0], kNonnegative[1], "a finite number >= 0 (0 = off)"));
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
                     std::string(command_task) + "\"); use rnnlab train " + (config.task == "sine" ? "sine" : "seq"));
  return config;
}

void add_config_flag(Args& args) {
  args.option("config", "FILE", "start from this JSON config (the JS API's keys, docs/js-api.md); flags given override it");
}

void add_run_flags(Args& args, const TrainerConfig& d) {
  args.option("seed", "N", "seeds the initial weights, the data and dropout", std::to_string(d.seed))
      .option("save", "FILE", "save the trained model (rnnlab.state_dict JSON)")
      .flag("jsonl", "print one JSON object per iteration, {\"iteration\":1,\"loss\":1.23456789}, and nothing else");
}

uint64_t read_seed(const Args& args) {
  // Seeds up to 2^53 - 1: the ones a JavaScript number holds exactly, so the page can repeat any CLI run.
  return static_cast<uint64_t>(args.integer("seed", 0, (int64_t{1} << 53) - 1));
}

std::unique_ptr<Trainer> make_trainer(const TrainerConfig& config) {
  try {
    return std::make_unique<Trainer>(config);
  } catch (const Error& e) {
    throw UsageError(with_flag_names(e.what()));
  }
}

}  // namespace rnnlab::cli
