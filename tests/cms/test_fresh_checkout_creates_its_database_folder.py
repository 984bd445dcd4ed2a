"""On a fresh checkout var/ does not exist (git ignores it); the demo's first
`migrate` must still be able to create the SQLite database there."""

import os
import subprocess
import sys


def test_sqlite_folder_is_created_when_missing(tmp_path):
    db = tmp_path / "not" / "yet" / "kepu.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(KEPU_SQLITE_PATH=str(db), DJANGO_SETTINGS_MODULE="cms.settings.dev")
    code = ("import django; django.setup(); from django.db import connection; "
            "connection.ensure_connection(); print('connected')")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "connected" in done.stdout
    assert db.is_file()
