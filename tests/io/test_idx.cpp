// io/idx.h, io/gzip.h and io/labelled_images.h: IDX files built byte by byte (good, truncated, wrong magic, wrong
// type, wrong counts, over the limit), gzip'd or not, each bad one refused with a message naming the file and the
// limit; and the bundled MNIST digits read whole, checked against numbers known of the file, and split 8,000 / 2,000.
#include <doctest/doctest.h>

#include <zlib.h>

#include <algorithm>
#include <numeric>
#include <string>

#include "cli/cli_runner.h"
#include "core/error.h"
#include "io/gzip.h"
#include "io/idx.h"
#include "io/labelled_images.h"

using namespace rnnlab;

namespace {

std::string be32(uint32_t n) {
  return {static_cast<char>(n >> 24), static_cast<char>((n >> 16) & 255), static_cast<char>((n >> 8) & 255),
          static_cast<char>(n & 255)};
}

// An IDX of unsigned bytes with the given dimensions and data 0, 1, 2, ... (mod 256): prod(dims) bytes of it, or
// data_count when that is given (a header that lies about its data).
std::string idx_bytes(std::vector<uint32_t> dims, int64_t data_count = -1) {
  std::string out{'\0', '\0', '\x08', static_cast<char>(dims.size())};
  int64_t count = 1;
  for (uint32_t d : dims) out += be32(d);
  if (data_count >= 0)
    count = data_count;
  else
    for (uint32_t d : dims) count *= d;
  for (int64_t i = 0; i < count; ++i) out += static_cast<char>(i % 256);
  return out;
}

std::string gzip(const std::string& raw) {
  z_stream s{};
  REQUIRE(deflateInit2(&s, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&s, static_cast<uLong>(raw.size())) + 32, '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  s.avail_in = static_cast<uInt>(raw.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&s, Z_FINISH) == Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

std::string data_dir() { return std::string(RNNLAB_SOURCE_DIR) + "/data"; }

}  // namespace

TEST_CASE("idx: a well-formed file's dimensions and bytes") {
  const IdxArray a = parse_idx(idx_bytes({3, 2, 2}), "f");
  CHECK(a.dims == std::vector<int64_t>{3, 2, 2});
  CHECK(a.data == std::vector<uint8_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  const IdxArray labels = parse_idx(idx_bytes({300}), "f");  // a dimension over 255 reads all four bytes
  CHECK(labels.dims == std::vector<int64_t>{300});
  CHECK(labels.data[299] == 299 % 256);
}

TEST_CASE("idx: malformed bytes are refused, naming the file and what was expected") {
  const auto refused = [](const std::string& bytes, const char* expected) {
    CAPTURE(expected);
    CHECK_THROWS_WITH_AS(parse_idx(bytes, "digits.idx"), doctest::Contains(expected), Error);
  };
  refused("", "digits.idx: 0 bytes, too short for an IDX header");
  refused(std::string("\x01\x00\x08\x01", 4) + be32(1) + "x", "not an IDX file (its first two bytes are 0x01 0x00, expected 0x00 0x00)");
  refused(std::string("\x1f\x8b\x08\x00", 4), "not an IDX file (its first two bytes are 0x1f 0x8b");
  refused(std::string("\x00\x00\x0d\x01", 4) + be32(1) + "abcd", "element type 0x0d (float), expected 0x08 (unsigned byte)");
  refused(std::string("\x00\x00\x08\x00", 4), "0 dimensions, expected 1 to 3");
  refused(std::string("\x00\x00\x08\x04", 4) + be32(1) + be32(1) + be32(1) + be32(1) + "x", "4 dimensions, expected 1 to 3");
  refused(std::string("\x00\x00\x08\x03", 4) + be32(10) + be32(28), "truncated header: 12 bytes, the 3 dimensions need 16");
  refused(idx_bytes({2, 0, 3}), "dimension 1 is 0, expected >= 1");
  refused(idx_bytes({10, 28, 28}, 10 * 28 * 28 - 1), "truncated: 7839 bytes of data, the dimensions need 7840");
  refused(idx_bytes({10}, 12), "2 bytes after the 10 bytes of data");
  // Dimensions claiming more than the limit are refused from the header, before any data is looked at.
  refused(idx_bytes({60000, 1000, 1000}, 0), "dimensions hold more than 50331648 bytes (48 MB) of data, the limit for an IDX file");
  refused(idx_bytes({0xffffffffu, 0xffffffffu, 0xffffffffu}, 0), "the limit for an IDX file");
}

TEST_CASE("gzip: round trip, the output limit, truncated and corrupt streams") {
  const std::string raw = idx_bytes({100, 28, 28});
  const std::string z = gzip(raw);
  CHECK(is_gzip(z));
  CHECK_FALSE(is_gzip(raw));
  CHECK(gunzip_limited(z, static_cast<int64_t>(raw.size()), "f.gz") == raw);  // exactly at the limit
  CHECK_THROWS_WITH_AS(gunzip_limited(z, static_cast<int64_t>(raw.size()) - 1, "f.gz"),
                       "f.gz: decompresses to more than 78415 bytes, the limit for this file", Error);
  // A bomb: 8 MB of zeros compress to ~8 KB; a 1 MB limit stops it after 1 MB + 1 byte of output.
  const std::string bomb = gzip(std::string(size_t{8} << 20, '\0'));
  CHECK(bomb.size() < 20000);
  CHECK_THROWS_WITH_AS(gunzip_limited(bomb, int64_t{1} << 20, "bomb.gz"),
                       "bomb.gz: decompresses to more than 1048576 bytes (1 MB), the limit for this file", Error);
  CHECK_THROWS_WITH_AS(gunzip_limited(z.substr(0, z.size() / 2), 1 << 20, "half.gz"),
                       "half.gz: the gzip stream is truncated (it ends before its last block)", Error);
  std::string corrupt = z;
  for (size_t i = 20; i < 40; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  CHECK_THROWS_WITH_AS(gunzip_limited(corrupt, 1 << 20, "bad.gz"), doctest::Contains("bad.gz: "), Error);
  CHECK_THROWS_WITH_AS(gunzip_limited(z + "junk", 1 << 20, "tail.gz"), "tail.gz: 4 bytes after the end of the gzip stream", Error);
  CHECK_THROWS_WITH_AS(gunzip_limited(raw, 1 << 20, "plain"), doctest::Contains("plain: not a gzip file"), Error);
}

TEST_CASE("idx files: gzip'd or not, read whole; bad pairs refused and nothing returned") {
  testing::TempDir dir;
  const std::string images = dir.file("images.idx"), labels_gz = dir.file("labels.idx.gz");
  testing::write_file(images, idx_bytes({4, 3, 2}));
  std::string label_bytes = idx_bytes({4}, 0) + std::string{'\3', '\0', '\x09', '\7'};
  testing::write_file(labels_gz, gzip(label_bytes));
  const LabelledImages d = read_labelled_images(images, labels_gz, "--data");
  CHECK(d.count == 4);
  CHECK(d.rows == 3);
  CHECK(d.cols == 2);
  CHECK(d.labels == std::vector<uint8_t>{3, 0, 9, 7});
  CHECK(d.image(1)[0] == 6);

  const std::string truncated = dir.file("truncated.gz");
  const std::string z = gzip(idx_bytes({4, 3, 2}));
  testing::write_file(truncated, z.substr(0, z.size() - 9));
  CHECK_THROWS_WITH_AS(read_labelled_images(truncated, labels_gz, "--data"),
                       doctest::Contains(("--data " + truncated + ": the gzip stream is truncated").c_str()), Error);
  const std::string three_labels = dir.file("three.idx");
  testing::write_file(three_labels, idx_bytes({3}, 0) + std::string(3, '\1'));
  CHECK_THROWS_WITH_AS(read_labelled_images(images, three_labels, "--data"),
                       doctest::Contains("4 images but 3 labels, expected as many of each"), Error);
  const std::string bad_label = dir.file("bad_label.idx");
  testing::write_file(bad_label, idx_bytes({4}, 0) + std::string{'\1', '\2', '\12', '\0'});
  CHECK_THROWS_WITH_AS(read_labelled_images(images, bad_label, "--data"),
                       doctest::Contains("label 2 is 10, expected 0 to 9"), Error);
  CHECK_THROWS_WITH_AS(read_labelled_images(labels_gz, labels_gz, "--data"),
                       doctest::Contains("the images file has 1 dimensions, expected 3 (count, rows, cols)"), Error);
  CHECK_THROWS_WITH_AS(read_labelled_images(dir.file("none"), labels_gz, "--data"),
                       doctest::Contains("cannot read (No such file or directory)"), Error);
}

TEST_CASE("MNIST digits bundled in data/digits: 10,000 images 28x28, known counts per class, split 8,000 / 2,000") {
  const LabelledImages d = read_image_dataset("mnist", data_dir());
  CHECK(d.count == 10000);
  CHECK(d.rows == 28);
  CHECK(d.cols == 28);
  // MNIST's test set: the class counts everyone quotes, and its first labels 7 2 1 0 4 1 4 9 5 9.
  std::vector<int> per_class(10, 0);
  for (uint8_t l : d.labels) ++per_class[l];
  CHECK(per_class == std::vector<int>{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});
  CHECK(std::vector<uint8_t>(d.labels.begin(), d.labels.begin() + 10) == std::vector<uint8_t>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9});
  // The first digit's corner is blank; its pixels sum to 18,454 (Python: sum(gzip.open(f).read()[16:800])).
  CHECK(d.image(0)[0] == 0);
  CHECK(std::accumulate(d.image(0), d.image(0) + 784, 0) == 18454);

  const ImageSplit s = split_first(d, kDigitsTrainImages);
  CHECK(s.train.count == 8000);
  CHECK(s.held_out.count == 2000);
  CHECK(s.held_out.labels[0] == d.labels[8000]);
  CHECK(std::equal(s.held_out.image(1999), s.held_out.image(1999) + 784, d.image(9999)));
  CHECK_THROWS_WITH_AS(split_first(d, 10000), "split: 10000 training images of 10000, expected 1 to 9999 (some left to hold out)", Error);
  CHECK_THROWS_WITH_AS(image_dataset_files("kmnist", data_dir()), "dataset: \"kmnist\", expected \"mnist\" or \"fashion\"", Error);
  CHECK_THROWS_WITH_AS(read_image_dataset("mnist", "/nonexistent"),
                       doctest::Contains("the digits are in the repository's data/digits/mnist/"), Error);
}

TEST_CASE("Fashion-MNIST from Debian's dataset-fashion-mnist: 10,000 test images, 1,000 of each class") {
  const ImageDatasetFiles files = image_dataset_files("fashion", data_dir());
  CHECK(files.images == "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
  // scripts/install-deps.sh installs the package; the test requires it like every other dependency there.
  const LabelledImages d = read_image_dataset("fashion", data_dir());
  CHECK(d.count == 10000);
  CHECK(d.rows == 28);
  CHECK(d.cols == 28);
  std::vector<int> per_class(10, 0);
  for (uint8_t l : d.labels) ++per_class[l];
  CHECK(per_class == std::vector<int>(10, 1000));
  // The 60,000-image training file, the largest IDX there is here, fits the limit.
  const IdxArray train = read_idx_file("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", "--data");
  CHECK(train.dims == std::vector<int64_t>{60000, 28, 28});
}
