// Python source text for the torch export (export/torch_program.h): literals that read back to exactly the value
// rnnlab holds (strings, float32 numbers, the weights), and a template filler, so the program's pieces are
// written as Python with ${name} holes rather than as C++ string appends.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tasks/sequence_model.h"

namespace rnnlab::torch_export {

// A double-quoted Python string literal of UTF-8 text: \\, \", and control characters escaped (\n, \t, \r, \xNN),
// everything else as it is (the file is UTF-8, Python 3's default source encoding).
std::string py_string(std::string_view utf8);

// The shortest decimal that reads back to the float (0.1f -> "0.1"), always with a point or an exponent so Python
// reads a float ("5.0", "1e-08" as "1e-8"). Finite numbers only.
std::string py_float(float x);
std::string py_bool(bool b);

// `text` with each ${name} replaced by its value. A hole without a value, or a value without a hole, is a bug in
// the generator and throws.
using Holes = std::vector<std::pair<std::string, std::string>>;
std::string fill(std::string_view text, const Holes& holes);

// Words of `text` in lines of at most `width` characters (a longer word keeps a line of its own).
std::string wrap(std::string_view text, size_t width);

// The model's state_dict as a Python dict literal, name -> (shape, values), ten numbers a line, each the shortest
// text of its float32 value (so torch.tensor(values) gives back the same bits).
std::string py_state_dict(const SequenceModel& model);

}  // namespace rnnlab::torch_export
