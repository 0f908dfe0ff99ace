"""Every Dutch text in the code and templates has its English: what `make makemessages` would find is already
translated (an English user must never see a Dutch sentence because a string was added without its English)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "staticfiles", "data", "artifacts", "__pycache__", "*.mo"
)


def _missing(catalogue):
    """The msgids of a .po file without an English text, or with a fuzzy (unchecked) one."""
    found = []
    for option in ("--untranslated", "--only-fuzzy"):
        output = subprocess.run(
            ["msgattrib", option, "--no-obsolete", str(catalogue)], capture_output=True, text=True, check=True
        ).stdout
        found += [line[7:-1] for line in output.splitlines() if line.startswith('msgid "') and line != 'msgid ""']
    return found


def test_every_string_has_its_english(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    (copy / ".venv").symlink_to(Path(sys.executable).parent.parent)  # the Makefile's tools, already installed
    subprocess.run(["make", "-s", "makemessages"], cwd=copy, capture_output=True, check=True)
    missing = {
        str(po.relative_to(copy)): _missing(po)
        for po in copy.glob("**/locale/en/LC_MESSAGES/django.po")
        if _missing(po)
    }
    assert missing == {}
