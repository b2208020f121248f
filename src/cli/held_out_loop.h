// The loop of the train commands whose task has a held-out set (remember, classify, tag): `iterations` steps,
// and every `every` steps (and after the last) one progress line made by `progress` from the step and the mean
// training loss of the steps since the previous line; with --jsonl, one JSON line per step and nothing else.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "tasks/trainer.h"

namespace rnnlab::cli {

struct HeldOutLoop {
  std::string_view command;  // "train remember": names the command in a stop message
  int64_t iterations = 0;
  int64_t every = 0;
  bool jsonl = false;
  std::string save;  // where the model will be saved ("" none): a stop message says nothing was
};

// The seconds spent in training steps, or nothing when the Trainer stopped the run (its message was printed on
// stderr, "rnnlab: train remember: ...").
std::optional<double> run_held_out_loop(Trainer& trainer, const HeldOutLoop& loop, const Console& console,
                                        const std::function<std::string(int64_t step, double loss)>& progress);

}  // namespace rnnlab::cli
