#!/usr/bin/env bash
# One probe run on a lent GPU machine (the `run` device tool), leaving everything under $OUT:
#   the measurement file, the probe's log, and the card's state as nvidia-smi reports it.
# Usage, from the repository root on the device machine:
#   bash validation/probe/device-run.sh            # budget 420 s, fits a 10-minute call
#   PROBE_BUDGET_S=300 bash validation/probe/device-run.sh
#   PROBE_ARGS=--dry-run bash validation/probe/device-run.sh   # the same steps without a GPU
# Back on the development machine: copy $OUT's JSON to validation/measurements/, commit it, then
#   ./tiersim calibrate validation/measurements/FILE.json --system h100-sxm   (or h200)
#   ./tiersim validate validation/measurements/FILE.json --system h100-sxm
# The card's settings are read, never changed (METHOD.md: no clocks, power or reset commands).
set -uo pipefail
OUT="${OUT:-$(mktemp -d)}"
BUDGET="${PROBE_BUDGET_S:-420}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$OUT"
nvidia-smi -q > "$OUT/nvidia-smi-q.txt" 2>&1 || echo "nvidia-smi failed" > "$OUT/nvidia-smi-q.txt"
GPU="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -1 | tr ' ' '-' | tr -cd '[:alnum:]-' | tr '[:upper:]' '[:lower:]')"
FILE="$OUT/probe-${GPU:-gpu}-$(date -u +%Y%m%d).json"
python3 -c "import torch, sys; print('torch', torch.__version__, 'cuda', torch.version.cuda, file=sys.stderr)" 2>&1 | tee "$OUT/env.txt"
# shellcheck disable=SC2086  # PROBE_ARGS is a list of flags
python3 "$HERE/probe.py" --budget-s "$BUDGET" --out "$FILE" ${PROBE_ARGS:-} 2>&1 | tee "$OUT/probe.log"
rc=${PIPESTATUS[0]}
echo "probe exit $rc; wrote $FILE" | tee -a "$OUT/probe.log"
ls -l "$OUT"
exit "$rc"
