// libFuzzer target: the state-dict loader (scripts/fuzz.sh builds and runs it).
// Any text either loads or throws a readable error (rnnlab::Error or a json error); a model that loads saves
// to text that loads again to the same tensors. Crashes, sanitizer reports and out-of-memory are findings.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "core/error.h"
#include "io/json.h"
#include "tasks/state_dict.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rnnlab::LoadedModel loaded;
  try {
    loaded = rnnlab::load_state_dict(text);
  } catch (const rnnlab::Error&) {
    return 0;
  } catch (const rnnlab::json::ParseError&) {
    return 0;
  } catch (const rnnlab::json::SchemaError&) {
    return 0;
  }
  // Loaded: saving and loading again must give the same parameters.
  const std::string saved = rnnlab::save_state_dict(*loaded.model, loaded.task);
  rnnlab::LoadedModel again = rnnlab::load_state_dict(saved);
  const auto a = loaded.model->named_parameters();
  const auto b = again.model->named_parameters();
  if (a.size() != b.size()) std::abort();
  for (size_t i = 0; i < a.size(); ++i) {
    const rnnlab::Tensor& x = a[i].param->value;
    const rnnlab::Tensor& y = b[i].param->value;
    if (a[i].name != b[i].name || x.shape() != y.shape()) std::abort();
    for (int64_t k = 0; k < x.numel(); ++k)
      if (x[k] != y[k]) std::abort();
  }
  return 0;
}
