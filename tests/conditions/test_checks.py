"""``manage.py check`` fails on broken content, naming file, line and field; WSGI refuses it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_check_passes_on_the_real_content():
    call_command("check", "--fail-level", "WARNING")


def test_check_fails_naming_file_line_and_field(content_tree: Path):
    path = content_tree / "conditions" / "gait-problems.md"
    path.write_text(path.read_text().replace("slug: gait-problems", "slug: gait"))
    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    message = str(caught.value)
    assert "content.E001" in message
    assert f"{path}:3: field 'slug': 'gait' must match the file name 'gait-problems'" in message


def _run(args: list[str], *, content_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CONTENT_DIR": str(content_dir),
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "apps.settings",
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_manage_py_check_exits_non_zero_on_broken_content(content_tree: Path):
    path = content_tree / "conditions" / "arthritis.md"
    path.write_text(path.read_text().replace("last_reviewed: 2026-11-24", "last_reviewed: soon"))
    result = _run(["manage.py", "check"], content_dir=content_tree)
    assert result.returncode == 1
    assert f"{path}:" in result.stderr
    assert "field 'last_reviewed'" in result.stderr


def test_the_wsgi_application_refuses_to_start_with_broken_content(content_tree: Path):
    path = content_tree / "conditions" / "arthritis.md"
    path.write_text(path.read_text().replace("  - lower-back\n", "  - upper-back\n", 1))
    result = _run(["-c", "import apps.wsgi"], content_dir=content_tree)
    assert result.returncode != 0
    assert "ContentError" in result.stderr
    assert "unknown region id 'upper-back'" in result.stderr
