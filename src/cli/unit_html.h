// A text as an HTML page coloured by one unit's activation per character (rnnlab inspect --unit --html), as in
// Karpathy's figures: blue for negative, white for 0, orange for positive, each scaled by the largest |value|.
// Every character of the text is escaped (& < > " '), so a text holding markup shows it as text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace rnnlab::cli {

// `title` is escaped too. values: one per character of `text` (code points).
std::string unit_html(std::u32string_view text, const std::vector<float>& values, std::string_view title);

// text with & < > " ' replaced by their entities.
std::string escape_html(std::string_view text);

}  // namespace rnnlab::cli
