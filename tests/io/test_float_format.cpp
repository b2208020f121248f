#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

#include "io/float_format.h"
#include "support/lcg.h"

using namespace rnnlab;
using rnnlab::testing::Lcg;

namespace {

// What the float reads back as through a double, the way the JSON reader and JavaScript read it.
float read_back_float(const std::string& text) { return static_cast<float>(std::strtod(text.c_str(), nullptr)); }

// The definition: the first "%.Ng", N from 6 (FLT_DIG) to 9, that reads back to x through a double, with printf's
// "e+07" tidied to "e7". `digits` is that N.
std::string reference_text(float x, int& digits) {
  char text[64];
  for (digits = 6; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(x));
    if (read_back_float(text) == x) break;
  }
  std::string s = text;
  const std::size_t e = s.find('e');
  if (e != std::string::npos) {
    std::string exponent = s.substr(e + 1);
    const bool negative = exponent[0] == '-';
    exponent.erase(0, exponent.find_first_not_of("+-0"));
    s = s.substr(0, e + 1) + (negative ? "-" : "") + exponent;
  }
  return s;
}

// The fewest significant digits N for which "%.Ng" reads back to x (brute force, from 1).
int fewest_digits(float x) {
  char text[64];
  for (int n = 1;; ++n) {
    std::snprintf(text, sizeof text, "%.*g", n, static_cast<double>(x));
    if (read_back_float(text) == x) return n;
  }
}

void check_float(float x) {
  const std::string text = io::shortest_text(x);
  INFO("x = ", static_cast<double>(x), " bits ", std::bit_cast<std::uint32_t>(x), " text ", text);
  REQUIRE(std::bit_cast<std::uint32_t>(read_back_float(text)) == std::bit_cast<std::uint32_t>(x));
  int digits = 0;
  CHECK(text == reference_text(x, digits));
  // A normal float needs at least 6 digits only where a shorter decimal does not exist: fewer is never possible.
  if (std::fabs(x) >= FLT_MIN) CHECK(digits == std::max(6, fewest_digits(x)));
}

}  // namespace

TEST_CASE("float_format: a float's text is the shortest that reads back, for named values") {
  CHECK(io::shortest_text(0.1f) == "0.1");
  CHECK(io::shortest_text(1e-8f) == "1e-8");
  CHECK(io::shortest_text(0.001f) == "0.001");
  CHECK(io::shortest_text(5e-3f) == "0.005");
  CHECK(io::shortest_text(100.0f) == "100");
  CHECK(io::shortest_text(1e-45f) == "1.4013e-45");  // the smallest subnormal: 6 digits at least
  CHECK(io::shortest_text(FLT_MAX) == "3.4028235e38");
  CHECK(io::shortest_text(-FLT_MAX) == "-3.4028235e38");
  CHECK(io::shortest_text(FLT_MIN) == "1.1754944e-38");
  CHECK(io::shortest_text(0.0f) == "0");
  CHECK(io::shortest_text(-0.0f) == "-0");
  CHECK(io::shortest_text(std::numeric_limits<float>::quiet_NaN()) == "nan");
  CHECK(io::shortest_text(std::numeric_limits<float>::infinity()) == "inf");
  CHECK(io::shortest_text(-std::numeric_limits<float>::infinity()) == "-inf");
  for (float x : {0.1f, 1e-45f, FLT_MAX, -FLT_MAX, FLT_MIN, 0.3f, 2.5f, 16777216.0f, 16777217.0f, 1e-8f, 0.999f})
    check_float(x);
}

TEST_CASE("float_format: negative zero keeps its sign through the text") {
  const std::string text = io::shortest_text(-0.0f);
  CHECK(std::signbit(read_back_float(text)));
  char buffer[io::kNumberTextCapacity];
  CHECK(std::string(buffer, io::format_shortest(-0.0, buffer)) == "-0");
}

TEST_CASE("float_format: 200,000 random finite floats round-trip bit for bit, in the fewest digits when normal") {
  Lcg rng{42};
  int checked = 0;
  while (checked < 200000) {
    const float x = std::bit_cast<float>(rng.next());
    if (!std::isfinite(x)) continue;
    check_float(x);
    ++checked;
  }
  // Every subnormal exponent region and the powers of two around each binade edge.
  for (int e = -149; e <= 127; ++e) {
    const float p = std::ldexp(1.0f, e);
    check_float(p);
    check_float(std::nextafter(p, 0.0f));
    check_float(std::nextafter(p, FLT_MAX));
  }
}

TEST_CASE("float_format: doubles round-trip bit for bit, and short decimals stay short") {
  CHECK(io::shortest_text(0.1) == "0.1");
  CHECK(io::shortest_text(1e300) == "1e300");
  CHECK(io::shortest_text(static_cast<double>(0.1f)) == "0.10000000149011612");  // a double needs all 17 here
  Lcg rng{7};
  for (int i = 0; i < 50000; ++i) {
    const std::uint64_t bits = (std::uint64_t{rng.next()} << 32) | rng.next();
    const double x = std::bit_cast<double>(bits);
    if (!std::isfinite(x)) continue;
    const std::string text = io::shortest_text(x);
    INFO("text ", text);
    REQUIRE(std::bit_cast<std::uint64_t>(std::strtod(text.c_str(), nullptr)) == bits);
  }
}

TEST_CASE("float_format: decimal_to_double rounds like strtod") {
  for (const char* text : {"0.1", "-0", "1e-45", "3.40282347e+38", "4.9406564584124654e-324", "123456789012345678901234",
                           "2.2250738585072011e-308", "9007199254740993", "1e23"}) {
    const std::string s(text);
    CHECK(std::bit_cast<std::uint64_t>(io::decimal_to_double(s.data(), s.data() + s.size())) ==
          std::bit_cast<std::uint64_t>(std::strtod(text, nullptr)));
  }
}
