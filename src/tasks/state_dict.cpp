#include "tasks/state_dict.h"

#include <set>

#include "core/error.h"
#include "io/tensor_json.h"
#include "tasks/memory_budget.h"

namespace rnnlab {
namespace {

constexpr std::string_view kFormat = "rnnlab.state_dict";
constexpr int64_t kVersion = 1;

void reject_unknown_keys(const json::Value& obj, std::initializer_list<std::string_view> known,
                         std::string_view path) {
  for (const json::Value::Member& m : obj.as_object(path)) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || m.key == k;
    check(ok, json::member_path(path, m.key), ": unknown field");
  }
}

}  // namespace

void write_model_config(json::Writer& w, const ModelConfig& c) {
  w.begin_object();
  w.key("kind").string(c.kind);
  w.key("nonlinearity").string(c.nonlinearity);
  w.key("input_size").number(static_cast<double>(c.input_size));
  w.key("hidden_size").number(static_cast<double>(c.hidden_size));
  w.key("num_layers").number(static_cast<double>(c.num_layers));
  w.key("bias").boolean(c.bias);
  w.key("batch_first").boolean(c.batch_first);
  w.key("dropout").float32(c.dropout);
  w.key("bidirectional").boolean(c.bidirectional);
  w.key("head");
  if (c.head_out)
    w.begin_object().key("out_features").number(static_cast<double>(*c.head_out)).end_object();
  else
    w.null();
  // Written only when there is one: files of models without it stay as they were.
  if (c.has_embedding())
    w.key("embedding").begin_object().key("num_embeddings").number(static_cast<double>(c.num_embeddings))
        .key("embedding_dim").number(static_cast<double>(c.embedding_dim)).end_object();
  if (c.is_image()) {
    w.key("image").begin_object().key("side").number(static_cast<double>(c.image_side));
    if (c.kind == "cnn")
      w.key("channels").number(static_cast<double>(c.channels)).key("kernel").number(static_cast<double>(c.kernel));
    w.end_object();
  }
  w.end_object();
}

ModelConfig model_config_from_json(const json::Value& v, std::string_view path) {
  reject_unknown_keys(v,
                      {"kind", "nonlinearity", "input_size", "hidden_size", "num_layers", "bias", "batch_first",
                       "dropout", "bidirectional", "head", "embedding", "image"},
                      path);
  ModelConfig c;
  c.kind = std::string(json::require_string(v, "kind", path));
  c.nonlinearity = std::string(json::require_string(v, "nonlinearity", path));
  c.input_size = json::require_int(v, "input_size", path, 1, kMaxInputSize);
  c.hidden_size = json::require_int(v, "hidden_size", path, 1, kMaxHiddenSize);
  c.num_layers = json::require_int(v, "num_layers", path, 1, kMaxLayers);
  c.bias = json::require_bool(v, "bias", path);
  c.batch_first = json::require_bool(v, "batch_first", path);
  c.dropout = static_cast<float>(json::require_number(v, "dropout", path));
  c.bidirectional = json::require_bool(v, "bidirectional", path);
  const json::Value& head = json::require(v, "head", path);
  if (!head.is_null()) {
    const std::string head_path = json::member_path(path, "head");
    reject_unknown_keys(head, {"out_features"}, head_path);
    c.head_out = json::require_int(head, "out_features", head_path, 1, kMaxClasses);
  }
  // Optional: absent or null is no embedding.
  if (const json::Value* embedding = v.find("embedding"); embedding && !embedding->is_null()) {
    const std::string emb_path = json::member_path(path, "embedding");
    reject_unknown_keys(*embedding, {"num_embeddings", "embedding_dim"}, emb_path);
    c.num_embeddings = json::require_int(*embedding, "num_embeddings", emb_path, 1, kMaxClasses);
    c.embedding_dim = json::require_int(*embedding, "embedding_dim", emb_path, 1, kMaxEmbeddingDim);
  }
  // The image classifiers' sizes; required for them, refused for the others.
  if (const json::Value* image = v.find("image"); image && !image->is_null()) {
    const std::string image_path = json::member_path(path, "image");
    check(c.is_image(), image_path, ": a ", c.kind, " model has no image sizes");
    reject_unknown_keys(*image, {"side", "channels", "kernel"}, image_path);
    c.image_side = json::require_int(*image, "side", image_path, 2, kMaxImageSide);
    if (c.kind == "cnn") {
      c.channels = json::require_int(*image, "channels", image_path, 1, kMaxConvChannels);
      c.kernel = json::require_int(*image, "kernel", image_path, 1, kMaxImageSide - 1);
    }
  } else {
    check(!c.is_image(), json::member_path(path, "image"), ": missing (an ", c.kind, " model's image sizes)");
  }
  try {
    validate(c);
  } catch (const Error& e) {
    fail(path, ".", e.what());
  }
  return c;
}

