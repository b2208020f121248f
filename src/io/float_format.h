// Numbers as decimal text and back, the one place that does it for the JSON writer, the JS config and the CLI.
//
// Writing gives the shortest decimal that reads back to the same number: for a float, reading back means
// through a double, as the JSON reader and JavaScript do (0.1f -> "0.1", not "0.100000001"). The text is what
// printf's "%.{N}g" gives for the smallest N from 6 (FLT_DIG; 15 = DBL_DIG for a double) that reads back, with a
// tidy exponent ("1e-8", not "1e-08"): the fewest digits for every normal number (a subnormal keeps at least 6
// or 15, though fewer might read back). printf's "%e"
// rounds from the exact binary value, which the search relies on; the process must keep the "C" LC_NUMERIC
// locale (rnnlab never calls setlocale; the wasm build has only "C").
#pragma once

#include <cstddef>
#include <string>

namespace rnnlab::io {

// Longest text written: "-1.2345678901234567e-308" and the like fit.
inline constexpr std::size_t kNumberTextCapacity = 32;

// The shortest text of a finite number that reads back to it, written into `text`; returns its length.
// Zero keeps its sign ("-0"). Not for NaN or infinities (see shortest_text).
std::size_t format_shortest(double x, char (&text)[kNumberTextCapacity]);
std::size_t format_shortest(float x, char (&text)[kNumberTextCapacity]);

// The same as a string; NaN and infinities as "nan", "inf", "-inf" (for messages and help texts).
std::string shortest_text(double x);
std::string shortest_text(float x);

// The correctly rounded double for decimal text in JSON number syntax (already checked) in [first, last):
// what "reads back" means above, and the JSON reader's conversion.
double decimal_to_double(const char* first, const char* last);

}  // namespace rnnlab::io
