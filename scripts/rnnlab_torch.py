"""rnnlab models in PyTorch, and the rnnlab.state_dict JSON format that moves them to and from the C++ side.

A model is an optional nn.Embedding `embedding`, a recurrent layer `rnn` (nn.RNN / nn.LSTM / nn.GRU, or one of
the cells run over a sequence) and an optional nn.Linear `head` on its output. A model file is

    {"format": "rnnlab.state_dict", "version": 1,
     "config": {"kind", "nonlinearity", "input_size", "hidden_size", "num_layers", "bias", "batch_first",
                "dropout", "bidirectional", "head": null | {"out_features": K}
                [, "embedding": {"num_embeddings": V, "embedding_dim": D}]},
     "tensors": {["embedding.weight": (V, D),] "rnn.weight_ih_l0": {"shape": [..], "data": [..]}, ..., "head.weight": .., "head.bias": ..}}

with tensor names and shapes exactly those of the torch state_dict. Cells: `rnn.weight_ih`, `rnn.weight_hh`,
`rnn.bias_ih`, `rnn.bias_hh`, and num_layers 1, batch_first false, dropout 0, bidirectional false.
LSTM and GRU carry "nonlinearity": "tanh" (they have no choice; anything else is refused).
With an embedding (a layer kind only) input_size equals embedding_dim and the model takes class indices, (T, B)
or (T,) integers in [0, V); the key is left out (not null) when there is none, so older files are unchanged.
A file may carry a "task" object (what the C++ side records about the task); it is read and ignored here.

Library module (no command line): build_module, to_state_dict_json, from_state_dict_json, PRESETS.
The command lines are scripts/torch_export.py and scripts/torch_import.py.
"""
import math
from collections import OrderedDict

import torch
import torch.nn as nn

import tensor_json

FORMAT = "rnnlab.state_dict"
VERSION = 1
SEQUENCE_KINDS = ("rnn", "lstm", "gru")
CELL_KINDS = ("rnn_cell", "lstm_cell", "gru_cell")
LSTM_KINDS = ("lstm", "lstm_cell")
CONFIG_KEYS = ("kind", "nonlinearity", "input_size", "hidden_size", "num_layers", "bias", "batch_first",
               "dropout", "bidirectional", "head")
OPTIONAL_CONFIG_KEYS = ("embedding",)
GATES = {"rnn": 1, "lstm": 4, "gru": 3, "rnn_cell": 1, "lstm_cell": 4, "gru_cell": 3}


def _is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def make_config(kind, input_size, hidden_size, num_layers=1, nonlinearity="tanh", bias=True, batch_first=False,
                dropout=0.0, bidirectional=False, head=None, embedding=None):
    """A complete config dict; head is None or the number of output features; embedding None or (V, D)."""
    config = {
        "kind": kind, "nonlinearity": nonlinearity, "input_size": input_size, "hidden_size": hidden_size,
        "num_layers": num_layers, "bias": bias, "batch_first": batch_first, "dropout": float(dropout),
        "bidirectional": bidirectional, "head": None if head is None else {"out_features": head}}
    if embedding is not None:
        config["embedding"] = {"num_embeddings": embedding[0], "embedding_dim": embedding[1]}
    return validate_config(config)


