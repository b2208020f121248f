#include "export/torch_model.h"

#include <cctype>
#include <vector>

#include "export/python_text.h"

namespace rnnlab::torch_export {
namespace {

std::string torch_layer(const ModelConfig& m) {
  if (m.is_cell()) {
    const std::string kind = m.cell_kind() == CellKind::Lstm ? "LSTMCell" : m.cell_kind() == CellKind::Gru ? "GRUCell" : "RNNCell";
    std::string args = std::to_string(m.input_size) + ", " + std::to_string(m.hidden_size);
    if (m.nonlinearity == "relu") args += ", nonlinearity=\"relu\"";
    return "nn." + kind + "(" + args + ")";
  }
  const std::string kind = m.cell_kind() == CellKind::Lstm ? "LSTM" : m.cell_kind() == CellKind::Gru ? "GRU" : "RNN";
  std::string args = std::to_string(m.input_size) + ", " + std::to_string(m.hidden_size);
  if (m.num_layers != 1) args += ", num_layers=" + std::to_string(m.num_layers);
  if (m.nonlinearity == "relu") args += ", nonlinearity=\"relu\"";
  if (m.batch_first) args += ", batch_first=True";
  if (m.dropout > 0.0f) args += ", dropout=" + py_float(m.dropout);
  if (m.bidirectional) args += ", bidirectional=True";
  return "nn." + kind + "(" + args + ")";
}

std::string layer_name(const ModelConfig& m) {
  return m.cell_kind() == CellKind::Lstm ? "LSTM" : m.cell_kind() == CellKind::Gru ? "GRU" : "RNN";
}

constexpr std::string_view kLayersByHand = R"(        # rnnlab draws the dropout masks between the layers from its own generator, which nn.${kind} cannot be
        # given: in training the layers run one at a time, each a single-layer nn.${kind} sharing self.rnn's weights.
        self.dropout_rng = dropout_rng
        self.layers = []  # a plain list: the weights stay registered once, under self.rnn
        for layer in range(${layers}):
            one = nn.${kind}(${input_size} if layer == 0 else ${inner_size}, ${hidden}${options})
            for name in ${weight_names}:
${share}            self.layers.append(one)
)";

constexpr std::string_view kShareOne = R"(                setattr(one, name + "_l0", getattr(self.rnn, "%s_l%d" % (name, layer)))
)";
constexpr std::string_view kShareTwo = R"(                for direction in ("", "_reverse"):
                    setattr(one, name + "_l0" + direction, getattr(self.rnn, "%s_l%d%s" % (name, layer, direction)))
)";

// forward() when the layers run one at a time: each layer's slice of the state in, rnnlab's mask after every
// layer but the last (drawn time-major, (T, B, features), as rnnlab lays its layers out).
constexpr std::string_view kForwardByHand = R"(        if not self.training:
            out, hidden = self.rnn(x, hidden)
            return ${head_out}, hidden
        out, finals = x, []
        for layer, one in enumerate(self.layers):
            rows = ${rows}
            out, final = one(out, None if hidden is None else ${state_slice})
            finals.append(final)
            if layer + 1 < len(self.layers):
                ${mask_line}
                out = out * mask
        return ${head_out}, ${finals}
)";

// An image classifier (nn/image_classifiers.h) as the nn.Sequential it is: the state_dict names are the layers'
// positions ("1.weight" for the MLP's first Linear), rnnlab's; forward(x) takes (B, 1, side, side), returns logits.
std::string image_model_class(const ModelConfig& m) {
  const std::string side = std::to_string(m.image_side), hidden = std::to_string(m.hidden_size);
  const std::string classes = std::to_string(m.head_out.value_or(10));
  std::string layers, what;
  if (m.kind == "mlp") {
    what = "Flatten, Linear(" + std::to_string(m.image_side * m.image_side) + ", " + hidden + "), ReLU, Linear";
    layers = "nn.Flatten(), nn.Linear(" + std::to_string(m.image_side * m.image_side) + ", " + hidden +
             "), nn.ReLU(), nn.Linear(" + hidden + ", " + classes + ")";
  } else {
    const int64_t pooled = (m.image_side - m.kernel + 1) / 2;  // stride 1, no padding; MaxPool2d(2) floors
    const std::string features = std::to_string(m.channels * pooled * pooled);
    what = "Conv2d, ReLU, MaxPool2d(2), Flatten, Linear, ReLU, Linear";
    layers = "\n            nn.Conv2d(1, " + std::to_string(m.channels) + ", " + std::to_string(m.kernel) +
             "), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),\n            nn.Linear(" + features + ", " + hidden +
             "), nn.ReLU(), nn.Linear(" + hidden + ", " + classes + "),\n        ";
  }
  return "class Model(nn.Sequential):\n    \"\"\"" + what + ": forward(x) takes (B, 1, " + side + ", " + side +
         ") images, returns (B, " + classes + ") logits.\"\"\"\n\n    def __init__(self):\n        super().__init__(" +
         layers + ")\n";
}

}  // namespace

