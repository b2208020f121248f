// The torch export's pieces (src/export): Python literals that read back to rnnlab's exact values, the template
// filler, the optimizer and clipping lines for every optimizer, the model class for cells, layers, embeddings and
// dropout, and the whole program's frame. That the programs train as rnnlab does is scripts/test_torch_export.py's
// check (it runs them under torch); the CLI's messages are in tests/cli/test_cli_export.cpp.
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <regex>

#include "export/python_text.h"
#include "io/float_format.h"
#include "export/torch_model.h"
#include "export/torch_program.h"
#include "tasks/config_schema.h"
#include "tasks/text_corpus.h"
#include "tasks/digits_data.h"
#include "tasks/trainer.h"

using namespace rnnlab;
using namespace rnnlab::torch_export;

TEST_CASE("torch export: Python literals") {
  CHECK(py_string("hello") == "\"hello\"");
  CHECK(py_string("a\"b\\c\nd\te\rf\x01g\x7f") == "\"a\\\"b\\\\c\\nd\\te\\rf\\x01g\\x7f\"");
  CHECK(py_string("\xe4\xbd\xa0\xe5\xa5\xbd") == "\"\xe4\xbd\xa0\xe5\xa5\xbd\"");  // UTF-8 stays as it is
  CHECK(py_float(0.1f) == "0.1");
  CHECK(py_float(5.0f) == "5.0");
  CHECK(py_float(1e-8f) == "1e-8");
  CHECK(py_float(-0.0f) == "-0.0");
  CHECK_THROWS_WITH_AS(py_float(NAN), "py_float: nan is not finite", Error);
  CHECK(py_bool(true) == "True");
  CHECK(wrap("one two three four", 9) == "one two\nthree\nfour");
}

TEST_CASE("torch export: fill puts each value in its holes and refuses a hole or a value left over") {
  CHECK(fill("x = ${a}; y = ${b}; z = ${a}", {{"a", "1"}, {"b", "{}"}}) == "x = 1; y = {}; z = 1");
  CHECK_THROWS_WITH_AS(fill("${a} ${c}", {{"a", "1"}}), "fill: no value for ${c}", Error);
  CHECK_THROWS_WITH_AS(fill("${a}", {{"a", "1"}, {"b", "2"}}), "fill: no hole ${b}", Error);
}

TEST_CASE("torch export: the state dict literal reads back to the same float32 bits") {
  ModelConfig m;
  m.kind = "gru";
  m.input_size = 3;
  m.hidden_size = 5;
  m.head_out = 2;
  Rng rng(11);
  SequenceModel model(m, rng);
  const std::string text = py_state_dict(model);
  for (const NamedParameter& p : model.named_parameters()) {
    const size_t at = text.find("\"" + p.name + "\": ([");
    REQUIRE(at != std::string::npos);
    const size_t open = text.find("], [", at) + 4, close = text.find("])", open);
    const std::string values = text.substr(open, close - open);
    const char* s = values.c_str();
    char* end = nullptr;
    for (int64_t i = 0; i < p.param->value.numel(); ++i) {
      const float back = std::strtof(s, &end);  // as torch.tensor(python float) rounds it
      REQUIRE(end != s);
      CHECK(std::memcmp(&back, &p.param->value[i], sizeof back) == 0);
      s = end;
      while (*s == ',' || *s == ' ' || *s == '\n') ++s;
    }
    CHECK(*s == '\0');
  }
  CHECK(text.find("\"rnn.weight_ih_l0\": ([15, 3], [") != std::string::npos);
  CHECK(text.find("\"head.bias\": ([2], [") != std::string::npos);
}

