// A JSON value (null, boolean, number, string, array, object) with checked accessors, and the errors a
// reader of a parsed document throws when the JSON is not what it expected. Numbers are doubles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rnnlab::json {

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

// TypeError "<path>: expected <expected>, got <got>" (no "<path>: " for an empty path).
[[noreturn]] void throw_type_error(std::string_view path, Value::Type expected, Value::Type got);
// "<path>: ", or "" for an empty path: how messages about a value start.
std::string path_prefix(std::string_view path);

}  // namespace rnnlab::json
