// Command-line flags of one command: declared with their help, parsed strictly, read back with errors that name
// the flag, the value given and what was expected ("--hidden: got 'x', expected an integer from 1 to 1024").
#pragma once
#include <cstdint>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rnnlab::cli {

// A bad command line or bad input: printed as one line on stderr, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  // `usage` is the help's first line after "usage: " ("rnnlab train seq --input TEXT --target TEXT [flags]").
  Args(std::string usage, std::string summary) : usage_(std::move(usage)), summary_(std::move(summary)) {}

  // A flag taking a value ("--hidden N"); `fallback` is used when it is absent and shown in the help.
  Args& option(std::string name, std::string metavar, std::string help, std::string fallback = "");
  // A flag without a value ("--jsonl").
  Args& flag(std::string name, std::string help);

  // Parses the command's arguments (after the command words). Returns false when --help or -h was given:
  // the caller prints help() and stops. Throws UsageError for an unknown flag, a flag given twice, a missing
  // value, a value given to a flag that takes none, or a word that is not a flag.
  bool parse(const std::vector<std::string>& argv);

  bool has(const std::string& name) const;  // given on the command line
  bool on(const std::string& name) const { return has(name); }
  std::string str(const std::string& name) const;  // the value given, else the fallback
  std::string required(const std::string& name) const;  // the value given; absent is an error
  // One of `allowed`, else "--cell: got 'x', expected rnn, lstm or gru".
  std::string choice(const std::string& name, std::initializer_list<std::string_view> allowed) const;
  // A whole decimal number in [lo, hi]: digits with an optional leading '-' (no '+', no "0x", no spaces).
  int64_t integer(const std::string& name, int64_t lo, int64_t hi) const;
  // A plain decimal number in [lo, hi]: an optional '-', digits with an optional fraction, an optional exponent
  // ("5e-3"); not hex, '+', "inf" or "nan". `expected` says it in words for the message ("a number in [0, 1)").
  double number(const std::string& name, double lo, double hi, std::string_view expected) const;

  std::string help() const;

 private:
  struct Spec {
    std::string name, metavar, help, fallback;
    bool takes_value;
  };
  const Spec* find(const std::string& name) const;
  const Spec& spec(const std::string& name) const;  // a declared flag (a typo here is a programming error)
  [[noreturn]] void bad_value(const std::string& name, std::string_view expected) const;

  std::string usage_, summary_;
  std::vector<Spec> specs_;
  std::map<std::string, std::string> given_;
};

}  // namespace rnnlab::cli
