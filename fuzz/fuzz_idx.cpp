// libFuzzer target: IDX files (io/idx.h), gzip'd or not (io/gzip.h), and a labelled-images dataset built from them
// (io/labelled_images.h). Any bytes either parse into an array whose data is exactly its dimensions' product, or
// throw a readable error; an images array pairs with labels and splits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.h"
#include "io/gzip.h"
#include "io/idx.h"
#include "io/labelled_images.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    std::string raw;
    if (rnnlab::is_gzip(bytes)) {
      raw = rnnlab::gunzip_limited(bytes, int64_t{1} << 20, "fuzz.gz");
      if (raw.size() > (size_t{1} << 20)) std::abort();  // the limit holds
      bytes = raw;
    }
    rnnlab::IdxArray a = rnnlab::parse_idx(bytes, "fuzz");
    int64_t count = 1;
    for (int64_t d : a.dims) count *= d;
    if (a.dims.empty() || a.dims.size() > 3 || count != static_cast<int64_t>(a.data.size())) std::abort();
    if (a.dims.size() == 3) {
      const int64_t n = a.dims[0];
      rnnlab::IdxArray labels{{n}, std::vector<uint8_t>(static_cast<size_t>(n), 3)};
      const rnnlab::LabelledImages d = rnnlab::labelled_images_from_idx(std::move(a), std::move(labels), "fuzz");
      if (d.count >= 2) {
        const rnnlab::ImageSplit s = rnnlab::split_first(d, d.count / 2);
        if (s.train.count + s.held_out.count != d.count) std::abort();
      }
    }
  } catch (const rnnlab::Error&) {
  }
  return 0;
}
