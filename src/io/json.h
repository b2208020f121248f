// Strict, dependency-free JSON for model files (state dicts of a few MB) and test fixtures.
//
// Reading is RFC 8259 to the letter: no comments, no trailing commas, no NaN/Infinity, no leading zeros,
// valid UTF-8 only, duplicate keys rejected. Any input either parses or throws ParseError; nothing
// recurses deeper than ParseLimits::max_depth or reads outside the given text (the reader is fuzzed).
// Numbers are doubles. Number text is converted with strtod and written with snprintf, so the process
// must keep the "C" LC_NUMERIC locale (rnnlab never calls setlocale; the wasm build has only "C").
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rnnlab::json {

// The text is not JSON. what() is "JSON parse error at line L, column C: <what was expected>".
// Lines and columns count from 1; a column counts bytes, a line ends at '\n'.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::size_t line, std::size_t column, std::string_view reason);
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::size_t line_;
  std::size_t column_;
};

// The text is JSON but not what the reader expected: a missing field, a value out of range.
// The message starts with the path of the offending value ("tensors.rnn.weight_ih_l0.shape[1]: ...").
class SchemaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value has another JSON type than the one asked for ("params.lr: expected a number, got a string").
class TypeError : public SchemaError {
 public:
  using SchemaError::SchemaError;
};

struct ParseLimits {
  // Arrays and objects nested deeper than this are an error. The reader, dump and ~Value recurse once per
  // level (about 130 bytes of stack per level in a wasm -O2 build), so parse() refuses limits above
  // kMaxDepth: that keeps even a 64 KB wasm stack safe.
  int max_depth = 64;
  std::size_t max_input_bytes = std::size_t{64} << 20;

  static constexpr int kMaxDepth = 256;
};

class Value {
 public:
  enum class Type : std::uint8_t { null, boolean, number, string, array, object };
  struct Member;
  using Array = std::vector<Value>;
  using Object = std::vector<Member>;  // insertion order; keys are unique in anything parse() returns

  Value() noexcept : type_(Type::null) {}
  Value(std::nullptr_t) noexcept : type_(Type::null) {}
  Value(bool b) noexcept : type_(Type::boolean) { bool_ = b; }
  Value(double x) noexcept : type_(Type::number) { number_ = x; }
  // Any other arithmetic type is a number (without this, Value(3) would be ambiguous).
  template <typename T>
    requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>)
  Value(T x) noexcept : Value(static_cast<double>(x)) {}
  Value(std::string s);
  Value(std::string_view s);
  Value(const char* s);
  Value(const void*) = delete;  // a stray pointer must not silently become a bool
  Value(Array a);
  Value(Object o);
  static Value array();   // an empty array
  static Value object();  // an empty object

  Value(const Value& other);
  Value(Value&& other) noexcept;  // leaves `other` null
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value();

  Type type() const noexcept { return type_; }
  bool is_null() const noexcept { return type_ == Type::null; }
  bool is_bool() const noexcept { return type_ == Type::boolean; }
  bool is_number() const noexcept { return type_ == Type::number; }
  bool is_string() const noexcept { return type_ == Type::string; }
  bool is_array() const noexcept { return type_ == Type::array; }
  bool is_object() const noexcept { return type_ == Type::object; }

  // Checked accessors: a wrong type throws TypeError("<path>: expected a number, got a string").
  bool as_bool(std::string_view path = {}) const;
  double as_number(std::string_view path = {}) const;
  // A number that is a whole number in [lo, hi]; otherwise SchemaError naming the value and the range.
  std::int64_t as_int(std::string_view path, std::int64_t lo, std::int64_t hi) const;
  const std::string& as_string(std::string_view path = {}) const;
  const Array& as_array(std::string_view path = {}) const;
  const Object& as_object(std::string_view path = {}) const;
  Array& as_array(std::string_view path = {});
  Object& as_object(std::string_view path = {});

  // The member with this key, or nullptr (also when this is not an object). Linear in the member count.
  const Value* find(std::string_view key) const noexcept;
  // Elements of an array or members of an object; 0 for anything else.
  std::size_t size() const noexcept;

  // Building: push_back appends to an array; set replaces the member with this key or appends one.
  // Both throw TypeError when this is not an array / object.
  void push_back(Value v);
  void set(std::string_view key, Value v);

  // Same type and content; objects compare member by member in order.
  friend bool operator==(const Value& a, const Value& b);

 private:
  void destroy() noexcept;
  void copy_from(const Value& other);
  void move_from(Value& other) noexcept;

  union {
    bool bool_;
    double number_;
    std::string string_;
    Array array_;
    Object object_;
  };
  Type type_;
};

