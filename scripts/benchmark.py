#!/usr/bin/env python3
# Times release-mode full runs on the bundled content: 2 warm-up runs, then 15 timed; prints median and spread.
# Run after `swift build -c release --product anslag`, from the repository root.
import subprocess, time, statistics, sys, shutil
def bench(args, runs=15):
    ts=[]
    for i in range(runs+2):
        t=time.perf_counter(); subprocess.run(args, check=True, capture_output=True); d=time.perf_counter()-t
        if i>=2: ts.append(d*1000)
    return statistics.median(ts), min(ts), max(ts)
for name,args in [("check",[".build/release/anslag","check","--content","Content"]),("build",[".build/release/anslag","build","--content","Content","--output","/tmp/bench-out"])]:
    m,lo,hi=bench(args)
    print(f"{name}: median {m:.1f} ms, min {lo:.1f} ms, max {hi:.1f} ms (15 runs after 2 warm-up)")
