#include "io/gzip.h"

#include "core/error.h"
#include "io/read_file.h"

#if defined(RNNLAB_HAVE_ZLIB)
#include <zlib.h>

#include <algorithm>
#include <limits>
#endif

namespace rnnlab {

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

#if defined(RNNLAB_HAVE_ZLIB)

namespace {

// window_bits: 16 + MAX_WBITS for gzip only, MAX_WBITS for zlib only. `format` names it in messages.
std::string inflate_limited(std::string_view compressed, int64_t limit, std::string_view what, int window_bits,
                            const char* format) {
  check(compressed.size() <= std::numeric_limits<uInt>::max(), what, ": ", compressed.size(),
        " compressed bytes, more than zlib takes in one call");
  z_stream s{};
  check(inflateInit2(&s, window_bits) == Z_OK, what, ": zlib could not start (out of memory)");
  struct End {
    z_stream* s;
    ~End() { inflateEnd(s); }
  } end{&s};
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  s.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  constexpr int64_t kChunk = int64_t{1} << 20;
  for (;;) {
    // Ask for one byte past the limit at most: that byte proves the output too large.
    const int64_t room = std::min(kChunk, limit + 1 - static_cast<int64_t>(out.size()));
    const size_t had = out.size();
    out.resize(had + static_cast<size_t>(room));
    s.next_out = reinterpret_cast<Bytef*>(out.data() + had);
    s.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&s, Z_NO_FLUSH);
    out.resize(out.size() - s.avail_out);
    if (static_cast<int64_t>(out.size()) > limit)
      fail(what, ": decompresses to more than ", describe_byte_limit(limit), ", the limit for this file");
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && s.avail_in == 0)
      fail(what, ": the ", format, " stream is truncated (it ends before its last block)");
    if (rc != Z_OK) fail(what, ": corrupt ", format, " data (", s.msg ? s.msg : "zlib error", ")");
  }
  check(s.avail_in == 0, what, ": ", s.avail_in, " bytes after the end of the ", format, " stream");
  return out;
}

}  // namespace

std::string gunzip_limited(std::string_view compressed, int64_t limit, std::string_view what) {
  check(is_gzip(compressed), what, ": not a gzip file (it does not start with the bytes 1f 8b)");
  return inflate_limited(compressed, limit, what, 16 + MAX_WBITS, "gzip");  // 16: gzip only
}

std::string inflate_zlib_limited(std::string_view compressed, int64_t limit, std::string_view what) {
  return inflate_limited(compressed, limit, what, MAX_WBITS, "zlib");
}

#else

std::string gunzip_limited(std::string_view, int64_t, std::string_view what) {
  fail(what, ": gzip files cannot be read in this build (no zlib); decompress them first");
}

std::string inflate_zlib_limited(std::string_view, int64_t, std::string_view what) {
  fail(what, ": compressed images cannot be read in this build (no zlib)");
}

#endif

}  // namespace rnnlab
