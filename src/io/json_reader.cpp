#include "io/json_reader.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>

#include "io/float_format.h"
#include "io/json_string.h"

namespace rnnlab::json {

ParseError::ParseError(std::size_t line, std::size_t column, std::string_view reason)
    : std::runtime_error("JSON parse error at line " + std::to_string(line) + ", column " + std::to_string(column) +
                         ": " + std::string(reason)),
      line_(line),
      column_(column) {}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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
    const double x = io::decimal_to_double(start, p_);
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

}  // namespace rnnlab::json
