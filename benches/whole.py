"""Times whole dormplan commands beside their peers in the same run; called by whole.sh.

    whole.py [--alloc S,M,L] [--kinds points,matrix] [--plan 12,30,60,120,240] [--timeout 300]

Allocate: for each size and input kind, `dormplan allocate SCENARIO -o DIR` and
`ortools_allocate.py SCENARIO DIR`. Plan: for each number of candidates, `dormplan plan
SCENARIO -o DIR` and `highs_plan.py MODEL.json DIR`, after `export_plan_model` (timed apart).
Every command runs under GNU `time -v` (wall seconds and peak resident memory, which covers the
command's children) and `timeout`. Prints the tables and exits with status 1 if any two optima
differ or a command fails (a timeout is reported as "> T s", not as a failure).
"""

import argparse
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
RELEASE = os.path.join(ROOT, "target", "release")
EXAMPLES = os.path.join(RELEASE, "examples")
PYTHON = sys.executable
DIMS = {"S": (2_000, 300), "M": (20_000, 2_000), "L": (200_000, 20_000)}


class Timed:
    def __init__(self, code, wall, peak_mb, stdout, limit):
        self.code, self.wall, self.peak_mb, self.stdout, self.limit = \
            code, wall, peak_mb, stdout, limit

    @property
    def timed_out(self):
        return self.code == 124

    def seconds(self):
        return f"> {self.limit} s" if self.timed_out else f"{self.wall:.2f}"

    def peak(self):
        return "-" if self.timed_out else f"{self.peak_mb:.0f}"


def timed(args, limit):
    report = os.path.join(OUT, "time.txt")
    cmd = ["/usr/bin/time", "-v", "-o", report, "timeout", str(limit)] + args
    start = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    text = open(report).read() if os.path.exists(report) else ""
    # When timeout stops the command, GNU time may write no figures: keep the outside clock.
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if clock:
        wall = 0.0
        for part in clock.group(1).split(":"):
            wall = wall * 60 + float(part)
    kb = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    kb = int(kb.group(1)) if kb else 0
    if wall >= limit or p.returncode in (124, 137, 143):
        return Timed(124, wall, kb / 1024, p.stdout, limit)
    if p.returncode != 0:
        sys.stderr.write(p.stdout[-2000:] + p.stderr[-2000:])
        raise SystemExit(f"failed ({p.returncode}): {' '.join(args)}")
    return Timed(p.returncode, wall, kb / 1024, p.stdout, limit)


def value(pattern, text):
    m = re.search(pattern, text)
    return int(m.group(1)) if m else None


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def ratio(peer, dp):
    if peer.timed_out or dp.timed_out:
        return "-"
    return f"{peer.wall / dp.wall:.1f}x"


def allocate(sizes, kinds, limit):
    rows, bad = [], False
    for size in sizes:
        for kind in kinds:
            scen = os.path.join(OUT, f"{kind}-{size}")
            if not os.path.exists(os.path.join(scen, "scenario.toml")):
                flag = ["--points"] if kind == "points" else []
                subprocess.run([os.path.join(EXAMPLES, "write_scenario"), *flag,
                                *map(str, DIMS[size]), scen, "1"], check=True)
            scenario = os.path.join(scen, "scenario.toml")
            before = load()
            dp = timed([os.path.join(RELEASE, "dormplan"), "allocate", scenario, "-o",
                        os.path.join(OUT, f"dormplan-{kind}-{size}")], limit)
            peer = timed([PYTHON, os.path.join(HERE, "ortools_allocate.py"), scenario,
                          os.path.join(OUT, f"ortools-{kind}-{size}")], limit)
            dp_obj = value(r"Objective (\d+)", dp.stdout)
            or_obj = value(r"objective=(\d+)", peer.stdout)
            arcs = value(r"arcs=(\d+)", peer.stdout)
            same = dp_obj is not None and dp_obj == or_obj
            if not (dp.timed_out or peer.timed_out) and not same:
                bad = True
                print(f"{size} {kind}: OPTIMA DIFFER: dormplan {dp_obj}, OR-Tools {or_obj}",
                      file=sys.stderr)
            rows.append([size, kind, f"{arcs:,}" if arcs else "-", dp.seconds(), dp.peak(),
                         peer.seconds(), peer.peak(), ratio(peer, dp),
                         "yes" if same else "NO" if dp_obj and or_obj else "-", before])
            print(f"allocate {size} {kind}: dormplan {dp.seconds()} s, OR-Tools "
                  f"{peer.seconds()} s; {peer.stdout.strip()}", file=sys.stderr, flush=True)
    header = ["size", "input", "arcs", "dormplan s", "dormplan peak MB", "OR-Tools s",
              "OR-Tools peak MB", "OR-Tools ÷ dormplan", "same optimum", "load before"]
    return table(header, rows), bad


