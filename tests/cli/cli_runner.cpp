#include "cli/cli_runner.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli/cli.h"

namespace rnnlab::testing {

std::vector<std::string> CliResult::lines() const {
  std::vector<std::string> out_lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) out_lines.push_back(line);
  return out_lines;
}

CliResult run_rnnlab(const std::vector<std::string>& args, bool interactive) {
  std::ostringstream out, err;
  CliResult r;
  r.code = cli::run_cli(args, out, err, {.interactive = interactive});
  r.out = out.str();
  r.err = err.str();
  return r;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("rnnlab_cli_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string interop_fixture(const std::string& name) {
  return std::string(RNNLAB_SOURCE_DIR) + "/tests/fixtures/interop/" + name;
}

namespace {

std::string joined(const std::vector<std::string>& args) {
  std::string out;
  for (const std::string& a : args) out += " " + a;
  return out;
}

}  // namespace

void check_refused(const std::vector<std::string>& args, const std::string& message) {
  const std::string words = joined(args);
  CAPTURE(words);
  const CliResult r = run_rnnlab(args);
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == message + "\n");
}

void check_accepted(const std::vector<std::string>& args) {
  const std::string words = joined(args);
  CAPTURE(words);
  const CliResult r = run_rnnlab(args);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
}

}  // namespace rnnlab::testing
