// Files named on the command line. Errors name the flag and the path: "--model m.json: cannot read (No such file
// or directory)".
#pragma once
#include <string>
#include <string_view>

#include "tasks/memory_budget.h"
#include "tasks/state_dict.h"

namespace rnnlab::cli {

// What each file flag may hold. Reading stops at limit + 1 bytes (io/read_file.h), so `--model /dev/zero` or an
// endless pipe costs at most the limit in memory and is refused at once.
inline constexpr int64_t kModelFileLimit = kMaxStateDictBytes;   // --model: what the state-dict loader accepts
inline constexpr int64_t kTensorFileLimit = kMaxStateDictBytes;  // forward --input: a tensor, the same JSON numbers
// --config: the largest valid config (two 1000-character texts, each character a 12-byte \uXXXX\uXXXX escape, and
// every key) is under 30 KB; 1 MB is the JSON config reader's own limit.
inline constexpr int64_t kConfigFileLimit = kMiB;

// The file's text, at most `limit` bytes; errors are UsageErrors naming the flag, the path and the limit:
// "--model /dev/zero: larger than 33554432 bytes (32 MB), the limit for --model".
std::string read_text_file(const std::string& path, std::string_view flag, int64_t limit);
// Checks before a long run that `path` can be written, so a typo does not cost the run. Leaves an existing file
// as it is and removes the empty file it had to create.
void check_writable(const std::string& path, std::string_view flag);
void write_text_file(const std::string& path, std::string_view text, std::string_view flag);

// A model file (rnnlab.state_dict JSON) read and checked; any error is "--model PATH: <what is wrong>".
LoadedModel load_model_file(const std::string& path, std::string_view flag);

}  // namespace rnnlab::cli
