"""Unit tests of the probe's pure logic (standard library only; run with
``python3 -m unittest discover -s validation/probe``)."""

import contextlib
import copy
import json
import math
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import probe_core as core  # noqa: E402
import probe_plan as plan  # noqa: E402
import probe_synthetic  # noqa: E402



def read_json(path):
    with open(path) as f:
        return json.load(f)


def read_text(path):
    with open(path) as f:
        return f.read()


class FakeClock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


class StatisticsTest(unittest.TestCase):
    def test_percentile_interpolatesLinearly_likeNumpysDefault(self):
        v = [4.0, 1.0, 3.0, 2.0]
        self.assertAlmostEqual(core.percentile(v, 50), 2.5)
        self.assertAlmostEqual(core.percentile(v, 10), 1.3)
        self.assertAlmostEqual(core.percentile(v, 90), 3.7)
        self.assertEqual(core.percentile([7.0], 90), 7.0)

    def test_summarize_givesMedianSpreadAndCount(self):
        s = core.summarize([1, 2, 3, 4, 5])
        self.assertEqual(s["median"], 3)
        self.assertAlmostEqual(s["p10"], 1.4)
        self.assertAlmostEqual(s["p90"], 4.6)
        self.assertAlmostEqual(s["iqr"], 2.0)
        self.assertEqual(s["samples"], 5)

    def test_summarize_rejectsEmptyZeroAndNan(self):
        for bad in ([], [0.0], [1.0, float("nan")], [-1.0]):
            with self.assertRaises(ValueError):
                core.summarize(bad)

    def test_rates_divideWork_latenciesDivideTime(self):
        self.assertEqual(core.rate_samples([0.5], 1e9, "gb_s"), [2.0])
        self.assertEqual(core.rate_samples([1e-3], 2e12, "tflops"), [2000.0])
        self.assertAlmostEqual(core.rate_samples([2e-3], 1000, "us")[0], 2.0)

    def test_point_recordsStatisticsOfRates_andMedianTime(self):
        p = core.point({"bytes": 1000}, "gb_s", [1e-6, 2e-6, 4e-6], 1000)
        self.assertEqual(p["shape"], {"bytes": 1000})
        self.assertAlmostEqual(p["median"], 0.5)
        self.assertAlmostEqual(p["median_s"], 2e-6)
        self.assertLessEqual(p["p10"], p["median"])
        self.assertLessEqual(p["median"], p["p90"])


class BudgetTest(unittest.TestCase):
    def test_budget_allowsWhatFits_andReportsExhaustion(self):
        clock = FakeClock()
        b = core.TimeBudget(10, clock)
        self.assertTrue(b.allows(5))
        clock.t += 6
        self.assertFalse(b.allows(5))
        self.assertFalse(b.summary()["exhausted"])
        clock.t += 5
        self.assertFalse(b.allows(0))
        self.assertTrue(b.summary()["exhausted"])
        self.assertEqual(b.summary()["used_s"], 11.0)

    def test_deadline_stopsAtItsCap_andKeepsTheReserve(self):
        clock = FakeClock()
        b = core.TimeBudget(100, clock)
        d = core.Deadline(b, cap_s=10, reserve_s=50)
        self.assertTrue(d.allows(5))
        clock.t += 8
        self.assertFalse(d.allows(5))  # own cap
        d2 = core.Deadline(b, cap_s=100, reserve_s=50)
        clock.t += 35
        self.assertFalse(d2.allows(10))  # would eat into the reserve

    def test_budget_mustBePositive(self):
        with self.assertRaises(ValueError):
            core.TimeBudget(0)


