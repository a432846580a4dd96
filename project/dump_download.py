"""The newest dump of the archive for readers to download, from the folder the DUMP_DIR setting names."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from api.dump import latest_zip


@require_safe
def latest_dump(request):
    """The newest zip export_dump wrote under DUMP_DIR, as an attachment; 404 when there is none."""
    found = latest_zip(Path(settings.DUMP_DIR)) if settings.DUMP_DIR else None
    if found is None:
        raise Http404("No dump has been published.")
    return FileResponse(open(found, "rb"), as_attachment=True, filename=found.name, content_type="application/zip")
