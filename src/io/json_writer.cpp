#include "io/json_writer.h"

#include <cmath>
#include <stdexcept>

#include "io/float_format.h"
#include "io/json_string.h"

namespace rnnlab::json {

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

// A double or a float, as the shortest text that reads back to it (a float: via double, as JSON readers do).
template <class Real>
Writer& Writer::shortest(Real x) {
  if (!std::isfinite(x)) throw std::invalid_argument("json::Writer: number " + io::shortest_text(x) + " has no JSON form");
  before_value();
  char text[io::kNumberTextCapacity];
  out_.append(text, io::format_shortest(x, text));
  after_value();
  return *this;
}

Writer& Writer::number(double x) { return shortest(x); }
Writer& Writer::float32(float x) { return shortest(x); }

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

}  // namespace rnnlab::json