bool draws_dropout(const ModelConfig& m) { return !m.is_cell() && !m.is_image() && m.num_layers > 1 && m.dropout > 0.0f; }

std::string model_construction(const ModelConfig& m) {
  return draws_dropout(m) ? "Model(dropout_rng=Rng(SEED, 3))" : "Model()";
}

std::string model_class(const ModelConfig& m, ModelInput input, bool last_step) {
  if (m.is_image()) return image_model_class(m);
  const bool lstm = m.cell_kind() == CellKind::Lstm;
  const bool by_hand = draws_dropout(m);
  std::string out = "class Model(nn.Module):\n";
  if (m.is_cell()) {
    out += "    \"\"\"One " + torch_layer(m).substr(3, torch_layer(m).find('(') - 3) +
           " whose hidden state is the logits, stepped over the text by the training loop.\"\"\"\n\n";
    out += "    def __init__(self):\n        super().__init__()\n";
    out += "        self.rnn = " + torch_layer(m) + "\n";
    return out;
  }
  const int64_t features = m.directions() * m.hidden_size;
  const std::string layer_kind = layer_name(m);
  std::string what = m.has_embedding() ? "Embedding, " : "";
  what += (m.bidirectional ? "a bidirectional " : "") + layer_kind + (m.head_out ? " and a Linear head" : "");
  what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
  out += "    \"\"\"" + what + ": forward(x, hidden) -> (output, hidden), hidden as nn." + layer_kind + "'s.\"\"\"\n";
  out += std::string("\n    def __init__(self") + (by_hand ? ", dropout_rng" : "") + "):\n        super().__init__()\n";
  if (m.has_embedding())
    out += "        self.embedding = nn.Embedding(" + std::to_string(m.num_embeddings) + ", " +
           std::to_string(m.embedding_dim) + ")\n";
  out += "        self.rnn = " + torch_layer(m) + "\n";
  if (m.head_out) out += "        self.head = nn.Linear(" + std::to_string(features) + ", " + std::to_string(*m.head_out) + ")\n";
  if (by_hand) {
    std::string options = m.nonlinearity == "relu" ? ", nonlinearity=\"relu\"" : "";
    if (m.batch_first) options += ", batch_first=True";
    if (m.bidirectional) options += ", bidirectional=True";
    out += fill(kLayersByHand, {{"kind", layer_name(m)},
                                {"layers", std::to_string(m.num_layers)},
                                {"input_size", std::to_string(m.input_size)},
                                {"inner_size", std::to_string(features)},
                                {"hidden", std::to_string(m.hidden_size)},
                                {"options", options},
                                {"weight_names", m.bias ? "(\"weight_ih\", \"weight_hh\", \"bias_ih\", \"bias_hh\")"
                                                        : "(\"weight_ih\", \"weight_hh\")"},
                                {"share", std::string(m.bidirectional ? kShareTwo : kShareOne)}});
  }
  out += "\n    def forward(self, x, hidden=None):\n";
  const std::string layout = m.batch_first ? "(B, T, " : "(T, B, ";
  if (input == ModelInput::Indices) {
    if (m.has_embedding())
      out += "        x = self.embedding(x)  # (T, B) character indices -> " + layout + std::to_string(m.embedding_dim) + ")\n";
    else
      out += "        x = nn.functional.one_hot(x, " + std::to_string(m.input_size) + ").float()  # (T, B) -> " + layout +
             std::to_string(m.input_size) + ") one-hot\n";
  }
  // A many-to-one task reads the last step only: out[-1] time-major, the seed's out[:, -1, :] batch_first.
  const std::string out_used = !last_step ? "out" : m.batch_first ? "out[:, -1, :]" : "out[-1]";
  const std::string head_out = m.head_out ? "self.head(" + out_used + ")" : out_used;
  if (by_hand) {
    const std::string mask_shape = m.batch_first ? "(out.shape[1], out.shape[0], out.shape[2])" : "out.shape";
    std::string mask_line = "mask = dropout_mask(" + mask_shape + ", " + py_float(m.dropout) + ", self.dropout_rng)";
    if (m.batch_first) mask_line += ".transpose(0, 1)";
    out += fill(kForwardByHand, {{"head_out", head_out},
                                 {"rows", m.bidirectional ? "slice(2 * layer, 2 * layer + 2)  # both directions"
                                                          : "slice(layer, layer + 1)"},
                                 {"state_slice", lstm ? "(hidden[0][rows], hidden[1][rows])" : "hidden[rows]"},
                                 {"mask_line", mask_line},
                                 {"finals", lstm ? "(torch.cat([h for h, _ in finals]), torch.cat([c for _, c in finals]))"
                                                 : "torch.cat(finals)"}});
    return out;
  }
  out += "        out, hidden = self.rnn(x, hidden)  # " + layout + std::to_string(features) + ")\n";
  out += "        return " + head_out + ", hidden" + (last_step ? "  # the last step's answer: (B, " +
         std::to_string(m.head_out.value_or(features)) + ")" : "") + "\n";
  return out;
}

