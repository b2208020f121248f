// The task families (task_families.h): each task is built by exactly one family, the one its registry row names
// (the page's module of each task comes from that row), and the library links every family.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "tasks/config_schema.h"
#include "tasks/task_families.h"
#include "tasks/task_registry.h"

using namespace rnnlab;

TEST_CASE("task families: every task in exactly the family its registry row names") {
  const std::map<std::string, std::span<const TaskMaker>> families{{"core", core_task_makers()},
                                                                  {"memory", memory_task_makers()},
                                                                  {"text", text_task_makers()},
                                                                  {"digits", digits_task_makers()}};
  std::map<std::string, std::string> made_by;  // task -> family
  for (const auto& [family, makers] : families) {
    CHECK_MESSAGE(!makers.empty(), family);
    for (const TaskMaker& m : makers) {
      CAPTURE(m.name);
      CHECK(made_by.emplace(std::string(m.name), family).second);  // no task in two families
      const TaskInfo* info = find_task(m.name);
      REQUIRE(info != nullptr);
      CHECK(info->name == m.name);  // the name, not an alias
      CHECK(info->family == family);
    }
  }
  for (const TaskInfo& t : task_list()) CHECK_MESSAGE(made_by.count(std::string(t.name)) == 1, t.name);
  CHECK(made_by.size() == task_list().size());
}

TEST_CASE("task families: the library builds every task, each by its family's maker") {
  const std::span<const TaskMaker> linked = linked_task_makers();
  REQUIRE(linked.size() == task_list().size());
  REQUIRE(all_task_makers().size() == task_list().size());
  for (size_t i = 0; i < linked.size(); ++i) {
    CHECK(linked[i].name == all_task_makers()[i].name);
    CHECK((linked[i].make == all_task_makers()[i].make));
  }
  // A task of the registry is built through its family's maker ("hello" is seq's alias).
  TrainerConfig c = config_preset("hello");
  CHECK(make_task(c) != nullptr);
  c = config_preset("sine");
  CHECK(make_task(c)->steps() == c.sine.points - 1);
  c.task = "no such task";
  CHECK_THROWS_WITH_AS(make_task(c), doctest::Contains("task: got \"no such task\", expected seq, sine, text, remember, classify, tag or digits"), ConfigError);
}
