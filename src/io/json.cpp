#include "io/json.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <unordered_set>
#include <utility>

namespace rnnlab::json {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Bytes a string can hold as they are: printable ASCII other than '"' and '\\'.
bool is_plain(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
}

// Length (1..4) of the valid UTF-8 sequence at p, or 0 if the bytes there are not valid UTF-8
// (overlong forms, surrogates, code points above U+10FFFF and truncated sequences are invalid).
std::size_t utf8_sequence_length(const char* p, const char* end) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  const unsigned char lead = u[0];
  if (lead < 0x80) return 1;
  std::size_t length;
  unsigned char second_lo = 0x80, second_hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_lo = 0xA0;  // below: overlong
    if (lead == 0xED) second_hi = 0x9F;  // above: UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_lo = 0x90;  // below: overlong
    if (lead == 0xF4) second_hi = 0x8F;  // above: beyond U+10FFFF
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < length) return 0;
  if (u[1] < second_lo || u[1] > second_hi) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if ((u[i] & 0xC0) != 0x80) return 0;
  return length;
}

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// s as a JSON string literal. Throws std::invalid_argument if s is not valid UTF-8.
void append_quoted(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const char* run = p;
    while (p < end && is_plain(*p)) ++p;
    out.append(run, p);
    if (p == end) break;
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++p;
    } else if (c < 0x20) {
      out += '\\';
      switch (c) {
        case '\b': out += 'b'; break;
        case '\f': out += 'f'; break;
        case '\n': out += 'n'; break;
        case '\r': out += 'r'; break;
        case '\t': out += 't'; break;
        default:
          out += "u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
      }
      ++p;
    } else {
      const std::size_t length = utf8_sequence_length(p, end);
      if (length == 0)
        throw std::invalid_argument("json: string is not valid UTF-8 at byte " + std::to_string(p - s.data()));
      out.append(p, length);
      p += length;
    }
  }
  out += '"';
}

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
std::size_t format_double(double x, char (&text)[32]) {
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
std::size_t format_float32(float x, char (&text)[32]) {
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

// A number for an error message: shortest round-trip text, or "nan"/"inf".
std::string number_text(double x) {
  char text[32];
  if (!std::isfinite(x)) return std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf");
  return std::string(text, format_double(x, text));
}

std::string prefix(std::string_view path) {
  if (path.empty()) return {};
  std::string s(path);
  s += ": ";
  return s;
}

[[noreturn]] void throw_type_error(std::string_view path, Value::Type expected, Value::Type got) {
  throw TypeError(prefix(path) + "expected " + type_name(expected) + ", got " + type_name(got));
}

}  // namespace

// ---------------------------------------------------------------------------------------------- errors

ParseError::ParseError(std::size_t line, std::size_t column, std::string_view reason)
    : std::runtime_error("JSON parse error at line " + std::to_string(line) + ", column " + std::to_string(column) +
                         ": " + std::string(reason)),
      line_(line),
      column_(column) {}

const char* type_name(Value::Type type) noexcept {
  switch (type) {
    case Value::Type::null: return "null";
    case Value::Type::boolean: return "a boolean";
    case Value::Type::number: return "a number";
    case Value::Type::string: return "a string";
    case Value::Type::array: return "an array";
    case Value::Type::object: return "an object";
  }
  return "?";
}

// ----------------------------------------------------------------------------------------------- Value

Value::Value(std::string s) : type_(Type::string) { new (&string_) std::string(std::move(s)); }
Value::Value(std::string_view s) : type_(Type::string) { new (&string_) std::string(s); }
Value::Value(const char* s) : type_(Type::string) {
  if (s == nullptr) throw std::invalid_argument("json::Value: the string is a null pointer");
  new (&string_) std::string(s);
}
Value::Value(Array a) : type_(Type::array) { new (&array_) Array(std::move(a)); }
Value::Value(Object o) : type_(Type::object) { new (&object_) Object(std::move(o)); }

Value::Value(const Value& other) : type_(Type::null) { copy_from(other); }
Value::Value(Value&& other) noexcept : type_(Type::null) { move_from(other); }
Value::~Value() { destroy(); }

// Both assignments go through a temporary: `v = v.as_array()[0]` must not destroy its source first.
Value& Value::operator=(const Value& other) {
  if (this != &other) {
    Value copy(other);
    destroy();
    move_from(copy);
  }
  return *this;
}

Value& Value::operator=(Value&& other) noexcept {
  if (this != &other) {
    Value moved(std::move(other));
    destroy();
    move_from(moved);
  }
  return *this;
}

void Value::destroy() noexcept {
  switch (type_) {
    case Type::string: string_.~basic_string(); break;
    case Type::array: array_.~Array(); break;
    case Type::object: object_.~Object(); break;
    default: break;
  }
  type_ = Type::null;
}

// Precondition: *this holds nothing (null). type_ is set last so a throwing copy leaves a null.
void Value::copy_from(const Value& other) {
  switch (other.type_) {
    case Type::null: break;
    case Type::boolean: bool_ = other.bool_; break;
    case Type::number: number_ = other.number_; break;
    case Type::string: new (&string_) std::string(other.string_); break;
    case Type::array: new (&array_) Array(other.array_); break;
    case Type::object: new (&object_) Object(other.object_); break;
  }
  type_ = other.type_;
}

// Precondition: *this holds nothing (null). Leaves `other` null.
void Value::move_from(Value& other) noexcept {
  switch (other.type_) {
    case Type::null: break;
    case Type::boolean: bool_ = other.bool_; break;
    case Type::number: number_ = other.number_; break;
    case Type::string: new (&string_) std::string(std::move(other.string_)); break;
    case Type::array: new (&array_) Array(std::move(other.array_)); break;
    case Type::object: new (&object_) Object(std::move(other.object_)); break;
  }
  type_ = other.type_;
  other.destroy();
}

bool Value::as_bool(std::string_view path) const {
  if (type_ != Type::boolean) throw_type_error(path, Type::boolean, type_);
  return bool_;
}

double Value::as_number(std::string_view path) const {
  if (type_ != Type::number) throw_type_error(path, Type::number, type_);
  return number_;
}

std::int64_t Value::as_int(std::string_view path, std::int64_t lo, std::int64_t hi) const {
  const double x = as_number(path);
  if (!(x == std::floor(x))) throw SchemaError(prefix(path) + "value " + number_text(x) + " is not an integer");
  // Range-check as a double first: converting a double outside int64 is undefined behaviour.
  if (x < -0x1p63 || x >= 0x1p63 || static_cast<std::int64_t>(x) < lo || static_cast<std::int64_t>(x) > hi)
    throw SchemaError(prefix(path) + "value " + number_text(x) + " is outside [" + std::to_string(lo) + ", " +
                      std::to_string(hi) + "]");
  return static_cast<std::int64_t>(x);
}

const std::string& Value::as_string(std::string_view path) const {
  if (type_ != Type::string) throw_type_error(path, Type::string, type_);
  return string_;
}

const Value::Array& Value::as_array(std::string_view path) const {
  if (type_ != Type::array) throw_type_error(path, Type::array, type_);
  return array_;
}

const Value::Object& Value::as_object(std::string_view path) const {
  if (type_ != Type::object) throw_type_error(path, Type::object, type_);
  return object_;
}

Value::Array& Value::as_array(std::string_view path) {
  if (type_ != Type::array) throw_type_error(path, Type::array, type_);
  return array_;
}

Value::Object& Value::as_object(std::string_view path) {
  if (type_ != Type::object) throw_type_error(path, Type::object, type_);
  return object_;
}

const Value* Value::find(std::string_view key) const noexcept {
  if (type_ != Type::object) return nullptr;
  for (const Member& member : object_)
    if (member.key == key) return &member.value;
  return nullptr;
}

std::size_t Value::size() const noexcept {
  if (type_ == Type::array) return array_.size();
  if (type_ == Type::object) return object_.size();
  return 0;
}

void Value::push_back(Value v) { as_array("push_back").push_back(std::move(v)); }

void Value::set(std::string_view key, Value v) {
  Object& members = as_object("set");
  for (Member& member : members) {
    if (member.key == key) {
      member.value = std::move(v);
      return;
    }
  }
  members.push_back(Member{std::string(key), std::move(v)});
}

bool operator==(const Value& a, const Value& b) {
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case Value::Type::null: return true;
    case Value::Type::boolean: return a.bool_ == b.bool_;
    case Value::Type::number: return a.number_ == b.number_;
    case Value::Type::string: return a.string_ == b.string_;
    case Value::Type::array: return a.array_ == b.array_;
    case Value::Type::object: return a.object_ == b.object_;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------- parser

namespace {

// Recursive descent over [begin, end). Every read checks p_ < end_; depth is bounded by limits.max_depth.
class Parser {
 public:
  Parser(std::string_view text, const ParseLimits& limits)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), max_depth_(limits.max_depth) {}

  Value parse_document() {
    skip_whitespace();
    Value value = parse_value(0);
    skip_whitespace();
    if (p_ != end_) fail(p_, "expected end of input after the JSON value");
    return value;
  }

 private:
  [[noreturn, gnu::noinline]] void fail(const char* where, std::string_view reason) const {
    std::size_t line = 1;
    const char* line_start = begin_;
    for (const char* c = begin_; c < where; ++c) {
      if (*c == '\n') {
        ++line;
        line_start = c + 1;
      }
    }
    throw ParseError(line, static_cast<std::size_t>(where - line_start) + 1, reason);
  }

  // "expected <what>", or at the end of the text "unexpected end of input, expected <what>".
  [[noreturn, gnu::noinline]] void expected(const char* where, std::string_view what) const {
    std::string reason(where == end_ ? "unexpected end of input, expected " : "expected ");
    reason += what;
    fail(where, reason);
  }

  void skip_whitespace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  // Only arrays and objects recurse. Everything else (and every error message) lives in functions kept out
  // of line, so that each nesting level costs the stack only a small frame: wasm stacks are small.
  Value parse_value(int depth) {
    if (p_ < end_ && *p_ == '[') return parse_array(depth + 1);
    if (p_ < end_ && *p_ == '{') return parse_object(depth + 1);
    return parse_scalar();
  }

  [[gnu::noinline]] Value parse_scalar() {
    if (p_ == end_) expected(p_, "a value");
    switch (*p_) {
      case '"': return Value(parse_string());
      case 't': parse_literal("true"); return Value(true);
      case 'f': parse_literal("false"); return Value(false);
      case 'n': parse_literal("null"); return Value();
      default:
        if (*p_ == '-' || is_digit(*p_)) return Value(parse_number());
        expected(p_, "a value");
    }
  }

  void check_depth(int depth) const {
    if (depth > max_depth_) fail_depth();
  }

  [[noreturn, gnu::noinline]] void fail_depth() const {
    fail(p_, "nesting is deeper than the limit of " + std::to_string(max_depth_));
  }

  [[noreturn, gnu::noinline]] void fail_duplicate(const char* key_start, const std::string& key) const {
    std::string reason = "duplicate key ";
    append_quoted(reason, key);
    fail(key_start, reason);
  }

  Value parse_array(int depth) {
    check_depth(depth);
    ++p_;  // '['
    Value::Array elements;
    skip_whitespace();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      return Value(std::move(elements));
    }
    for (;;) {
      skip_whitespace();
      elements.push_back(parse_value(depth));
      skip_whitespace();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
      } else if (p_ < end_ && *p_ == ']') {
        ++p_;
        return Value(std::move(elements));
      } else {
        expected(p_, "',' or ']' after array element");
      }
    }
  }

  Value parse_object(int depth) {
    check_depth(depth);
    ++p_;  // '{'
    Value::Object members;
    std::unique_ptr<std::unordered_set<std::string>> large_object_keys;  // made only past kLinearScanMembers
    skip_whitespace();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return Value(std::move(members));
    }
    for (;;) {
      skip_whitespace();
      if (p_ == end_ || *p_ != '"') expected(p_, members.empty() ? "a string key or '}'" : "a string key");
      const char* key_start = p_;
      std::string key = parse_string();
      if (is_duplicate(members, large_object_keys, key)) fail_duplicate(key_start, key);
      skip_whitespace();
      if (p_ == end_ || *p_ != ':') expected(p_, "':' after object key");
      ++p_;
      skip_whitespace();
      Value value = parse_value(depth);
      members.push_back(Value::Member{std::move(key), std::move(value)});
      skip_whitespace();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
      } else if (p_ < end_ && *p_ == '}') {
        ++p_;
        return Value(std::move(members));
      } else {
        expected(p_, "',' or '}' after object member");
      }
    }
  }

  // Small objects (every state-dict entry) are scanned; a large one gets a hash set so that a hostile
  // document with a million keys costs O(n), not O(n^2).
  static bool is_duplicate(const Value::Object& members, std::unique_ptr<std::unordered_set<std::string>>& keys,
                           const std::string& key) {
    constexpr std::size_t kLinearScanMembers = 16;
    if (!keys) {
      if (members.size() < kLinearScanMembers) {
        for (const Value::Member& member : members)
          if (member.key == key) return true;
        return false;
      }
      keys = std::make_unique<std::unordered_set<std::string>>();
      for (const Value::Member& member : members) keys->insert(member.key);
    }
    return !keys->insert(key).second;
  }

  void parse_literal(const char* word) {
    for (const char* w = word; *w != '\0'; ++w, ++p_) {
      if (p_ == end_ || *p_ != *w) expected(p_, "'" + std::string(word) + "'");
    }
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  double parse_number() {
    const char* start = p_;
    if (*p_ == '-') {
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) expected(p_, "a digit after '-'");
    }
    if (*p_ == '0') {
      ++p_;
      if (p_ < end_ && is_digit(*p_)) fail(p_, "leading zeros are not allowed");
    } else {
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) expected(p_, "a digit after '.'");
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) expected(p_, "a digit in the exponent");
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    const double x = decimal_to_double(start, p_);
    if (std::isinf(x)) fail(start, "number is too large for a double");
    return x;
  }

  std::string parse_string() {
    ++p_;  // '"'
    std::string out;
    for (;;) {
      const char* run = p_;
      while (p_ < end_ && is_plain(*p_)) ++p_;
      out.append(run, p_);
      if (p_ == end_) fail(p_, "unexpected end of input inside string");
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return out;
      }
      if (c == '\\') {
        parse_escape(out);
      } else if (c < 0x20) {
        fail(p_, "control character in string (write it as \\u00XX)");
      } else {
        const std::size_t length = utf8_sequence_length(p_, end_);
        if (length == 0) fail(p_, "invalid UTF-8 in string");
        out.append(p_, length);
        p_ += length;
      }
    }
  }

  // After "\u" at p_ - 2: the four hex digits as a number. Errors point at the backslash.
  std::uint32_t parse_hex4() {
    const char* backslash = p_ - 2;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
      if (p_ == end_) fail(p_, "unexpected end of input inside string");
      const char c = *p_;
      std::uint32_t digit;
      if (c >= '0' && c <= '9') digit = static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') digit = static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') digit = static_cast<std::uint32_t>(c - 'A' + 10);
      else fail(backslash, "expected 4 hex digits after \\u");
      value = value * 16 + digit;
    }
    return value;
  }

  void parse_escape(std::string& out) {
    const char* backslash = p_++;
    if (p_ == end_) fail(p_, "unexpected end of input inside string");
    const char c = *p_++;
    switch (c) {
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case '/': out += '/'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default: fail(backslash, "invalid escape sequence in string");
    }
    std::uint32_t code_point = parse_hex4();
    if (code_point >= 0xD800 && code_point <= 0xDFFF) {
      // UTF-16 surrogates are only meaningful as a high-low pair: "\uD83D\uDE00" is U+1F600.
      bool paired = false;
      if (code_point <= 0xDBFF && end_ - p_ >= 2 && p_[0] == '\\' && p_[1] == 'u') {
        p_ += 2;
        const std::uint32_t low = parse_hex4();
        if (low >= 0xDC00 && low <= 0xDFFF) {
          code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
          paired = true;
        }
      }
      if (!paired) fail(backslash, "unpaired surrogate " + std::string(backslash, 6) + " in string");
    }
    append_utf8(out, code_point);
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  int max_depth_;
};

}  // namespace