def plan(counts, limit):
    missing = [n for n in counts
               if not os.path.exists(os.path.join(OUT, f"plan-{n}", "scenario.toml"))]
    if missing:
        subprocess.run([os.path.join(EXAMPLES, "write_plan_series"), OUT, "1",
                        *map(str, missing)], check=True)
    rows, bad = [], False
    for n in counts:
        scenario = os.path.join(OUT, f"plan-{n}", "scenario.toml")
        model = os.path.join(OUT, f"plan-{n}.json")
        before = load()
        dp = timed([os.path.join(RELEASE, "dormplan"), "plan", scenario, "-o",
                    os.path.join(OUT, f"dormplan-plan-{n}")], limit)
        export = timed([os.path.join(EXAMPLES, "export_plan_model"), scenario, model], limit)
        peer = timed([PYTHON, os.path.join(HERE, "highs_plan.py"), model,
                      os.path.join(OUT, f"highs-plan-{n}")], limit)
        dp_obj = None
        if not dp.timed_out:
            summary = os.path.join(OUT, f"dormplan-plan-{n}", "plan_summary.csv")
            import csv
            with open(summary) as f:
                dp_obj = int(next(csv.DictReader(f))["objective"])
        hi_obj = value(r"objective=(\d+)", peer.stdout)
        same = dp_obj is not None and dp_obj == hi_obj
        if not (dp.timed_out or peer.timed_out) and not same:
            bad = True
            print(f"plan {n}: OPTIMA DIFFER: dormplan {dp_obj}, HiGHS {hi_obj}", file=sys.stderr)
        rows.append([n, dp.seconds(), dp.peak(), export.seconds(), peer.seconds(), peer.peak(),
                     ratio(peer, dp), "yes" if same else "NO" if dp_obj and hi_obj else "-",
                     before])
        print(f"plan {n}: dormplan {dp.seconds()} s, export {export.seconds()} s, HiGHS "
              f"{peer.seconds()} s; {peer.stdout.strip().splitlines()[-1] if peer.stdout else ''}",
              file=sys.stderr, flush=True)
    header = ["candidates", "dormplan s", "dormplan peak MB", "export s", "HiGHS s",
              "HiGHS peak MB", "HiGHS ÷ dormplan", "same optimum", "load before"]
    return table(header, rows), bad


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--alloc", default="S,M,L")
    p.add_argument("--kinds", default="points,matrix")
    p.add_argument("--plan", default="12,30,60,120,240")
    p.add_argument("--timeout", type=int, default=300)
    a = p.parse_args()
    split = lambda s: [x.strip() for x in s.split(",") if x.strip()]  # noqa: E731
    os.makedirs(OUT, exist_ok=True)
    results, bad = [], False
    if split(a.alloc):
        t, b = allocate([s.upper() for s in split(a.alloc)], split(a.kinds), a.timeout)
        results.append(("allocate", t))
        bad |= b
    if split(a.plan):
        t, b = plan([int(n) for n in split(a.plan)], a.timeout)
        results.append(("plan", t))
        bad |= b
    for name, t in results:
        print(f"\n{name}\n\n{t}")
    print(f"\nload average after the runs: {load()}")
    if bad:
        print("optima differ", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
