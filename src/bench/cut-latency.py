#!/usr/bin/env python3
"""How long a write to a file waits while the file's end is cut: in one call, or in steps.

    python3 src/bench/cut-latency.py [once|steps] [--dir /tmp]

Writes a 3,000 MB file in the folder (default /tmp; use the data folder's disk to measure that
disk), syncs it (its pages stay in the kernel's cache, as a live database file's do), then starts
a writer that writes 64 KB into the file's first 512 MB every 2 ms, and cuts the file to 1,000 MB:
`once` with one ftruncate, as H2 does on the thread that writes its chunks; `steps` 32 MB at a
time with 20 ms pauses, as the node's StepwiseShrink does. Prints how long the cut took and the
writer's longest and 99th-percentile write. The figures of session 13 are in docs/performance.md.
Linux only; needs 3 GB of free disk and removes its file.
"""
import argparse
import os
import threading
import time

MB = 1 << 20
parser = argparse.ArgumentParser()
parser.add_argument("mode", choices=["once", "steps"])
parser.add_argument("--dir", default="/tmp")
args = parser.parse_args()

path = os.path.join(args.dir, "cut-latency.bin")
with open(path, "wb") as f:
    block = os.urandom(4 * MB)
    for _ in range(3000 // 4):
        f.write(block)
os.sync()
fd = os.open(path, os.O_RDWR)
latencies = []
stop = threading.Event()


def writer():
    data = os.urandom(64 * 1024)
    position = 0
    while not stop.is_set():
        start = time.perf_counter()
        os.pwrite(fd, data, position % (512 * MB))
        latencies.append(time.perf_counter() - start)
        position += len(data)
        time.sleep(0.002)


thread = threading.Thread(target=writer)
thread.start()
try:
    time.sleep(0.5)
    start = time.perf_counter()
    if args.mode == "once":
        os.ftruncate(fd, 1000 * MB)
    else:
        size = 3000 * MB
        while size > 1000 * MB:
            size = max(1000 * MB, size - 32 * MB)
            os.ftruncate(fd, size)
            time.sleep(0.02)
    cut = time.perf_counter() - start
    time.sleep(0.3)
finally:
    stop.set()
    thread.join()
    os.close(fd)
    os.remove(path)
latencies.sort()
print(f"{args.mode}: cut 2,000 MB in {cut * 1000:.0f} ms; {len(latencies)} writes meanwhile and after,"
      f" longest {latencies[-1] * 1000:.1f} ms, p99 {latencies[int(len(latencies) * 0.99)] * 1000:.2f} ms")
