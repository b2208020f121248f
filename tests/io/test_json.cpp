#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/json.h"
#include "support/lcg.h"

using namespace rnnlab;
using rnnlab::testing::Lcg;

namespace {

std::uint32_t bits_of(float x) { return std::bit_cast<std::uint32_t>(x); }
std::uint64_t bits_of(double x) { return std::bit_cast<std::uint64_t>(x); }

// The ParseError message for `text`, or "(parsed)" if it parsed.
std::string parse_error(std::string_view text, const json::ParseLimits& limits = {}) {
  try {
    json::parse(text, limits);
  } catch (const json::ParseError& e) {
    return e.what();
  }
  return "(parsed)";
}

// "-0.00123e-5" -> 3: digits of the mantissa without sign, point and leading zeros.
std::size_t significant_digits(std::string_view number) {
  number = number.substr(0, number.find('e'));
  std::size_t count = 0;
  for (char c : number) {
    if (c >= '1' && c <= '9') ++count;
    else if (c == '0' && count > 0) ++count;
  }
  return count;
}

// The definition the writer implements faster: the first "%.Ng" (N from `first` to `last`) that reads back
// through strtod to x (as a float if `as_float32`), with printf's "e+07" tidied to "e7".
std::string reference_shortest(double x, bool as_float32) {
  char text[40];
  for (int precision = as_float32 ? 6 : 15; precision <= (as_float32 ? 9 : 17); ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, x);
    const double back = std::strtod(text, nullptr);
    if (as_float32 ? static_cast<float>(back) == static_cast<float>(x) : back == x) break;
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

std::string float_text(float x) {
  json::Writer w;
  w.float32(x);
  return w.take();
}

// Parses text or throws; anything other than success or ParseError fails the calling test.
bool parses_or_throws_parse_error(std::string_view text) {
  try {
    json::parse(text);
    return true;
  } catch (const json::ParseError&) {
    return false;
  }
}

// A document with every kind of value, escapes, raw and escaped non-ASCII text and nesting.
const std::string kRichDocument =
    "{\"name\": \"lstm \\u00e9\\ud83d\\ude00 caf\xC3\xA9 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\",\n"
    " \"shape\": [2, 3], \"data\": [0.5, -1.25e-3, 1E+2, 0, -0, 123456789012345678901234567890],\n"
    " \"flags\": {\"bias\": true, \"bidirectional\": false, \"dropout\": null},\n"
    " \"empty\": [], \"none\": {}, \"deep\": [[[{\"k\": [\"\xF0\x9F\x98\x80\"]}]]]}\n";

}  // namespace

TEST_CASE("json: parse reads every type, keeps member order and finds keys") {
  const json::Value doc = json::parse(kRichDocument);
  REQUIRE(doc.is_object());
  CHECK(doc.size() == 7);
  const char* keys[] = {"name", "shape", "data", "flags", "empty", "none", "deep"};
  std::size_t i = 0;
  for (const auto& [key, value] : doc.as_object()) CHECK(key == keys[i++]);

  CHECK(doc.find("name")->as_string() ==
        "lstm \xC3\xA9\xF0\x9F\x98\x80 caf\xC3\xA9 \"q\" \\ / \b\f\n\r\t");
  const json::Value& data = *doc.find("data");
  REQUIRE(data.size() == 6);
  const double expected[] = {0.5, -1.25e-3, 100.0, 0.0, -0.0, 1.2345678901234568e29};
  for (std::size_t k = 0; k < 6; ++k) CHECK(bits_of(data.as_array()[k].as_number()) == bits_of(expected[k]));
  CHECK(std::signbit(data.as_array()[4].as_number()));
  CHECK(doc.find("flags")->find("bias")->as_bool() == true);
  CHECK(doc.find("flags")->find("bidirectional")->as_bool() == false);
  CHECK(doc.find("flags")->find("dropout")->is_null());
  CHECK(doc.find("empty")->is_array());
  CHECK(doc.find("empty")->size() == 0);
  CHECK(doc.find("none")->is_object());
  CHECK(doc.find("missing") == nullptr);
  CHECK(doc.find("data")->find("x") == nullptr);  // not an object
  CHECK(json::Value(3.0).size() == 0);
  const json::Value& deep = doc.find("deep")->as_array()[0].as_array()[0].as_array()[0];
  CHECK(deep.find("k")->as_array()[0].as_string() == "\xF0\x9F\x98\x80");

  // Whitespace around the value is fine; so are scalars at the top level.
  CHECK(json::parse(" \t\r\n 42 \n").as_number() == 42);
  CHECK(json::parse("\"\"").as_string().empty());
  CHECK(json::parse("null").is_null());
  CHECK(json::parse("\"\\u0000\"").as_string() == std::string(1, '\0'));
}

TEST_CASE("json: every type round-trips through dump and parse, compact and indented") {
  json::Value doc = json::Value::object();
  doc.set("null", nullptr);
  doc.set("yes", true);
  doc.set("no", false);
  doc.set("int", 3);
  doc.set("real", -0.1);
  doc.set("text", "tab\tquote\"backslash\\ctl\x01 \xC3\xA9\xF0\x9F\x98\x80");
  json::Value list = json::Value::array();
  list.push_back(1);
  list.push_back(json::Value::array());
  list.push_back(json::Value::object());
  list.push_back("x");
  doc.set("list", list);
  doc.set("int", 4);  // set() replaces in place
  CHECK(doc.size() == 7);

  const std::string compact = json::dump(doc);
  CHECK(compact ==
        "{\"null\":null,\"yes\":true,\"no\":false,\"int\":4,\"real\":-0.1,"
        "\"text\":\"tab\\tquote\\\"backslash\\\\ctl\\u0001 \xC3\xA9\xF0\x9F\x98\x80\","
        "\"list\":[1,[],{},\"x\"]}");
  CHECK(json::parse(compact) == doc);

  const std::string pretty = json::dump(doc, 2);
  CHECK(pretty ==
        "{\n"
        "  \"null\": null,\n"
        "  \"yes\": true,\n"
        "  \"no\": false,\n"
        "  \"int\": 4,\n"
        "  \"real\": -0.1,\n"
        "  \"text\": \"tab\\tquote\\\"backslash\\\\ctl\\u0001 \xC3\xA9\xF0\x9F\x98\x80\",\n"
        "  \"list\": [\n"
        "    1,\n"
        "    [],\n"
        "    {},\n"
        "    \"x\"\n"
        "  ]\n"
        "}");
  CHECK(json::parse(pretty) == doc);
  CHECK(json::dump(json::parse("[1]"), 0) == "[\n1\n]");

  // The rich document survives parse -> dump -> parse unchanged.
  const json::Value rich = json::parse(kRichDocument);
  CHECK(json::parse(json::dump(rich)) == rich);
  CHECK(json::parse(json::dump(rich, 1)) == rich);

  // Every control character is escaped; the short forms where JSON has one.
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  const std::string escaped = json::dump(json::Value(controls));
  CHECK(escaped ==
        "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
        "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
        "\\u001e\\u001f\"");
  CHECK(json::parse(escaped).as_string() == controls);
}

TEST_CASE("json: numbers are read correctly rounded, like strtod") {
  struct Case {
    const char* text;
    double value;
  };
  const Case cases[] = {
      {"0", 0.0},
      {"-0.0", -0.0},
      {"1e2", 100.0},
      {"1E+2", 100.0},
      {"-1.5e-3", -1.5e-3},
      {"0.1", 0.1},
      {"9007199254740993", 9007199254740992.0},  // 2^53 + 1: ties to even
      {"9007199254740995", 9007199254740996.0},
      {"123456789012345678901234567890", 1.2345678901234568e29},
      {"2.2250738585072014e-308", 2.2250738585072014e-308},
      {"4.9e-324", 4.9e-324},
      {"1e-400", 0.0},  // underflow to zero is not an error
      {"1.7976931348623157e308", 1.7976931348623157e308},
      {"0.000000000000000000000000000001", 1e-30},
      {"1e22", 1e22},
      {"1e23", 1e23},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(bits_of(json::parse(c.text).as_number()) == bits_of(c.value));
  }

  // The fast path (small mantissa, small power of ten) must agree with strtod bit for bit.
  Lcg rng{12345};
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    if (rng.next() % 2) text += '-';
    const int digits = 1 + static_cast<int>(rng.next() % 20);
    const int point = static_cast<int>(rng.next() % (digits + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) text += '.';
      char digit = static_cast<char>('0' + rng.next() % 10);
      if (d == 0 && digit == '0' && digits > 1 && point != 1) digit = '7';
      text += digit;
    }
    if (rng.next() % 2) text += "e" + std::to_string(static_cast<int>(rng.next() % 61) - 30);
    CAPTURE(text);
    REQUIRE(bits_of(json::parse(text).as_number()) == bits_of(std::strtod(text.c_str(), nullptr)));
  }
}