TEST_CASE("torch export: each optimizer with the settings that differ from torch's defaults") {
  OptimizerConfig o;
  o.lr = 0.1f;
  CHECK(optimizer_expression(o) == "torch.optim.Adam(model.parameters(), lr=0.1)");
  o.beta2 = 0.99f, o.eps = 1e-6f, o.amsgrad = true, o.weight_decay = 0.01f;
  CHECK(optimizer_expression(o) ==
        "torch.optim.Adam(model.parameters(), lr=0.1, betas=(0.9, 0.99), eps=1e-6, amsgrad=True, weight_decay=0.01)");
  OptimizerConfig sgd;
  sgd.kind = "sgd", sgd.lr = 0.5f, sgd.momentum = 0.9f, sgd.nesterov = true;
  CHECK(optimizer_expression(sgd) == "torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9, nesterov=True)");
  sgd.nesterov = false, sgd.dampening = 0.1f;
  CHECK(optimizer_expression(sgd) == "torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9, dampening=0.1)");
  OptimizerConfig rms;
  rms.kind = "rmsprop", rms.lr = 0.01f, rms.alpha = 0.9f, rms.momentum = 0.5f, rms.centered = true;
  CHECK(optimizer_expression(rms) ==
        "torch.optim.RMSprop(model.parameters(), lr=0.01, alpha=0.9, momentum=0.5, centered=True)");
  CHECK(clip_line(0.0f, 8).empty());
  CHECK(clip_line(5.0f, 8) == "        nn.utils.clip_grad_norm_(model.parameters(), max_norm=5.0)\n");
}

TEST_CASE("torch export: the model class uses torch's modules and rnnlab's attribute names") {
  ModelConfig cell;
  cell.kind = "rnn_cell", cell.nonlinearity = "relu", cell.input_size = 4, cell.hidden_size = 4;
  const std::string c = model_class(cell, ModelInput::Features);
  CHECK(c.find("        self.rnn = nn.RNNCell(4, 4, nonlinearity=\"relu\")\n") != std::string::npos);
  CHECK(c.find("def forward") == std::string::npos);  // the loop steps the cell, as the seed
  CHECK(model_construction(cell) == "Model()");

  ModelConfig text;  // the text preset's shape
  text.kind = "lstm", text.input_size = 128, text.hidden_size = 128, text.num_layers = 2, text.head_out = 65;
  text.embedding_dim = 128, text.num_embeddings = 65;
  const std::string t = model_class(text, ModelInput::Indices);
  CHECK(t.find("        self.embedding = nn.Embedding(65, 128)\n"
                "        self.rnn = nn.LSTM(128, 128, num_layers=2)\n"
                "        self.head = nn.Linear(128, 65)\n") != std::string::npos);
  CHECK(t.find("x = self.embedding(x)") != std::string::npos);
  CHECK(!draws_dropout(text));

  text.embedding_dim = 0, text.num_embeddings = 0, text.input_size = 65;  // one-hot
  CHECK(model_class(text, ModelInput::Indices).find("x = nn.functional.one_hot(x, 65).float()") != std::string::npos);

  ModelConfig gru;  // dropout between layers: the layers run one at a time with rnnlab's masks
  gru.kind = "gru", gru.input_size = 3, gru.hidden_size = 4, gru.num_layers = 2, gru.bidirectional = true;
  gru.dropout = 0.25f, gru.batch_first = true, gru.head_out = 1;
  const std::string g = model_class(gru, ModelInput::Features);
  CHECK(draws_dropout(gru));
  CHECK(model_construction(gru) == "Model(dropout_rng=Rng(SEED, 3))");
  CHECK(g.find("self.rnn = nn.GRU(3, 4, num_layers=2, batch_first=True, dropout=0.25, bidirectional=True)") != std::string::npos);
  CHECK(g.find("one = nn.GRU(3 if layer == 0 else 8, 4, batch_first=True, bidirectional=True)") != std::string::npos);
  CHECK(g.find("mask = dropout_mask((out.shape[1], out.shape[0], out.shape[2]), 0.25, self.dropout_rng).transpose(0, 1)") !=
        std::string::npos);
  CHECK(rng_class(true).find("def dropout_mask(shape, p, rng):") != std::string::npos);
  CHECK(rng_class(false).find("dropout_mask") == std::string::npos);
}

