// Every file the command line reads (--model, --input, --config) stops at its limit + 1 byte: an endless source
// (/dev/zero, a FIFO fed forever) and a file over the limit are refused at once, naming the flag and the limit,
// without reading the rest.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include "cli/cli_runner.h"

using namespace rnnlab;
using testing::run_rnnlab;
using Words = std::vector<std::string>;

namespace {

constexpr const char* kModelLimit = "33554432 bytes (32 MB)";
constexpr const char* kConfigLimit = "1048576 bytes (1 MB)";

// A FIFO at `path` that a thread feeds with `byte` for as long as a reader keeps it open: a source that never ends.
class EndlessFifo {
 public:
  EndlessFifo(std::string path, char byte) : path_(std::move(path)) {
    std::signal(SIGPIPE, SIG_IGN);  // the reader closing its end makes write() fail with EPIPE instead
    REQUIRE(::mkfifo(path_.c_str(), 0600) == 0);
    writer_ = std::thread([this, byte] {
      const int fd = ::open(path_.c_str(), O_WRONLY);  // waits for the reader
      if (fd < 0) return;
      const std::string chunk(1 << 16, byte);
      while (::write(fd, chunk.data(), chunk.size()) > 0) {
      }
      ::close(fd);
    });
  }
  ~EndlessFifo() {
    // If no reader ever came, be one for a moment: the writer's open returns and its first write fails.
    const int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
    writer_.join();
  }
  EndlessFifo(const EndlessFifo&) = delete;
  EndlessFifo& operator=(const EndlessFifo&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::thread writer_;
};

// Runs the command and checks it is refused with `message`, within `max_seconds` (an endless read never returns).
void check_refused_quickly(const Words& args, const std::string& message, double max_seconds = 10.0) {
  const auto t0 = std::chrono::steady_clock::now();
  const testing::CliResult r = run_rnnlab(args);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CAPTURE(seconds);
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == message + "\n");
  CHECK(seconds < max_seconds);
}

}  // namespace

TEST_CASE("cli files: an endless --model (/dev/zero, a FIFO fed '[' forever) is refused at the limit, naming the flag") {
  check_refused_quickly({"predict", "--model", "/dev/zero", "--input", "hello"},
                        std::string("rnnlab: predict: --model /dev/zero: larger than ") + kModelLimit + ", the limit for --model");
  testing::TempDir dir;
  EndlessFifo fifo(dir.file("model.fifo"), '[');
  check_refused_quickly({"predict", "--model", fifo.path(), "--input", "hello"},
                        "rnnlab: predict: --model " + fifo.path() + ": larger than " + kModelLimit + ", the limit for --model");
}

TEST_CASE("cli files: an endless forward --input is refused at the limit, naming the flag") {
  testing::TempDir dir;
  EndlessFifo fifo(dir.file("input.fifo"), ' ');
  check_refused_quickly({"forward", "--model", testing::interop_fixture("rnn_cell_hello.model.json"), "--input", fifo.path()},
                        "rnnlab: forward: --input " + fifo.path() + ": larger than " + kModelLimit + ", the limit for --input");
}

TEST_CASE("cli files: a file over the limit is refused before it is read; one at the limit is read") {
  testing::TempDir dir;
  const std::string huge = dir.file("huge.json");
  testing::write_file(huge, "");
  std::filesystem::resize_file(huge, 200u << 20);  // 200 MB of zeros, sparse: no disk used
  check_refused_quickly({"predict", "--model", huge, "--input", "hello"},
                        "rnnlab: predict: --model " + huge + ": larger than " + kModelLimit + ", the limit for --model",
                        1.0);
  // Exactly the limit: read, then refused by the JSON parser (spaces only), not by its size.
  const std::string full = dir.file("full.json");
  testing::write_file(full, std::string(size_t{32} << 20, ' '));
  const testing::CliResult r = run_rnnlab({"predict", "--model", full, "--input", "hello"});
  CHECK(r.code == 2);
  CHECK(r.err.find("larger than") == std::string::npos);
  CHECK(r.err.rfind("rnnlab: predict: --model " + full + ": JSON parse error", 0) == 0);
}

TEST_CASE("cli files: --config over its limit or endless is refused, naming the flag and the limit") {
  testing::TempDir dir;
  const std::string big = dir.file("config.json");
  testing::write_file(big, "{\"task\": \"seq\"" + std::string(size_t{1} << 20, ' ') + "}");
  check_refused_quickly({"train", "seq", "--config", big},
                        "rnnlab: train seq: --config " + big + ": larger than " + kConfigLimit + ", the limit for --config");
  EndlessFifo fifo(dir.file("config.fifo"), ' ');
  check_refused_quickly({"train", "sine", "--config", fifo.path()},
                        "rnnlab: train sine: --config " + fifo.path() + ": larger than " + kConfigLimit + ", the limit for --config");
}
