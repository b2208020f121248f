#include "io/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace rnnlab {
namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string reason() { return std::strerror(errno); }

// What one read() asks for: a pipe hands out at most 64 KB at a time anyway.
constexpr int64_t kChunk = int64_t{1} << 16;
// Reserved up front for a source of unknown size: untouched pages cost no memory, and most inputs fit.
constexpr int64_t kInitialReserve = int64_t{64} << 20;

}  // namespace

std::string describe_byte_limit(int64_t bytes) {
  constexpr int64_t kKiB = 1024, kMiB = kKiB * 1024;
  std::string text = message(bytes, " bytes");
  if (bytes >= kMiB && bytes % kMiB == 0) return message(text, " (", bytes / kMiB, " MB)");
  if (bytes >= kKiB && bytes % kKiB == 0) return message(text, " (", bytes / kKiB, " KB)");
  return text;
}

std::string read_file_limited(const std::string& path, int64_t limit, std::string_view flag) {
  const std::string where = message(flag, " ", path, ": ");
  const std::string too_big = message(where, "larger than ", describe_byte_limit(limit), ", the limit for ", flag);
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));  // a FIFO waits here for its writer
  if (fd.get() < 0) fail(where, "cannot read (", reason(), ")");
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) fail(where, "cannot read (", reason(), ")");
  if (S_ISDIR(info.st_mode)) fail(where, "is a directory, expected a file");
  // A regular file says its size: one over the limit is refused before a byte is read. (Files in /proc say 0 and
  // are read like a pipe.)
  const bool regular = S_ISREG(info.st_mode);
  if (regular && info.st_size > limit) fail(too_big);
  std::string text;
  text.reserve(static_cast<size_t>(std::min(limit + 1, regular && info.st_size > 0 ? info.st_size + 1 : kInitialReserve)));
  for (;;) {
    // Never ask for more than one byte past the limit: that byte is the proof the source is too big.
    const int64_t room = limit + 1 - static_cast<int64_t>(text.size());
    const size_t want = static_cast<size_t>(std::min(room, kChunk));
    const size_t had = text.size();
    text.resize(had + want);
    const ssize_t got = ::read(fd.get(), text.data() + had, want);
    if (got < 0) {
      text.resize(had);
      if (errno == EINTR) continue;
      fail(where, "read failed (", reason(), ")");
    }
    text.resize(had + static_cast<size_t>(got));
    if (got == 0) return text;
    if (static_cast<int64_t>(text.size()) > limit) fail(too_big);
  }
}

}  // namespace rnnlab