TEST_CASE("torch export: the program for the hello seed, and what cannot be exported") {
  Trainer trainer(hello_preset());
  RunExport request;
  request.steps = 15;
  const std::string program = export_run(trainer, request);
  CHECK(program.rfind("\"\"\"hello -> ohlol in PyTorch, exported from rnnlab.\n", 0) == 0);
  for (const char* line : {"input_text = \"hello\"\n", "EPOCHS = 15\n", "        self.rnn = nn.RNNCell(4, 4)\n",
                           "    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)\n", "WEIGHTS = {\n",
                           "if __name__ == \"__main__\":\n    main()\n"})
    CHECK_MESSAGE(program.find(line) != std::string::npos, line);
  CHECK(program.find("Rng") == std::string::npos);  // nothing is drawn: no generator
  CHECK(program.find("drawn by rnnlab from seed 0") != std::string::npos);
  request.steps = 0;  // the task's default: the CLI's 15 epochs
  CHECK(export_run(trainer, request).find("EPOCHS = 15\n") != std::string::npos);

  request.weights = Weights::Current;
  CHECK_THROWS_WITH_AS(export_run(trainer, request), "weights: \"current\" needs a saved model", Error);

  TrainerConfig text = text_preset();
  text.text.seq_len = 8, text.hidden_size = 8, text.text.embedding = 4;
  text.corpus = std::make_shared<const TextCorpus>(std::string(200, 'a') + std::string(200, 'b'), text.text.seq_len);
  Trainer text_trainer(text);
  try {
    (void)export_run(text_trainer, RunExport{});
    FAIL("a text export without a corpus path");
  } catch (const ConfigError& e) {
    CHECK(e.key().key == "corpus");
  }
  RunExport with_path;
  with_path.corpus_path = "corpus.txt";
  const std::string text_program = export_run(text_trainer, with_path);
  CHECK(text_program.find("CORPUS = \"corpus.txt\"") != std::string::npos);
  CHECK(text_program.find("SEED = 0  # rnnlab's seed: Rng(SEED, 2) draws the data, as in rnnlab\n") != std::string::npos);
}

TEST_CASE("torch export: a saved model is checked against the config, and its weights start the run when asked") {
  Trainer trained(seq_layer_preset("abc", "bca"));
  for (int i = 0; i < 3; ++i) trained.step();
  RunExport request;
  request.model_text = trained.save();
  Trainer fresh(seq_layer_preset("abc", "bca"));
  CHECK(export_run(fresh, request).find("EPOCHS = 3\n") != std::string::npos);  // the model's iteration
  request.weights = Weights::Current;
  const std::string current = export_run(fresh, request);
  CHECK(current.find("the saved model's, at iteration 3") != std::string::npos);
  char first[io::kNumberTextCapacity];
  const Tensor& bias = trained.model().find_parameter("head.bias")->value;
  const std::string expected = "\"head.bias\": ([3], [\n        " + std::string(first, io::format_shortest(bias[0], first));
  CHECK(current.find(expected) != std::string::npos);

  TrainerConfig other = seq_layer_preset("abc", "bca");
  other.hidden_size = 7;
  Trainer wider(other);
  request.weights = Weights::Initial;
  CHECK_THROWS_WITH_AS(export_run(wider, request),
                       "the model is lstm, 1 layer of 16, input 3, head 3, the config builds lstm, 1 layer of 7, input 3, "
                       "head 3: give the run's config, or start from the saved weights (weights current)",
                       Error);
}

TEST_CASE("torch export: the remember task answers from the last step, with rnnlab's sequences") {
  TrainerConfig config = remember_preset();
  config.remember.length = 12, config.remember.distance = 3, config.remember.symbols = 5;
  Trainer trainer(config);
  RunExport request;
  request.steps = 0;  // the task's default: the CLI's 1000 steps
  const std::string program = export_run(trainer, request);
  for (const char* line : {"SYMBOLS = 5  # K: distinct symbols, each a class (one-hot inputs), written ABCDE\n",
                           "LENGTH = 12  # T: symbols per sequence\n",
                           "POSITION = 9  # the answer is the symbol at this position (0-based): 3 steps back from the end\n",
                           "BATCH = 32  # B: sequences per step\n", "STEPS = 1000\n",
                           "        x = nn.functional.one_hot(x, 5).float()  # (T, B) -> (T, B, 5) one-hot\n",
                           "        return self.head(out[-1]), hidden  # the last step's answer: (B, 5)\n",
                           "    data_rng = Rng(SEED, 2)  # rnnlab's data generator: the sequences\n",
                           "        nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)\n"})
    CHECK_MESSAGE(program.find(line) != std::string::npos, line);
}

