// rnnlab forward: one forward pass of any saved model (rnnlab's or torch's export) on a JSON tensor, printed as
// JSON. This is how torch checks rnnlab's numbers (tests/fixtures/interop).
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "core/tape.h"
#include "io/tensor_json.h"

namespace rnnlab::cli {

int forward(const Words& words, const Console& console) {
  Args args("rnnlab forward --model FILE --input FILE",
            "Run a saved model (rnnlab.state_dict JSON) in eval mode from zero states on the tensor in --input,\n"
            "{\"shape\": [..], \"data\": [..]} in the model's layout: (T, I) unbatched, (T, B, I), or (B, T, I) when\n"
            "the model is batch_first. Prints {\"output\": .., \"h_n\": .., \"c_n\": ..} on one line, each a tensor in\n"
            "the same form (c_n for LSTM models only; output after the head when the model has one). An image\n"
            "classifier (mlp, cnn) reads images (N, 1, side, side) and prints {\"output\": logits (N, classes)}.");
  args.option("model", "FILE", "the model file").option("input", "FILE", "the input tensor (JSON)");
  if (!args.parse(words)) {
    console.out << args.help();
    return 0;
  }
  const std::string model_path = args.required("model"), input_path = args.required("input");
  LoadedModel loaded = load_model_file(model_path, "--model");
  const std::string input_text = read_text_file(input_path, "--input", kTensorFileLimit);
  RecurrentOutput out;
  Tape tape;
  try {
    const Tensor x = tensor_from_json(json::parse(input_text), "");
    loaded.model->eval();
    const bool image = loaded.model->config().is_image();
    if (image) {
      const int64_t S = loaded.model->config().image_side;
      check(x.shape().rank() == 4 && x.shape()[1] == 1 && x.shape()[2] == S && x.shape()[3] == S, "shape ",
            x.shape(), ", expected images (N, 1, ", S, ", ", S, ")");
    }
    out = image ? loaded.model->forward_images(tape, tape.constant(x)) : loaded.model->forward(tape, tape.constant(x));
  } catch (const std::exception& e) {
    throw UsageError("--input " + input_path + ": " + e.what());
  }
  json::Writer writer;
  writer.begin_object().key("output");
  write_tensor_json(writer, out.output.value());
  if (loaded.model->config().is_image()) {
    writer.end_object();
    console.out << writer.take() << '\n' << std::flush;
    return 0;
  }
  writer.key("h_n");
  write_tensor_json(writer, out.h_n.value());
  if (loaded.model->config().cell_kind() == CellKind::Lstm) {
    writer.key("c_n");
    write_tensor_json(writer, out.c_n.value());
  }
  writer.end_object();
  console.out << writer.take() << '\n' << std::flush;
  return 0;
}

}  // namespace rnnlab::cli
