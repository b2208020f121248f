// Reading a whole file with a size limit. The reader never holds more than limit + 1 bytes: a regular file over
// the limit is refused from its size before a byte is read, and any other source (a pipe, /dev/stdin, /dev/zero,
// a FIFO that never closes) is refused as soon as byte limit + 1 arrives. Every file rnnlab reads goes through
// here, each with its own limit (model files, tensors, configs; corpora and images later).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace rnnlab {

// The file's bytes. `flag` names the input in messages (the CLI flag: "--model"). Throws rnnlab::Error:
//   "--model m.json: cannot read (No such file or directory)"
//   "--model dir: is a directory, expected a file"
//   "--model /dev/zero: larger than 33554432 bytes (32 MB), the limit for --model"
std::string read_file_limited(const std::string& path, int64_t limit, std::string_view flag);

// "33554432 bytes (32 MB)", "1024 bytes (1 KB)", "100 bytes": a limit as the messages say it.
std::string describe_byte_limit(int64_t bytes);

}  // namespace rnnlab