TEST_CASE("torch export: the tag task answers at every step, with rnnlab's sequences and tags") {
  TrainerConfig config = tag_preset();
  config.remember.length = 10, config.remember.symbols = 5, config.bidirectional = true;
  Trainer trainer(config);
  const std::string program = export_run(trainer, RunExport{});
  for (const char* line : {"SYMBOLS = 5  # K: distinct symbols (one-hot inputs), written ABCDE\n",
                           "LENGTH = 10  # T: symbols per sequence\n", "BATCH = 32  # B: sequences per step\n",
                           "STEPS = 1000\n", "        self.rnn = nn.LSTM(5, 16, bidirectional=True)\n",
                           "        self.head = nn.Linear(32, 2)\n",
                           "        x = nn.functional.one_hot(x, 5).float()  # (T, B) -> (T, B, 5) one-hot\n",
                           "        return self.head(out), hidden\n",
                           "        loss = criterion(logits.view(-1, 2), y.view(-1))\n",
                           "    data_rng = Rng(SEED, 2)  # rnnlab's data generator: the sequences\n"})
    CHECK_MESSAGE(program.find(line) != std::string::npos, line);
}

TEST_CASE("torch export: the classify task carries its classes, rnnlab's split and each string's last step") {
  TrainerConfig config = classify_preset();
  config.classify.examples =
      R"({"classes": [{"name": "yes", "examples": ["oui", "ja", "s\u00ed"]}, {"name": "no \"quoted\"", "examples": ["non", "nein"]}]})";
  Trainer trainer(config);
  const std::string program = export_run(trainer, RunExport{});
  for (const char* line : {"# The classes, each a name and its example strings (the run's examples).\n",
                           "    (\"yes\", [\n        \"oui\", \"ja\", \"s\xc3\xad\"\n    ]),\n",
                           "    (\"no \\\"quoted\\\"\", [\n        \"non\", \"nein\"\n    ]),\n",
                           "HELD_OUT_SHARE = 0.2  # of each class's examples, at least 1\n", "BATCH = 32  # B: strings per step\n",
                           "STEPS = 1000\n", "    train, held_out = split(Rng(SEED, 4))  # rnnlab's split, by the task's own stream of the seed\n",
                           "        loss = criterion(last_steps(logits, lengths), y)\n",
                           "        return self.head(out), hidden\n"})
    CHECK_MESSAGE(program.find(line) != std::string::npos, line);
  // The vocabulary (a e i j n o s u í) and unknown: 10 one-hot inputs, 2 classes.
  CHECK(program.find("        x = nn.functional.one_hot(x, 10).float()  # (T, B) -> (T, B, 10) one-hot\n") != std::string::npos);
  CHECK(program.find("        self.head = nn.Linear(32, 2)\n") != std::string::npos);
}

