"""Figures of the full flow: printed at the end of the run and kept in bench-results/ (not asserted)."""

import json

from tests.browser.harness import RESULTS

figures: list[str] = []


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def report(name: str, samples: list[float]) -> None:
    line = (
        f"{name}: p50 {percentile(samples, 50):.1f} ms, p95 {percentile(samples, 95):.1f} ms, "
        f"max {max(samples):.1f} ms (n={len(samples)})"
    )
    figures.append(line)
    print(line)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "extension-flow.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = {
        "p50_ms": percentile(samples, 50),
        "p95_ms": percentile(samples, 95),
        "max_ms": max(samples),
        "samples_ms": samples,
    }
    path.write_text(json.dumps(data, indent=2))
