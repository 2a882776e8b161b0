"""What the game loads before the child sees anything: no scipy, scikit-learn or torch (training only).

Run in a fresh interpreter, so that what other tests imported does not count.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FIRST_FRAME = """
import json, sys
from games.engine.app import App
from games.launcher import Launcher

app = App(mute=True)                     # the real checker, loading its model in the background
app.push(Launcher(app))
app.run_frames(1)
heavy = lambda: sorted(m for m in sys.modules if m.split(".")[0] in ("scipy", "sklearn", "torch"))
at_first_frame = heavy()
app.checker._ready.wait(30)              # the model is loaded, still nothing heavy
app.run_frames(30)
print(json.dumps({"first_frame": at_first_frame, "model_loaded": heavy(), "status": app.checker.status}))
app.shutdown()
"""


def test_no_scipy_scikit_learn_or_torch_before_the_launcher_first_frame(tmp_path):
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "LETTERPLAY_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", FIRST_FRAME], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert "checked by the handwriting recognizer" in seen["status"]
    assert seen["first_frame"] == [], f"imported before the first frame: {seen['first_frame'][:5]}"
    assert seen["model_loaded"] == [], f"imported while loading the model: {seen['model_loaded'][:5]}"
