#include "cli/digit_png.h"

#include "cli/args.h"
#include "io/digit_image.h"
#include "io/png.h"
#include "io/read_file.h"

namespace rnnlab::cli {

std::vector<float> read_digit_png(const std::string& path, const std::string& flag) {
  try {
    const PngImage png = parse_png(read_file_limited(path, kMaxPngFileBytes, flag), flag + " " + path);
    return mnist_digit(png_ink(png), png.width, png.height);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    const std::string what = e.what();
    throw UsageError(what.rfind(flag, 0) == 0 ? what : flag + " " + path + ": " + what);
  }
}

}  // namespace rnnlab::cli
