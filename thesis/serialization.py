"""A JSON Lines serialization format, one row a line, that keeps times to the microsecond, for backups.

Django's own JSON formats round times to the millisecond, which can reorder a history's records
made within one millisecond. One row a line lets a restore check each row before it loads any.
Backups are read back with Django's deserializer, which parses the longer form as it is.
"""

import datetime
import json

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder

# Columns that are not data: a thesis's data version is the database's count of its changes, which a
# restore starts again (thesis/derived/dataversion.py), as it does the archive's.
NOT_BACKED_UP = {"thesis.thesis": {"data_version"}}


class LosslessJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", LosslessJSONEncoder)
        super()._init_options()

    def handle_field(self, obj, field):
        if field.name not in NOT_BACKED_UP.get(obj._meta.label_lower, ()):
            super().handle_field(obj, field)

    def end_object(self, obj):
        # One write a row: the stream a backup writes through sees whole lines.
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None


Deserializer = jsonl.Deserializer
