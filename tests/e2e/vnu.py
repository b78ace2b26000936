"""The Nu HTML checker (npm `vnu-jar`, run by the machine's Java), one JVM for many pages."""

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))
INSTALL_HINT = "npm ci --ignore-scripts (vnu-jar, pinned in package-lock.json) and a Java ≥ 11"


def missing():
    """Why the checker cannot run here, or None."""
    if not VNU_JAR.is_file():
        return f"{VNU_JAR} not found: {INSTALL_HINT}"
    if not shutil.which("java"):
        return f"java not found: apt-get install -y default-jre-headless ({INSTALL_HINT})"
    return None


def validate(documents, workdir):
    """documents: {label: html bytes}. Returns {label: [error messages]} for invalid ones."""
    workdir = Path(workdir)
    names = {}
    for index, (label, html) in enumerate(documents.items()):
        path = workdir / f"page-{index:04d}.html"
        path.write_bytes(html)
        names[path.name] = label
    if not names:
        return {}
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            *sorted(str(workdir / name) for name in names),
        ],
        capture_output=True,
        check=False,
        timeout=600,
    )
    try:
        messages = json.loads(completed.stdout or b"{}").get("messages", [])
    except json.JSONDecodeError as error:
        raise AssertionError(
            f"vnu output is not JSON ({error}): {completed.stderr.decode()[:2000]}"
        ) from error
    errors = {}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        label = names.get(Path(message.get("url", "")).name, message.get("url", "?"))
        where = f"line {message.get('lastLine', '?')}"
        extract = " ".join((message.get("extract") or "").split())[:160]
        errors.setdefault(label, []).append(f"{where}: {message['message']} — «{extract}»")
    return errors
