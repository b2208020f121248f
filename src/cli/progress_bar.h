// A progress bar redrawn in place (\r) on a terminal, at most 10 times a second so drawing costs nothing next to
// training: "[###########-------------------]  37%  2220/6000  loss 0.000412  0.3 s".
#pragma once
#include <chrono>
#include <cstdint>
#include <ostream>

namespace rnnlab::cli {

class ProgressBar {
 public:
  using Clock = std::chrono::steady_clock;
  ProgressBar(std::ostream& out, int64_t total);

  // Iteration `done` of `total` finished with this loss; draws when 100 ms have passed since the last drawing
  // (and always for the first and the last iteration).
  void update(int64_t done, float loss);
  // Ends the bar's line (after the last drawing).
  void finish();

 private:
  void draw(int64_t done, float loss, Clock::time_point now);

  std::ostream& out_;
  int64_t total_;
  Clock::time_point started_, last_drawn_;
  bool drawn_ = false;
};

}  // namespace rnnlab::cli