def validate_config(config):
    """Check every field of a config and return a normalized copy (key order as in CONFIG_KEYS)."""
    if not isinstance(config, dict):
        raise ValueError("config: got %s, expected an object" % type(config).__name__)
    missing = [k for k in CONFIG_KEYS if k not in config]
    unknown = [k for k in config if k not in CONFIG_KEYS + OPTIONAL_CONFIG_KEYS]
    if missing or unknown:
        raise ValueError("config: missing keys %s, unknown keys %s; expected exactly %s"
                         % (missing, unknown, list(CONFIG_KEYS)))
    kind = config["kind"]
    if kind not in SEQUENCE_KINDS + CELL_KINDS:
        raise ValueError("config.kind: got %r, expected one of %s" % (kind, list(SEQUENCE_KINDS + CELL_KINDS)))
    allowed_nonlinearities = ("tanh", "relu") if kind in ("rnn", "rnn_cell") else ("tanh",)
    if config["nonlinearity"] not in allowed_nonlinearities:
        raise ValueError("config.nonlinearity: got %r, expected one of %s for kind %r"
                         % (config["nonlinearity"], list(allowed_nonlinearities), kind))
    for key in ("input_size", "hidden_size", "num_layers"):
        value = config[key]
        if not _is_int(value) or value < 1:
            raise ValueError("config.%s: got %r, expected a positive integer" % (key, value))
    for key in ("bias", "batch_first", "bidirectional"):
        if not isinstance(config[key], bool):
            raise ValueError("config.%s: got %r, expected true or false" % (key, config[key]))
    dropout = config["dropout"]
    if not _is_number(dropout) or not 0.0 <= dropout < 1.0:
        raise ValueError("config.dropout: got %r, expected a number in [0, 1)" % (dropout,))
    if kind in CELL_KINDS:
        for key, expected in (("num_layers", 1), ("batch_first", False), ("dropout", 0.0), ("bidirectional", False)):
            if config[key] != expected:
                raise ValueError("config.%s: got %r, expected %r for a cell (kind %r)"
                                 % (key, config[key], expected, kind))
    head = config["head"]
    if head is not None:
        if not isinstance(head, dict) or list(head.keys()) != ["out_features"]:
            raise ValueError('config.head: got %r, expected null or {"out_features": K}' % (head,))
        if not _is_int(head["out_features"]) or head["out_features"] < 1:
            raise ValueError("config.head.out_features: got %r, expected a positive integer" % (head["out_features"],))
        head = {"out_features": head["out_features"]}
    normalized = {key: config[key] for key in CONFIG_KEYS}
    normalized["dropout"] = float(dropout)
    normalized["head"] = head
    embedding = config.get("embedding")
    if embedding is not None:
        if not isinstance(embedding, dict) or sorted(embedding.keys()) != ["embedding_dim", "num_embeddings"]:
            raise ValueError('config.embedding: got %r, expected {"num_embeddings": V, "embedding_dim": D}'
                             % (embedding,))
        for key in ("num_embeddings", "embedding_dim"):
            if not _is_int(embedding[key]) or embedding[key] < 1:
                raise ValueError("config.embedding.%s: got %r, expected a positive integer" % (key, embedding[key]))
        if kind in CELL_KINDS:
            raise ValueError("config.embedding: a cell (kind %r) takes one-hot inputs, expected no embedding" % kind)
        if config["input_size"] != embedding["embedding_dim"]:
            raise ValueError("config.input_size: got %r, expected the embedding_dim %r"
                             % (config["input_size"], embedding["embedding_dim"]))
        normalized["embedding"] = {"num_embeddings": embedding["num_embeddings"],
                                   "embedding_dim": embedding["embedding_dim"]}
    return normalized


# The models the project talks about by name. Each is a config; the weights come from torch's init under a seed.
PRESETS = OrderedDict([
    ("hello", make_config("rnn_cell", 4, 4)),                                                  # hello -> ohlol
    ("sine", make_config("rnn", 1, 10, num_layers=2, batch_first=True, head=1)),
    ("lstm2_bi_head", make_config("lstm", 3, 4, num_layers=2, bidirectional=True, head=5)),
    ("gru1_bf_head", make_config("gru", 3, 4, batch_first=True, head=5)),
    ("char_lstm_emb", make_config("lstm", 4, 6, num_layers=2, head=7, embedding=(7, 4))),  # the text task's shape
])


def expected_shapes(config):
    """OrderedDict tensor name -> shape, in torch's state_dict order, worked out from the config alone."""
    kind, H, I = config["kind"], config["hidden_size"], config["input_size"]
    rows = GATES[kind] * H
    shapes = OrderedDict()
    if config.get("embedding") is not None:
        shapes["embedding.weight"] = [config["embedding"]["num_embeddings"], config["embedding"]["embedding_dim"]]
    if kind in CELL_KINDS:
        shapes["rnn.weight_ih"] = [rows, I]
        shapes["rnn.weight_hh"] = [rows, H]
        if config["bias"]:
            shapes["rnn.bias_ih"] = [rows]
            shapes["rnn.bias_hh"] = [rows]
        features = H
    else:
        directions = 2 if config["bidirectional"] else 1
        for layer in range(config["num_layers"]):
            layer_input = I if layer == 0 else H * directions
            for suffix in ("", "_reverse")[:directions]:
                shapes["rnn.weight_ih_l%d%s" % (layer, suffix)] = [rows, layer_input]
                shapes["rnn.weight_hh_l%d%s" % (layer, suffix)] = [rows, H]
                if config["bias"]:
                    shapes["rnn.bias_ih_l%d%s" % (layer, suffix)] = [rows]
                    shapes["rnn.bias_hh_l%d%s" % (layer, suffix)] = [rows]
        features = H * directions
    if config["head"] is not None:
        shapes["head.weight"] = [config["head"]["out_features"], features]
        shapes["head.bias"] = [config["head"]["out_features"]]
    return shapes


