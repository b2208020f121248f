"""Tests for the torch side of the rnnlab.state_dict format (rnnlab_torch.py, tensor_json.py).

    /usr/bin/python3 scripts/test_rnnlab_torch.py
"""
import copy
import json
import os
import sys
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rnnlab_torch  # noqa: E402
import tensor_json  # noqa: E402

ALL_KINDS = [
    rnnlab_torch.make_config("rnn", 3, 4, num_layers=2, nonlinearity="relu", bidirectional=True, head=2),
    rnnlab_torch.make_config("lstm", 3, 4, num_layers=3, bias=False, batch_first=True),
    rnnlab_torch.make_config("gru", 2, 5, bidirectional=True),
    rnnlab_torch.make_config("rnn_cell", 4, 4, nonlinearity="relu", head=3),
    rnnlab_torch.make_config("lstm_cell", 3, 2, bias=False),
    rnnlab_torch.make_config("gru_cell", 3, 2, head=1),
] + [c for c in rnnlab_torch.PRESETS.values() if "embedding" not in c]  # float inputs


def exported(config, seed=0):
    torch.manual_seed(seed)
    module = rnnlab_torch.build_module(config)
    # Through text, as a file would go.
    return module, json.loads(tensor_json.dumps(rnnlab_torch.to_state_dict_json(module, config)))


class RoundTrip(unittest.TestCase):
    def test_export_then_import_gives_identical_tensors_and_outputs(self):
        for config in ALL_KINDS:
            with self.subTest(config=config):
                module, obj = exported(config)
                loaded, loaded_config = rnnlab_torch.from_state_dict_json(obj)
                self.assertEqual(loaded_config, config)
                self.assertEqual(list(loaded.state_dict()), list(module.state_dict()))
                for name, tensor in module.state_dict().items():
                    self.assertTrue(torch.equal(loaded.state_dict()[name], tensor), name)
                shape = (6, 2, config["input_size"])
                if config["batch_first"]:
                    shape = (2, 6, config["input_size"])
                x = torch.randn(shape)
                with torch.no_grad():
                    for a, b in zip(module(x), loaded(x)):
                        self.assertTrue(a is None and b is None or torch.equal(a, b))

    def test_embedding_round_trips_and_takes_indices(self):
        config = rnnlab_torch.make_config("gru", 3, 4, head=5, embedding=(5, 3))
        module, obj = exported(config)
        self.assertEqual(list(obj["tensors"])[0], "embedding.weight")
        self.assertEqual(obj["config"]["embedding"], {"num_embeddings": 5, "embedding_dim": 3})
        loaded, loaded_config = rnnlab_torch.from_state_dict_json(obj)
        self.assertEqual(loaded_config, config)
        x = torch.tensor([[0, 4], [2, 2], [1, 3]])
        with torch.no_grad():
            self.assertTrue(torch.equal(module(x)[0], loaded(x)[0]))
        self.assertNotIn("embedding", rnnlab_torch.make_config("gru", 3, 4))  # older files stay as they were
        with self.assertRaisesRegex(ValueError, "input_size: got 4, expected the embedding_dim 3"):
            rnnlab_torch.make_config("gru", 4, 4, embedding=(5, 3))
        with self.assertRaisesRegex(ValueError, "outside"):
            rnnlab_torch.forward_json(loaded, config, torch.tensor([[5.0]]))

    def test_import_leaves_the_global_generator_alone(self):
        _, obj = exported(ALL_KINDS[0])
        torch.manual_seed(7)
        expected = torch.rand(3)
        torch.manual_seed(7)
        rnnlab_torch.from_state_dict_json(obj)
        self.assertTrue(torch.equal(torch.rand(3), expected))

    def test_cell_over_a_sequence_matches_the_unrolled_cell(self):
        config = rnnlab_torch.make_config("lstm_cell", 3, 4)
        torch.manual_seed(1)
        module = rnnlab_torch.build_module(config)
        x, h0, c0 = torch.randn(5, 2, 3), torch.randn(2, 4), torch.randn(2, 4)
        out, h_n, c_n = module(x, h0, c0)
        h, c = h0, c0
        for t in range(5):
            h, c = module.rnn(x[t], (h, c))
            self.assertTrue(torch.equal(out[t], h))
        self.assertTrue(torch.equal(h_n, h) and torch.equal(c_n, c))

    def test_float32_round_trips_through_nine_digits(self):
        torch.manual_seed(2)
        x = torch.randn(10000) * torch.logspace(-30, 30, 10000)
        back = tensor_json.tensor_from_json(json.loads(tensor_json.dumps(tensor_json.tensor_to_json(x))))
        self.assertTrue(torch.equal(back, x))