Value parse(std::string_view text, const ParseLimits& limits) {
  if (limits.max_depth < 0 || limits.max_depth > ParseLimits::kMaxDepth)
    throw std::invalid_argument("json::parse: limits.max_depth is " + std::to_string(limits.max_depth) +
                                ", expected 0.." + std::to_string(ParseLimits::kMaxDepth));
  if (text.size() > limits.max_input_bytes)
    throw ParseError(1, 1, "input is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                               std::to_string(limits.max_input_bytes));
  return Parser(text, limits).parse_document();
}

// ---------------------------------------------------------------------------------------------- writer

namespace {
constexpr std::uint8_t kInObject = 1;     // the open container is an object (else an array)
constexpr std::uint8_t kHasElements = 2;  // it has at least one element: the next needs a ','
}  // namespace

void Writer::newline_and_indent() {
  if (indent_ < 0) return;
  out_ += '\n';
  out_.append(open_.size() * static_cast<std::size_t>(indent_), ' ');
}

void Writer::before_value() {
  if (complete_) throw std::logic_error("json::Writer: a second top-level value");
  if (open_.empty()) return;
  std::uint8_t& top = open_.back();
  if (top & kInObject) {
    if (!after_key_) throw std::logic_error("json::Writer: a value inside an object needs key() first");
    after_key_ = false;  // key() wrote the separator
    return;
  }
  if (top & kHasElements) out_ += ',';
  top |= kHasElements;
  newline_and_indent();
}

void Writer::after_value() noexcept {
  if (open_.empty()) complete_ = true;
}

void Writer::open(char bracket, std::uint8_t kind) {
  before_value();
  out_ += bracket;
  open_.push_back(kind);
}

void Writer::close(char bracket, std::uint8_t kind) {
  if (open_.empty() || (open_.back() & kInObject) != kind || after_key_)
    throw std::logic_error(std::string("json::Writer: unexpected end_") + (kind ? "object()" : "array()"));
  const bool had_elements = open_.back() & kHasElements;
  open_.pop_back();
  if (had_elements) newline_and_indent();
  out_ += bracket;
  after_value();
}

Writer& Writer::begin_object() {
  open('{', kInObject);
  return *this;
}
Writer& Writer::end_object() {
  close('}', kInObject);
  return *this;
}
Writer& Writer::begin_array() {
  open('[', 0);
  return *this;
}
Writer& Writer::end_array() {
  close(']', 0);
  return *this;
}

Writer& Writer::key(std::string_view name) {
  if (open_.empty() || !(open_.back() & kInObject) || after_key_)
    throw std::logic_error("json::Writer: key() outside an object or right after another key()");
  std::string quoted;  // first, so invalid UTF-8 throws before the writer changes
  append_quoted(quoted, name);
  std::uint8_t& top = open_.back();
  if (top & kHasElements) out_ += ',';
  top |= kHasElements;
  newline_and_indent();
  out_ += quoted;
  out_ += indent_ < 0 ? ":" : ": ";
  after_key_ = true;
  return *this;
}

Writer& Writer::null() {
  before_value();
  out_ += "null";
  after_value();
  return *this;
}

Writer& Writer::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  after_value();
  return *this;
}

