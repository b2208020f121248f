#include "export/python_text.h"

#include <cmath>
#include <cstdio>

#include "core/error.h"
#include "io/float_format.h"

namespace rnnlab::torch_export {

std::string py_string(std::string_view utf8) {
  std::string out = "\"";
  for (const char ch : utf8) {
    const auto byte = static_cast<unsigned char>(ch);
    if (ch == '\\' || ch == '"') out += '\\', out += ch;
    else if (ch == '\n') out += "\\n";
    else if (ch == '\t') out += "\\t";
    else if (ch == '\r') out += "\\r";
    else if (byte < 0x20 || byte == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string py_float(float x) {
  check(std::isfinite(x), "py_float: ", x, " is not finite");
  char text[io::kNumberTextCapacity];
  std::string s(text, io::format_shortest(x, text));
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string py_bool(bool b) { return b ? "True" : "False"; }

std::string fill(std::string_view text, const Holes& holes) {
  std::vector<bool> used(holes.size());
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t at = text.find("${", i);
    if (at == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, at - i));
    const size_t end = text.find('}', at);
    check(end != std::string_view::npos, "fill: unclosed ${ at ", at);
    const std::string_view name = text.substr(at + 2, end - at - 2);
    size_t k = 0;
    while (k < holes.size() && holes[k].first != name) ++k;
    check(k < holes.size(), "fill: no value for ${", name, "}");
    out += holes[k].second;
    used[k] = true;
    i = end + 1;
  }
  for (size_t k = 0; k < holes.size(); ++k) check(used[k], "fill: no hole ${", holes[k].first, "}");
  return out;
}

std::string wrap(std::string_view text, size_t width) {
  std::string out, line;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(i, end - i);
    if (!line.empty() && line.size() + 1 + word.size() > width) out += line + "\n", line.clear();
    line += (line.empty() ? "" : " ") + std::string(word);
    i = end + 1;
  }
  return out + line;
}

std::string py_state_dict(const SequenceModel& model) {
  std::string out = "{\n";
  char text[io::kNumberTextCapacity];
  for (const NamedParameter& p : model.named_parameters()) {
    const Tensor& t = p.param->value;
    out += "    " + py_string(p.name) + ": ([";
    for (int d = 0; d < t.rank(); ++d) out += (d ? ", " : "") + std::to_string(t.dim(d));
    out += "], [";
    for (int64_t i = 0; i < t.numel(); ++i) {
      if (i > 0) out += ',';
      out += i % 10 == 0 ? "\n        " : " ";
      out.append(text, io::format_shortest(t[i], text));
    }
    out += "]),\n";
  }
  return out + "}";
}

}  // namespace rnnlab::torch_export
