#include "cli/cli.h"

#include <exception>

#include "cli/args.h"
#include "cli/commands.h"

namespace rnnlab::cli {
namespace {

constexpr const char* kHelp =
    "usage: rnnlab <command> [flags]\n"
    "\n"
    "Train and run recurrent networks (RNN, LSTM, GRU) that match PyTorch's numbers.\n"
    "\n"
    "commands:\n"
    "  train hello   the hello -> ohlol seed: an RNNCell whose hidden state is the logits\n"
    "  train seq     learn to map one text to another, character by character\n"
    "  train sine    the sine-wave predictor seed: a 2-layer RNN and a Linear head\n"
    "  train text    a character-level language model (char-RNN) over a text file: --corpus FILE\n"
    "  train remember  one answer at the end: which symbol came D steps back; RNN vs LSTM vs GRU\n"
    "  train digits  28 x 28 digits (MNIST) or clothes (Fashion-MNIST): an RNN by rows, an MLP or a CNN\n"
    "  predict       use a saved model: a text's prediction (seq), a generated wave (sine), an image's class (digits)\n"
    "  sample        generate text with a saved text model: --model FILE [--prime TEXT] [--temperature T]\n"
    "  forward       run a saved model on a JSON tensor; prints output, h_n and c_n as JSON\n"
    "  export torch  print a Python file that trains the same run with torch alone: rnnlab export torch --model FILE\n"
    "  schema        every config key: name, flag, type, range, defaults, doc (JSON, or --markdown)\n"
    "\n"
    "'rnnlab <command> --help' lists a command's flags. Every train command takes --jsonl (one JSON object per\n"
    "iteration) and --save FILE.\n"
    "Exit status: 0 done, 1 training stopped (the loss or a gradient was not finite), 2 bad arguments or input.\n";

constexpr const char* kTrainHelp =
    "usage: rnnlab train <task> [flags]\n"
    "\n"
    "tasks:\n"
    "  hello   the hello -> ohlol seed (rnnlab train hello --help)\n"
    "  seq     any text to any text of the same length (rnnlab train seq --help)\n"
    "  sine    the sine-wave predictor seed (rnnlab train sine --help)\n"
    "  text    a char-RNN over a corpus file (rnnlab train text --help)\n"
    "  remember  which symbol came D steps back, answered at the end (rnnlab train remember --help)\n"
    "  digits  28 x 28 images into 10 classes: RNN by rows, MLP or CNN (rnnlab train digits --help)\n";

bool is_help(const std::string& word) { return word == "--help" || word == "-h"; }

// Library messages are one line; make sure of it, since scripts read the first line of stderr.
std::string one_line(std::string message) {
  for (char& ch : message)
    if (ch == '\n' || ch == '\r') ch = ' ';
  return message;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Terminal& terminal) {
  const Console console{out, err, terminal.interactive};
  std::string context;  // the command, for messages: "train seq"
  try {
    if (args.empty()) throw UsageError("missing command, expected train, predict, sample or forward (see rnnlab --help)");
    if (is_help(args[0])) {
      out << kHelp;
      return 0;
    }
    // Commands are one word, or "train" and the task.
    const bool train = args[0] == "train";
    if (args[0] == "export") {
      context = "export";
      if (args.size() < 2 || args[1] != "torch")
        throw UsageError(args.size() < 2 ? "missing format, expected torch (rnnlab export torch --help)"
                                         : "unknown format '" + args[1] + "', expected torch");
      context = "export torch";
      return export_torch(Words(args.begin() + 2, args.end()), console);
    }
    if (train && args.size() < 2)
      throw UsageError("train: missing task, expected hello, seq, sine, text, remember or digits (see rnnlab train --help)");
    if (train && is_help(args[1])) {
      out << kTrainHelp;
      return 0;
    }
    context = train ? "train " + args[1] : args[0];
    const Words rest(args.begin() + (train ? 2 : 1), args.end());
    if (context == "train hello") return train_hello(rest, console);
    if (context == "train seq") return train_seq(rest, console);
    if (context == "train sine") return train_sine(rest, console);
    if (context == "train text") return train_text(rest, console);
    if (context == "train remember") return train_remember(rest, console);
    if (context == "train digits") return train_digits(rest, console);
    if (context == "sample") return sample(rest, console);
    if (context == "predict") return predict(rest, console);
    if (context == "forward") return forward(rest, console);
    if (context == "schema") return schema(rest, console);
    context.clear();
    if (train) throw UsageError("train: unknown task '" + args[1] + "', expected hello, seq, sine, text, remember or digits");
    throw UsageError("unknown command '" + args[0] + "', expected train, predict, sample or forward (see rnnlab --help)");
  } catch (const std::exception& e) {
    out.flush();
    err << "rnnlab: " << (context.empty() ? "" : context + ": ") << one_line(e.what()) << std::endl;
    return 2;
  }
}

}  // namespace rnnlab::cli
