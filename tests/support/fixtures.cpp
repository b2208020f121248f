#include "support/fixtures.h"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include "io/tensor_json.h"

namespace rnnlab::testing {
namespace {

// "[2, 0, 1]": the multi-index of flat element `flat` in `shape` (row-major).
std::string index_of(const Shape& shape, int64_t flat) {
  std::string out = "]";
  for (int d = shape.rank() - 1; d >= 0; --d) {
    out = std::to_string(flat % shape[d]) + (d == shape.rank() - 1 ? "" : ", ") + out;
    flat /= shape[d];
  }
  return "[" + out;
}

}  // namespace

json::Value load_fixture(std::string_view relative_path) {
  const std::string file = std::string(RNNLAB_SOURCE_DIR) + "/tests/fixtures/" + std::string(relative_path);
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw std::runtime_error("load_fixture: cannot open " + file +
                             " (the fixtures are written by tests/fixtures/gen_*.py with /usr/bin/python3)");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::ParseError& e) {
    throw std::runtime_error("load_fixture: " + file + ": " + e.what());
  }
}

Tensor fixture_tensor(const json::Value& obj, std::string_view key, std::string_view path) {
  return tensor_from_json(json::require(obj, key, path), json::member_path(path, key));
}

std::optional<Tensor> fixture_optional_tensor(const json::Value& obj, std::string_view key, std::string_view path) {
  const json::Value& v = json::require(obj, key, path);
  if (v.is_null()) return std::nullopt;
  return tensor_from_json(v, json::member_path(path, key));
}

void load_fixture_params(Module& module, const json::Value& params, std::string_view path) {
  const json::Value::Object& given = params.as_object(path);
  const std::vector<NamedParameter> expected = module.named_parameters();
  std::ostringstream names;
  for (const json::Value::Member& m : given) names << " " << m.key;
  std::ostringstream module_names;
  for (const NamedParameter& np : expected) module_names << " " << np.name;
  if (given.size() != expected.size())
    throw std::runtime_error(std::string(path) + ": names" + names.str() + " do not match the module's" +
                             module_names.str());
  for (size_t i = 0; i < given.size(); ++i) {
    if (given[i].key != expected[i].name)
      throw std::runtime_error(std::string(path) + ": names" + names.str() + " do not match the module's" +
                               module_names.str() + " (in this order)");
    Tensor t = tensor_from_json(given[i].value, json::member_path(path, given[i].key));
    Tensor& value = expected[i].param->value;
    if (t.shape() != value.shape()) {
      std::ostringstream msg;
      msg << json::member_path(path, given[i].key) << ": shape " << t.shape() << ", the module's is " << value.shape();
      throw std::runtime_error(msg.str());
    }
    value.assign(t);
  }
}

CloseReport compare_close(const Tensor& actual, const Tensor& expected, float atol, std::string_view what) {
  CloseReport report;
  std::ostringstream msg;
  if (actual.shape() != expected.shape()) {
    msg << what << ": shape " << actual.shape() << ", expected " << expected.shape();
    report.ok = false;
    report.max_abs_diff = std::numeric_limits<float>::infinity();
    report.message = msg.str();
    return report;
  }
  int64_t worst_at = -1;
  for (int64_t i = 0; i < actual.numel(); ++i) {
    float d = std::fabs(actual[i] - expected[i]);
    if (std::isnan(d)) d = std::numeric_limits<float>::infinity();
    if (d > report.max_abs_diff || worst_at < 0) {
      report.max_abs_diff = d;
      worst_at = i;
    }
  }
  if (!(report.max_abs_diff <= atol)) {
    report.ok = false;
    msg << what << ": max |actual - expected| = " << report.max_abs_diff << " > atol " << atol << " at "
        << index_of(actual.shape(), worst_at) << std::setprecision(9) << " (actual " << actual[worst_at]
        << ", expected " << expected[worst_at] << ")";
    report.message = msg.str();
  }
  return report;
}

float check_close(const Tensor& actual, const Tensor& expected, float atol, std::string_view what,
                  const char* file, int line) {
  const CloseReport report = compare_close(actual, expected, atol, what);
  if (!report.ok) ADD_FAIL_CHECK_AT(file, line, report.message);
  return report.max_abs_diff;
}

}  // namespace rnnlab::testing
