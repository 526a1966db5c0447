"""One line of JSON per log event, so a log shipper never splits a traceback."""

import json
import logging
from datetime import UTC, datetime


class OneLineJsonFormatter(logging.Formatter):
    def format(self, record):
        event = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            event["status_code"] = status_code
        return json.dumps(event, ensure_ascii=False, default=str)
