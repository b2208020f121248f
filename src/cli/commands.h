// The commands of rnnlab, each a function of its own arguments (the words after the command) and the console.
// Each returns the exit status; bad arguments or input throw (UsageError or a library error) for run_cli to print.
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace rnnlab::cli {

struct Console {
  std::ostream& out;
  std::ostream& err;
  bool interactive;  // out is a terminal
};

using Words = std::vector<std::string>;

int train_hello(const Words& args, const Console& console);  // train_seq.cpp
int train_seq(const Words& args, const Console& console);    // train_seq.cpp
int train_sine(const Words& args, const Console& console);   // train_sine.cpp
int train_text(const Words& args, const Console& console);   // train_text.cpp
int train_remember(const Words& args, const Console& console);  // train_remember.cpp
int train_digits(const Words& args, const Console& console);    // train_digits.cpp
int sample(const Words& args, const Console& console);       // sample.cpp
int predict(const Words& args, const Console& console);      // predict.cpp
int forward(const Words& args, const Console& console);      // forward.cpp
int schema(const Words& args, const Console& console);       // schema.cpp
int export_torch(const Words& args, const Console& console); // export_torch.cpp

}  // namespace rnnlab::cli