Writer& Writer::number(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("json::Writer: number " + number_text(x) + " has no JSON form");
  before_value();
  char text[32];
  out_.append(text, format_double(x, text));
  after_value();
  return *this;
}

Writer& Writer::float32(float x) {
  if (!std::isfinite(x)) throw std::invalid_argument("json::Writer: number " + number_text(x) + " has no JSON form");
  before_value();
  char text[32];
  out_.append(text, format_float32(x, text));
  after_value();
  return *this;
}

Writer& Writer::float32_array(const float* data, std::size_t count) {
  begin_array();
  for (std::size_t i = 0; i < count; ++i) float32(data[i]);
  return end_array();
}

Writer& Writer::string(std::string_view s) {
  std::string quoted;  // first, so invalid UTF-8 throws before the writer changes
  append_quoted(quoted, s);
  before_value();
  out_ += quoted;
  after_value();
  return *this;
}

Writer& Writer::value(const Value& v) {
  switch (v.type()) {
    case Value::Type::null: return null();
    case Value::Type::boolean: return boolean(v.as_bool());
    case Value::Type::number: return number(v.as_number());
    case Value::Type::string: return string(v.as_string());
    case Value::Type::array:
      begin_array();
      for (const Value& element : v.as_array()) value(element);
      return end_array();
    case Value::Type::object:
      begin_object();
      for (const Value::Member& member : v.as_object()) key(member.key).value(member.value);
      return end_object();
  }
  return *this;
}

