"""Entry point: `flask --app app ...` and gunicorn `app:app`."""

from sesame_group import create_app
from sesame_group.extensions import db

app = create_app()


@app.shell_context_processor
def shell_context():
    return {"db": db}
