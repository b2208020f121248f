#include "tasks/task_families.h"

#include <array>
#include <vector>

#include "tasks/classify_task.h"
#include "tasks/digits_task.h"
#include "tasks/remember_task.h"
#include "tasks/seq_task.h"
#include "tasks/sine_task.h"
#include "tasks/tag_task.h"
#include "tasks/text_task.h"

namespace rnnlab {
namespace {

std::unique_ptr<Task> make_seq(const TrainerConfig& c) { return std::make_unique<SeqTask>(c); }
std::unique_ptr<Task> make_sine(const TrainerConfig& c) { return std::make_unique<SineTask>(c); }
std::unique_ptr<Task> make_remember(const TrainerConfig& c) { return std::make_unique<RememberTask>(c); }
std::unique_ptr<Task> make_classify(const TrainerConfig& c) { return std::make_unique<ClassifyTask>(c); }
std::unique_ptr<Task> make_tag(const TrainerConfig& c) { return std::make_unique<TagTask>(c); }
std::unique_ptr<Task> make_digits(const TrainerConfig& c) { return std::make_unique<DigitsTask>(c); }
std::unique_ptr<Task> make_text(const TrainerConfig& c) { return std::make_unique<TextTask>(c); }

}  // namespace

std::span<const TaskMaker> core_task_makers() {
  static constexpr std::array<TaskMaker, 2> kMakers{{{"seq", make_seq}, {"sine", make_sine}}};
  return kMakers;
}

std::span<const TaskMaker> memory_task_makers() {
  static constexpr std::array<TaskMaker, 3> kMakers{{{"remember", make_remember}, {"classify", make_classify}, {"tag", make_tag}}};
  return kMakers;
}

std::span<const TaskMaker> digits_task_makers() {
  static constexpr std::array<TaskMaker, 1> kMakers{{{"digits", make_digits}}};
  return kMakers;
}

std::span<const TaskMaker> text_task_makers() {
  static constexpr std::array<TaskMaker, 1> kMakers{{{"text", make_text}}};
  return kMakers;
}

std::span<const TaskMaker> all_task_makers() {
  static const std::vector<TaskMaker> all = [] {
    std::vector<TaskMaker> out;
    for (std::span<const TaskMaker> family : {core_task_makers(), memory_task_makers(), text_task_makers(), digits_task_makers()}) out.insert(out.end(), family.begin(), family.end());
    return out;
  }();
  return all;
}

}  // namespace rnnlab