TEST_CASE("torch export: the digits task reads the IDX files by path, shuffles as rnnlab, MLP/CNN as nn.Sequential") {
  std::vector<uint8_t> pixels(20 * kDigitPixels), labels(20);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<uint8_t>(i * 7 % 256);
  for (size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<uint8_t>(i % 10);
  TrainerConfig config = digits_preset();
  config.digits_images = digits_images_from_bytes(pixels, labels);
  config.batch = 5;  // 16 of the 20 images train: 4 steps an epoch
  config.digits.model = "mlp";
  config.optimizer.lr = 1e-3f, config.clip_norm = 0;  // as W7 trains it
  RunExport request;
  request.digits_files = {"/data/digits/mnist", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
  {
    Trainer trainer(config);
    const std::string program = export_run(trainer, request);
    for (const char* line : {"import gzip\nimport os\nimport struct\nimport sys\nimport torch\n",
                             "# MNIST's handwritten digits (Yann LeCun, Corinna Cortes and Christopher J.C. Burges; CC BY-SA 3.0):\n"
                             "# two gzip'd IDX files in DATA_DIR; python3 train.py DIR reads them from DIR instead.\n",
                             "DATA_DIR = \"/data/digits/mnist\"\n",
                             "IMAGES_FILE = \"t10k-images-idx3-ubyte.gz\"\n",
                             "LABELS_FILE = \"t10k-labels-idx1-ubyte.gz\"\n",
                             "    images, labels = load_images(sys.argv[1] if len(sys.argv) > 1 else DATA_DIR)\n",
                             "IMAGES = 20  # the first IMAGES of the files: the first TRAIN train, the rest are held out\n",
                             "TRAIN = 16\n", "BATCH = 5  # images per step; the last batch of an epoch may be smaller\n",
                             "STEPS = 20  # 5 epochs of 4 steps\n",  // the CLI's default: 5 epochs
                             "class Model(nn.Sequential):\n",
                             "super().__init__(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))\n",
                             "    return images.unsqueeze(1)\n", "    \"1.weight\": ([256, 784], [",
                             "    \"3.bias\": ([10], ["})
      CHECK_MESSAGE(program.find(line) != std::string::npos, line);
    CHECK(program.find("        j = rng.integer(0, i + 1)\n") != std::string::npos);
    CHECK(program.find("torch.optim.Adam(model.parameters(), lr=0.001)") != std::string::npos);
  }
  config.digits.model = "cnn";
  {
    Trainer trainer(config);
    const std::string program = export_run(trainer, request);
    CHECK(program.find("            nn.Conv2d(1, 30, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),\n"
                       "            nn.Linear(4320, 100), nn.ReLU(), nn.Linear(100, 10),\n") != std::string::npos);
    CHECK(program.find("    \"0.weight\": ([30, 1, 5, 5], [") != std::string::npos);
    CHECK(program.find("    \"4.weight\": ([100, 4320], [") != std::string::npos);
  }
  config.digits.model = "gru";
  config.hidden_size = 6;
  {
    Trainer trainer(config);
    const std::string program = export_run(trainer, request);
    for (const char* line : {"        self.rnn = nn.GRU(28, 6)\n", "    return images.transpose(0, 1)\n",
                             "        return self.head(out[-1]), hidden  # the last step's answer: (B, 10)\n",
                             "            logits = model(model_input(images[batch]))[0]  # (B, 10)\n"})
      CHECK_MESSAGE(program.find(line) != std::string::npos, line);
    request.digits_files = {};
    CHECK_THROWS_WITH_AS(export_run(trainer, request),
                         "the digits export needs the names of the files the program reads the images from", Error);
  }
}

TEST_CASE("torch export: the page's digits program reads the files it offers from the program's own folder") {
  CHECK(digits_files_beside("mnist").folder.empty());
  CHECK(digits_files_beside("mnist").images == "mnist-t10k-images-idx3-ubyte.gz");
  CHECK(digits_files_beside("mnist").labels == "mnist-t10k-labels-idx1-ubyte.gz");
  CHECK(digits_files_beside("fashion").images == "fashion-t10k-images-idx3-ubyte.gz");
  CHECK(digits_files_beside("fashion").labels == "fashion-t10k-labels-idx1-ubyte.gz");
  std::vector<uint8_t> pixels(20 * kDigitPixels, 0), labels(20, 3);
  TrainerConfig config = digits_preset();
  config.digits_images = digits_images_from_bytes(pixels, labels);
  config.digits.data = "fashion";
  RunExport request;
  request.digits_files = digits_files_beside("fashion");
  Trainer trainer(config);
  const std::string program = export_run(trainer, request);
  for (const char* line : {"# Fashion-MNIST's clothes (Zalando Research; MIT license):\n"
                           "# two gzip'd IDX files in DATA_DIR; python3 train.py DIR reads them from DIR instead.\n",
                           "DATA_DIR = os.path.dirname(os.path.abspath(__file__))  # this program's folder\n",
                           "IMAGES_FILE = \"fashion-t10k-images-idx3-ubyte.gz\"\n",
                           "LABELS_FILE = \"fashion-t10k-labels-idx1-ubyte.gz\"\n",
                           "IMAGES = 20  # the first IMAGES of the files: the first TRAIN train, the rest are held out\n"})
    CHECK_MESSAGE(program.find(line) != std::string::npos, line);
}