std::string optimizer_expression(const OptimizerConfig& o) {
  std::vector<std::string> args{"model.parameters()", "lr=" + py_float(o.lr)};
  std::string name;
  if (o.kind == "sgd") {
    name = "SGD";
    if (o.momentum != 0.0f) args.push_back("momentum=" + py_float(o.momentum));
    if (o.dampening != 0.0f) args.push_back("dampening=" + py_float(o.dampening));
    if (o.nesterov) args.emplace_back("nesterov=True");
  } else if (o.kind == "rmsprop") {
    name = "RMSprop";
    if (o.alpha != 0.99f) args.push_back("alpha=" + py_float(o.alpha));
    if (o.eps != 1e-8f) args.push_back("eps=" + py_float(o.eps));
    if (o.momentum != 0.0f) args.push_back("momentum=" + py_float(o.momentum));
    if (o.centered) args.emplace_back("centered=True");
  } else {
    name = "Adam";
    if (o.beta1 != 0.9f || o.beta2 != 0.999f)
      args.push_back("betas=(" + py_float(o.beta1) + ", " + py_float(o.beta2) + ")");
    if (o.eps != 1e-8f) args.push_back("eps=" + py_float(o.eps));
    if (o.amsgrad) args.emplace_back("amsgrad=True");
  }
  if (o.weight_decay != 0.0f) args.push_back("weight_decay=" + py_float(o.weight_decay));
  std::string out = "torch.optim." + name + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ")";
}

std::string clip_line(float clip_norm, int indent) {
  if (!(clip_norm > 0.0f)) return "";
  return std::string(static_cast<size_t>(indent), ' ') + "nn.utils.clip_grad_norm_(model.parameters(), max_norm=" +
         py_float(clip_norm) + ")\n";
}

constexpr std::string_view kRng = R"(MASK64 = 2**64 - 1


class Rng:
    """rnnlab's seeded generator (PCG32, as src/core/rng.cpp), so this program draws what rnnlab draws."""

    def __init__(self, seed, stream):
        self.state, self.inc = 0, (stream << 1 | 1) & MASK64
        self.next_u32()
        self.state = (self.state + seed) & MASK64
        self.next_u32()

    def next_u32(self):
        old = self.state
        self.state = (old * 6364136223846793005 + self.inc) & MASK64
        xorshifted = ((old >> 18 ^ old) >> 27) & 0xFFFFFFFF
        rot = old >> 59
        return (xorshifted >> rot | xorshifted << (32 - rot & 31)) & 0xFFFFFFFF

    def integer(self, lo, hi):
        """Uniform in [lo, hi): draws past the last whole copy of the range are thrown away (no bias)."""
        span = hi - lo
        limit = 2**32 - 2**32 % span
        while True:
            x = self.next_u32()
            if x < limit:
                return lo + x % span

    def uniform(self):
        """Uniform in [0, 1), 24 random bits (a float32)."""
        return (self.next_u32() >> 8) / 2**24
)";

constexpr std::string_view kDropoutMask = R"(

def dropout_mask(shape, p, rng):
    """rnnlab's dropout mask: one draw per element in order, 0 with probability p, else 1 / (1 - p)."""
    p = torch.tensor(p).item()  # the float32 value rnnlab compares with
    keep = 1.0 / (1.0 - p)
    values = [0.0 if rng.uniform() < p else keep for _ in range(shape[0] * shape[1] * shape[2])]
    return torch.tensor(values).view(*shape)
)";

std::string rng_class(bool with_dropout_mask) {
  return std::string(kRng) + (with_dropout_mask ? std::string(kDropoutMask) : "");
}

}  // namespace rnnlab::torch_export
