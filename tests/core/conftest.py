"""Core fixtures: a second app instance built with its own configuration."""

import pytest

from sesame_group import create_app


@pytest.fixture
def make_app(tmp_path):
    """create_app() with test-like settings, overridable (unreachable database, no TESTING)."""

    def make(**overrides):
        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "INSTANCE_PATH": str(tmp_path),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/other.db",
            "WTF_CSRF_ENABLED": False,
            "SERVER_HOST": "sesame.test",
        }
        config.update(overrides)
        return create_app(config)

    return make
