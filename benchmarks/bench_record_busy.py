"""Recording answers while another program writes to the progress file (an import in a second window).

Another process holds the file's write lock for ``--hold`` seconds at a time (6 by default, a long
import; 0.3 s free in between) while this one records an answer every 0.2 s, as a child playing would. Prints the longest time ``record()`` took (it
runs inside a frame: the budget is 16.7 ms), how many answers waited, and how many reached the file.
Before the answer writer, each answer held the frame ~5 s (SQLite's busy timeout) and was then lost.

    python benchmarks/bench_record_busy.py [--answers 20] [--hold 6]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HOLDER = r"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
end = time.monotonic() + float(sys.argv[2])
print("holding", flush=True)
while time.monotonic() < end:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO options VALUES ('import', ?)", (repr(time.time()),))
    time.sleep(float(sys.argv[3]))
    conn.execute("COMMIT")
    time.sleep(0.3)
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--answers", type=int, default=20)
    p.add_argument("--hold", type=float, default=6.0, help="seconds the other process holds the lock each time")
    args = p.parse_args()
    from games.engine.records.progress import Answer, Progress
    folder = Path(tempfile.mkdtemp())
    path = folder / "progress.db"
    progress = Progress.open(path)
    k = progress.store.add_class("Ducks")
    progress.choose(progress.store.add_child(k.id, "Mia", "Cat", "blue"))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(args.answers * 0.2 + 1),
                               str(args.hold)],
                              stdout=subprocess.PIPE, text=True)
    holder.stdout.readline()
    took, waited_most = [], 0
    for i in range(args.answers):
        start = time.perf_counter()
        progress.record(Answer("bench", "1", "abcdefghijklmnopqrstuvwxyz"[i % 26], "lower", "wrote", True))
        took.append(time.perf_counter() - start)
        waited_most = max(waited_most, getattr(progress, "waiting", 0))   # (0: a version without the writer)
        time.sleep(0.2)
    holder.wait()
    start = time.perf_counter()
    if getattr(progress, "writer", None) is not None:
        progress.writer.flush(30)
    drained = time.perf_counter() - start
    kept = progress.store.count_answers()
    progress.close()
    print(f"record() while another process writes: median {statistics.median(took) * 1000:.2f} ms, "
          f"longest {max(took) * 1000:.2f} ms (frame budget 16.7 ms)")
    print(f"answers waiting at most: {waited_most}; written after the other process ended in {drained:.2f} s")
    print(f"answers recorded {args.answers}, in the file {kept}, lost {args.answers - kept}")
    for f in folder.iterdir():
        f.unlink()
    os.rmdir(folder)


if __name__ == "__main__":
    main()
