// gzip (and zlib) decompression with a limit on what comes out, for the digits datasets' .gz files and PNG images. Natively through zlib;
// the WebAssembly build has no zlib (the page decompresses in JS with DecompressionStream) and says so.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace rnnlab {

// True when `bytes` starts with gzip's magic 1f 8b.
bool is_gzip(std::string_view bytes);

// The decompressed bytes of one gzip member. Stops as soon as the output would pass `limit` (a small file may
// expand a thousandfold) and throws rnnlab::Error naming `what` and the limit; a truncated or corrupt stream,
// or bytes after the member, are errors too.
std::string gunzip_limited(std::string_view compressed, int64_t limit, std::string_view what);

// The same for a zlib stream (RFC 1950: a 2-byte header, deflate data, an Adler-32), as PNG's IDAT chunks hold.
std::string inflate_zlib_limited(std::string_view compressed, int64_t limit, std::string_view what);

}  // namespace rnnlab
