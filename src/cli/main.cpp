#include <unistd.h>

#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return rnnlab::cli::run_cli({argv + 1, argv + argc}, std::cout, std::cerr, {.interactive = isatty(STDOUT_FILENO) == 1});
}
