"""Letterplay's games and their engine.

numpy's BLAS would run each small matrix product of a letter check on two threads; on a busy
2-core classroom computer that makes a check ~6x slower (benchmarks/frame_times.py). One thread
is set here, before anything imports numpy; an explicit setting in the environment wins.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
