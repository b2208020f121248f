// The seq task's torch piece: the typed texts as the seed's one-hot inputs and labels, and the seed's epoch loop,
// stepping the cell by hand (arch "cell", the hello seed) or running the layer and its head (arch "layer").
#include "export/python_text.h"
#include "export/torch_tasks.h"
#include "tasks/vocabulary.h"

namespace rnnlab::torch_export {
namespace {

constexpr std::string_view kData = R"(input_text = ${input}
target_text = ${target}
idx2char = sorted(set(input_text + target_text))  # the vocabulary: ${vocabulary}
x_data = [idx2char.index(ch) for ch in input_text]
y_data = [idx2char.index(ch) for ch in target_text]
inputs = torch.eye(len(idx2char))[x_data].view(len(x_data), 1, len(idx2char))  # (T, 1, V) one-hot
labels = torch.LongTensor(y_data)${label_view}
EPOCHS = ${epochs}
LOG_EVERY = ${log_every}
LOSS_FORMAT = "%.4f"  # as the seed prints the loss; "%.9g" shows every digit of a float32
)";

constexpr std::string_view kCellLoop = R"(    criterion = nn.CrossEntropyLoss()
    for epoch in range(1, EPOCHS + 1):
        optimizer.zero_grad()
        hidden = torch.zeros(1, ${hidden})
${cell_zero}        loss = 0
        predicted = ""
        for x_t, label_t in zip(inputs, labels):
            ${step}
            loss = loss + criterion(hidden, label_t)  # the cross-entropy summed over the characters
            predicted += idx2char[hidden.argmax(dim=1).item()]
        loss.backward()
${clip}        optimizer.step()
        if epoch % LOG_EVERY == 0 or epoch == EPOCHS:
            print("Predicted string: %s, Epoch [%d/%d] loss=%s" % (predicted, epoch, EPOCHS, LOSS_FORMAT % loss.item()))
)";

constexpr std::string_view kLayerLoop = R"(    criterion = nn.CrossEntropyLoss(reduction="sum")  # summed over the characters, as the seed
    for epoch in range(1, EPOCHS + 1):
        optimizer.zero_grad()
        logits, _ = model(inputs)
        logits = logits.view(len(x_data), len(idx2char))  # (T, V)
        loss = criterion(logits, labels)
        predicted = "".join(idx2char[i] for i in logits.argmax(dim=1).tolist())
        loss.backward()
${clip}        optimizer.step()
        if epoch % LOG_EVERY == 0 or epoch == EPOCHS:
            print("Predicted string: %s, Epoch [%d/%d] loss=%s" % (predicted, epoch, EPOCHS, LOSS_FORMAT % loss.item()))
)";

}  // namespace

TorchTaskProgram seq_torch_program(const TorchRun& run) {
  const TrainerConfig& c = run.config;
  const ModelConfig& m = run.model;
  const Vocabulary vocabulary = Vocabulary::from_texts({decode_utf8(c.input, "input"), decode_utf8(c.target, "target")});
  std::string symbols;
  for (char32_t ch : vocabulary.symbols()) symbols += (symbols.empty() ? "" : ", ") + py_string(encode_utf8(std::u32string(1, ch)));
  const bool cell = m.is_cell();
  TorchTaskProgram p;
  p.title = c.input + " -> " + c.target + " in PyTorch, exported from rnnlab.";
  p.about = cell ? "One " + std::string(m.kind == "lstm_cell" ? "nn.LSTMCell" : m.kind == "gru_cell" ? "nn.GRUCell" : "nn.RNNCell") +
                       " whose hidden state is the logits over the characters learns to map the first text to the "
                       "second, one character per step, with the cross-entropy summed over the characters."
                 : "A recurrent layer and a Linear head learn to map the first text to the second, one character per "
                   "step, with the cross-entropy summed over the characters.";
  p.data = fill(kData, {{"input", py_string(c.input)},
                        {"target", py_string(c.target)},
                        {"vocabulary", "[" + symbols + "]"},
                        {"label_view", cell ? ".view(-1, 1)  # (T, 1)" : "  # (T)"},
                        {"epochs", std::to_string(run.steps)},
                        {"log_every", std::to_string(log_every(run.steps))}});
  p.input = ModelInput::Features;
  if (cell) {
    const bool lstm = m.cell_kind() == CellKind::Lstm;
    p.train = fill(kCellLoop, {{"hidden", std::to_string(m.hidden_size)},
                               {"cell_zero", lstm ? "        cell = torch.zeros(1, " + std::to_string(m.hidden_size) + ")\n" : ""},
                               {"step", lstm ? "hidden, cell = model.rnn(x_t, (hidden, cell))" : "hidden = model.rnn(x_t, hidden)"},
                               {"clip", clip_line(c.clip_norm, 8)}});
  } else {
    p.train = fill(kLayerLoop, {{"clip", clip_line(c.clip_norm, 8)}});
  }
  return p;
}

}  // namespace rnnlab::torch_export
