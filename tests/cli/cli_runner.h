// Running the command line in-process for the tests, and the files it reads and writes.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace rnnlab::testing {

struct CliResult {
  int code = -1;
  std::string out, err;
  std::vector<std::string> lines() const;  // out split at '\n' (no trailing empty line)
};

// run_cli on these words (after the program name), as from a pipe unless `interactive`.
CliResult run_rnnlab(const std::vector<std::string>& args, bool interactive = false);

// Doctest checks: the command exits 2 with nothing on stdout and exactly `message` on stderr; or exits 0 with
// nothing on stderr.
void check_refused(const std::vector<std::string>& args, const std::string& message);
void check_accepted(const std::vector<std::string>& args);

// A fresh directory for one test case's files, removed with everything in it when the case ends.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);
std::string interop_fixture(const std::string& name);  // tests/fixtures/interop/NAME

}  // namespace rnnlab::testing
