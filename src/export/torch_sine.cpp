// The sine task's torch piece: the seed's sine_data (numpy's linspace, then sin), the start of each sequence drawn
// by rnnlab's generator, and the seed's loop carrying the hidden state, detached, from one iteration to the next.
#include "export/python_text.h"
#include "export/torch_tasks.h"
#include "io/float_format.h"

namespace rnnlab::torch_export {
namespace {

constexpr std::string_view kData = R"(POINTS = ${points}  # samples per sequence: the model sees points 0..${last_input} and predicts 1..${last}
SPAN = ${span}  # the sequence covers [start, start + SPAN] radians
START_CHOICES = ${starts}  # each iteration's start is drawn from 0 .. START_CHOICES - 1
ITERATIONS = ${iterations}
LOG_EVERY = ${log_every}
LOSS_FORMAT = "%.6f"  # as the seed and rnnlab train sine print the loss; "%.9g" shows every digit of a float32


def sine_data(start):
    """-> (x (1, POINTS - 1, 1), y (1, POINTS - 1, 1)): sin from start to start + SPAN, y one point ahead of x."""
    points = np.sin(np.linspace(start, start + SPAN, POINTS))
    x = torch.tensor(points[:-1], dtype=torch.float32).view(1, POINTS - 1, 1)
    y = torch.tensor(points[1:], dtype=torch.float32).view(1, POINTS - 1, 1)
    return x, y
)";

constexpr std::string_view kLoop = R"(    criterion = nn.MSELoss()
    data_rng = Rng(SEED, 2)  # rnnlab's data generator: each iteration's start
    hidden = ${zero_hidden}
    for iteration in range(1, ITERATIONS + 1):
        x, y = sine_data(data_rng.integer(0, START_CHOICES))  # the seed's np.random.randint(START_CHOICES)
        output, hidden = model(x, hidden)
        hidden = ${detach}  # carried to the next iteration, without its gradient
        loss = criterion(output, y)
        optimizer.zero_grad()
        loss.backward()
${clip}        optimizer.step()
        if iteration % LOG_EVERY == 0 or iteration == ITERATIONS:
            print("Iteration [%d/%d] loss=%s" % (iteration, ITERATIONS, LOSS_FORMAT % loss.item()))
)";

}  // namespace

TorchTaskProgram sine_torch_program(const TorchRun& run) {
  const SineSettings& s = run.config.sine;
  const ModelConfig& m = run.model;
  const bool lstm = m.cell_kind() == CellKind::Lstm;
  const std::string zeros = "torch.zeros(" + std::to_string(m.num_layers * m.directions()) + ", 1, " +
                            std::to_string(m.hidden_size) + ")";
  std::string span = io::shortest_text(s.span);
  if (span.find_first_of(".e") == std::string::npos) span += ".0";
  TorchTaskProgram p;
  p.title = "The sine-wave predictor in PyTorch, exported from rnnlab.";
  p.about = "A recurrent layer and a Linear head learn the next point of sin over " + std::to_string(s.points) +
            " points of [s, s + " + io::shortest_text(s.span) + "], s drawn each iteration, with the MSE loss; the "
            "hidden state is carried (detached) from one iteration to the next.";
  p.numpy = true;
  p.draws_data = true;
  p.data = fill(kData, {{"points", std::to_string(s.points)},
                        {"last_input", std::to_string(s.points - 2)},
                        {"last", std::to_string(s.points - 1)},
                        {"span", span},
                        {"starts", std::to_string(s.start_choices)},
                        {"iterations", std::to_string(run.steps)},
                        {"log_every", std::to_string(log_every(run.steps))}});
  p.input = ModelInput::Features;
  p.train = fill(kLoop, {{"zero_hidden", lstm ? "(" + zeros + ", " + zeros + ")" : zeros},
                         {"detach", lstm ? "(hidden[0].detach(), hidden[1].detach())" : "hidden.detach()"},
                         {"clip", clip_line(run.config.clip_norm, 8)}});
  return p;
}

}  // namespace rnnlab::torch_export
