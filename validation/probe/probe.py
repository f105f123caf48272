#!/usr/bin/env python3
"""tiersim GPU probe: microbenchmarks and end-to-end Llama-3.1-8B-shaped runs on one GPU, written
as one JSON measurement file (format: README.md beside this script) that `tiersim calibrate` reads.

    python3 probe.py --out measurements.json            # on a CUDA machine, about 7 minutes
    python3 probe.py --dry-run --out /tmp/m.json        # no GPU, no torch: synthetic values
    python3 probe.py --plan                             # print every sweep and setting, then exit

Every section is wrapped: a failure is recorded in the file and the rest goes on. A global time
budget (--budget-s, default 450) skips what no longer fits and records it as skipped. The file
is rewritten atomically after each section, so an interrupted run still leaves a valid file.
"""

import argparse
import datetime
import os
import platform
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import probe_core as core  # noqa: E402
import probe_plan as plan  # noqa: E402

# Shares of the budget: the microbenchmarks may not eat into what the end-to-end runs need.
END_TO_END_SHARE = 0.45


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", help="measurement file to write (default: probe-<UTC date and time>.json)")
    p.add_argument("--dry-run", action="store_true",
                   help="no GPU and no torch: synthetic values through the same plans, schema and writer")
    p.add_argument("--cpu-smoke", action="store_true",
                   help="run every torch code path on the CPU at toy sizes (tests the probe; values mean nothing)")
    p.add_argument("--plan", action="store_true", help="print the sweeps and settings, then exit")
    p.add_argument("--budget-s", type=float, default=450.0, help="global time budget in seconds (default 450)")
    p.add_argument("--device", type=int, default=0, help="CUDA device index (default 0)")
    p.add_argument("--disk-dir", default=None,
                   help="folder on the local disk for the read test (default: the system temp folder)")
    p.add_argument("--only", default=None,
                   help="comma-separated sections to run, of: " + ", ".join(plan.SECTIONS))
    args = p.parse_args(argv)
    if args.dry_run and args.cpu_smoke:
        p.error("--dry-run and --cpu-smoke exclude each other")
    if not args.budget_s > 0:
        p.error("--budget-s must be positive")
    if args.only:
        unknown = [s for s in args.only.split(",") if s not in plan.SECTIONS]
        if unknown:
            p.error("unknown section(s) %s; known: %s" % (", ".join(unknown), ", ".join(plan.SECTIONS)))
    return args


def host_info():
    info = {"hostname": socket.gethostname() or None, "platform": platform.platform(),
            "python": platform.python_version(), "cpu_model": None, "cpu_count": os.cpu_count(), "memory_bytes": None}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu_model"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["memory_bytes"] = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass  # not Linux: the fields stay null
    return info


def make_executor(args):
    if args.dry_run:
        import probe_synthetic
        return probe_synthetic.SyntheticExecutor()
    import probe_torch  # imports torch; only on a real or smoke run
    return probe_torch.TorchExecutor(device_index=args.device, smoke=args.cpu_smoke, disk_dir=args.disk_dir)


def wanted(args, section):
    return args.only is None or section in args.only.split(",")


def print_plan(facts, smoke):
    for spec in plan.microbenchmark_plan(facts, smoke=smoke):
        print("%-28s %-22s %3d points  %s" % (spec.id, spec.kind, len(spec.items),
                                               ", ".join(_short(i.shape) for i in spec.items)))
    planned, too_big = plan.end_to_end_plan(facts, smoke=smoke)
    for s in planned:
        print("e2e %-40s est %.1f GiB, %.1f s" % (s.id, s.estimate_bytes / core.GIB, s.estimate_s))
    for s in too_big:
        print("e2e %-40s does not fit (%.1f GiB)" % (s.id, s.estimate_bytes / core.GIB))


def _short(shape):
    return "/".join("%s=%s" % kv for kv in shape.items())


def run(args):
    budget = core.TimeBudget(args.budget_s)
    mode = "dry_run" if args.dry_run else "cpu_smoke" if args.cpu_smoke else "gpu"
    out = args.out or "probe-%s.json" % datetime.datetime.utcnow().strftime("%Y%m%d-%H%M%S")
    doc = core.new_document(mode, args.budget_s, "probe.py " + " ".join(sys.argv[1:]))
    doc["host"] = host_info()

    def checkpoint():
        doc["budget"] = budget.summary()
        core.write_json_atomic(out, doc)

    try:
        executor = make_executor(args)
        doc["device"] = executor.device_info()
        doc["libraries"] = executor.libraries()
        facts = executor.facts()
    except Exception as e:  # no GPU, no torch, a broken driver: say so in the file
        doc["errors"].append({"section": "setup", "message": core.error_text(e)})
        checkpoint()
        print("probe: setup failed: %s (written to %s)" % (core.error_text(e), out), file=sys.stderr)
        return 1
    checkpoint()

    reserve = END_TO_END_SHARE * args.budget_s if wanted(args, "e2e") else 0.0
    cfg = core.TINY_LLAMA if args.cpu_smoke else core.LLAMA_31_8B
    for spec in plan.microbenchmark_plan(facts, cfg, smoke=args.cpu_smoke):
        if not wanted(args, spec.section):
            continue
        deadline = core.Deadline(budget, spec.cap_s, reserve)
        series = plan.run_series(spec, executor, deadline)
        doc["microbenchmarks"].append(series)
        print("probe: %-28s %-8s %d points%s" % (spec.id, series["status"], len(series["points"]),
                                                 " (" + series["reason"] + ")" if series["reason"] else ""))
        checkpoint()

    if wanted(args, "e2e"):
        try:
            doc["end_to_end"] = plan.run_end_to_end(executor, facts, budget, cfg, smoke=args.cpu_smoke)
            ok = sum(1 for s in doc["end_to_end"]["settings"] if s["status"] == "ok")
            print("probe: end-to-end %s, %d of %d settings ran" % (doc["end_to_end"]["status"], ok,
                                                                  len(doc["end_to_end"]["settings"])))
        except Exception as e:
            doc["errors"].append({"section": "e2e", "message": core.error_text(e)})
    checkpoint()

    problems = core.validate_document(doc)
    for p in problems:
        print("probe: schema: " + p, file=sys.stderr)
    print("probe: wrote %s in %.1f s" % (out, budget.elapsed()))
    return 1 if problems else 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.plan:
        if args.dry_run or args.cpu_smoke:
            import probe_synthetic
            facts = probe_synthetic.SyntheticExecutor().facts()
        else:
            facts = make_executor(args).facts()
        print_plan(facts, args.cpu_smoke)
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
