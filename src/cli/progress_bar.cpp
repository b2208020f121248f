#include "cli/progress_bar.h"

#include <string>

#include "cli/format.h"

namespace rnnlab::cli {
namespace {

constexpr int kWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

ProgressBar::ProgressBar(std::ostream& out, int64_t total) : out_(out), total_(total), started_(Clock::now()) {}

void ProgressBar::update(int64_t done, float loss) {
  const Clock::time_point now = Clock::now();
  if (!drawn_ || done == total_ || now - last_drawn_ >= kRedrawInterval) draw(done, loss, now);
}

void ProgressBar::draw(int64_t done, float loss, Clock::time_point now) {
  const auto filled = static_cast<int>(done * kWidth / total_);
  const double seconds = std::chrono::duration<double>(now - started_).count();
  out_ << '\r' << '[' << std::string(filled, '#') << std::string(kWidth - filled, '-')
       << format("] %3d%%  %lld/%lld  loss %.6f  %.1f s", static_cast<int>(done * 100 / total_),
                 static_cast<long long>(done), static_cast<long long>(total_), static_cast<double>(loss), seconds)
       << "\x1b[K" << std::flush;  // erase what a longer earlier drawing left
  last_drawn_ = now;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) out_ << '\n' << std::flush;
}

}  // namespace rnnlab::cli