std::string Writer::take() {
  if (!complete_) throw std::logic_error("json::Writer: take() before the top-level value is complete");
  std::string text = std::move(out_);
  out_.clear();
  complete_ = false;
  return text;
}

std::string dump(const Value& value, int indent) { return Writer(indent).value(value).take(); }

// ------------------------------------------------------------------------------------- field helpers

std::string member_path(std::string_view path, std::string_view key) {
  std::string s(path);
  if (!s.empty()) s += '.';
  s += key;
  return s;
}

std::string element_path(std::string_view path, std::size_t index) {
  std::string s(path);
  s += '[';
  s += std::to_string(index);
  s += ']';
  return s;
}

const Value& require(const Value& obj, std::string_view key, std::string_view path) {
  if (!obj.is_object()) throw_type_error(path, Value::Type::object, obj.type());
  const Value* value = obj.find(key);
  if (value == nullptr) throw SchemaError(prefix(path) + "missing field \"" + std::string(key) + "\"");
  return *value;
}

namespace {
const Value& require_type(const Value& obj, std::string_view key, std::string_view path, Value::Type type) {
  const Value& value = require(obj, key, path);
  if (value.type() != type) throw_type_error(member_path(path, key), type, value.type());
  return value;
}
}  // namespace

const Value& require_object(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::object);
}

