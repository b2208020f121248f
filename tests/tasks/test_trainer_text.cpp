// Typed text: any Unicode is taken per code point (an emoji ZWJ sequence is several characters, a combining mark
// is a character of its own, right-to-left text is in logical order); one character works; whitespace and control
// characters are characters like any other. What cannot be text (invalid UTF-8) is refused naming the byte.
#include <doctest/doctest.h>

#include "tasks/seq_task.h"
#include "tasks/sine_task.h"
#include "tasks/trainer.h"

using namespace rnnlab;

namespace {

// Trains the general variant until the prediction is the target (or 300 steps) and returns the prediction.
std::string learned(const std::string& input, const std::string& target) {
  TrainerConfig c = seq_layer_preset(input, target);
  c.optimizer.lr = 0.05f;
  Trainer t(c);
  for (int i = 0; i < 300 && t.task_as<SeqTask>().predicted_text() != target; ++i) t.step();
  return t.task_as<SeqTask>().predicted_text();
}

}  // namespace

TEST_CASE("text: emoji with ZWJ and skin tones count per code point and are learned") {
  // 👩‍👩‍👧 = U+1F469 U+200D U+1F469 U+200D U+1F467 (5 code points); 👍🏽 = U+1F44D U+1F3FD (2).
  const std::string family = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  const std::string thumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";
  Trainer t(seq_layer_preset(family + thumbs, thumbs + family));
  CHECK(t.task_as<SeqTask>().input_indices().size() == 7);
  CHECK(t.task_as<SeqTask>().vocabulary().size() == 5);  // 👩, ZWJ, 👧, 👍, 🏽
  CHECK(learned(family + thumbs, thumbs + family) == thumbs + family);
}

TEST_CASE("text: combining marks and right-to-left scripts are learned in logical order") {
  const std::string e_acute = "e\xCC\x81";                                // e + U+0301 (2 code points)
  const std::string shalom = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";         // שלום (4)
  const std::string salam = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";          // سلام (4)
  CHECK(learned(e_acute + shalom, shalom + e_acute) == shalom + e_acute);
  CHECK(learned(salam + " " + shalom, shalom + " " + salam) == shalom + " " + salam);
}

TEST_CASE("text: a one-character sequence trains, for the cell and the layer") {
  TrainerConfig cell = hello_preset();
  cell.input = "a";
  cell.target = "b";
  Trainer t(cell);
  CHECK(t.task_as<SeqTask>().vocabulary().size() == 2);
  for (int i = 0; i < 50; ++i) t.step();
  CHECK(t.task_as<SeqTask>().predicted_text() == "b");
  CHECK(learned("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // 😀 -> 😀: a vocabulary of one
}

TEST_CASE("text: whitespace and control characters are characters like any other") {
  CHECK(learned("a b\tc\nd", "b\tc\nd a") == "b\tc\nd a");
  CHECK(learned(std::string("x\0y", 3), std::string("y\0x", 3)) == std::string("y\0x", 3));  // U+0000 too
}

TEST_CASE("text: what is not UTF-8 is refused naming the field and the byte") {
  auto refused = [](const std::string& input, const std::string& target) -> std::string {
    try {
      Trainer t(seq_layer_preset(input, target));
    } catch (const Error& e) {
      return e.what();
    }
    return "accepted";
  };
  CHECK(refused("ab\xF0\x9F\x98", "abc") == "input: invalid UTF-8 at byte 2");    // a cut emoji
  CHECK(refused("ab", "a\xED\xA0\x80") == "target: invalid UTF-8 at byte 1");    // a lone surrogate (CESU)
  CHECK(refused("\xFF", "a") == "input: invalid UTF-8 at byte 0");
}
