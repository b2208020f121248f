#include "support/layer_fixture_case.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>

#include "core/ops.h"
#include "support/fixtures.h"

namespace rnnlab::testing {
namespace {

// sum(value * weights) with the weights as a constant.
Var weighted_sum(Tape& tape, Var value, const Tensor& weights) { return sum(mul(value, tape.constant(weights))); }

}  // namespace

float check_layer_case(const json::Value& c, const std::string& path, Module& module, bool is_lstm, float atol,
                       const RunLayer& run) {
  const std::string name(json::require_string(c, "name", path));
  CAPTURE(name);
  load_fixture_params(module, json::require(c, "params", path), path + ".params");
  Tape tape;
  Var x = tape.input(fixture_tensor(c, "input", path), true);
  const std::optional<Tensor> h0 = fixture_optional_tensor(c, "h0", path);
  const std::optional<Tensor> c0 = fixture_optional_tensor(c, "c0", path);
  Var h0_var = h0 ? tape.input(*h0, true) : Var{};
  Var c0_var = c0 ? tape.input(*c0, true) : Var{};
  const LayerOutputs out = run(tape, x, h0_var, c0_var);

  const json::Value& weights = json::require(c, "loss_weights", path);
  const std::string weights_path = path + ".loss_weights";
  Var loss = add(weighted_sum(tape, out.output, fixture_tensor(weights, "output", weights_path)),
                 weighted_sum(tape, out.h_n, fixture_tensor(weights, "h_n", weights_path)));
  if (is_lstm) loss = add(loss, weighted_sum(tape, out.c_n, fixture_tensor(weights, "c_n", weights_path)));
  module.zero_grad();
  tape.backward(loss);

  float worst = 0.0f;
  auto close = [&](const Tensor& actual, const Tensor& expected, const std::string& what) {
    worst = std::max(worst, check_close(actual, expected, atol, name + " " + what));
  };
  close(out.output.value(), fixture_tensor(c, "output", path), "output");
  close(out.h_n.value(), fixture_tensor(c, "h_n", path), "h_n");
  if (is_lstm)
    close(out.c_n.value(), fixture_tensor(c, "c_n", path), "c_n");
  else
    CHECK(json::require(c, "c_n", path).is_null());

  const json::Value& grads = json::require(c, "grads", path);
  const std::string grads_path = path + ".grads";
  for (const NamedParameter& np : module.named_parameters())
    close(np.param->grad, fixture_tensor(grads, np.name, grads_path), "grad " + np.name);
  close(x.grad(), fixture_tensor(grads, "input", grads_path), "grad input");
  const std::optional<Tensor> dh0 = fixture_optional_tensor(grads, "h0", grads_path);
  const std::optional<Tensor> dc0 = fixture_optional_tensor(grads, "c0", grads_path);
  CHECK(dh0.has_value() == h0.has_value());
  CHECK(dc0.has_value() == c0.has_value());
  if (dh0) close(h0_var.grad(), *dh0, "grad h0");
  if (dc0) close(c0_var.grad(), *dc0, "grad c0");
  return worst;
}

float check_layer_fixture_file(const std::string& file, size_t count, const CheckCase& check) {
  const json::Value doc = load_fixture("layers/" + file);
  const json::Value::Array& cases = json::require_array(doc, "cases", file).as_array();
  REQUIRE(cases.size() == count);
  float worst = 0.0f;
  for (size_t k = 0; k < cases.size(); ++k)
    worst = std::max(worst, check(cases[k], json::element_path(file + " cases", k)));
  return worst;
}

}  // namespace rnnlab::testing
