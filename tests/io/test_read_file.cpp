// io/read_file.h, the one reader behind every file rnnlab reads: the limit is the caller's, the boundary exact, and
// the message names the flag and the limit whatever they are.
#include <doctest/doctest.h>

#include <string>

#include "cli/cli_runner.h"
#include "core/error.h"
#include "io/read_file.h"

using namespace rnnlab;

TEST_CASE("read file: the caller's limit, exact at the boundary, named with the flag in the message") {
  testing::TempDir dir;
  const std::string ten = dir.file("ten.txt");
  testing::write_file(ten, "0123456789");
  CHECK(read_file_limited(ten, 10, "--corpus") == "0123456789");
  CHECK_THROWS_WITH_AS(read_file_limited(ten, 9, "--corpus"), ("--corpus " + ten + ": larger than 9 bytes, the limit for --corpus").c_str(), Error);
  // A source that does not say its size (a character device) is read up to the limit + 1 byte, then refused.
  CHECK_THROWS_WITH_AS(read_file_limited("/dev/zero", 2048, "--image"), "--image /dev/zero: larger than 2048 bytes (2 KB), the limit for --image", Error);
  CHECK(read_file_limited("/dev/null", 0, "--corpus").empty());
  CHECK_THROWS_WITH_AS(read_file_limited(dir.file("missing"), 10, "--corpus"),
                       ("--corpus " + dir.file("missing") + ": cannot read (No such file or directory)").c_str(), Error);
  CHECK_THROWS_WITH_AS(read_file_limited(dir.file(""), 10, "--corpus"), ("--corpus " + dir.file("") + ": is a directory, expected a file").c_str(), Error);
  CHECK(describe_byte_limit(int64_t{32} << 20) == "33554432 bytes (32 MB)");
  CHECK(describe_byte_limit(1000) == "1000 bytes");
}
