"""Load an rnnlab model file (rnnlab.state_dict JSON) into PyTorch, and optionally run it.

    /usr/bin/python3 scripts/torch_import.py model.json                    # validate, print a summary
    /usr/bin/python3 scripts/torch_import.py model.json --input in.json    # print the forward pass as JSON
    /usr/bin/python3 scripts/torch_import.py model.json --save-pt model.pt # also save the torch state_dict

in.json is a tensor {"shape": [..], "data": [..]} in the layout the model takes ((T, B, I), (B, T, I) with
batch_first, or (T, I)). The forward pass starts from zero states and prints
{"output": tensor, "h_n": tensor, "c_n": tensor}, with "c_n" only for LSTM kinds; "output" is after the head
when the model has one. Exit status 1 and a message on stderr when the file or the input is refused.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rnnlab_torch  # noqa: E402
import tensor_json  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="the model JSON file")
    parser.add_argument("--input", help="a JSON tensor to run the model on")
    parser.add_argument("--save-pt", help="save the loaded state_dict with torch.save")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    try:
        with open(args.model) as f:
            module, config = rnnlab_torch.from_state_dict_json(json.load(f))
        if args.save_pt:
            torch.save(module.state_dict(), args.save_pt)
        if args.input is None:
            print("config: %s" % tensor_json.dumps(config))
            for name, tensor in module.state_dict().items():
                print("%-24s %s" % (name, list(tensor.shape)))
            return 0
        with open(args.input) as f:
            x = tensor_json.tensor_from_json(json.load(f), "input")
        print(tensor_json.dumps(rnnlab_torch.forward_json(module, config, x)))
    except (ValueError, json.JSONDecodeError) as error:
        print("torch_import: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
