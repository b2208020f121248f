// "Open in PyTorch": one runnable Python file that trains the same run with torch alone. torch's own modules and
// state_dict names (Model: embedding, rnn, head), the given weights as a dict at the end of the file, the same
// data (typed texts, sine settings, the corpus by path), loss, optimizer, clipping and number of steps, the seed's
// log, and rnnlab's seeded generator in a few lines of Python wherever rnnlab draws (data, dropout masks), so the
// program's losses are rnnlab's. The CLI (`rnnlab export torch`) and the page's button both call torch_program().
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "tasks/sequence_model.h"
#include "tasks/trainer.h"
#include "tasks/trainer_config.h"

namespace rnnlab::torch_export {

// The digits task's two files (gzip'd IDX) as the program opens them: IMAGES_FILE and LABELS_FILE in DATA_DIR, which
// is `folder` or, when that is empty, the program's own folder (the page offers the files as downloads to save
// beside it). Either way `python3 train.py DIR` reads them from DIR instead.
struct DigitsFiles {
  std::string folder;          // absolute (the CLI: where it read them), or empty: beside the program
  std::string images, labels;  // the files' names in the folder
};

// The names the page offers a dataset's files under (`data` "mnist" -> mnist-t10k-images-idx3-ubyte.gz and
// mnist-t10k-labels-idx1-ubyte.gz; Fashion-MNIST's fashion-...): the dataset's own names with the dataset in front,
// so the two datasets' files, named alike, can sit in one folder. web/src/state/digits-data.js names them alike.
DigitsFiles digits_files_beside(std::string_view data);

struct TorchProgramOptions {
  int64_t steps = 0;          // training steps the program runs; 0: the task's default (default_steps)
  std::string corpus_path;    // the text task: the path the program opens (required there)
  DigitsFiles digits_files;   // the digits task: where the program reads the images (required there)
  std::string weights_note;   // where the weights come from, for the file's comment ("drawn from seed 0")
};

// The program training `config` from `model`'s weights (the model config.task's task builds from `config`).
// Throws a ConfigError naming the key for what cannot be exported (no corpus path: "corpus"), an Error for a task
// without a torch export.
std::string torch_program(const TrainerConfig& config, const SequenceModel& model, const TorchProgramOptions& options);

// The task's default run length (the CLI's: 15 epochs for hello, 200 for seq, 6000 iterations for sine, 1000 steps
// for text and remember, 5 epochs for digits).
int64_t default_steps(const TrainerConfig& config);

// Which weights a run's program starts from.
enum class Weights {
  Initial,  // those the run started from: drawn from the config's seed, as rnnlab does (a saved model is checked
            // to be the config's model, its weights unused)
  Current,  // the saved model's
};

struct RunExport {
  std::string model_text;  // a saved model (rnnlab.state_dict JSON), or empty
  Weights weights = Weights::Initial;
  int64_t steps = 0;        // 0: the saved model's iteration when there is one, else the task's default
  std::string corpus_path;  // the text task's corpus, as the program opens it
  DigitsFiles digits_files;  // the digits task's files, as the program opens them
};

// The program for the run `trainer` was built for (freshly: its model holds the initial weights). With a saved
// model, the model must be the config's (a ConfigError naming the key, or an Error from loading it), and
// Weights::Current starts from its weights (loaded into `trainer`). The CLI and the page's module both call this.
std::string export_run(Trainer& trainer, const RunExport& request);

}  // namespace rnnlab::torch_export
