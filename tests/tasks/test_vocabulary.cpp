#include <doctest/doctest.h>

#include "tasks/sine_data.h"
#include "tasks/vocabulary.h"

using namespace rnnlab;

TEST_CASE("vocabulary: hello/ohlol gives the seed's e, h, l, o") {
  auto in = decode_utf8("hello", "input");
  auto out = decode_utf8("ohlol", "target");
  Vocabulary v = Vocabulary::from_texts({in, out});
  CHECK(encode_utf8(v.symbols()) == "ehlo");
  CHECK(v.encode(in, "input") == std::vector<int32_t>{1, 0, 2, 2, 3});
  CHECK(v.encode(out, "target") == std::vector<int32_t>{3, 1, 2, 3, 2});
  Tensor x = v.one_hot(v.encode(in, "input"));
  CHECK(x.shape() == Shape{5, 1, 4});
  CHECK(x.arr().sum() == 5.0f);
  CHECK(x[0 * 4 + 1] == 1.0f);  // 'h'
  CHECK(x[4 * 4 + 3] == 1.0f);  // 'o'
}

TEST_CASE("vocabulary: any Unicode round-trips, in code point order") {
  const std::string text = "h\xC3\xA9llo \xF0\x9F\x98\x80 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D e\xCC\x81";  // é, 😀, Hebrew, e + combining acute
  auto cps = decode_utf8(text, "input");
  CHECK(cps.size() == 15);
  CHECK(encode_utf8(cps) == text);
  Vocabulary v = Vocabulary::from_texts({cps});
  for (size_t i = 1; i < v.symbols().size(); ++i) CHECK(v.symbols()[i - 1] < v.symbols()[i]);
  CHECK(v.decode(v.encode(cps, "input")) == cps);
}

TEST_CASE("vocabulary: errors name the field, the character and the position") {
  CHECK_THROWS_WITH_AS(decode_utf8("ab\xC3", "target"), "target: invalid UTF-8 at byte 2", Error);
  CHECK_THROWS_WITH_AS(decode_utf8("\xC0\xAF", "input"), "input: invalid UTF-8 at byte 0", Error);
  CHECK_THROWS_WITH_AS(decode_utf8("\xED\xA0\x80", "input"), "input: invalid UTF-8 at byte 0", Error);  // surrogate
  Vocabulary v = Vocabulary::from_texts({U"ab"});
  CHECK_THROWS_WITH_AS(v.encode(U"abz", "input"),
                       "input: character 'z' (U+007A) at position 2 is not in the vocabulary (2 characters: ab)", Error);
  CHECK(describe_char(U' ') == "U+0020");
}

TEST_CASE("sine data: numpy linspace and sin, shifted by one") {
  SineSettings s;
  SineSample sample;
  make_sine_sample(s, 1.0, sample);
  CHECK(sample.input.shape() == Shape{1, 59, 1});
  CHECK(sample.input[0] == doctest::Approx(std::sin(1.0)).epsilon(1e-7));
  CHECK(sample.input[1] == doctest::Approx(std::sin(1.0 + 10.0 / 59.0)).epsilon(1e-7));
  CHECK(sample.target[58] == doctest::Approx(std::sin(11.0)).epsilon(1e-7));
  for (int i = 0; i < 58; ++i) CHECK(sample.target[i] == sample.input[i + 1]);
  Rng rng(3);
  int seen[3] = {0, 0, 0};
  for (int i = 0; i < 300; ++i) {
    draw_sine_sample(s, rng, sample);
    seen[static_cast<int>(sample.start)]++;
  }
  for (int c : seen) CHECK(c > 60);
  s.points = 2;
  CHECK_THROWS_WITH_AS(validate(s), "sine.points: got 2, expected 3 to 4096", Error);
}
