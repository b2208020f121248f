// rnnlab export torch: what it prints for a saved model and for flags, and every way to call it wrongly (exit 2,
// nothing on stdout, one line naming the flag). The programs' numbers: scripts/test_torch_export.py.
#include <doctest/doctest.h>

#include "cli/cli_runner.h"
#include "support/replace_once.h"

using namespace rnnlab;
using testing::check_refused;
using testing::read_file;
using testing::replace_once;
using testing::run_rnnlab;
using testing::TempDir;
using testing::write_file;

TEST_CASE("cli export torch: a saved model's run, its weights, and the same program from the same flags") {
  TempDir dir;
  const std::string model = dir.file("m.json");
  REQUIRE(run_rnnlab({"train", "sine", "--cell", "gru", "--hidden", "6", "--iters", "4", "--seed", "9", "--optim", "sgd",
                      "--lr", "0.05", "--save", model}).code == 0);
  const testing::CliResult from_model = run_rnnlab({"export", "torch", "--model", model});
  REQUIRE(from_model.code == 0);
  CHECK(from_model.err.empty());
  CHECK(from_model.out.find("ITERATIONS = 4\n") != std::string::npos);  // the saved model's iteration
  CHECK(from_model.out.find("SEED = 9  ") != std::string::npos);
  CHECK(from_model.out.find("self.rnn = nn.GRU(1, 6, num_layers=2, batch_first=True)") != std::string::npos);
  CHECK(from_model.out.find("torch.optim.SGD(model.parameters(), lr=0.05)") != std::string::npos);
  // The same run from flags: the same file.
  const testing::CliResult from_flags = run_rnnlab({"export", "torch", "--task", "sine", "--cell", "gru", "--hidden", "6",
                                                    "--seed", "9", "--optim", "sgd", "--lr", "0.05", "--steps", "4"});
  CHECK(from_flags.out == from_model.out);
  const testing::CliResult current = run_rnnlab({"export", "torch", "--model", model, "--weights", "current"});
  REQUIRE(current.code == 0);
  CHECK(current.out != from_model.out);
  CHECK(current.out.find("the saved model's, at iteration 4") != std::string::npos);
}

TEST_CASE("cli export torch: errors name the flag") {
  TempDir dir;
  const std::string model = dir.file("m.json"), old = dir.file("old.json");
  REQUIRE(run_rnnlab({"train", "seq", "--input", "abc", "--target", "bca", "--epochs", "2", "--save", model}).code == 0);
  write_file(old, replace_once(read_file(model), "\"trainer\":", "\"trainer_was\":"));
  check_refused({"export"}, "rnnlab: export: missing format, expected torch (rnnlab export torch --help)");
  check_refused({"export", "onnx"}, "rnnlab: export: unknown format 'onnx', expected torch");
  check_refused({"export", "torch", "--weights", "current"},
                "rnnlab: export torch: --weights current: needs --model FILE (the saved weights)");
  check_refused({"export", "torch", "--weights", "last"}, "rnnlab: export torch: --weights: got 'last', expected initial or current");
  check_refused({"export", "torch", "--steps", "0"},
                "rnnlab: export torch: --steps: got '0', expected an integer from 1 to 100000000");
  check_refused({"export", "torch", "--corpus", "x.txt"},
                "rnnlab: export torch: --corpus: only the text task reads a corpus; this run's task is seq");
  check_refused({"export", "torch", "--task", "text"}, "rnnlab: export torch: --corpus is required (FILE)");
  check_refused({"export", "torch", "--images", "50"},
                "rnnlab: export torch: --images: only the digits task reads images; this run's task is seq");
  check_refused({"export", "torch", "--task", "digits", "--images", "9"},
                "rnnlab: export torch: --images: got '9', expected an integer from 10 to 10000");
  check_refused({"export", "torch", "--task", "cosine"}, "rnnlab: export torch: --task: got 'cosine', expected seq, sine, text, remember, classify, tag or digits");
  check_refused({"export", "torch", "--task", "sine", "--arch", "cell"},
                "rnnlab: export torch: --arch: the sine task needs arch \"layer\" (its Linear head maps the hidden state to one value)");
  check_refused({"export", "torch", "--model", model, "--task", "sine"},
                "rnnlab: export torch: --task: the run's task comes from --config or --model; leave --task out");
  check_refused({"export", "torch", "--model", old},
                "rnnlab: export torch: --model " + old +
                    ": the file records no training config (saved by torch or an older rnnlab); give --config FILE or "
                    "--task and the flags of the run");
  check_refused({"export", "torch", "--model", model, "--input", "abd", "--target", "bda"},
                "rnnlab: export torch: --model " + model +
                    ": task.vocabulary: the model was trained on \"abc\", this task's is \"abd\"");
}

TEST_CASE("cli export torch: digits from a saved model reads the same images by path") {
  TempDir dir;
  const std::string model = dir.file("m.json");
  REQUIRE(run_rnnlab({"train", "digits", "--model", "mlp", "--images", "20", "--batch", "8", "--epochs", "1", "--save",
                      model}).code == 0);
  const testing::CliResult out = run_rnnlab({"export", "torch", "--model", model, "--images", "20"});
  REQUIRE(out.code == 0);
  CHECK(out.out.find("IMAGES = 20  ") != std::string::npos);
  CHECK(out.out.find("STEPS = 2  # 1 epoch of 2 steps\n") != std::string::npos);  // the saved model's iteration
  CHECK(out.out.find("/data/digits/mnist\"\n") != std::string::npos);  // DATA_DIR, absolute
  CHECK(out.out.find("\nIMAGES_FILE = \"t10k-images-idx3-ubyte.gz\"\n") != std::string::npos);
  // --data-beside: the program the page writes, reading the files it offers from its own folder.
  const testing::CliResult beside = run_rnnlab({"export", "torch", "--model", model, "--images", "20", "--data-beside"});
  REQUIRE(beside.code == 0);
  CHECK(beside.out.find("\nDATA_DIR = os.path.dirname(os.path.abspath(__file__))  # this program's folder\n"
                        "IMAGES_FILE = \"mnist-t10k-images-idx3-ubyte.gz\"\n"
                        "LABELS_FILE = \"mnist-t10k-labels-idx1-ubyte.gz\"\n") != std::string::npos);
  check_refused({"export", "torch", "--task", "sine", "--data-beside"},
                "rnnlab: export torch: --data-beside: only the digits task reads images; this run's task is sine");
  check_refused({"export", "torch", "--model", model, "--data-dir", dir.file("nowhere")},
                "rnnlab: export torch: --data mnist: dataset mnist: " + dir.file("nowhere") +
                    "/digits/mnist/t10k-images-idx3-ubyte.gz is missing; the digits are in the repository's "
                    "data/digits/mnist/");
}
