// The rnnlab command line as a function, so the tests call it in-process and main() stays a few lines.
//
//   rnnlab train hello|seq|sine [flags]   rnnlab predict [flags]   rnnlab forward [flags]   rnnlab --help
//
// Exit status: 0 done; 1 training stopped because the loss or a gradient stopped being finite; 2 bad arguments or
// bad input (one line "rnnlab: ..." on `err` naming the flag or field and what was expected).
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace rnnlab::cli {

struct Terminal {
  bool interactive = false;  // `out` is a terminal: progress may redraw a line in place
};

// `args` are the words after the program name.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Terminal& terminal = {});

}  // namespace rnnlab::cli