struct Value::Member {
  std::string key;
  Value value;
  friend bool operator==(const Member& a, const Member& b) { return a.key == b.key && a.value == b.value; }
};

inline Value Value::array() { return Value(Array{}); }
inline Value Value::object() { return Value(Object{}); }

// "null", "a boolean", "a number", "a string", "an array", "an object": for messages.
const char* type_name(Value::Type type) noexcept;

// Parses one JSON document; whitespace may surround it, nothing else. Throws ParseError.
// Throws std::invalid_argument if limits.max_depth is outside [0, ParseLimits::kMaxDepth].
Value parse(std::string_view text, const ParseLimits& limits = {});

// JSON text for a value. indent < 0: compact, no whitespace; indent >= 0: one element per line, nested
// elements indented by `indent` more spaces (the layout of Python's json.dumps(indent=n)). Numbers are
// the shortest decimal that reads back to the same double. Throws std::invalid_argument for a NaN or
// infinite number or a string that is not valid UTF-8 (both have no JSON spelling).
std::string dump(const Value& value, int indent = -1);

// Streams JSON text into a string without building a Value: the way to write large float arrays.
//   Writer w;  w.begin_object().key("shape").begin_array().number(2).number(3).end_array()
//               .key("data").float32_array(data, 6).end_object();  std::string text = w.take();
// Misuse (a value in an object without a key, an unbalanced end_*, a second top-level value) throws
// std::logic_error; a NaN/infinite number or invalid UTF-8 throws std::invalid_argument.
class Writer {
 public:
  explicit Writer(int indent = -1) : indent_(indent) {}

  Writer& begin_object();
  Writer& end_object();
  Writer& begin_array();
  Writer& end_array();
  Writer& key(std::string_view name);

  Writer& null();
  Writer& boolean(bool b);
  Writer& number(double x);   // shortest decimal that reads back to the same double
  Writer& float32(float x);   // shortest decimal that reads back (via double) to the same float
  Writer& string(std::string_view s);
  Writer& float32_array(const float* data, std::size_t count);  // a whole array of float32 numbers
  Writer& value(const Value& v);

  // True once one complete top-level value has been written.
  bool complete() const noexcept { return complete_; }
  const std::string& str() const noexcept { return out_; }
  // The text so far, leaving the writer empty; throws std::logic_error unless complete().
  std::string take();

 private:
  void before_value();
  void after_value() noexcept;
  void open(char bracket, std::uint8_t kind);
  void close(char bracket, std::uint8_t kind);
  void newline_and_indent();

  std::string out_;
  std::vector<std::uint8_t> open_;  // per open container: kind bit | has-elements bit
  int indent_;
  bool after_key_ = false;
  bool complete_ = false;
};

// ---- Reading fields of a parsed document, with errors that name the field path ----
// `path` is the path of `obj` ("tensors.rnn.weight_ih_l0"); members are named path + "." + key.

// The path of member `key` of the value at `path`: "path.key", or "key" alone when `path` is empty.
std::string member_path(std::string_view path, std::string_view key);
// The path of element `index` of the array at `path`: "path[index]".
std::string element_path(std::string_view path, std::size_t index);

// The member `key` of `obj`; SchemaError "<path>: missing field \"key\"" if absent, TypeError if `obj` is
// not an object.
const Value& require(const Value& obj, std::string_view key, std::string_view path);
const Value& require_object(const Value& obj, std::string_view key, std::string_view path);
const Value& require_array(const Value& obj, std::string_view key, std::string_view path);
double require_number(const Value& obj, std::string_view key, std::string_view path);
// A whole number in [lo, hi]: "<path>.key: value 2.5 is not an integer", "...: value 9 is outside [0, 4]".
std::int64_t require_int(const Value& obj, std::string_view key, std::string_view path, std::int64_t lo,
                         std::int64_t hi);
bool require_bool(const Value& obj, std::string_view key, std::string_view path);
// A view into `obj`: valid while `obj` lives.
std::string_view require_string(const Value& obj, std::string_view key, std::string_view path);

// Replaces `out` with the numbers of the array `arr` as float32. Every element must be a number that is
// finite as a float32 ("<path>[17]: value 1e39 is not a finite float32"); on error `out` is untouched.
void read_float_array(const Value& arr, std::string_view path, std::vector<float>& out);

}  // namespace rnnlab::json