TEST_CASE("json: float32 values round-trip bit for bit through Writer::float32_array and read_float_array") {
  Lcg rng{2024};
  std::vector<float> values;
  const float specials[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.1f, FLT_MIN, -FLT_MIN, FLT_MAX, -FLT_MAX,
                            std::numeric_limits<float>::denorm_min(), 16777216.0f, 1.0f / 3.0f};
  values.assign(std::begin(specials), std::end(specials));
  while (values.size() < 10000) {
    // Half raw bit patterns (every exponent, subnormals included), half weights in [-1, 1).
    if (values.size() % 2) {
      const std::uint32_t b = rng.next();
      if (((b >> 23) & 0xFF) == 0xFF) continue;  // inf / NaN have no JSON form
      values.push_back(std::bit_cast<float>(b));
    } else {
      values.push_back(static_cast<float>(rng.next() >> 8) / 8388608.0f - 1.0f);
    }
  }
  json::Writer w;
  w.begin_object().key("data").float32_array(values.data(), values.size()).end_object();
  const std::string text = w.take();
  std::vector<float> back;
  json::read_float_array(json::require(json::parse(text), "data", ""), "data", back);
  REQUIRE(back.size() == values.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < values.size(); ++i) mismatches += bits_of(back[i]) != bits_of(values[i]);
  CHECK(mismatches == 0);

  // The text is what the definition gives: the first of "%.6g" .. "%.9g" that reads back.
  std::size_t different = 0;
  for (float x : values) {
    const bool same = float_text(x) == reference_shortest(x, true);
    if (!same && different++ < 5) CHECK_MESSAGE(same, float_text(x), " vs ", reference_shortest(x, true));
  }
  CHECK(different == 0);
  // Ties in the dropped digits, where rounding the 9-digit text again could go the wrong way.
  for (float x : {0.0625f, 1.03125f, 2.5e-5f, 0.100000005f, 1.00000012f, 123456.5f, 9.9999999e-5f}) {
    CAPTURE(x);
    CHECK(float_text(x) == reference_shortest(x, true));
  }

  // Shortest text: as few digits as round-trip, exponents without '+' or leading zeros.
  CHECK(float_text(0.1f) == "0.1");
  CHECK(float_text(-2.5f) == "-2.5");
  CHECK(float_text(1.0f / 3.0f) == "0.33333334");
  CHECK(float_text(16777216.0f) == "16777216");
  CHECK(float_text(FLT_MAX) == "3.4028235e38");
  CHECK(float_text(1e-10f) == "1e-10");
  CHECK(float_text(-0.0f) == "-0");
  CHECK(float_text(0.0f) == "0");
  // No float needs more than 9 significant digits, and random bit patterns often need all 9.
  std::size_t longest = 0;
  const std::string_view list(text.data() + text.find('[') + 1, text.size() - text.find('[') - 3);  // no "]}"
  for (std::size_t start = 0; start < list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    longest = std::max(longest, significant_digits(list.substr(start, comma - start)));
    start = comma + 1;
  }
  CHECK(longest == 9);

}

