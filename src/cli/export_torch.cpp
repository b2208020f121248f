// rnnlab export torch: one runnable Python file that trains the same run with torch alone (export/torch_program.h),
// printed on stdout (`> train.py`). The run is a saved model's (the config it records, --config, or --task and the
// flags), its weights the initial ones (drawn from the config's seed) or the saved ones (--weights current).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/train_flags.h"
#include "core/error.h"
#include "export/torch_program.h"
#include "export/torch_tasks.h"
#include "io/json.h"
#include "tasks/config_schema.h"
#include "tasks/digits_data.h"
#include "tasks/task_registry.h"
#include "tasks/text_corpus.h"
#include "tasks/trainer_config_json.h"

#ifndef RNNLAB_DATA_DIR
#define RNNLAB_DATA_DIR "data"
#endif

namespace rnnlab::cli {
namespace {

constexpr int64_t kMaxSteps = 100'000'000;

// The value of `--name` among the words, before the flags are declared (the config decides which flags there are).
std::string prescan(const Words& words, const std::string& name) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "--" + name && i + 1 < words.size()) return words[i + 1];
    if (words[i].rfind("--" + name + "=", 0) == 0) return words[i].substr(name.size() + 3);
  }
  return "";
}

// The run's config before the flags: --config FILE, else the one the saved model records, else --task's preset.
TrainerConfig base_config(const std::string& config_path, const std::string& model_path, const std::string& model_text,
                          const std::string& task) {
  if (!config_path.empty()) {
    const std::string text = read_text_file(config_path, "--config", kConfigFileLimit);
    try {
      return trainer_config_from_json_text(text);
    } catch (const Error& e) {
      throw UsageError("--config " + config_path + ": " + e.what());
    }
  }
  if (!model_text.empty()) {
    const LoadedModel loaded = load_model_file(model_path, "--model");
    const json::Value* recorded = loaded.task.is_null() ? nullptr : loaded.task.find("trainer");
    if (!recorded)
      throw UsageError("--model " + model_path +
                       ": the file records no training config (saved by torch or an older rnnlab); give --config FILE "
                       "or --task and the flags of the run");
    try {
      return trainer_config_from_json(*recorded);
    } catch (const Error& e) {
      throw UsageError("--model " + model_path + ": task.trainer." + e.what());
    }
  }
  const std::string name = task.empty() ? "seq" : task;
  const TaskInfo* info = find_task(name);
  if (!info) throw UsageError("--task: got '" + name + "', expected " + find_config_key("task")->expected());
  TrainerConfig c = info->preset();
  c.task = info->name;
  return c;
}

// The schema's keys of `task` as flags, but "corpus": here --corpus is the file, as in rnnlab train text; and the
// digits task's "model" (rnn|lstm|gru|mlp|cnn): here --model is the saved model, so the digits model comes from
// the saved model or --config.
std::vector<std::string_view> flag_keys(const std::string& task) {
  std::vector<std::string_view> keys;
  for (const ConfigKey& k : config_schema())
    if (k.key != "task" && k.key != "corpus" && k.flag != "model" && k.applies_to(task)) keys.push_back(k.key);
  return keys;
}

}  // namespace

