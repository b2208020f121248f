#include "io/json_value.h"

#include <cmath>
#include <new>
#include <utility>

#include "io/float_format.h"

namespace rnnlab::json {

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

std::string path_prefix(std::string_view path) {
  if (path.empty()) return {};
  std::string s(path);
  s += ": ";
  return s;
}

void throw_type_error(std::string_view path, Value::Type expected, Value::Type got) {
  throw TypeError(path_prefix(path) + "expected " + type_name(expected) + ", got " + type_name(got));
}

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
  if (!(x == std::floor(x))) throw SchemaError(path_prefix(path) + "value " + io::shortest_text(x) + " is not an integer");
  // Range-check as a double first: converting a double outside int64 is undefined behaviour.
  if (x < -0x1p63 || x >= 0x1p63 || static_cast<std::int64_t>(x) < lo || static_cast<std::int64_t>(x) > hi)
    throw SchemaError(path_prefix(path) + "value " + io::shortest_text(x) + " is outside [" + std::to_string(lo) + ", " +
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

}  // namespace rnnlab::json