TEST_CASE("json: doubles round-trip bit for bit through dump, written in the fewest digits") {
  Lcg rng{99};
  json::Value list = json::Value::array();
  std::vector<double> values;
  while (values.size() < 5000) {
    const double x = std::bit_cast<double>(rng.next64());
    if (!std::isfinite(x)) continue;
    values.push_back(x);
    list.push_back(x);
  }
  const json::Value back = json::parse(json::dump(list));
  REQUIRE(back.size() == values.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < values.size(); ++i) mismatches += bits_of(back.as_array()[i].as_number()) != bits_of(values[i]);
  CHECK(mismatches == 0);

  std::size_t different = 0;
  for (double x : values) different += json::dump(x) != reference_shortest(x, false);
  CHECK(different == 0);

  CHECK(json::dump(0.1) == "0.1");
  CHECK(json::dump(1.0 / 3.0) == "0.3333333333333333");
  CHECK(json::dump(9007199254740992.0) == "9007199254740992");
  CHECK(json::dump(123) == "123");
  CHECK(json::dump(1e300) == "1e300");
  CHECK(json::dump(1e21) == "1e21");
  CHECK(json::dump(-1.5e-7) == "-1.5e-7");
  CHECK_THROWS_AS(json::dump(std::nan("")), std::invalid_argument);
  CHECK_THROWS_AS(json::dump(HUGE_VAL), std::invalid_argument);
}

