#include "cli/unit_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tasks/vocabulary.h"

namespace rnnlab::cli {
namespace {

// Blue (0.23, 0.45, 0.75) at -1, white at 0, orange (0.90, 0.45, 0.10) at +1.
std::string colour(float v) {
  const float a = std::min(1.0f, std::abs(v));
  const float r = v < 0 ? 1.0f - a * (1.0f - 0.23f) : 1.0f - a * (1.0f - 0.90f);
  const float g = v < 0 ? 1.0f - a * (1.0f - 0.45f) : 1.0f - a * (1.0f - 0.45f);
  const float b = v < 0 ? 1.0f - a * (1.0f - 0.75f) : 1.0f - a * (1.0f - 0.10f);
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", int(r * 255 + 0.5f), int(g * 255 + 0.5f), int(b * 255 + 0.5f));
  return buf;
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  for (char c : text) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  return out;
}

std::string unit_html(std::u32string_view text, const std::vector<float>& values, std::string_view title) {
  float scale = 0.0f;
  for (float v : values) scale = std::max(scale, std::abs(v));
  if (scale == 0.0f) scale = 1.0f;
  std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape_html(title) +
                    "</title></head>\n<body><h1>" + escape_html(title) +
                    "</h1>\n<pre style=\"font: 14px monospace; line-height: 1.5\">";
  char num[32];
  for (size_t t = 0; t < text.size(); ++t) {
    const float v = t < values.size() ? values[t] : 0.0f;
    std::snprintf(num, sizeof num, "%.4f", v);
    out += "<span style=\"background:" + colour(v / scale) + "\" title=\"" + num + "\">" +
           escape_html(encode_utf8(text.substr(t, 1))) + "</span>";
  }
  return out + "</pre>\n</body></html>\n";
}

}  // namespace rnnlab::cli