int export_torch(const Words& words, const Console& console) {
  const std::string config_path = prescan(words, "config"), model_path = prescan(words, "model");
  const std::string model_text = model_path.empty() ? "" : read_text_file(model_path, "--model", kModelFileLimit);
  const TrainerConfig base = base_config(config_path, model_path, model_text, prescan(words, "task"));
  Args args("rnnlab export torch [--model FILE] [--config FILE] [flags] > train.py",
            "Print one Python file that trains the same run with torch alone: torch's modules and state_dict names,\n"
            "the weights it starts from, the same data, loss, optimizer, clipping and steps, the seed's log. The run\n"
            "is the saved model's (the config it records), --config FILE's, or --task's preset; flags override it.");
  args.option("model", "FILE", "a saved model (rnnlab.state_dict JSON): its run, and its weights with --weights current")
      .option("weights", "initial|current",
              "initial: the weights the run started from (drawn from its seed); current: the saved model's", "initial")
      .option("steps", "N", "training steps of the program (default: the model's iteration, else the task's default)")
      .option("corpus", "FILE", "text task: the corpus file, read here and opened by the program at this path")
      .option("data-dir", "DIR", "digits task: where the bundled digits are (DIR/digits/mnist/), read here and by the "
              "program", RNNLAB_DATA_DIR)
      .flag("data-beside", "digits task: the program reads the two files from its own folder, named as the page offers "
            "them (mnist-t10k-images-idx3-ubyte.gz, ...), not from --data-dir")
      .option("images", "N", "digits task: the first N images only, as rnnlab train digits --images N (80% train)")
      .option("task", "NAME", "without --model or --config: the task whose preset the flags change", "seq");
  add_config_flag(args);
  const std::vector<std::string_view> keys = flag_keys(base.task);
  add_config_flags(args, base, base.task, keys);
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  if (args.has("task") && (args.has("config") || args.has("model")))
    throw UsageError("--task: the run's task comes from --config or --model; leave --task out");
  TrainerConfig config = base;
  read_config_flags(args, config, config.task, keys);
  torch_export::RunExport request;
  request.model_text = model_text;
  const std::string weights = args.choice("weights", {"initial", "current"});
  request.weights = weights == "current" ? torch_export::Weights::Current : torch_export::Weights::Initial;
  if (request.weights == torch_export::Weights::Current && model_text.empty())
    throw UsageError("--weights current: needs --model FILE (the saved weights)");
  if (args.has("steps")) request.steps = args.integer("steps", 1, kMaxSteps);
  if (config.task == "text") {
    request.corpus_path = args.required("corpus");
    config.corpus = read_corpus(request.corpus_path, config.text.seq_len);
  } else if (args.has("corpus")) {
    throw UsageError("--corpus: only the text task reads a corpus; this run's task is " + config.task);
  }
  if (config.task == "digits") {
    // The program opens the files from wherever it is run: the folder as an absolute path.
    const std::string data_dir = std::filesystem::absolute(args.str("data-dir")).lexically_normal().string();
    try {
      std::shared_ptr<const LabelledImages> images = load_digits_images(config.digits.data, data_dir);
      if (args.has("images")) {
        const int64_t n = args.integer("images", kMinDigitsImages, images->count);
        images = std::make_shared<const LabelledImages>(slice_images(*images, 0, n));
      }
      config.digits_images = std::move(images);
    } catch (const UsageError&) {
      throw;
    } catch (const std::exception& e) {
      throw UsageError(std::string("--data ") + config.digits.data + ": " + e.what());
    }
    if (args.has("data-beside")) {
      request.digits_files = torch_export::digits_files_beside(config.digits.data);
    } else {
      const ImageDatasetFiles files = image_dataset_files(config.digits.data, data_dir);
      const std::filesystem::path images = files.images, labels = files.labels;
      request.digits_files = {images.parent_path().string(), images.filename().string(), labels.filename().string()};
    }
  } else {
    for (const char* flag : {"images", "data-beside"})
      if (args.has(flag))
        throw UsageError("--" + std::string(flag) + ": only the digits task reads images; this run's task is " + config.task);
  }
  // Before the trainer: a task without an export is said so, not asked for its data.
  if (const TaskInfo* info = find_task(config.task); info && !torch_export::find_torch_task(info->name))
    throw UsageError("the " + std::string(info->name) + " task has no torch export yet (src/export/torch_tasks.cpp)");
  std::unique_ptr<Trainer> trainer = make_trainer(config);
  std::string program;
  try {
    program = torch_export::export_run(*trainer, request);
  } catch (const ConfigError& e) {
    throw UsageError(e.named("--" + std::string(e.key().flag)));
  } catch (const Error& e) {  // the saved model's problems
    throw UsageError((model_path.empty() ? "" : "--model " + model_path + ": ") + e.what());
  }
  console.out << program;
  console.out.flush();
  return 0;
}

}  // namespace rnnlab::cli