TEST_CASE("json: each parse error names its line, column and what was expected") {
  struct Case {
    std::string text;
    std::size_t line, column;
    const char* reason;
  };
  const std::string eoi = "unexpected end of input, expected ";
  const Case cases[] = {
      {"", 1, 1, "unexpected end of input, expected a value"},
      {"   ", 1, 4, "unexpected end of input, expected a value"},
      {"[1,]", 1, 4, "expected a value"},
      {"[1 2]", 1, 4, "expected ',' or ']' after array element"},
      {"[1,", 1, 4, "unexpected end of input, expected a value"},
      {"[true false]", 1, 7, "expected ',' or ']' after array element"},
      {"{\"a\":1,}", 1, 8, "expected a string key"},
      {"{\"a\" 1}", 1, 6, "expected ':' after object key"},
      {"{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}' after object member"},
      {"{\"a\":1", 1, 7, "unexpected end of input, expected ',' or '}' after object member"},
      {"{a:1}", 1, 2, "expected a string key or '}'"},
      {"{'a':1}", 1, 2, "expected a string key or '}'"},
      {"{\"a\":1,\"a\":2}", 1, 8, "duplicate key \"a\""},
      {"[1] [2]", 1, 5, "expected end of input after the JSON value"},
      {"01", 1, 2, "leading zeros are not allowed"},
      {"-01", 1, 3, "leading zeros are not allowed"},
      {"1.", 1, 3, "unexpected end of input, expected a digit after '.'"},
      {"1.e5", 1, 3, "expected a digit after '.'"},
      {".5", 1, 1, "expected a value"},
      {"+1", 1, 1, "expected a value"},
      {"-", 1, 2, "unexpected end of input, expected a digit after '-'"},
      {"-Infinity", 1, 2, "expected a digit after '-'"},
      {"1e", 1, 3, "unexpected end of input, expected a digit in the exponent"},
      {"1e+", 1, 4, "unexpected end of input, expected a digit in the exponent"},
      {"1e999", 1, 1, "number is too large for a double"},
      {"[0, -1e400]", 1, 5, "number is too large for a double"},
      {"NaN", 1, 1, "expected a value"},
      {"Infinity", 1, 1, "expected a value"},
      {"tru", 1, 4, "unexpected end of input, expected 'true'"},
      {"trUe", 1, 3, "expected 'true'"},
      {"nul", 1, 4, "unexpected end of input, expected 'null'"},
      {"falsy", 1, 5, "expected 'false'"},
      {"// comment\n1", 1, 1, "expected a value"},
      {"[1]/* comment */", 1, 4, "expected end of input after the JSON value"},
      {"\xEF\xBB\xBF{}", 1, 1, "expected a value"},  // a byte order mark is not JSON
      {"\"abc", 1, 5, "unexpected end of input inside string"},
      {"\"\\", 1, 3, "unexpected end of input inside string"},
      {"\"a\tb\"", 1, 3, "control character in string (write it as \\u00XX)"},
      {"\"\\x\"", 1, 2, "invalid escape sequence in string"},
      {"\"\\u12G4\"", 1, 2, "expected 4 hex digits after \\u"},
      {"\"\\u12", 1, 6, "unexpected end of input inside string"},
      {"\"\\ud800\"", 1, 2, "unpaired surrogate \\ud800 in string"},
      {"\"\xC0\x80\"", 1, 2, "invalid UTF-8 in string"},
      {"{\n  \"a\": [1,\n    2,,\n  ]\n}", 3, 7, "expected a value"},
      {"[\r\n1\r\n,", 3, 2, "unexpected end of input, expected a value"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    try {
      json::parse(c.text);
      FAIL("parsed, expected an error");
    } catch (const json::ParseError& e) {
      CHECK(std::string(e.what()) == "JSON parse error at line " + std::to_string(c.line) + ", column " +
                                         std::to_string(c.column) + ": " + c.reason);
      CHECK(e.line() == c.line);
      CHECK(e.column() == c.column);
    }
  }
  // A ParseError is a std::runtime_error for callers that catch broadly.
  CHECK_THROWS_AS(json::parse("]"), std::runtime_error);
}

TEST_CASE("json: nesting deeper than max_depth is an error, not a stack overflow") {
  auto nested = [](int depth) { return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'); };
  CHECK(json::parse(nested(64)).is_array());
  CHECK(parse_error(nested(65)) == "JSON parse error at line 1, column 65: nesting is deeper than the limit of 64");
  CHECK(parse_error("{\"a\":{\"b\":[1]}}", {.max_depth = 2}) ==
        "JSON parse error at line 1, column 11: nesting is deeper than the limit of 2");
  CHECK(parse_error("[]", {.max_depth = 0}) == "JSON parse error at line 1, column 1: nesting is deeper than the limit of 0");
  CHECK(json::parse("7", {.max_depth = 0}).as_number() == 7);
  // Far past the limit: the reader stops at the limit instead of recursing on.
  CHECK(parse_error(std::string(1000000, '[')) ==
        "JSON parse error at line 1, column 65: nesting is deeper than the limit of 64");
  // The largest limit allowed is safe for the stack (this runs under ASan, whose frames are larger).
  const int max = json::ParseLimits::kMaxDepth;
  CHECK(json::parse(nested(max), {.max_depth = max}).is_array());
  std::string objects;
  for (int i = 0; i < max; ++i) objects += "{\"k\":";
  objects += "0" + std::string(static_cast<std::size_t>(max), '}');
  CHECK(json::parse(objects, {.max_depth = max}).is_object());
  CHECK_THROWS_AS(json::parse("[]", {.max_depth = max + 1}), std::invalid_argument);
  CHECK_THROWS_AS(json::parse("[]", {.max_depth = -1}), std::invalid_argument);
}

TEST_CASE("json: input larger than max_input_bytes is refused") {
  CHECK(parse_error("[1, 2, 3, 4]", {.max_input_bytes = 11}) ==
        "JSON parse error at line 1, column 1: input is 12 bytes, more than the limit of 11");
  CHECK(json::parse("[1, 2, 3, 4]", {.max_input_bytes = 12}).size() == 4);
}

TEST_CASE("json: duplicate keys are an error, also after unescaping and in large objects") {
  CHECK(parse_error("{\"ab\":1,\"a\\u0062\":2}") == "JSON parse error at line 1, column 9: duplicate key \"ab\"");
  // Past 16 members the check switches to a hash set; it must still see duplicates, early and late.
  std::string big = "{";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  const std::string with_late_duplicate = big + "\"k99\":0}";
  CHECK(parse_error(with_late_duplicate) == "JSON parse error at line 1, column " +
                                                std::to_string(big.size() + 1) + ": duplicate key \"k99\"");
  const std::string with_early_duplicate = big + "\"k0\":0}";
  CHECK(parse_error(with_early_duplicate).find("duplicate key \"k0\"") != std::string::npos);
  big.back() = '}';
  CHECK(json::parse(big).size() == 100);
  CHECK(json::parse(big).find("k57")->as_number() == 57);
  // Keys that differ only in case or by a NUL are distinct.
  CHECK(json::parse("{\"a\":1,\"A\":2,\"a\\u0000\":3}").size() == 3);
}

TEST_CASE("json: surrogate pairs become one code point; lone surrogates are an error") {
  CHECK(json::parse("\"\\uD83D\\uDE00\"").as_string() == "\xF0\x9F\x98\x80");  // U+1F600
  CHECK(json::parse("\"\\ud800\\udc00\"").as_string() == "\xF0\x90\x80\x80");  // U+10000
  CHECK(json::parse("\"\\udbff\\udfff\"").as_string() == "\xF4\x8F\xBF\xBF");  // U+10FFFF
  CHECK(json::parse("\"\\u007f\\u0080\\u07ff\\u0800\\uffff\"").as_string() ==
        "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF");
  CHECK(parse_error("\"\\udc00\"") == "JSON parse error at line 1, column 2: unpaired surrogate \\udc00 in string");
  CHECK(parse_error("\"x\\uDBFF\\u0041\"") == "JSON parse error at line 1, column 3: unpaired surrogate \\uDBFF in string");
  CHECK(parse_error("\"\\ud800x\"") == "JSON parse error at line 1, column 2: unpaired surrogate \\ud800 in string");
  CHECK(parse_error("\"\\ud800\\ud800\"") == "JSON parse error at line 1, column 2: unpaired surrogate \\ud800 in string");
  CHECK(parse_error("\"\\ud800\\u") == "JSON parse error at line 1, column 10: unexpected end of input inside string");
  CHECK(parse_error("\"\\ud800\\n\"") == "JSON parse error at line 1, column 2: unpaired surrogate \\ud800 in string");
}

TEST_CASE("json: invalid UTF-8 is rejected, valid UTF-8 of every length passes") {
  const char* invalid[] = {
      "\x80",              // lone continuation byte
      "\xC0\xAF",          // overlong '/'
      "\xC1\xBF",          // overlong
      "\xE0\x80\xAF",      // overlong
      "\xED\xA0\x80",      // UTF-16 surrogate U+D800 encoded directly
      "\xF0\x80\x80\xAF",  // overlong
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF5\x80\x80\x80",  // no such lead byte
      "\xFF",
      "\xC3",              // truncated before the closing quote
      "\xE2\x82",          // truncated
      "\xC3\x28",          // lead byte followed by ASCII
  };
  for (const char* bytes : invalid) {
    const std::string text = "[\"ok\", \"a" + std::string(bytes) + "\"]";
    CAPTURE(text);
    CHECK(parse_error(text) == "JSON parse error at line 1, column 10: invalid UTF-8 in string");
  }
  // Truncated at the very end of the input.
  CHECK(parse_error("\"\xE2\x82") == "JSON parse error at line 1, column 2: invalid UTF-8 in string");
  // Non-ASCII outside a string is never JSON.
  CHECK(parse_error("[\xC3\xA9]") == "JSON parse error at line 1, column 2: expected a value");

  const char* valid = "\"\x7F \xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xEF\xBF\xBF \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF\"";
  CHECK(json::parse(valid).as_string().size() == std::strlen(valid) - 2);

  // The writer refuses to produce invalid UTF-8 too.
  CHECK_THROWS_AS(json::dump(json::Value("bad \xFF")), std::invalid_argument);
}

TEST_CASE("json: every prefix and every one-byte change of a document parses or throws ParseError") {
  json::Writer w;
  const float floats[] = {0.1f, -3.5e-20f, 1e30f, 0.0f};
  w.begin_array().float32_array(floats, 4).value(json::parse(kRichDocument)).end_array();
  const std::string docs[] = {kRichDocument, w.str(), "-12.5e+3", "\"\\ud83d\\ude00\""};
  for (const std::string& doc : docs) {
    CAPTURE(doc);
    REQUIRE(parses_or_throws_parse_error(doc));
    std::size_t parsed = 0;
    for (std::size_t n = 0; n < doc.size(); ++n) {
      // A copy of exactly n bytes, so ASan flags any read past the end.
      const std::unique_ptr<char[]> prefix(new char[n > 0 ? n : 1]);
      std::memcpy(prefix.get(), doc.data(), n);
      parsed += parses_or_throws_parse_error(std::string_view(prefix.get(), n));
    }
    // Complete prefixes: the document without its trailing newline, or a shorter number.
    CHECK(parsed == (doc[0] == '-' ? 3 : doc.back() == '\n' ? 1 : 0));

    const char replacements[] = {'{', '}', '[', ']', '"', '\\', ':', ',', '0', '-', 'e', '.', 'u', 'x',
                                 ' ', '\n', '\0', '\x80', '\xC3', '\xED', '\xFF'};
    std::string mutated = doc;
    for (std::size_t i = 0; i < doc.size(); ++i) {
      for (char r : replacements) {
        mutated[i] = r;
        parses_or_throws_parse_error(mutated);
      }
      mutated[i] = doc[i];
    }
  }
}

TEST_CASE("json: Value accessors throw TypeError naming the path and the types") {
  const json::Value doc = json::parse("{\"lr\": \"fast\", \"n\": 2.5, \"list\": [1]}");
  try {
    doc.find("lr")->as_number("optimizer.lr");
    FAIL("no TypeError");
  } catch (const json::TypeError& e) {
    CHECK(std::string(e.what()) == "optimizer.lr: expected a number, got a string");
  }
  CHECK_THROWS_WITH_AS(doc.as_array("root"), "root: expected an array, got an object", json::TypeError);
  CHECK_THROWS_WITH_AS(doc.find("list")->as_object(), "expected an object, got an array", json::TypeError);
  CHECK_THROWS_WITH_AS(json::Value().as_bool("x"), "x: expected a boolean, got null", json::TypeError);
  CHECK_THROWS_WITH_AS(json::Value(true).as_string("s"), "s: expected a string, got a boolean", json::TypeError);
  CHECK_THROWS_WITH_AS(doc.find("n")->as_int("n", 0, 10), "n: value 2.5 is not an integer", json::SchemaError);
  CHECK_THROWS_AS(json::Value(1).push_back(2), json::TypeError);
  CHECK_THROWS_AS(json::Value(1).set("k", 2), json::TypeError);
  CHECK_THROWS_AS(json::Value(static_cast<const char*>(nullptr)), std::invalid_argument);
  CHECK(json::Value(-0.0).as_int("z", 0, 0) == 0);
  CHECK(json::Value(std::nan("")).size() == 0);
  CHECK_THROWS_WITH_AS(json::Value(std::nan("")).as_int("z", 0, 0), "z: value nan is not an integer", json::SchemaError);
}

TEST_CASE("json: require helpers name the field path, the value and the range") {
  const json::Value doc = json::parse(
      "{\"tensors\": {\"rnn\": {\"weight_ih_l0\": {\"data\": [1, 2]}}},"
      " \"hidden_size\": 70000, \"layers\": 2.5, \"big\": 1e300, \"neg\": -9223372036854775808,"
      " \"top\": 9223372036854775807, \"name\": \"lstm\", \"bias\": true, \"lr\": 0.01, \"list\": [1, \"x\"]}");
  const json::Value& tensor = *doc.find("tensors")->find("rnn")->find("weight_ih_l0");

  CHECK_THROWS_WITH_AS(json::require(tensor, "shape", "tensors.rnn.weight_ih_l0"),
                       "tensors.rnn.weight_ih_l0: missing field \"shape\"", json::SchemaError);
  CHECK_THROWS_WITH_AS(json::require(*doc.find("list"), "x", "list"), "list: expected an object, got an array",
                       json::TypeError);
  CHECK(&json::require(doc, "name", "") == doc.find("name"));
  CHECK(json::require_number(doc, "lr", "") == 0.01);
  CHECK_THROWS_WITH_AS(json::require_number(doc, "name", "config"), "config.name: expected a number, got a string",
                       json::TypeError);
  CHECK(json::require_string(doc, "name", "") == "lstm");
  CHECK_THROWS_WITH_AS(json::require_string(doc, "lr", ""), "lr: expected a string, got a number", json::TypeError);
  CHECK(json::require_bool(doc, "bias", "") == true);
  CHECK_THROWS_WITH_AS(json::require_bool(doc, "name", "m"), "m.name: expected a boolean, got a string", json::TypeError);
  CHECK(json::require_object(doc, "tensors", "").size() == 1);
  CHECK_THROWS_WITH_AS(json::require_object(doc, "list", ""), "list: expected an object, got an array", json::TypeError);
  CHECK(json::require_array(doc, "list", "").size() == 2);
  CHECK_THROWS_WITH_AS(json::require_array(doc, "bias", "m"), "m.bias: expected an array, got a boolean", json::TypeError);

  CHECK_THROWS_WITH_AS(json::require_int(doc, "hidden_size", "model", 1, 65536),
                       "model.hidden_size: value 70000 is outside [1, 65536]", json::SchemaError);
  CHECK(json::require_int(doc, "hidden_size", "model", 1, 70000) == 70000);
  CHECK_THROWS_WITH_AS(json::require_int(doc, "layers", "model", 1, 8), "model.layers: value 2.5 is not an integer",
                       json::SchemaError);
  const std::int64_t min64 = std::numeric_limits<std::int64_t>::min();
  const std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
  CHECK_THROWS_WITH_AS(json::require_int(doc, "big", "", min64, max64),
                       "big: value 1e300 is outside [-9223372036854775808, 9223372036854775807]", json::SchemaError);
  CHECK(json::require_int(doc, "neg", "", min64, max64) == min64);
  // 9223372036854775807 reads as the double 2^63, one past the largest int64.
  CHECK_THROWS_WITH_AS(json::require_int(doc, "top", "", min64, max64),
                       "top: value 9.223372036854776e18 is outside [-9223372036854775808, 9223372036854775807]",
                       json::SchemaError);
  CHECK_THROWS_WITH_AS(json::require_int(doc, "name", "", 0, 1), "name: expected a number, got a string",
                       json::TypeError);
}

TEST_CASE("json: read_float_array rejects non-numbers and values that are not finite float32") {
  std::string text = "[";
  for (int i = 0; i < 20; ++i) text += (i ? "," : "") + std::string(i == 17 ? "1e39" : "0.5");
  text += "]";
  std::vector<float> out = {7.0f};
  const std::string path = "tensors.rnn.weight_ih_l0.data";
  CHECK_THROWS_WITH_AS(json::read_float_array(json::parse(text), path, out),
                       "tensors.rnn.weight_ih_l0.data[17]: value 1e39 is not a finite float32", json::SchemaError);
  CHECK(out == std::vector<float>{7.0f});  // untouched on error
  CHECK_THROWS_WITH_AS(json::read_float_array(json::parse("[1, \"2\"]"), "w", out), "w[1]: expected a number, got a string",
                       json::TypeError);
  CHECK_THROWS_WITH_AS(json::read_float_array(json::parse("{}"), "w", out), "w: expected an array, got an object",
                       json::TypeError);
  CHECK_THROWS_WITH_AS(json::read_float_array(json::parse("[-3.4028236e38]"), "w", out),
                       "w[0]: value -3.4028236e38 is not a finite float32", json::SchemaError);
  CHECK(out == std::vector<float>{7.0f});

  // Just below the rounding midpoint above FLT_MAX a double still rounds to FLT_MAX; tiny values to 0.
  json::read_float_array(json::parse("[3.4028235e38, 3.40282356e38, -3.4028235e38, 1e-50, 0.25]"), "w", out);
  CHECK(out == std::vector<float>{FLT_MAX, FLT_MAX, -FLT_MAX, 0.0f, 0.25f});
  json::read_float_array(json::parse("[]"), "w", out);
  CHECK(out.empty());
}

TEST_CASE("json: Writer lays out output like dump and refuses misuse") {
  json::Writer w(2);
  const float data[] = {1.5f, -2.0f};
  w.begin_object().key("shape").begin_array().number(2).end_array().key("data").float32_array(data, 2);
  w.key("none").begin_object().end_object().key("ok").boolean(true).key("n").null().key("s").string("x").end_object();
  CHECK(w.complete());
  CHECK(w.str() ==
        "{\n  \"shape\": [\n    2\n  ],\n  \"data\": [\n    1.5,\n    -2\n  ],\n  \"none\": {},\n"
        "  \"ok\": true,\n  \"n\": null,\n  \"s\": \"x\"\n}");
  CHECK(json::dump(json::parse(w.str()), 2) == w.str());
  const std::string text = w.take();
  CHECK(w.str().empty());
  CHECK_FALSE(w.complete());

  json::Writer compact;
  compact.begin_array().number(1).float32(0.1f).string("a\"b").end_array();
  CHECK(compact.take() == "[1,0.1,\"a\\\"b\"]");

  json::Writer bad;
  CHECK_THROWS_AS(bad.take(), std::logic_error);       // nothing written yet
  CHECK_THROWS_AS(bad.key("k"), std::logic_error);     // key outside an object
  CHECK_THROWS_AS(bad.end_array(), std::logic_error);  // nothing open
  bad.begin_object();
  CHECK_THROWS_AS(bad.number(1), std::logic_error);  // value without a key
  CHECK_THROWS_AS(bad.end_array(), std::logic_error);
  bad.key("k");
  CHECK_THROWS_AS(bad.key("k2"), std::logic_error);  // two keys in a row
  CHECK_THROWS_AS(bad.end_object(), std::logic_error);  // key without a value
  CHECK_THROWS_AS(bad.number(std::nan("")), std::invalid_argument);
  CHECK_THROWS_AS(bad.float32(INFINITY), std::invalid_argument);
  CHECK_THROWS_AS(bad.string("\xC3"), std::invalid_argument);  // a refused value leaves the writer as it was
  bad.number(1).end_object();
  CHECK_THROWS_AS(bad.null(), std::logic_error);  // a second top-level value
  CHECK(bad.take() == "{\"k\":1}");

  json::Writer keys;
  keys.begin_object();
  CHECK_THROWS_AS(keys.key("\xFF"), std::invalid_argument);
  keys.key("a").number(1).end_object();
  CHECK(keys.take() == "{\"a\":1}");
}

TEST_CASE("json: Value copies, moves and assigns from its own children safely") {
  json::Value doc = json::parse("{\"a\": [1, [2, \"two\"]], \"b\": \"text\"}");
  json::Value copy = doc;
  CHECK(copy == doc);
  copy.set("b", 3);
  CHECK_FALSE(copy == doc);
  CHECK(doc.find("b")->as_string() == "text");

  json::Value moved = std::move(copy);
  CHECK(moved.find("b")->as_number() == 3);
  CHECK(copy.is_null());  // NOLINT(bugprone-use-after-move): a moved-from Value is null by contract

  // Assigning a value its own child must not free the child first (ASan would see it).
  json::Value tree = doc;
  tree = tree.as_object()[0].value;
  CHECK(tree == json::parse("[1, [2, \"two\"]]"));
  tree = std::move(tree.as_array()[1]);
  CHECK(tree == json::parse("[2, \"two\"]"));
  const json::Value& same = tree;
  tree = same;  // self-assignment
  CHECK(tree.size() == 2);
  CHECK(json::Value(1) != json::Value("1"));
  CHECK(json::Value(1) == json::Value(1.0));
}