class RnnLabModel(nn.Module):
    """(embedding +) rnn (+ head). forward(x, h0=None, c0=None) -> (head(out) or out, h_n, c_n or None).

    With an embedding, x is class indices (T, B) or (T,) and rnn runs on embedding(x).

    Sequence kinds take what torch takes: (T, B, I), (B, T, I) with batch_first, or unbatched (T, I).
    Cells take (T, B, I) or (T, I) and run h_t = cell(x_t, h_{t-1}); out stacks the h_t, h_n is the last h
    (B, H) and c_n the last c. A missing h0 or c0 starts from zeros.
    """

    def __init__(self, config):
        super().__init__()
        self.config = validate_config(config)
        c = self.config
        kind = c["kind"]
        if c.get("embedding") is not None:  # registered first: state_dict order embedding, rnn, head
            self.embedding = nn.Embedding(c["embedding"]["num_embeddings"], c["embedding"]["embedding_dim"])
        else:
            self.embedding = None
        if kind in SEQUENCE_KINDS:
            common = dict(input_size=c["input_size"], hidden_size=c["hidden_size"], num_layers=c["num_layers"],
                          bias=c["bias"], batch_first=c["batch_first"], dropout=c["dropout"],
                          bidirectional=c["bidirectional"])
            if kind == "rnn":
                self.rnn = nn.RNN(nonlinearity=c["nonlinearity"], **common)
            elif kind == "lstm":
                self.rnn = nn.LSTM(**common)
            else:
                self.rnn = nn.GRU(**common)
            features = c["hidden_size"] * (2 if c["bidirectional"] else 1)
        else:
            if kind == "rnn_cell":
                self.rnn = nn.RNNCell(c["input_size"], c["hidden_size"], bias=c["bias"], nonlinearity=c["nonlinearity"])
            elif kind == "lstm_cell":
                self.rnn = nn.LSTMCell(c["input_size"], c["hidden_size"], bias=c["bias"])
            else:
                self.rnn = nn.GRUCell(c["input_size"], c["hidden_size"], bias=c["bias"])
            features = c["hidden_size"]
        self.head = nn.Linear(features, c["head"]["out_features"]) if c["head"] is not None else None

    def forward(self, x, h0=None, c0=None):
        kind = self.config["kind"]
        is_lstm = kind in LSTM_KINDS
        if self.embedding is not None:
            x = self.embedding(x)
        if kind in SEQUENCE_KINDS:
            if is_lstm:
                state = None
                if h0 is not None or c0 is not None:
                    state_shape = (h0 if h0 is not None else c0).shape
                    state = (h0 if h0 is not None else torch.zeros(state_shape),
                             c0 if c0 is not None else torch.zeros(state_shape))
                out, (h_n, c_n) = self.rnn(x, state)
            else:
                out, h_n = self.rnn(x, h0)
                c_n = None
        else:
            h, c = h0, c0
            if is_lstm and (h is None) != (c is None):
                h = h if h is not None else torch.zeros_like(c)
                c = c if c is not None else torch.zeros_like(h)
            hs = []
            for x_t in x:  # x_t (B, I) or (I,)
                if is_lstm:
                    h, c = self.rnn(x_t, None if h is None else (h, c))
                else:
                    h = self.rnn(x_t, h)
                hs.append(h)
            out = torch.stack(hs)  # (T, B, H)
            h_n, c_n = h, (c if is_lstm else None)
        if self.head is not None:
            out = self.head(out)
        return out, h_n, c_n


def build_module(config):
    """A model with torch's default init (draws from torch's global generator: seed it first)."""
    module = RnnLabModel(config)
    shapes = OrderedDict((name, list(t.shape)) for name, t in module.state_dict().items())
    assert shapes == expected_shapes(module.config), "expected_shapes disagrees with torch"
    return module


