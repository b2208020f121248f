#!/usr/bin/env bash
# Soak: 1,000,000 hello iterations through the release CLI (rnnlab train hello --jsonl), printing every 100,000
# iterations the process's resident memory (VmRSS) and the iterations per second of that stretch. Memory must stay
# flat and speed constant. Not part of scripts/test.sh (it measures, it does not assert); figures in docs/robustness.md.
#   bash scripts/soak-native.sh [iterations]      (after cmake --build --preset release)
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-1000000}
binary=build/release/rnnlab
[ -x "$binary" ] || { echo "soak-native: $binary is missing: cmake --preset release && cmake --build --preset release" >&2; exit 1; }
/usr/bin/python3 - "$binary" "$iterations" <<'PY'
import json, subprocess, sys, time
binary, total = sys.argv[1], int(sys.argv[2])
every = max(1, total // 10)
proc = subprocess.Popen([binary, "train", "hello", "--epochs", str(total), "--jsonl"], stdout=subprocess.PIPE, text=True, bufsize=1)

def rss_kb():
    # The last line may arrive after the process has exited (a zombie has no VmRSS): then the previous reading.
    global last_rss
    try:
        with open(f"/proc/{proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    last_rss = int(line.split()[1])
    except FileNotFoundError:
        pass
    return last_rss

last_rss = 0

print(f"{'iteration':>10} {'RSS MB':>8} {'it/s (stretch)':>15} {'loss':>12}")
start = last_t = time.perf_counter()
first_rss = None
last = None
for line in proc.stdout:
    record = json.loads(line)
    it = record["iteration"]
    if it == 1:
        first_rss = rss_kb()
        print(f"{1:>10} {first_rss / 1024:>8.2f} {'':>15} {record['loss']:>12.6g}")
        start = last_t = time.perf_counter()
    if it % every == 0:
        now = time.perf_counter()
        print(f"{it:>10} {rss_kb() / 1024:>8.2f} {every / (now - last_t):>15.0f} {record['loss']:>12.6g}", flush=True)
        last_t = now
    last = record
proc.wait()
elapsed = time.perf_counter() - start
print(f"{last['iteration']} iterations in {elapsed:.1f} s ({last['iteration'] / elapsed:.0f} it/s overall); exit status {proc.returncode}")
PY