class Refusals(unittest.TestCase):
    def setUp(self):
        _, self.obj = exported(rnnlab_torch.PRESETS["lstm2_bi_head"])

    def refused(self, mutate, *words):
        obj = copy.deepcopy(self.obj)
        mutate(obj)
        with self.assertRaises(ValueError) as caught:
            rnnlab_torch.from_state_dict_json(obj)
        for word in words:
            self.assertIn(word, str(caught.exception))

    def test_wrong_format_and_version(self):
        self.refused(lambda o: o.update(format="torch"), "model.format", "'torch'", "rnnlab.state_dict")
        self.refused(lambda o: o.update(version=2), "model.version", "2")
        self.refused(lambda o: o.update(version=True), "model.version")
        self.refused(lambda o: o.update(extra=1), "model", "extra")

    def test_bad_config_fields(self):
        self.refused(lambda o: o["config"].update(kind="transformer"), "config.kind", "transformer")
        self.refused(lambda o: o["config"].update(nonlinearity="relu"), "config.nonlinearity", "lstm")
        self.refused(lambda o: o["config"].update(hidden_size=0), "config.hidden_size", "0")
        self.refused(lambda o: o["config"].update(num_layers=2.5), "config.num_layers")
        self.refused(lambda o: o["config"].update(bias=1), "config.bias")
        self.refused(lambda o: o["config"].update(dropout=1.0), "config.dropout")
        self.refused(lambda o: o["config"].pop("batch_first"), "config", "batch_first")
        self.refused(lambda o: o["config"].update(proj_size=0), "config", "proj_size")
        self.refused(lambda o: o["config"].update(head={"out_features": 5, "bias": False}), "config.head")
        self.refused(lambda o: o["config"].update(kind="lstm_cell"), "config.num_layers", "cell")

    def test_missing_extra_and_misshapen_tensors(self):
        self.refused(lambda o: o["tensors"].pop("rnn.bias_hh_l1_reverse"), "missing", "rnn.bias_hh_l1_reverse")
        self.refused(lambda o: o["tensors"].update({"rnn.weight_ih_l2": o["tensors"]["rnn.weight_ih_l1"]}),
                     "unknown", "rnn.weight_ih_l2")
        def transpose(o):
            o["tensors"]["rnn.weight_ih_l0"]["shape"] = [3, 16]
        self.refused(transpose, "rnn.weight_ih_l0", "[3, 16]", "[16, 3]")
        self.refused(lambda o: o["tensors"]["head.bias"]["data"].pop(), "head.bias", "4 numbers", "expected 5")
        self.refused(lambda o: o["tensors"]["head.bias"]["data"].__setitem__(0, "1"), "head.bias", "data[0]")
        self.refused(lambda o: o["tensors"]["head.bias"]["data"].__setitem__(0, float("nan")), "finite")
        # A head after a bidirectional layer takes 2H inputs.
        def narrow_head(o):
            o["tensors"]["head.weight"] = {"shape": [5, 4], "data": [0.0] * 20}
        self.refused(narrow_head, "head.weight", "[5, 4]", "[5, 8]")

    def test_input_of_the_wrong_size(self):
        module, config = rnnlab_torch.from_state_dict_json(self.obj)
        with self.assertRaises(ValueError) as caught:
            rnnlab_torch.forward_json(module, config, torch.zeros(6, 2, 4))
        self.assertIn("input_size 3", str(caught.exception))


if __name__ == "__main__":
    torch.set_num_threads(1)
    unittest.main()
