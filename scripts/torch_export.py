"""Write an rnnlab model file (rnnlab.state_dict JSON) from PyTorch.

The architecture comes from a preset name or a config JSON file (the "config" object of the format, or a
whole model file whose config is reused); the weights come from torch's default init under --seed, or from a
.pt file holding a state_dict (or a pickled module).

    /usr/bin/python3 scripts/torch_export.py --preset hello --seed 0 -o hello.model.json
    /usr/bin/python3 scripts/torch_export.py --config config.json --state-dict trained.pt -o model.json
    /usr/bin/python3 scripts/torch_export.py --list-presets

A .pt state_dict may use the model's names (embedding.*, rnn.*, head.*) or be the bare recurrent layer's state_dict
(weight_ih_l0, ...), which is taken as `rnn`. Writes to stdout without -o.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rnnlab_torch  # noqa: E402
import tensor_json  # noqa: E402


def read_config(path):
    with open(path) as f:
        obj = json.load(f)
    if isinstance(obj, dict) and "config" in obj and "tensors" in obj:
        obj = obj["config"]
    return rnnlab_torch.validate_config(obj)


def read_state_dict(path, config):
    loaded = torch.load(path, map_location="cpu")
    if isinstance(loaded, torch.nn.Module):
        loaded = loaded.state_dict()
    if not isinstance(loaded, dict):
        raise ValueError("--state-dict %s: got a %s, expected a state_dict or a module" % (path, type(loaded).__name__))
    if not any(name.startswith(("embedding.", "rnn.", "head.")) for name in loaded):
        loaded = {"rnn." + name: tensor for name, tensor in loaded.items()}
    return rnnlab_torch.load_named_tensors(config, loaded, "--state-dict %s" % path)


def export(config, seed=0, state_dict_path=None):
    """The model file as a dict."""
    torch.manual_seed(seed)
    module = rnnlab_torch.build_module(config)
    if state_dict_path is not None:
        module.load_state_dict(read_state_dict(state_dict_path, config), strict=True)
    return rnnlab_torch.to_state_dict_json(module, config)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--preset", choices=list(rnnlab_torch.PRESETS), help="a named architecture")
    source.add_argument("--config", help="a JSON file holding the config (or a model file)")
    source.add_argument("--list-presets", action="store_true", help="print the presets' configs and exit")
    parser.add_argument("--seed", type=int, default=0, help="torch.manual_seed before the default init (default 0)")
    parser.add_argument("--state-dict", help="a .pt file with the weights (instead of the seeded init)")
    parser.add_argument("-o", "--output", help="where to write the model JSON (default: stdout)")
    args = parser.parse_args(argv)

    if args.list_presets:
        print(tensor_json.dumps(rnnlab_torch.PRESETS))
        return 0
    torch.set_num_threads(1)
    config = rnnlab_torch.PRESETS[args.preset] if args.preset else read_config(args.config)
    try:
        model = export(config, args.seed, args.state_dict)
    except ValueError as error:
        print("torch_export: %s" % error, file=sys.stderr)
        return 1
    if args.output:
        tensor_json.write(args.output, model)
    else:
        print(tensor_json.dumps(model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
