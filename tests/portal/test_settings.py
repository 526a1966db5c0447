"""The settings module in both modes, run in fresh interpreters so each reads its own environment.

Each interpreter only imports the settings module (what a bad environment must stop), not the
apps: `django.setup()` would triple the cost of every case for nothing these tests look at.
"""

import os
import subprocess
import sys

from django.conf import settings

SHOW = (
    "from django.conf import settings as s; "
    "print(s.PRODUCTION, s.CELERY_TASK_ALWAYS_EAGER, s.DATABASES['default']['ENGINE'], s.SESSION_COOKIE_SECURE)"
)


def run_settings(env, code=SHOW):
    base = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
    base["DJANGO_SETTINGS_MODULE"] = "emulation_portal.settings"
    base["VAR_DIR"] = "/tmp/portal-settings-test"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**base, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_settings_without_environment_run_embedded_mode():
    result = run_settings({})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "django.db.backends.sqlite3", "False"]


def test_settings_with_database_url_run_production_mode():
    result = run_settings(
        {
            "DATABASE_URL": "postgres://portal@db.invalid/portal",
            "CELERY_BROKER_URL": "redis://broker.invalid:6379/0",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "thidua.example.vn",
        }
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "django.db.backends.postgresql", "True"]


def test_settings_production_without_secret_key_refuses_to_start():
    result = run_settings({"DATABASE_URL": "postgres://portal@db.invalid/portal", "ALLOWED_HOSTS": "x.vn"})

    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_settings_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "k" * 50 + "\n")

    result = run_settings(
        {"SECRET_KEY_FILE": str(secret)}, code="from django.conf import settings as s; print(s.SECRET_KEY)"
    )

    assert result.stdout.strip() == "from-a-file-" + "k" * 50


def test_settings_boolean_other_than_true_or_false_is_an_error():
    result = run_settings({"DEBUG": "yes"})

    assert result.returncode != 0
    assert "DEBUG must be 'true' or 'false'" in result.stderr


def test_check_deploy_passes_under_production_settings():
    result = subprocess.run(
        [str(settings.BASE_DIR / "scripts" / "check-deploy"), sys.executable],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION_ENV = {
    "DATABASE_URL": "postgres://portal@db.invalid/portal",
    "ALLOWED_HOSTS": "thidua.example.vn",
    "SECRET_KEY": "k" * 50,
}


def test_settings_production_refuses_debug():
    result = run_settings({**PRODUCTION_ENV, "DEBUG": "true"})

    assert result.returncode != 0
    assert "DEBUG=true is refused in production" in result.stderr


def test_settings_production_refuses_a_short_secret_key():
    result = run_settings({**PRODUCTION_ENV, "SECRET_KEY": "k" * 49})

    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in result.stderr


def test_settings_production_accepts_a_fifty_character_secret_key():
    result = run_settings(PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr


def test_only_the_settings_module_reads_the_environment():
    readers = []
    skipped = {"tests", "bench", "var"}
    folders = [
        path for path in settings.BASE_DIR.iterdir() if path.is_dir() and not path.name.startswith(".")
    ]  # never walk .venv
    for path in (path for folder in folders if folder.name not in skipped for path in folder.glob("**/*.py")):
        relative = path.relative_to(settings.BASE_DIR)
        text = path.read_text(encoding="utf-8")
        if "os.environ" in text.replace('os.environ.setdefault("DJANGO_SETTINGS_MODULE"', "") or "getenv(" in text:
            readers.append(str(relative))

    assert readers == ["emulation_portal/settings.py"]
