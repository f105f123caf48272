"""The probe's command line in --dry-run: standard library only, no torch import, a valid file."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import probe_core as core  # noqa: E402
import probe_disk as disk  # noqa: E402



def read_json(path):
    with open(path) as f:
        return json.load(f)

def run_probe(*args):
    return subprocess.run([sys.executable, os.path.join(HERE, "probe.py")] + list(args), capture_output=True,
                          text=True, timeout=120)


class DeviceRunScriptTest(unittest.TestCase):
    def test_deviceRunScript_leavesTheFileTheLogAndTheCardStateUnderOut(self):
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, OUT=d, PROBE_ARGS="--dry-run", PROBE_BUDGET_S="60")
            r = subprocess.run(["bash", os.path.join(HERE, "device-run.sh")], capture_output=True, text=True,
                               timeout=180, env=env)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            files = sorted(os.listdir(d))
            measurement = [f for f in files if f.startswith("probe-") and f.endswith(".json")]
            self.assertEqual(len(measurement), 1, files)
            self.assertIn("probe.log", files)
            self.assertIn("nvidia-smi-q.txt", files)
            self.assertEqual(core.validate_document(read_json(os.path.join(d, measurement[0]))), [])


class DryRunTest(unittest.TestCase):
    def test_dryRun_writesAValidFile_withoutImportingTorch(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "sub", "m.json")
            code = ("import sys, runpy; sys.argv = ['probe.py', '--dry-run', '--out', %r]\n"
                    "try:\n    runpy.run_path(%r, run_name='__main__')\nexcept SystemExit as e:\n"
                    "    assert e.code == 0, e.code\n"
                    "assert 'torch' not in sys.modules, 'dry run imported torch'\n") % (out, os.path.join(HERE, "probe.py"))
            r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = read_json(out)
            self.assertEqual(core.validate_document(doc), [])
            self.assertEqual(doc["mode"], "dry_run")
            self.assertEqual(len(doc["microbenchmarks"]), 24)
            self.assertTrue(any(s["status"] == "ok" for s in doc["end_to_end"]["settings"]))

    def test_dryRun_isDeterministic_apartFromTimeAndCommand(self):
        with tempfile.TemporaryDirectory() as d:
            docs = []
            for name in ("a.json", "b.json"):
                self.assertEqual(run_probe("--dry-run", "--out", os.path.join(d, name)).returncode, 0)
                doc = read_json(os.path.join(d, name))
                for k in ("created_utc", "command", "budget"):
                    doc.pop(k)
                docs.append(doc)
            self.assertEqual(docs[0], docs[1])

    def test_onlyAndTinyBudget_recordSkipsAndStillValidate(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "m.json")
            r = run_probe("--dry-run", "--only", "gemm,disk", "--budget-s", "0.000001", "--out", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = read_json(out)
            self.assertEqual({s["id"] for s in doc["microbenchmarks"]},
                             {"gemm-bf16", "gemm-fp16", "gemm-fp8", "gemm-int8", "ssd-read", "ssd-random-read"})
            self.assertTrue(all(s["status"] == "skipped" for s in doc["microbenchmarks"]))
            self.assertIsNone(doc["end_to_end"])
            self.assertTrue(doc["budget"]["exhausted"])

    def test_badArguments_exitTwo(self):
        self.assertEqual(run_probe("--dry-run", "--only", "nonsense").returncode, 2)
        self.assertEqual(run_probe("--dry-run", "--cpu-smoke").returncode, 2)

    def test_plan_listsEverySeriesAndSetting(self):
        r = run_probe("--dry-run", "--plan")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("gemm-fp8", r.stdout)
        self.assertIn("decode/full-bf16/b64/c32768", r.stdout)
        self.assertIn("does not fit", r.stdout)


class DiskTest(unittest.TestCase):
    def test_reads_sequentialAndRandom_withODirectOrARecordedFallback(self):
        with tempfile.TemporaryDirectory() as d:
            f = disk.ProbeFile(d, 16 << 20)
            try:
                self.assertTrue(f.note)
                seq = disk.read_requests(f, 1 << 20, True, max_requests=8, max_seconds=5)
                rnd = disk.read_requests(f, 4096, False, max_requests=50, max_seconds=5)
                self.assertEqual(len(seq), 8)
                self.assertEqual(len(rnd), 50)
                self.assertTrue(all(t > 0 for t in seq + rnd))
            finally:
                f.remove()
            self.assertEqual(os.listdir(d), [])

    def test_randomOffsets_areAlignedAndNeverRepeat(self):
        offs = disk.offsets(1 << 20, 4096, 300, sequential=False, seed=1)
        self.assertEqual(len(offs), 256)  # capped at the number of slots
        self.assertEqual(len(set(offs)), 256)
        self.assertTrue(all(o % 4096 == 0 for o in offs))
        self.assertEqual(disk.offsets(8192, 4096, 3, sequential=True), [0, 4096, 0])

    def test_unalignedRequest_isRefused(self):
        with tempfile.TemporaryDirectory() as d:
            f = disk.ProbeFile(d, 8 << 20)
            try:
                with self.assertRaises(ValueError):
                    disk.read_requests(f, 1000, True, 1, 1)
            finally:
                f.remove()


if __name__ == "__main__":
    unittest.main()
