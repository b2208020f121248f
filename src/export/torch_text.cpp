// The text task's torch piece: the corpus read from its path (its vocabulary the sorted set of its characters, the
// first 90% trained on), B windows of T + 1 characters a step at places drawn by rnnlab's generator (or, with
// tbptt, B contiguous streams read T characters at a time with the state carried), and the mean cross-entropy.
#include "export/python_text.h"
#include "export/torch_tasks.h"
#include "tasks/config_schema.h"

namespace rnnlab::torch_export {
namespace {

constexpr std::string_view kData = R"(CORPUS = ${corpus}  # the text to learn (UTF-8)
SEQ_LEN = ${seq_len}  # T: characters per window
BATCH = ${batch}  # B: windows per step
STEPS = ${steps}
LOG_EVERY = ${log_every}

with open(CORPUS, encoding="utf-8", newline="") as f:  # newline="": the text as it is, \r\n included
    text = f.read()
chars = sorted(set(text))  # the vocabulary
assert len(chars) == ${vocabulary}, "the weights are for a corpus of ${vocabulary} distinct characters"
char_to_index = {ch: i for i, ch in enumerate(chars)}
data = torch.tensor([char_to_index[ch] for ch in text])
train_size = len(data) - len(data) // 10  # the first 90% is trained on; the last 10% is validation
${batches})";

constexpr std::string_view kRandomWindows = R"(

def get_batch(rng):
    """B windows of T + 1 characters at places of the training part drawn by `rng` -> x, y (T, B)."""
    starts = [rng.integer(0, train_size - SEQ_LEN) for _ in range(BATCH)]
    x = torch.stack([data[s:s + SEQ_LEN] for s in starts], dim=1)
    y = torch.stack([data[s + 1:s + SEQ_LEN + 1] for s in starts], dim=1)
    return x, y
)";

constexpr std::string_view kStreams = R"(STREAM = train_size // BATCH  # B contiguous streams of the training part, read T characters at a time


def get_batch(cursor):
    """The next T characters of each stream from `cursor` on, and the character after each -> x, y (T, B)."""
    starts = [b * STREAM + cursor for b in range(BATCH)]
    x = torch.stack([data[s:s + SEQ_LEN] for s in starts], dim=1)
    y = torch.stack([data[s + 1:s + SEQ_LEN + 1] for s in starts], dim=1)
    return x, y
)";

constexpr std::string_view kRandomLoop = R"(    criterion = nn.CrossEntropyLoss()  # the mean over the T x B predictions
    data_rng = Rng(SEED, 2)  # rnnlab's data generator: where each window starts
    for step in range(1, STEPS + 1):
        x, y = get_batch(data_rng)
        logits, _ = model(x)  # (T, B, V)
        loss = criterion(logits.view(-1, ${vocabulary}), y.view(-1))
        optimizer.zero_grad()
        loss.backward()
${clip}        optimizer.step()
        if step % LOG_EVERY == 0 or step == STEPS:
            print("Step [%d/%d] loss=%.6g" % (step, STEPS, loss.item()))
)";

constexpr std::string_view kStreamLoop = R"(    criterion = nn.CrossEntropyLoss()  # the mean over the T x B predictions
    hidden, cursor = None, 0
    for step in range(1, STEPS + 1):
        if cursor + SEQ_LEN + 1 > STREAM:  # the streams wrap: start again from fresh states
            hidden, cursor = None, 0
        x, y = get_batch(cursor)
        cursor += SEQ_LEN
        logits, hidden = model(x, hidden)  # (T, B, V)
        hidden = ${detach}  # carried to the next window, without its gradient
        loss = criterion(logits.view(-1, ${vocabulary}), y.view(-1))
        optimizer.zero_grad()
        loss.backward()
${clip}        optimizer.step()
        if step % LOG_EVERY == 0 or step == STEPS:
            print("Step [%d/%d] loss=%.6g" % (step, STEPS, loss.item()))
)";

}  // namespace

TorchTaskProgram text_torch_program(const TorchRun& run) {
  const TrainerConfig& c = run.config;
  const ModelConfig& m = run.model;
  if (run.corpus_path.empty()) fail_key("corpus", "no path: the program reads the corpus from a file; give its path");
  const std::string vocabulary = std::to_string(m.input_classes());
  const bool lstm = m.cell_kind() == CellKind::Lstm;
  TorchTaskProgram p;
  p.title = "A character-level language model (char-RNN) in PyTorch, exported from rnnlab.";
  p.about = std::string("An ") + (m.has_embedding() ? "embedding, a" : "a") +
            " recurrent layer and a Linear head over the corpus's characters learn to predict each next character, "
            "with the cross-entropy averaged over the " + std::to_string(c.text.seq_len * c.batch) +
            " predictions of a step.";
  p.draws_data = !c.text.tbptt;
  p.data = fill(kData, {{"corpus", py_string(run.corpus_path)},
                        {"seq_len", std::to_string(c.text.seq_len)},
                        {"batch", std::to_string(c.batch)},
                        {"steps", std::to_string(run.steps)},
                        {"log_every", std::to_string(log_every(run.steps))},
                        {"vocabulary", vocabulary},
                        {"batches", std::string(c.text.tbptt ? kStreams : kRandomWindows)}});
  p.input = ModelInput::Indices;
  const std::string clip = clip_line(c.clip_norm, 8);
  p.train = c.text.tbptt ? fill(kStreamLoop, {{"detach", lstm ? "(hidden[0].detach(), hidden[1].detach())" : "hidden.detach()"},
                                              {"vocabulary", vocabulary},
                                              {"clip", clip}})
                         : fill(kRandomLoop, {{"vocabulary", vocabulary}, {"clip", clip}});
  return p;
}

}  // namespace rnnlab::torch_export