std::string save_state_dict(const SequenceModel& model, const json::Value& task) {
  json::Writer w;
  w.begin_object();
  w.key("format").string(kFormat);
  w.key("version").number(kVersion);
  w.key("config");
  write_model_config(w, model.config());
  w.key("tensors").begin_object();
  for (const NamedParameter& np : model.named_parameters()) {
    w.key(np.name);
    write_tensor_json(w, np.param->value);
  }
  w.end_object();
  if (!task.is_null()) w.key("task").value(task);
  w.end_object();
  return w.take();
}

LoadedModel load_state_dict(std::string_view text) {
  check(static_cast<int64_t>(text.size()) <= kMaxStateDictBytes, "model file: ", text.size(),
        " bytes, the limit is ", kMaxStateDictBytes, " (", kMaxStateDictBytes / kMiB,
        " MB: the page's memory budget holds the text and its parsed form at once)");
  // Every JSON value but the first follows a ',' or opens an array or object (or is inside a string, which
  // only makes this count larger): a bound on the parsed tree, found before it is built.
  int64_t values = 1;
  for (char ch : text) values += ch == ',' || ch == '[' || ch == '{';
  check(values <= kMaxStateDictValues, "model file: about ", values, " numbers, the limit is ", kMaxStateDictValues,
        " (the page's memory budget holds the file and its parsed form at once)");
  const json::Value root = json::parse(text);
  check(root.is_object(), "model file: expected a JSON object, got ", json::type_name(root.type()));
  reject_unknown_keys(root, {"format", "version", "config", "tensors", "task"}, "");
  const std::string_view format = json::require_string(root, "format", "");
  check(format == kFormat, "format: got \"", format, "\", expected \"", kFormat, "\"");
  const int64_t version = json::require_int(root, "version", "", 0, 1 << 30);
  check(version == kVersion, "version: got ", version, ", this rnnlab reads version ", kVersion);
  const ModelConfig config = model_config_from_json(json::require_object(root, "config", ""), "config");
  // The weights alone (one step of data) must fit before the model is built; the task checks its steps later.
  check_memory_budget(config, 1, OptimizerConfig{});

  Rng unused(0);  // every parameter is overwritten below
  LoadedModel out{std::make_unique<SequenceModel>(config, unused), json::Value()};
  const json::Value& tensors = json::require_object(root, "tensors", "");
  std::set<std::string> expected;
  for (const NamedParameter& np : out.model->named_parameters()) {
    expected.insert(np.name);
    const std::string path = "tensors." + np.name;
    const json::Value* t = tensors.find(np.name);
    check(t != nullptr, path, ": missing (a ", config.kind, " model with this config has it)");
    Tensor value = tensor_from_json(*t, path);
    check(value.shape() == np.param->value.shape(), path, ": shape ", value.shape(), ", expected ",
          np.param->value.shape());
    np.param->value.assign(value);
  }
  for (const json::Value::Member& m : tensors.as_object("tensors"))
    check(expected.count(m.key) > 0, "tensors.", m.key, ": unknown tensor for a ", config.kind, " model");
  if (const json::Value* task = root.find("task")) {
    check(task->is_object(), "task: expected an object");
    out.task = *task;
  }
  return out;
}

}  // namespace rnnlab