def to_state_dict_json(module, config):
    """The rnnlab.state_dict JSON object (a dict) for a module built from config."""
    config = validate_config(config)
    state = module.state_dict()
    shapes = expected_shapes(config)
    if list(state.keys()) != list(shapes.keys()):
        raise ValueError("module: state_dict names %s do not match config, expected %s"
                         % (list(state.keys()), list(shapes.keys())))
    for name, shape in shapes.items():
        if list(state[name].shape) != shape:
            raise ValueError("module.%s: got shape %s, expected %s" % (name, list(state[name].shape), shape))
    return {"format": FORMAT, "version": VERSION, "config": config,
            "tensors": OrderedDict((name, tensor_json.tensor_to_json(t)) for name, t in state.items())}


def from_state_dict_json(obj):
    """rnnlab.state_dict JSON object -> (module, config). Refuses anything missing, extra or misshapen.

    Leaves torch's global generator as it was (the module's init is drawn and then overwritten).
    """
    if not isinstance(obj, dict):
        raise ValueError("model: got %s, expected a JSON object" % type(obj).__name__)
    expected_keys = {"format", "version", "config", "tensors"}
    if set(obj.keys()) - {"task"} != expected_keys:
        raise ValueError("model: got keys %s, expected exactly %s (and an optional task)"
                         % (sorted(obj.keys()), sorted(expected_keys)))
    if obj["format"] != FORMAT:
        raise ValueError("model.format: got %r, expected %r" % (obj["format"], FORMAT))
    if not _is_int(obj["version"]) or obj["version"] != VERSION:
        raise ValueError("model.version: got %r, expected %d" % (obj["version"], VERSION))
    config = validate_config(obj["config"])
    tensors = obj["tensors"]
    if not isinstance(tensors, dict):
        raise ValueError("model.tensors: got %s, expected an object" % type(tensors).__name__)
    state = load_named_tensors(config, {name: tensor_json.tensor_from_json(value, "model.tensors[%r]" % name)
                                        for name, value in tensors.items()}, "model.tensors")
    with torch.random.fork_rng(devices=[]):
        module = build_module(config)
    module.load_state_dict(state, strict=True)
    module.eval()
    return module, config


def load_named_tensors(config, named, what):
    """Check a name -> tensor mapping against the config; return it as an OrderedDict in state_dict order."""
    shapes = expected_shapes(config)
    missing = [name for name in shapes if name not in named]
    unknown = [name for name in named if name not in shapes]
    if missing or unknown:
        raise ValueError("%s: missing %s, unknown %s; expected exactly %s"
                         % (what, missing, unknown, list(shapes.keys())))
    state = OrderedDict()
    for name, shape in shapes.items():
        tensor = named[name]
        if list(tensor.shape) != shape:
            raise ValueError("%s[%r]: got shape %s, expected %s" % (what, name, list(tensor.shape), shape))
        if not torch.isfinite(tensor).all():
            raise ValueError("%s[%r]: holds a NaN or infinity, expected finite numbers" % (what, name))
        state[name] = tensor.detach().to(torch.float32).clone()
    return state


def check_input(config, x, what="input"):
    """Refuse an input whose rank or feature size the model cannot take."""
    if config.get("embedding") is not None:
        classes = config["embedding"]["num_embeddings"]
        if x.dim() not in (1, 2) or x.dtype.is_floating_point and not torch.equal(x, x.round()):
            raise ValueError("%s: got shape %s, expected class indices (T, B) or (T,)" % (what, list(x.shape)))
        if x.numel() and (x.min() < 0 or x.max() >= classes):
            raise ValueError("%s: got indices outside [0, %d)" % (what, classes))
        return
    ranks = (3, 2)
    if x.dim() not in ranks:
        raise ValueError("%s: got shape %s, expected rank 3 (%s) or rank 2 (T, I)" % (
            what, list(x.shape), "(B, T, I)" if config["batch_first"] else "(T, B, I)"))
    if x.shape[-1] != config["input_size"]:
        raise ValueError("%s: got shape %s, expected the last dimension to be input_size %d"
                         % (what, list(x.shape), config["input_size"]))


def forward_json(module, config, x):
    """Run the model on x and return {"output", "h_n"[, "c_n"]} as JSON tensors (c_n for LSTM kinds only)."""
    check_input(config, x)
    if config.get("embedding") is not None:
        x = x.long()
    with torch.no_grad():
        out, h_n, c_n = module(x)
    result = {"output": tensor_json.tensor_to_json(out), "h_n": tensor_json.tensor_to_json(h_n)}
    if config["kind"] in LSTM_KINDS:
        result["c_n"] = tensor_json.tensor_to_json(c_n)
    return result
