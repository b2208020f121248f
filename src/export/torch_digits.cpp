// The digits task's torch piece: the IDX files read by path (gzip + struct; DATA_DIR, the program's own folder for
// the page's downloads, or the folder given as its argument), the first IMAGES of them, the first 80% training in
// batches drawn in an order shuffled at the start of every epoch by rnnlab's generator (its Fisher-Yates, one draw
// per position), pixels / 255; a recurrent model reads the rows time-major ((28, B, 28), as DigitsTask::input_of
// lays them out) and answers from its last step, an image model (mlp, cnn) is an nn.Sequential reading
// (B, 1, 28, 28); the cross-entropy is averaged over the batch. After every epoch the held-out images are scored,
// as rnnlab train digits does.
#include "core/error.h"
#include "export/python_text.h"
#include "export/torch_tasks.h"
#include "io/labelled_images.h"
#include "tasks/digits_data.h"

namespace rnnlab::torch_export {
namespace {

constexpr std::string_view kData = R"(# ${dataset}:
# two gzip'd IDX files in DATA_DIR; python3 train.py DIR reads them from DIR instead.
DATA_DIR = ${data_dir}
IMAGES_FILE = ${images_file}
LABELS_FILE = ${labels_file}
IMAGES = ${images}  # the first IMAGES of the files: the first TRAIN train, the rest are held out
TRAIN = ${train}
BATCH = ${batch}  # images per step; the last batch of an epoch may be smaller
STEPS = ${steps}  # ${epochs}
LOG_EVERY = ${log_every}
LOSS_FORMAT = "%.4f"  # "%.9g" shows every digit of a float32


def read_idx(path):
    """An IDX file (gzip): 0, 0, type 8 (unsigned bytes), the number of dimensions, each a big-endian uint32."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    if data[:3] != b"\x00\x00\x08":
        raise ValueError("%s: not an IDX file of unsigned bytes" % path)
    rank = data[3]
    shape = struct.unpack(">%dI" % rank, data[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(data[4 + 4 * rank:]), dtype=torch.uint8).view(*shape)


def load_images(folder):
    """(IMAGES, 28, 28) pixels / 255 in [0, 1], and their labels (IMAGES): the first IMAGES of the files in folder."""
    paths = [os.path.join(folder, name) for name in (IMAGES_FILE, LABELS_FILE)]
    for path in paths:
        if not os.path.exists(path):
            sys.exit("%s is missing: save the data files beside this program, or give their folder: "
                     "python3 %s DIR" % (path, os.path.basename(__file__)))
    images, labels = read_idx(paths[0]), read_idx(paths[1])
    if len(images) < IMAGES or len(labels) < IMAGES:
        sys.exit("%s: %d images and %d labels, the run needs %d" % (folder, len(images), len(labels), IMAGES))
    return images[:IMAGES].float() / 255, labels[:IMAGES].long()


def shuffled(n, rng):
    """rnnlab's order of an epoch: Fisher-Yates from the last position down, one draw per position."""
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.integer(0, i + 1)
        order[i], order[j] = order[j], order[i]
    return torch.tensor(order)


def model_input(images):
    """(B, 28, 28) images -> ${layout}."""
    return ${input_expression}


def held_out_accuracy(model, images, labels):
    model.eval()
    with torch.no_grad():
        logits = model(model_input(images))${unpack}
    model.train()
    return (logits.argmax(1) == labels).float().mean().item()
)";

constexpr std::string_view kLoop = R"(    criterion = nn.CrossEntropyLoss()  # the mean over the batch
    data_rng = Rng(SEED, 2)  # rnnlab's data generator: each epoch's order
    images, labels = load_images(sys.argv[1] if len(sys.argv) > 1 else DATA_DIR)
    step, epoch = 0, 0
    while step < STEPS:
        order = shuffled(TRAIN, data_rng)
        for first in range(0, TRAIN, BATCH):
            if step == STEPS:
                break
            step += 1
            batch = order[first:first + BATCH]
            logits = model(model_input(images[batch]))${unpack}  # (B, 10)
            loss = criterion(logits, labels[batch])
            optimizer.zero_grad()
            loss.backward()
${clip}            optimizer.step()
            if step % LOG_EVERY == 0 or step == STEPS:
                print("Step [%d/%d] loss=%s" % (step, STEPS, LOSS_FORMAT % loss.item()))
        else:
            epoch += 1
            accuracy = held_out_accuracy(model, images[TRAIN:], labels[TRAIN:])
            print("Epoch %d: held-out accuracy %.2f%%" % (epoch, 100 * accuracy))
)";

}  // namespace

