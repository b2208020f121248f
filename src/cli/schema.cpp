// rnnlab schema: the config schema (src/tasks/config_schema.h) as JSON, or as the Markdown table of
// docs/js-api.md. scripts/gen-schema.sh writes both into the repository; tests hold them equal.
#include "cli/args.h"
#include "cli/commands.h"
#include "tasks/config_schema.h"

namespace rnnlab::cli {

int schema(const Words& words, const Console& console) {
  Args args("rnnlab schema [--markdown]",
            "Print every config key once: its JS/URL/attribute name, CLI flag, C++ field, type, range or choices,\n"
            "the tasks it applies to, the default of each task's preset and one line of doc, as JSON.");
  args.flag("markdown", "print the config table of docs/js-api.md instead");
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  console.out << (args.on("markdown") ? config_schema_markdown() : config_schema_json());
  console.out.flush();
  return 0;
}

}  // namespace rnnlab::cli
