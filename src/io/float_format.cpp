#include "io/float_format.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace rnnlab::io {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A nonzero finite |x| rounded to `count` significant digits: digits[0..count) times 10^(exponent - count + 1).
// printf's "%e" rounds correctly (from the exact binary value), which the shortest-text search relies on.
struct Digits {
  char digits[17];
  int exponent;  // of the first digit
};

Digits scientific_digits(double x, int count) {
  char text[40];
  std::snprintf(text, sizeof text, "%.*e", count - 1, x);  // "-d.ddde-XX"
  Digits out{};
  int n = 0;
  const char* p = text + (text[0] == '-');
  for (; *p != 'e'; ++p)
    if (is_digit(*p)) out.digits[n++] = *p;  // whatever the locale's decimal point is
  out.exponent = std::atoi(p + 1);
  return out;
}

char* write_exponent(char* w, int exponent) {
  unsigned magnitude = static_cast<unsigned>(exponent < 0 ? -exponent : exponent);
  if (exponent < 0) *w++ = '-';
  char reversed[4];
  int k = 0;
  do {
    reversed[k++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (k > 0) *w++ = reversed[--k];
  return w;
}

// Whether the decimal d reads back (through the parser's conversion) to |x|, as a double or as a float.
bool reads_back(const Digits& d, int count, double magnitude, bool as_float32) {
  char text[40];
  std::memcpy(text, d.digits, static_cast<std::size_t>(count));
  char* w = text + count;
  *w++ = 'e';
  w = write_exponent(w, d.exponent - count + 1);
  const double back = decimal_to_double(text, w);
  return as_float32 ? static_cast<float>(back) == static_cast<float>(magnitude) : back == magnitude;
}

// The text "%.{precision}g" gives for these digits, with a tidy exponent ("1.5e-7", not "1.5e-07").
std::size_t write_g(bool negative, const Digits& d, int precision, char (&text)[32]) {
  char* w = text;
  if (negative) *w++ = '-';
  int n = precision;
  while (n > 1 && d.digits[n - 1] == '0') --n;  // %g drops trailing zeros
  const int e = d.exponent;
  if (e < -4 || e >= precision) {  // %g's rule for switching to the exponent form
    *w++ = d.digits[0];
    if (n > 1) *w++ = '.';
    for (int i = 1; i < n; ++i) *w++ = d.digits[i];
    *w++ = 'e';
    w = write_exponent(w, e);
  } else if (e >= 0) {
    for (int i = 0; i <= e; ++i) *w++ = i < n ? d.digits[i] : '0';
    if (n > e + 1) *w++ = '.';
    for (int i = e + 1; i < n; ++i) *w++ = d.digits[i];
  } else {
    *w++ = '0';
    *w++ = '.';
    for (int i = -1; i > e; --i) *w++ = '0';
    for (int i = 0; i < n; ++i) *w++ = d.digits[i];
  }
  return static_cast<std::size_t>(w - text);
}

std::size_t write_zero(bool negative, char (&text)[32]) {
  std::memcpy(text, negative ? "-0" : "0", 2);
  return negative ? 2 : 1;
}

// The shortest "%.Ng" text of a finite double that reads back to it. Every decimal of up to 15 digits
// survives a trip through a double (DBL_DIG), so shorter ones need not be tried; 17 always suffice.
std::size_t format_shortest_double(double x, char (&text)[32]) {
  if (x == 0) return write_zero(std::signbit(x), text);
  for (int precision = 15;; ++precision) {
    const Digits d = scientific_digits(x, precision);
    if (precision == 17 || reads_back(d, precision, std::fabs(x), false)) return write_g(x < 0, d, precision, text);
  }
}

// The same for a float, reading back through a double as the reader does: the first of "%.6g" .. "%.9g"
// (FLT_DIG .. always enough). Written in bulk, so one printf call instead of up to four: the shorter
// candidates are rounded from the 9-digit text. That matches printf except when the dropped digits are
// exactly "5", "50" or "500", where the 9-digit text may itself have been rounded; then printf decides.
std::size_t format_shortest_float(float x, char (&text)[32]) {
  if (x == 0) return write_zero(std::signbit(x), text);
  const double magnitude = std::fabs(static_cast<double>(x));
  const Digits nine = scientific_digits(x, 9);
  for (int precision = 6; precision < 9; ++precision) {
    bool tie = nine.digits[precision] == '5';
    for (int i = precision + 1; i < 9; ++i) tie = tie && nine.digits[i] == '0';
    Digits d = nine;
    if (tie) {
      d = scientific_digits(x, precision);
    } else if (nine.digits[precision] >= '5') {
      int i = precision - 1;
      while (i >= 0 && d.digits[i] == '9') d.digits[i--] = '0';
      if (i >= 0) {
        ++d.digits[i];
      } else {  // 9.99..9 rounds up to 10.0..0
        d.digits[0] = '1';
        ++d.exponent;
      }
    }
    if (reads_back(d, precision, magnitude, true)) return write_g(x < 0, d, precision, text);
  }
  return write_g(x < 0, nine, 9, text);
}

}  // namespace

// The correctly rounded double for a number in JSON syntax (already checked) in [first, last).
double decimal_to_double(const char* first, const char* last) {
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
  // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 1e22 are both exact doubles, so one
  // correctly rounded multiply or divide gives the correctly rounded result. Covers "%.9g" floats.
  static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const char* p = first;
  const bool negative = *p == '-';
  if (negative) ++p;
  std::uint64_t mantissa = 0;
  bool exact = true;  // false once a digit did not fit; then strtod decides
  int exponent = 0;
  for (; p < last && is_digit(*p); ++p) {
    if (mantissa >= 100000000000000000u) exact = false;
    else mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
  }
  if (p < last && *p == '.') {
    for (++p; p < last && is_digit(*p); ++p) {
      if (mantissa >= 100000000000000000u) {
        exact = false;
      } else {
        mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
        --exponent;
      }
    }
  }
  if (p < last && (*p == 'e' || *p == 'E')) {
    ++p;
    const bool negative_exponent = *p == '-';
    if (*p == '-' || *p == '+') ++p;
    int e = 0;
    for (; p < last; ++p)
      if (e < 100000) e = e * 10 + (*p - '0');  // anything this large is outside the fast path anyway
    exponent += negative_exponent ? -e : e;
  }
  if (exact && mantissa <= (std::uint64_t{1} << 53) && exponent >= -22 && exponent <= 22) {
    double x = static_cast<double>(mantissa);
    x = exponent < 0 ? x / kPow10[-exponent] : x * kPow10[exponent];
    return negative ? -x : x;
  }
#endif
  // strtod needs a NUL-terminated copy (the text is a view into a larger buffer).
  const std::size_t length = static_cast<std::size_t>(last - first);
  char small[64];
  std::string large;
  char* text = small;
  if (length >= sizeof small) {
    large.assign(first, length);
    text = large.data();
  } else {
    std::memcpy(small, first, length);
    small[length] = '\0';
  }
  char* stop = nullptr;
  const double x = std::strtod(text, &stop);
  if (stop != text + length)
    throw std::runtime_error("json: strtod stopped early in \"" + std::string(first, std::min<std::size_t>(length, 40)) +
                             "\"; the LC_NUMERIC locale must be \"C\"");
  return x;
}

std::size_t format_shortest(double x, char (&text)[kNumberTextCapacity]) { return format_shortest_double(x, text); }
std::size_t format_shortest(float x, char (&text)[kNumberTextCapacity]) { return format_shortest_float(x, text); }

std::string shortest_text(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf");
  char text[kNumberTextCapacity];
  return std::string(text, format_shortest(x, text));
}

std::string shortest_text(float x) {
  if (!std::isfinite(x)) return std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf");
  char text[kNumberTextCapacity];
  return std::string(text, format_shortest(x, text));
}

}  // namespace rnnlab::io
