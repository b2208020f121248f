// The classify task's torch piece: the classes and their example strings written into the program, the held-out
// split drawn as rnnlab draws it (each class shuffled by Rng(SEED, 4)), batches of B examples (a class uniformly,
// then one of its training examples) padded at the end to the batch's longest, the model's head at every step read
// at each string's own last step (logits[lengths - 1, arange(B)], as rnnlab gathers it) and the cross-entropy
// averaged over the B strings, as ClassifyTask computes it.
#include "export/python_text.h"
#include "export/torch_tasks.h"
#include "tasks/classify_examples.h"
#include "tasks/classify_task.h"

namespace rnnlab::torch_export {
namespace {

constexpr std::string_view kData = R"py(# The classes, each a name and its example strings (${source}).
CLASSES = [
${classes}]
HELD_OUT_SHARE = ${held_out_share}  # of each class's examples, at least 1
BATCH = ${batch}  # B: strings per step
STEPS = ${steps}
LOG_EVERY = ${log_every}
LOSS_FORMAT = "%.4f"  # as rnnlab train classify prints the loss; "%.9g" shows every digit of a float32

# The vocabulary: the examples' characters (code points) sorted, each an index of the one-hot input; the last
# index, len(CHARACTERS), stands for a character no example has.
CHARACTERS = sorted(set("".join(text for _, examples in CLASSES for text in examples)))
INDEX = {character: i for i, character in enumerate(CHARACTERS)}


def encode(text):
    return [INDEX.get(character, len(CHARACTERS)) for character in text]


def split(rng):
    """rnnlab's split: each class's examples shuffled (Fisher-Yates), the first round(HELD_OUT_SHARE * n) held out.
    -> train (C lists of encoded strings, by class) and held_out [(encoded string, class), ...]."""
    train, held_out = [], []
    for label, (_, examples) in enumerate(CLASSES):
        n = len(examples)
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = rng.integer(0, i + 1)
            order[i], order[j] = order[j], order[i]
        held = max(1, int(HELD_OUT_SHARE * n + 0.5))
        held_out += [(encode(examples[i]), label) for i in order[:held]]
        train.append([encode(examples[i]) for i in order[held:]])
    return train, held_out


def pad(strings):
    """Encoded strings -> x (T, B) padded at the end with index 0 (read by nothing), T the longest, and lengths (B)."""
    x = torch.zeros(max(len(s) for s in strings), len(strings), dtype=torch.long)
    for b, s in enumerate(strings):
        x[:len(s), b] = torch.tensor(s)
    return x, torch.tensor([len(s) for s in strings])


def get_batch(rng, train):
    """B strings, each a class drawn uniformly, then one of its training examples -> x (T, B), lengths (B), y (B)."""
    strings, labels = [], []
    for _ in range(BATCH):
        label = rng.integer(0, len(CLASSES))
        strings.append(train[label][rng.integer(0, len(train[label]))])
        labels.append(label)
    x, lengths = pad(strings)
    return x, lengths, torch.tensor(labels)


def last_steps(logits, lengths):
    """(T, B, C) -> (B, C): each string's answer at its own last step (the padding after it is never read)."""
    return logits[lengths - 1, torch.arange(len(lengths))]
)py";

constexpr std::string_view kLoop = R"py(    train, held_out = split(Rng(SEED, 4))  # rnnlab's split, by the task's own stream of the seed
    criterion = nn.CrossEntropyLoss()  # the mean over the B strings
    data_rng = Rng(SEED, 2)  # rnnlab's data generator: the batches
    for step in range(1, STEPS + 1):
        x, lengths, y = get_batch(data_rng, train)
        logits, _ = model(x)  # (T, B, C): the head at every step
        loss = criterion(last_steps(logits, lengths), y)
        optimizer.zero_grad()
        loss.backward()
${clip}        optimizer.step()
        if step % LOG_EVERY == 0 or step == STEPS:
            print("Step [%d/%d] loss=%s" % (step, STEPS, LOSS_FORMAT % loss.item()))
    model.eval()
    with torch.no_grad():
        x, lengths = pad([s for s, _ in held_out])
        logits, _ = model(x)
        right = (last_steps(logits, lengths).argmax(1) == torch.tensor([c for _, c in held_out])).sum().item()
    print("Held-out accuracy %.1f%% (%d of %d)" % (100.0 * right / len(held_out), right, len(held_out)))
)py";

// The classes as Python: one ("name", [...]) a class, its examples wrapped at 110 columns.
std::string py_classes(const ClassExamples& data) {
  std::string out;
  for (size_t c = 0; c < data.names.size(); ++c) {
    out += "    (" + py_string(data.names[c]) + ", [\n";
    std::string line = "        ";
    for (size_t i = 0; i < data.texts[c].size(); ++i) {
      const std::string item = py_string(encode_utf8(data.texts[c][i])) + (i + 1 < data.texts[c].size() ? "," : "");
      if (line.size() > 8 && line.size() + 1 + item.size() > 110) {
        out += line + "\n";
        line = "        ";
      }
      line += (line.size() > 8 ? " " : "") + item;
    }
    out += line + "\n    ]),\n";
  }
  return out;
}

}  // namespace

TorchTaskProgram classify_torch_program(const TorchRun& run) {
  const bool bundled = run.config.classify.examples.empty();
  const ClassExamples data =
      parse_class_examples(bundled ? default_classify_examples() : std::string_view(run.config.classify.examples),
                           run.config.seed);
  std::string names;
  for (size_t c = 0; c < data.names.size(); ++c)
    names += (c == 0 ? "" : c + 1 == data.names.size() ? " and " : ", ") + data.names[c];
  TorchTaskProgram p;
  p.title = "Classify what you type: one class per string, in PyTorch, exported from rnnlab.";
  p.about = "A recurrent layer reads a string one character at a time (one-hot) and a Linear head at its last "
            "character names its class (" + names + "), learned from the example strings of each class, a fifth of "
            "them held out; the cross-entropy is averaged over a batch of " + std::to_string(kClassifyBatch) +
            " strings of different lengths, padded at the end, each read at its own last step.";
  p.draws_data = true;
  p.data = fill(kData, {{"source", bundled ? "rnnlab's bundled set, surnames by language" : "the run's examples"},
                        {"classes", py_classes(data)},
                        {"held_out_share", py_float(static_cast<float>(kHeldOutShare))},
                        {"batch", std::to_string(kClassifyBatch)},
                        {"steps", std::to_string(run.steps)},
                        {"log_every", std::to_string(log_every(run.steps))}});
  p.input = ModelInput::Indices;
  p.train = fill(kLoop, {{"clip", clip_line(run.config.clip_norm, 8)}});
  return p;
}

}  // namespace rnnlab::torch_export
