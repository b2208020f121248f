// Files named on the command line. Errors name the flag and the path: "--model m.json: cannot read (No such file
// or directory)".
#pragma once
#include <string>
#include <string_view>

#include "tasks/state_dict.h"

namespace rnnlab::cli {

std::string read_text_file(const std::string& path, std::string_view flag);
// Checks before a long run that `path` can be written, so a typo does not cost the run. Leaves an existing file
// as it is and removes the empty file it had to create.
void check_writable(const std::string& path, std::string_view flag);
void write_text_file(const std::string& path, std::string_view text, std::string_view flag);

// A model file (rnnlab.state_dict JSON) read and checked; any error is "--model PATH: <what is wrong>".
LoadedModel load_model_file(const std::string& path, std::string_view flag);

}  // namespace rnnlab::cli
