// Editing a known-good document into a bad one, for the tests of what a reader refuses.
#pragma once
#include <doctest/doctest.h>

#include <string>

namespace rnnlab::testing {

// `text` with the first occurrence of `from` replaced by `to`; a test failure when `from` is absent (the edit
// would silently test the unedited text).
inline std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "'", from, "' not in the text");
  return text.replace(at, from.size(), to);
}

}  // namespace rnnlab::testing
