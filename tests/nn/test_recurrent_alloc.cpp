// A steady training loop over the recurrent layers touches the heap only in its first step: every buffer the
// fused op needs lives in its tape node and is reused.
//
// Counting: this file interposes the C allocator (malloc and friends, which operator new and Eigen's aligned
// allocations both reach) with pass-throughs to glibc's own entry points that count calls while a flag is set.
// The interposition needs glibc and no AddressSanitizer (which owns malloc itself); elsewhere the count is
// skipped and only the stability of the buffers' addresses is checked.
#include <doctest/doctest.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <vector>

#include "core/ops.h"
#include "nn/cell_sequence.h"
#include "nn/recurrent_module.h"

#if defined(__SANITIZE_ADDRESS__)
#define RNNLAB_ALLOC_COUNTING 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RNNLAB_ALLOC_COUNTING 0
#endif
#endif
#if !defined(RNNLAB_ALLOC_COUNTING) && defined(__GLIBC__)
#define RNNLAB_ALLOC_COUNTING 1
#endif
#if !defined(RNNLAB_ALLOC_COUNTING)
#define RNNLAB_ALLOC_COUNTING 0
#endif

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
inline void count_allocation() {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

#if RNNLAB_ALLOC_COUNTING
extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* p);

void* malloc(size_t size) noexcept {
  count_allocation();
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) noexcept {
  count_allocation();
  return __libc_calloc(count, size);
}
void* realloc(void* p, size_t size) noexcept {
  count_allocation();
  return __libc_realloc(p, size);
}
void* memalign(size_t alignment, size_t size) noexcept {
  count_allocation();
  return __libc_memalign(alignment, size);
}
void* aligned_alloc(size_t alignment, size_t size) noexcept {
  count_allocation();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) noexcept {
  count_allocation();
  void* p = __libc_memalign(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
void free(void* p) noexcept { __libc_free(p); }
}
#endif

using namespace rnnlab;

namespace {

// One training step: forward, loss = sum(output * w) + sum(h_n * w_h), backward with a preallocated seed,
// plain SGD. Gradients are zeroed through a parameter list made before the loop (Module::parameters() builds
// a vector, which is the caller's business, not the step's).
template <typename Model>
void train_step(Tape& tape, Model& model, const std::vector<Parameter*>& params, const Tensor& x,
                const Tensor& w_out, const Tensor& w_h, const Tensor& seed, Rng* dropout_rng) {
  tape.clear();
  for (Parameter* p : params) p->grad.set_zero();
  RecurrentOutput out;
  if constexpr (std::is_same_v<Model, Recurrent>)
    out = model.forward(tape, tape.constant(x), {}, {}, dropout_rng);
  else
    out = model.forward(tape, tape.constant(x));
  Var loss = add(sum(mul(out.output, tape.constant(w_out))), sum(mul(out.h_n, tape.constant(w_h))));
  tape.backward(loss, seed);
  for (Parameter* p : params) p->value.arr() -= 0.01f * p->grad.arr();
}

template <typename Model>
long allocations_in_steady_steps(Model& model, const Tensor& x, const Shape& out_shape, const Shape& h_n_shape,
                                 Rng* dropout_rng = nullptr) {
  Rng rng(3);
  Tensor w_out(out_shape), w_h(h_n_shape), seed = Tensor::full(Shape{}, 1.0f);
  rng.fill_uniform(w_out, -1, 1);
  rng.fill_uniform(w_h, -1, 1);
  const std::vector<Parameter*> params = model.parameters();
  Tape tape;
  train_step(tape, model, params, x, w_out, w_h, seed, dropout_rng);  // the first step sizes every buffer
  const float* h_data = model.trace(0).h->data();
  g_allocations = 0;
  g_counting = true;
  for (int step = 0; step < 5; ++step) train_step(tape, model, params, x, w_out, w_h, seed, dropout_rng);
  g_counting = false;
  CHECK(model.trace(0).h->data() == h_data);
  return g_allocations.load();
}

}  // namespace

TEST_CASE("recurrent alloc: the counter sees allocations (so a zero below means something)") {
  if (!RNNLAB_ALLOC_COUNTING) return;
  g_allocations = 0;
  g_counting = true;
  auto* v = new std::vector<float>(100);
  Tensor t(Shape{7, 7});
  g_counting = false;
  delete v;
  CHECK(g_allocations.load() >= 3);
}

TEST_CASE("recurrent alloc: steady training steps do not allocate") {
  Rng rng(1);
  for (CellKind kind : {CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru})
    for (int64_t batch : {1, 3}) {
      CAPTURE(std::string(cell_kind_name(kind)) + " batch " + std::to_string(batch));
      RecurrentConfig config;
      config.kind = kind;
      config.input_size = 5;
      config.hidden_size = 16;
      config.num_layers = 2;
      config.bidirectional = true;
      config.batch_first = true;
      config.dropout = 0.2f;
      Recurrent model(config, rng);
      Tensor x(Shape{batch, 7, 5});
      rng.fill_uniform(x, -1, 1);
      Rng masks(9);
      const long n = allocations_in_steady_steps(model, x, Shape{batch, 7, 32}, Shape{4, batch, 16}, &masks);
      if (RNNLAB_ALLOC_COUNTING) CHECK(n == 0);
    }

  // A constant one-hot input (a character model's first layer) takes the gather path: its index list and W_ih^T
  // buffers are reused too.
  for (int64_t batch : {1, 3}) {
    CAPTURE("lstm, one-hot input, batch " + std::to_string(batch));
    RecurrentConfig config;
    config.kind = CellKind::Lstm;
    config.input_size = 6;
    config.hidden_size = 8;
    config.num_layers = 2;
    Recurrent model(config, rng);
    Tensor x(Shape{7, batch, 6});
    for (int64_t r = 0; r < 7 * batch; ++r) x[r * 6 + (r * 5 + 1) % 6] = 1.0f;
    const long n = allocations_in_steady_steps(model, x, Shape{7, batch, 8}, Shape{2, batch, 8});
    if (RNNLAB_ALLOC_COUNTING) CHECK(n == 0);
  }

  CellSequenceConfig cell_config;
  cell_config.kind = CellKind::Lstm;
  cell_config.input_size = 4;
  cell_config.hidden_size = 6;
  CellSequence cell(cell_config, rng);
  Tensor x(Shape{5, 1, 4});
  rng.fill_uniform(x, -1, 1);
  struct CellAdapter {
    CellSequence& cell;
    std::vector<Parameter*> parameters() const { return cell.parameters(); }
    RecurrentOutput forward(Tape& tape, Var x) { return cell.forward(tape, x); }
    LayerTrace trace(int) const { return cell.trace(); }
  } adapter{cell};
  const long n = allocations_in_steady_steps(adapter, x, Shape{5, 1, 6}, Shape{1, 6});
  if (RNNLAB_ALLOC_COUNTING) CHECK(n == 0);
  if (!RNNLAB_ALLOC_COUNTING) MESSAGE("allocation counting needs glibc without AddressSanitizer; addresses checked only");
}
