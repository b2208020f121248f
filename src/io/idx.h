// The IDX format of MNIST and Fashion-MNIST, unsigned bytes only:
//   bytes 0-1  zero;  byte 2  the element type (0x08: unsigned byte);  byte 3  the rank D
//   then D big-endian uint32 dimensions, then prod(dims) elements in row-major order, nothing after them.
// Parsing checks every field against the bytes present and a limit, and names the file in every message.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rnnlab {

struct IdxArray {
  std::vector<int64_t> dims;   // 1 to kMaxIdxRank dimensions, each >= 1
  std::vector<uint8_t> data;   // prod(dims) elements
};

// The rank and size IDX files may have here: Fashion-MNIST's 60,000-image training file is 47,040,016 bytes.
constexpr int kMaxIdxRank = 3;
constexpr int64_t kMaxIdxBytes = int64_t{48} << 20;

// Parses an IDX file's bytes; `what` names the file in messages ("t10k-images-idx3-ubyte: ...").
IdxArray parse_idx(std::string_view bytes, std::string_view what);

// Reads and parses an IDX file, gzip'd (by its first bytes) or not; at most kMaxIdxBytes on disk and, after
// decompression, in the IDX itself. `flag` names the input in messages as read_file_limited does.
IdxArray read_idx_file(const std::string& path, std::string_view flag);

}  // namespace rnnlab