DigitsFiles digits_files_beside(std::string_view data) {
  const ImageDatasetFiles files = image_dataset_files(data, "");
  const auto beside = [&](const std::string& path) { return std::string(data) + "-" + path.substr(path.rfind('/') + 1); };
  return {"", beside(files.images), beside(files.labels)};
}

TorchTaskProgram digits_torch_program(const TorchRun& run) {
  const TrainerConfig& c = run.config;
  const DigitsFiles& files = run.digits_files;
  check(c.digits_images != nullptr, "the digits export needs the images (the run's config has none)");
  check(!files.images.empty() && !files.labels.empty(),
        "the digits export needs the names of the files the program reads the images from");
  const int64_t count = c.digits_images->count, train = digits_train_count(count);
  const int64_t per_epoch = (train + c.batch - 1) / c.batch;
  const bool image_model = run.model.is_image();
  const bool fashion = c.digits.data == "fashion";
  const std::string dataset = fashion ? "Fashion-MNIST's clothes" : "MNIST's handwritten digits";
  TorchTaskProgram p;
  p.title = "Digits: 28 x 28 images into 10 classes, in PyTorch, exported from rnnlab.";
  p.about = std::string(image_model ? (run.model.kind == "mlp" ? "An MLP (an nn.Sequential)" : "A CNN (an nn.Sequential)")
                                    : "A recurrent layer reading one row of 28 pixels per step, with a Linear head on "
                                      "its last step,") +
            " classifies " + dataset + ": the first " + std::to_string(train) + " of " + std::to_string(count) +
            " images train in batches of " + std::to_string(c.batch) + ", shuffled every epoch by rnnlab's generator; "
            "the other " + std::to_string(count - train) + " are held out and scored after every epoch. The images "
            "are read from IDX files by path: IMAGES_FILE and LABELS_FILE in DATA_DIR" +
            (files.folder.empty() ? " (this program's folder)" : "") + ", or in the folder given as the argument.";
  p.imports = "import gzip\nimport os\nimport struct\nimport sys\n";
  p.draws_data = true;
  const double epochs = double(run.steps) / double(per_epoch);
  char epochs_text[64];
  std::snprintf(epochs_text, sizeof epochs_text, "%.4g", epochs);
  p.data = fill(kData, {{"dataset", fashion ? "Fashion-MNIST's clothes (Zalando Research; MIT license)"
                                            : "MNIST's handwritten digits (Yann LeCun, Corinna Cortes and "
                                              "Christopher J.C. Burges; CC BY-SA 3.0)"},
                        {"data_dir", files.folder.empty() ? "os.path.dirname(os.path.abspath(__file__))  # this program's folder"
                                                          : py_string(files.folder)},
                        {"images_file", py_string(files.images)},
                        {"labels_file", py_string(files.labels)},
                        {"images", std::to_string(count)},
                        {"train", std::to_string(train)},
                        {"batch", std::to_string(c.batch)},
                        {"steps", std::to_string(run.steps)},
                        {"epochs", std::string(epochs_text) + (epochs == 1.0 ? " epoch of " : " epochs of ") +
                                       std::to_string(per_epoch) + " steps"},
                        {"log_every", std::to_string(log_every(run.steps))},
                        {"layout", image_model ? "(B, 1, 28, 28)" : "(28, B, 28): one row per step, time-major"},
                        {"input_expression", image_model ? "images.unsqueeze(1)" : "images.transpose(0, 1)"},
                        {"unpack", image_model ? "" : "[0]"}});
  p.input = ModelInput::Features;
  p.last_step = true;
  p.train = fill(kLoop, {{"unpack", image_model ? "" : "[0]"}, {"clip", clip_line(c.clip_norm, 12)}});
  return p;
}

}  // namespace rnnlab::torch_export
