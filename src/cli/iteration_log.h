// The lines the train commands print per iteration, and which iterations get one.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace rnnlab::cli {

// {"iteration":1,"loss":1.23456789}: the loss with 9 significant digits, which read back to the same float32, so
// other programs (the WebAssembly tests) compare exact losses.
std::string jsonl_line(int64_t iteration, float loss);

// The seed's line: "Predicted string: ohlol, Epoch [15/15] loss=1.2345".
std::string epoch_line(std::string_view predicted, int64_t epoch, int64_t epochs, float loss);

// Every epoch up to 20 epochs; beyond, every ceil(epochs / 20)-th and the last (about 20 lines).
bool is_reported_epoch(int64_t epoch, int64_t epochs);

// The first iteration of each tenth of the run (the last iteration included): lines when not on a terminal.
bool starts_a_tenth(int64_t iteration, int64_t iterations);

}  // namespace rnnlab::cli
