#include "cli/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

#include "cli/args.h"
#include "core/error.h"
#include "io/read_file.h"

namespace rnnlab::cli {
namespace {

std::string where(const std::string& path, std::string_view flag) { return std::string(flag) + " " + path + ": "; }

std::string reason() { return std::strerror(errno); }

}  // namespace

std::string read_text_file(const std::string& path, std::string_view flag, int64_t limit) {
  try {
    return read_file_limited(path, limit, flag);
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
}

void check_writable(const std::string& path, std::string_view flag) {
  struct stat info {};
  const bool existed = ::stat(path.c_str(), &info) == 0;
  if (existed && S_ISDIR(info.st_mode)) throw UsageError(where(path, flag) + "is a directory, expected a file name");
  std::FILE* f = std::fopen(path.c_str(), "a");  // "a" creates but never truncates
  if (!f) throw UsageError(where(path, flag) + "cannot write (" + reason() + ")");
  std::fclose(f);
  if (!existed) std::remove(path.c_str());
}

void write_text_file(const std::string& path, std::string_view text, std::string_view flag) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw UsageError(where(path, flag) + "cannot write (" + reason() + ")");
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw UsageError(where(path, flag) + "write failed (" + reason() + ")");
}

LoadedModel load_model_file(const std::string& path, std::string_view flag) {
  const std::string text = read_text_file(path, flag, kModelFileLimit);
  try {
    return load_state_dict(text);
  } catch (const std::exception& e) {
    throw UsageError(where(path, flag) + e.what());
  }
}

}  // namespace rnnlab::cli
