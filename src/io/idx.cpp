#include "io/idx.h"

#include "core/error.h"
#include "io/gzip.h"
#include "io/read_file.h"

namespace rnnlab {
namespace {

constexpr unsigned char kUnsignedByte = 0x08;

const char* idx_type_name(unsigned char type) {
  switch (type) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "short";
    case 0x0C: return "int";
    case 0x0D: return "float";
    case 0x0E: return "double";
    default: return "not an IDX type";
  }
}

char hex_digit(int v) { return static_cast<char>(v < 10 ? '0' + v : 'a' + v - 10); }
std::string hex_byte(unsigned char b) { return std::string("0x") + hex_digit(b >> 4) + hex_digit(b & 15); }

}  // namespace

IdxArray parse_idx(std::string_view bytes, std::string_view what) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  check(bytes.size() >= 4, what, ": ", bytes.size(), " bytes, too short for an IDX header (4 bytes and the dimensions)");
  check(byte(0) == 0 && byte(1) == 0, what, ": not an IDX file (its first two bytes are ", hex_byte(byte(0)), " ",
        hex_byte(byte(1)), ", expected 0x00 0x00)");
  check(byte(2) == kUnsignedByte, what, ": element type ", hex_byte(byte(2)), " (", idx_type_name(byte(2)),
        "), expected 0x08 (unsigned byte)");
  const int rank = byte(3);
  check(rank >= 1 && rank <= kMaxIdxRank, what, ": ", rank, " dimensions, expected 1 to ", kMaxIdxRank);
  const size_t header = 4 + 4 * static_cast<size_t>(rank);
  check(bytes.size() >= header, what, ": truncated header: ", bytes.size(), " bytes, the ", rank,
        " dimensions need ", header);
  IdxArray out;
  int64_t count = 1;
  for (int d = 0; d < rank; ++d) {
    const size_t at = 4 + 4 * static_cast<size_t>(d);
    const int64_t n = (int64_t{byte(at)} << 24) | (int64_t{byte(at + 1)} << 16) | (int64_t{byte(at + 2)} << 8) | byte(at + 3);
    check(n >= 1, what, ": dimension ", d, " is 0, expected >= 1");
    count *= n;  // <= 2^32 per factor and checked after each: no overflow in int64
    check(count <= kMaxIdxBytes, what, ": dimensions hold more than ", describe_byte_limit(kMaxIdxBytes),
          " of data, the limit for an IDX file");
    out.dims.push_back(n);
  }
  const int64_t data_bytes = static_cast<int64_t>(bytes.size() - header);
  check(data_bytes >= count, what, ": truncated: ", data_bytes, " bytes of data, the dimensions need ", count);
  check(data_bytes == count, what, ": ", data_bytes - count, " bytes after the ", count, " bytes of data");
  out.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
  return out;
}

IdxArray read_idx_file(const std::string& path, std::string_view flag) {
  const std::string where = message(flag, " ", path);
  std::string bytes = read_file_limited(path, kMaxIdxBytes, flag);
  if (is_gzip(bytes)) bytes = gunzip_limited(bytes, kMaxIdxBytes, where);
  return parse_idx(bytes, where);
}

}  // namespace rnnlab
