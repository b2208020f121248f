#include "cli/args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string_view>

namespace rnnlab::cli {
namespace {

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

// Plain decimal only: an optional '-', digits with an optional fraction (at least one digit in all), then for a
// real number an optional exponent. strtod and strtoll alone also take "0x10" (16), "+10", " 10", "inf" and "nan".
bool is_plain_decimal(std::string_view text, bool integer) {
  size_t i = 0, digits = 0;
  if (i < text.size() && text[i] == '-') ++i;
  for (; i < text.size() && is_digit(text[i]); ++i) ++digits;
  if (!integer && i < text.size() && text[i] == '.')
    for (++i; i < text.size() && is_digit(text[i]); ++i) ++digits;
  if (digits == 0) return false;
  if (!integer && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const size_t start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
    }
    if (i == start) return false;
  }
  return i == text.size();
}

}  // namespace

Args& Args::option(std::string name, std::string metavar, std::string help, std::string fallback) {
  specs_.push_back({std::move(name), std::move(metavar), std::move(help), std::move(fallback), true});
  return *this;
}

Args& Args::flag(std::string name, std::string help) {
  specs_.push_back({std::move(name), "", std::move(help), "", false});
  return *this;
}

const Args::Spec* Args::find(const std::string& name) const {
  for (const Spec& s : specs_)
    if (s.name == name) return &s;
  return nullptr;
}

const Args::Spec& Args::spec(const std::string& name) const {
  const Spec* s = find(name);
  if (!s) throw std::logic_error("Args: undeclared flag --" + name);
  return *s;
}

bool Args::parse(const std::vector<std::string>& argv) {
  for (const std::string& a : argv)
    if (a == "--help" || a == "-h") return false;  // help wins over any other mistake on the line
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() <= 2 || a.rfind("--", 0) != 0)
      throw UsageError("unexpected argument '" + a + "', expected flags (see --help)");
    std::string name = a.substr(2), value;
    const size_t eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    const Spec* s = find(name);
    if (!s) throw UsageError("unknown flag --" + name + " (see --help)");
    if (given_.count(name)) throw UsageError("--" + name + " given twice");
    if (s->takes_value && !inline_value) {
      // A following flag is not taken as the value: "--input --epochs 3" is a missing value, not the text
      // "--epochs". A text that starts with "--" is given as --input=--text.
      if (i + 1 >= argv.size() || argv[i + 1].rfind("--", 0) == 0)
        throw UsageError("--" + name + " needs a value (" + s->metavar + ")");
      value = argv[++i];
    } else if (!s->takes_value && inline_value) {
      throw UsageError("--" + name + " takes no value, got '" + value + "'");
    }
    given_[name] = value;
  }
  return true;
}

bool Args::has(const std::string& name) const {
  spec(name);
  return given_.count(name) > 0;
}

std::string Args::str(const std::string& name) const {
  auto it = given_.find(name);
  return it != given_.end() ? it->second : spec(name).fallback;
}

std::string Args::required(const std::string& name) const {
  if (!has(name)) throw UsageError("--" + name + " is required (" + spec(name).metavar + ")");
  return str(name);
}

void Args::bad_value(const std::string& name, std::string_view expected) const {
  throw UsageError("--" + name + ": got '" + str(name) + "', expected " + std::string(expected));
}

std::string Args::choice(const std::string& name, std::initializer_list<std::string_view> allowed) const {
  const std::string value = str(name);
  std::string expected;
  size_t i = 0;
  for (std::string_view a : allowed) {
    if (value == a) return value;
    expected += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + std::string(a);
    ++i;
  }
  bad_value(name, expected);
}

int64_t Args::integer(const std::string& name, int64_t lo, int64_t hi) const {
  const std::string text = str(name);
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (!is_plain_decimal(text, true) || *end != '\0' || errno == ERANGE || v < lo || v > hi) {
    std::ostringstream expected;
    expected << "an integer from " << lo << " to " << hi;
    bad_value(name, expected.str());
  }
  return v;
}

double Args::number(const std::string& name, double lo, double hi, std::string_view expected) const {
  const std::string text = str(name);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (!is_plain_decimal(text, false) || *end != '\0' || !std::isfinite(v) || v < lo || v > hi)
    bad_value(name, expected);
  return v;
}

std::string Args::help() const {
  std::ostringstream out;
  out << "usage: " << usage_ << "\n\n" << summary_ << "\n\nflags:\n";
  auto line = [&](const std::string& left, const std::string& help) {
    out << "  " << left << std::string(left.size() < 27 ? 27 - left.size() : 1, ' ') << help << "\n";
  };
  for (const Spec& s : specs_)
    line("--" + s.name + (s.takes_value ? " " + s.metavar : ""),
         s.help + (s.fallback.empty() ? "" : " (default " + s.fallback + ")"));
  line("--help", "show this help");
  return out.str();
}

}  // namespace rnnlab::cli