const Value& require_array(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::array);
}

double require_number(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::number).as_number();
}

std::int64_t require_int(const Value& obj, std::string_view key, std::string_view path, std::int64_t lo,
                         std::int64_t hi) {
  return require_type(obj, key, path, Value::Type::number).as_int(member_path(path, key), lo, hi);
}

bool require_bool(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::boolean).as_bool();
}

std::string_view require_string(const Value& obj, std::string_view key, std::string_view path) {
  return require_type(obj, key, path, Value::Type::string).as_string();
}

void read_float_array(const Value& arr, std::string_view path, std::vector<float>& out) {
  // Halfway between FLT_MAX and the next power of two: from here on, double -> float rounds to infinity.
  constexpr double kFloatOverflow = 0x1.ffffffp127;
  const Value::Array& elements = arr.as_array(path);
  // Check everything before touching `out`, so a bad file leaves the caller's data as it was.
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const Value& element = elements[i];
    if (!element.is_number()) throw_type_error(element_path(path, i), Value::Type::number, element.type());
    const double x = element.as_number();
    if (!(std::fabs(x) < kFloatOverflow))
      throw SchemaError(element_path(path, i) + ": value " + number_text(x) + " is not a finite float32");
  }
  out.resize(elements.size());
  for (std::size_t i = 0; i < elements.size(); ++i) out[i] = static_cast<float>(elements[i].as_number());
}

}  // namespace rnnlab::json
