"""Meeting documents: type checked from content, stored under instance/, never in static/."""

import io
import os
import re
import unicodedata
import uuid
import zipfile

from flask import current_app
from flask_babel import gettext as _

from sesame_group.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {"application/pdf": "pdf", ODT: "odt", DOCX: "docx"}


def folder() -> str:
    path = os.path.join(current_app.instance_path, "meeting_documents")
    os.makedirs(path, exist_ok=True)
    return path


def sniff(data: bytes) -> str | None:
    """The MIME type read from the bytes (PDF, ODT, DOCX), or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def safe_filename(name: str, mimetype: str) -> str:
    """A display/download name: no path, no control or quote characters, right extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = unicodedata.normalize("NFC", base)
    stem = os.path.splitext(base)[0]
    stem = re.sub(r"[\x00-\x1f\x7f\"';<>:/\\|?*]+", "", stem).strip(" .")[:120]
    return f"{stem or 'document'}.{EXTENSIONS[mimetype]}"


def check(data: bytes) -> str:
    """The MIME type of an acceptable upload; DomainError (field "file") otherwise."""
    if not data:
        raise DomainError(_("Le fichier est vide."), "file")
    if len(data) > MAX_BYTES:
        raise DomainError(_("Le fichier dépasse 10 Mo."), "file")
    mimetype = sniff(data)
    if mimetype is None:
        raise DomainError(_("Seuls les fichiers PDF, ODT et DOCX sont acceptés."), "file")
    return mimetype


def store(data: bytes, mimetype: str) -> str:
    """Write the bytes under a random name; returns that name."""
    stored = f"{uuid.uuid4().hex}.{EXTENSIONS[mimetype]}"
    with open(os.path.join(folder(), stored), "wb") as handle:
        handle.write(data)
    return stored


def path_of(stored_name: str) -> str:
    return os.path.join(folder(), os.path.basename(stored_name))
