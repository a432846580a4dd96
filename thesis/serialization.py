"""A JSON serialization format that keeps times to the microsecond, for backups that lose nothing.

Django's own JSON format rounds times to the millisecond, which can reorder a history's
records made within one millisecond. Backups are read back with Django's JSON deserializer,
which parses the longer form as it is.
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder


class LosslessJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", LosslessJSONEncoder)
        super()._init_options()


Deserializer = json.Deserializer