class ModelShapesTest(unittest.TestCase):
    def test_llama31_8b_hasHuggingFacesParameterCount_andKvPerToken(self):
        cfg = core.LLAMA_31_8B
        self.assertEqual(cfg.parameter_count(), 8_030_261_248)
        self.assertEqual(cfg.kv_bytes_per_token(), 32 * 2 * 8 * 128 * 2)
        self.assertEqual(cfg.to_json()["parameter_count"], 8_030_261_248)

    def test_kiviSplit_keepsContextModResidualInBf16(self):
        self.assertEqual(core.kivi_split(4096, 128), (4096, 0))
        self.assertEqual(core.kivi_split(4100, 128), (4096, 4))
        self.assertEqual(core.kivi_split(100, 128), (0, 100))

    def test_quantizedBytes_countCodesAndAScaleAndZeroPerGroup(self):
        cfg = core.LLAMA_31_8B
        elements = 32 * 8 * 1024 * 128
        self.assertEqual(core.quantized_bytes(cfg, 1024, 2, 32), elements // 4 + elements // 32 * 4)

    def test_sinkWindowCache_stopsGrowing(self):
        self.assertEqual(core.SINK_WINDOW.cache_tokens(32768), 2048)
        self.assertEqual(core.SINK_WINDOW.cache_tokens(100), 100)
        cfg = core.LLAMA_31_8B
        self.assertEqual(core.kv_cache_bytes(cfg, core.SINK_WINDOW, 2, 32768), 2 * 2048 * cfg.kv_bytes_per_token())


class PlanTest(unittest.TestCase):
    facts = plan.DeviceFacts(memory_bytes=80 * core.GIB, l2_bytes=50 * core.MIB)

    def test_everySeries_hasAKnownKind_theKindsUnit_uniqueId_andPositiveIntegerShapes(self):
        specs = plan.microbenchmark_plan(self.facts)
        self.assertEqual(len({s.id for s in specs}), len(specs))
        self.assertEqual({s.kind for s in specs}, set(core.KINDS))
        for s in specs:
            self.assertIn(s.section, plan.SECTIONS)
            self.assertTrue(s.items, s.id)
            for item in s.items:
                self.assertTrue(all(isinstance(v, int) and v > 0 for v in item.shape.values()), (s.id, item))
                self.assertGreater(item.work, 0)

    def test_gemmShapes_respectTheFp8AndInt8Constraints(self):
        self.assertIn((1, 4096, 4096), plan.gemm_shapes("bf16"))
        self.assertNotIn((1, 4096, 4096), plan.gemm_shapes("fp8"))
        self.assertIn((16, 4096, 4096), plan.gemm_shapes("fp8"))
        self.assertNotIn((16, 4096, 4096), plan.gemm_shapes("int8"))
        self.assertIn((8192, 8192, 8192), plan.gemm_shapes("int8"))

    def test_l2Sweep_staysWithinHalfTheL2(self):
        l2 = next(s for s in plan.microbenchmark_plan(self.facts) if s.kind == "l2_read")
        self.assertEqual(max(i.shape["bytes"] for i in l2.items), 16 * core.MIB)

    def test_hbmSweep_leavesRoomOnASmallGpu(self):
        small = plan.DeviceFacts(memory_bytes=8 * core.GIB, l2_bytes=4 * core.MIB)
        hbm = next(s for s in plan.microbenchmark_plan(small) if s.kind == "hbm_copy")
        self.assertLess(max(i.shape["buffer_bytes"] for i in hbm.items) * 3, 4 * core.GIB)

    def test_endToEnd_recordsWhatCannotFit_onAn80GiBGpu(self):
        planned, too_big = plan.end_to_end_plan(self.facts)
        fits = {s.id for s in planned}
        self.assertIn("decode/full-bf16/b8/c32768", fits)  # 15 GiB weights + 32 GiB cache
        self.assertIn("decode/full-bf16/b1/c32768", fits)
        self.assertIn("decode/full-bf16/b64/c32768", {s.id for s in too_big})  # 256 GiB of cache
        self.assertIn("prefill/full-bf16/b1/p32768", fits)
        self.assertEqual(planned[0].id, "decode/full-bf16/b1/c1024")

    def test_settingRecord_describesTheRunForTiersim(self):
        planned, _ = plan.end_to_end_plan(self.facts)
        spec = next(s for s in planned if s.id == "decode/kivi-2/b8/c4096")
        rec = plan.setting_record(spec, core.LLAMA_31_8B)
        self.assertEqual(rec["tiersim_strategy"], {"preset": "kivi-2", "attention": {"dequantize": "eager"}})
        self.assertEqual(rec["tiersim_workload"], {"batch_size": 8, "prompt_tokens": 4096, "generate_tokens": 7})
        self.assertEqual(rec["kv_cache"]["key_axis"], "channel")
        self.assertEqual(rec["kv_cache"]["capacity_tokens"], 4096 + 6)


class FailingExecutor(probe_synthetic.SyntheticExecutor):
    """Fails the second point of every series, and refuses fp8 outright."""

    @contextlib.contextmanager
    def series(self, spec):
        if spec.dtype == "fp8":
            raise plan.Unsupported("no fp8 here")
        with super().series(spec) as inner:
            calls = []

            def measure(item):
                calls.append(item)
                if len(calls) == 2:
                    raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB\nmore detail")
                return inner(item)

            yield measure


class RunnerTest(unittest.TestCase):
    facts = plan.DeviceFacts(memory_bytes=80 * core.GIB, l2_bytes=50 * core.MIB)

    def specs(self):
        return {s.id: s for s in plan.microbenchmark_plan(self.facts)}

    def test_aFailedPoint_isRecordedAsSkipped_andTheSweepGoesOn(self):
        b = core.TimeBudget(1000)
        s = plan.run_series(self.specs()["hbm-read"], FailingExecutor(), core.Deadline(b, 100))
        self.assertEqual(s["status"], "ok")
        self.assertEqual(len(s["points"]), len(self.specs()["hbm-read"].items) - 1)
        self.assertEqual(s["skipped_points"][0]["reason"], "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB")

    def test_anUnsupportedSeries_isSkippedWithItsReason(self):
        s = plan.run_series(self.specs()["gemm-fp8"], FailingExecutor(), core.Deadline(core.TimeBudget(1000), 100))
        self.assertEqual((s["status"], s["reason"]), ("skipped", "no fp8 here"))

    def test_anExhaustedBudget_skipsTheRest_andMarksTheSeriesPartial(self):
        clock = FakeClock()
        b = core.TimeBudget(1000, clock)
        spec = self.specs()["h2d-pinned"]

        class Slow(probe_synthetic.SyntheticExecutor):
            @contextlib.contextmanager
            def series(self, spec):
                with super().series(spec) as inner:
                    def measure(item):
                        clock.t += 4
                        return inner(item)
                    yield measure

        s = plan.run_series(spec, Slow(), core.Deadline(b, cap_s=10))
        self.assertEqual(s["status"], "partial")
        self.assertEqual(len(s["points"]) + len(s["skipped_points"]), len(spec.items))
        self.assertTrue(all("time budget" in p["reason"] for p in s["skipped_points"]))
        self.assertEqual(core.validate_document(_doc_with(s)), [])

    def test_noTimeAtAll_skipsEverySeriesAndSetting_andStillValidates(self):
        clock = FakeClock()
        b = core.TimeBudget(1, clock)
        clock.t += 2
        x = probe_synthetic.SyntheticExecutor()
        doc = _doc_with(*[plan.run_series(s, x, core.Deadline(b, s.cap_s)) for s in self.specs().values()])
        doc["end_to_end"] = plan.run_end_to_end(x, x.facts(), b)
        self.assertTrue(all(s["status"] == "skipped" for s in doc["microbenchmarks"]))
        self.assertEqual(doc["end_to_end"]["status"], "skipped")
        self.assertEqual(core.validate_document(doc), [])


def _doc_with(*series):
    doc = core.new_document("dry_run", 450, "test")
    doc["microbenchmarks"] = list(series)
    return doc


class SchemaTest(unittest.TestCase):
    def valid(self):
        x = probe_synthetic.SyntheticExecutor()
        b = core.TimeBudget(1000)
        specs = plan.microbenchmark_plan(x.facts())
        doc = _doc_with(*[plan.run_series(s, x, core.Deadline(b, 100)) for s in specs[:3]])
        doc["device"] = x.device_info()
        doc["end_to_end"] = plan.run_end_to_end(x, x.facts(), b)
        return doc

    def test_syntheticDocument_validates(self):
        self.assertEqual(core.validate_document(self.valid()), [])

    def test_schemaProblems_nameTheFieldPath(self):
        cases = [
            (lambda d: d.update(extra=1), "extra: unknown field"),
            (lambda d: d["microbenchmarks"][1].update(unit="tflops"), "microbenchmarks[1].unit"),
            (lambda d: d["microbenchmarks"][0]["points"][0].update(p10=1e30), "microbenchmarks[0].points[0]"),
            (lambda d: d["microbenchmarks"][2].update(status="skipped", reason=None), "microbenchmarks[2].reason"),
            (lambda d: d["microbenchmarks"][2]["points"][0]["shape"].update(bytes=-1),
             "microbenchmarks[2].points[0].shape.bytes"),
            (lambda d: d["end_to_end"]["settings"][3].pop("tiersim_workload"),
             "end_to_end.settings[3].tiersim_workload: missing"),
            (lambda d: d["device"].update(memory_total_bytes=1.5), "device.memory_total_bytes"),
            (lambda d: d.update(schema_version=core.SCHEMA_VERSION + 1), "schema_version"),
        ]
        for change, expected in cases:
            doc = self.valid()
            change(doc)
            problems = core.validate_document(doc)
            self.assertTrue(any(expected in p for p in problems), (expected, problems))

    def test_writer_refusesNan_andLeavesThePreviousFileWhole(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.json")
            doc = self.valid()
            core.write_json_atomic(path, doc)
            before = read_text(path)
            bad = copy.deepcopy(doc)
            bad["microbenchmarks"][0]["points"][0]["median"] = math.nan
            with self.assertRaises(ValueError):
                core.write_json_atomic(path, bad)
            self.assertEqual(read_text(path), before)
            self.assertEqual(sorted(os.listdir(d)), ["m.json"])
            self.assertEqual(json.loads(before)["schema_version"], core.SCHEMA_VERSION)


if __name__ == "__main__":
    unittest.main()
