// The tag task's torch piece: B sequences of T symbols drawn by rnnlab's generator (time-major, one draw per
// symbol), each step tagged 1 when its symbol occurs again later in its sequence; the model's head answers at every
// step (T, B, 2) and the cross-entropy is averaged over the T * B tags, as TagTask computes it.
#include "export/python_text.h"
#include "export/torch_tasks.h"
#include "tasks/remember_data.h"
#include "tasks/remember_task.h"
#include "tasks/tag_task.h"

namespace rnnlab::torch_export {
namespace {

constexpr std::string_view kData = R"(SYMBOLS = ${symbols}  # K: distinct symbols (one-hot inputs), written ${alphabet}
LENGTH = ${length}  # T: symbols per sequence
BATCH = ${batch}  # B: sequences per step
STEPS = ${steps}
LOG_EVERY = ${log_every}
LOSS_FORMAT = "%.4f"  # as rnnlab train tag prints the loss; "%.9g" shows every digit of a float32


def get_batch(rng):
    """B random sequences -> x (T, B) symbol indices, time-major as rnnlab draws them, and their tags y (T, B):
    1 where the step's symbol occurs again at a later step of its sequence, else 0."""
    x = torch.tensor([rng.integer(0, SYMBOLS) for _ in range(LENGTH * BATCH)]).view(LENGTH, BATCH)
    y = torch.zeros(LENGTH, BATCH, dtype=torch.long)
    for b in range(BATCH):
        seen = set()  # the symbols after step t
        for t in reversed(range(LENGTH)):
            symbol = x[t, b].item()
            y[t, b] = int(symbol in seen)
            seen.add(symbol)
    return x, y
)";

constexpr std::string_view kLoop = R"(    criterion = nn.CrossEntropyLoss()  # the mean over the T * B tags
    data_rng = Rng(SEED, 2)  # rnnlab's data generator: the sequences
    for step in range(1, STEPS + 1):
        x, y = get_batch(data_rng)
        logits, _ = model(x)  # (T, B, 2): a tag's two logits at every step
        loss = criterion(logits.view(-1, 2), y.view(-1))
        optimizer.zero_grad()
        loss.backward()
${clip}        optimizer.step()
        if step % LOG_EVERY == 0 or step == STEPS:
            print("Step [%d/%d] loss=%s" % (step, STEPS, LOSS_FORMAT % loss.item()))
)";

}  // namespace

TorchTaskProgram tag_torch_program(const TorchRun& run) {
  const RememberSettings& s = run.config.remember;
  const std::string alphabet(kRememberAlphabet.substr(0, static_cast<size_t>(s.symbols)));
  TorchTaskProgram p;
  p.title = "Tag each symbol that occurs again later: an answer at every step, in PyTorch, exported from rnnlab.";
  p.about = std::string("A ") + (run.model.bidirectional ? "bidirectional" : "unidirectional") +
            " recurrent layer reads " + std::to_string(s.length) + " random symbols (of " + std::to_string(s.symbols) +
            ", one-hot) and a Linear head at every step tags the step 1 when its symbol occurs again later in the "
            "sequence, else 0; the cross-entropy is averaged over the tags of a batch of " +
            std::to_string(kTagBatch) + " sequences.";
  p.draws_data = true;
  p.data = fill(kData, {{"symbols", std::to_string(s.symbols)},
                        {"alphabet", alphabet.size() <= 12 ? alphabet : alphabet.substr(0, 6) + "..." + alphabet.back()},
                        {"length", std::to_string(s.length)},
                        {"batch", std::to_string(kTagBatch)},
                        {"steps", std::to_string(run.steps)},
                        {"log_every", std::to_string(log_every(run.steps))}});
  p.input = ModelInput::Indices;
  p.train = fill(kLoop, {{"clip", clip_line(run.config.clip_norm, 8)}});
  return p;
}

}  // namespace rnnlab::torch_export
