// The remember task's torch piece: B sequences of T symbols drawn by rnnlab's generator (time-major, one draw per
// symbol), whose label is the symbol at one position; the model answers from its last step (the seed tutorials'
// fc(out[:, -1, :]), time-major here: out[-1]) and the cross-entropy is averaged over the B sequences.
#include "export/python_text.h"
#include "export/torch_tasks.h"
#include "tasks/remember_data.h"
#include "tasks/remember_task.h"

namespace rnnlab::torch_export {
namespace {

constexpr std::string_view kData = R"(SYMBOLS = ${symbols}  # K: distinct symbols, each a class (one-hot inputs), written ${alphabet}
LENGTH = ${length}  # T: symbols per sequence
POSITION = ${position}  # the answer is the symbol at this position (0-based): ${which}
BATCH = ${batch}  # B: sequences per step
STEPS = ${steps}
LOG_EVERY = ${log_every}
LOSS_FORMAT = "%.4f"  # as rnnlab train remember prints the loss; "%.9g" shows every digit of a float32


def get_batch(rng):
    """B random sequences -> x (T, B) symbol indices, time-major as rnnlab draws them, and y (B)."""
    x = torch.tensor([rng.integer(0, SYMBOLS) for _ in range(LENGTH * BATCH)]).view(LENGTH, BATCH)
    return x, x[POSITION]
)";

constexpr std::string_view kLoop = R"(    criterion = nn.CrossEntropyLoss()  # the mean over the B sequences
    data_rng = Rng(SEED, 2)  # rnnlab's data generator: the sequences
    for step in range(1, STEPS + 1):
        x, y = get_batch(data_rng)
        logits, _ = model(x)  # (B, K): one answer per sequence, from its last step
        loss = criterion(logits, y)
        optimizer.zero_grad()
        loss.backward()
${clip}        optimizer.step()
        if step % LOG_EVERY == 0 or step == STEPS:
            print("Step [%d/%d] loss=%s" % (step, STEPS, LOSS_FORMAT % loss.item()))
)";

}  // namespace

TorchTaskProgram remember_torch_program(const TorchRun& run) {
  const RememberSettings& s = run.config.remember;
  validate(s);
  const int64_t position = remembered_position(s);
  const std::string alphabet(kRememberAlphabet.substr(0, static_cast<size_t>(s.symbols)));
  TorchTaskProgram p;
  p.title = "Remember a symbol: one answer at the end of a sequence, in PyTorch, exported from rnnlab.";
  p.about = "A recurrent layer reads " + std::to_string(s.length) + " random symbols (of " + std::to_string(s.symbols) +
            ", one-hot) and a Linear head on its last step's output names the symbol at position " +
            std::to_string(position) + ", the others being distractors; the cross-entropy is averaged over a batch of " +
            std::to_string(kRememberBatch) + " sequences.";
  p.draws_data = true;
  p.data = fill(kData, {{"symbols", std::to_string(s.symbols)},
                        {"alphabet", alphabet.size() <= 12 ? alphabet : alphabet.substr(0, 6) + "..." + alphabet.back()},
                        {"length", std::to_string(s.length)},
                        {"position", std::to_string(position)},
                        {"which", s.distance == 0 ? std::string("the first")
                                                  : std::to_string(s.distance) + " steps back from the end"},
                        {"batch", std::to_string(kRememberBatch)},
                        {"steps", std::to_string(run.steps)},
                        {"log_every", std::to_string(log_every(run.steps))}});
  p.input = ModelInput::Indices;
  p.last_step = true;
  p.train = fill(kLoop, {{"clip", clip_line(run.config.clip_norm, 8)}});
  return p;
}

}  // namespace rnnlab::torch_export
