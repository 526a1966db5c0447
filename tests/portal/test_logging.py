import json
import logging

from portal.logging import OneLineJsonFormatter


def test_log_event_with_traceback_is_one_json_line():
    formatter = OneLineJsonFormatter()
    try:
        raise ValueError("hỏng")
    except ValueError:
        record = logging.LogRecord("portal", logging.ERROR, __file__, 1, "Lỗi %s", ("xử lý",), exc_info=True)
        import sys

        record.exc_info = sys.exc_info()

    line = formatter.format(record)

    assert "\n" not in line
    event = json.loads(line)
    assert event["message"] == "Lỗi xử lý"
    assert event["level"] == "ERROR"
    assert "ValueError: hỏng" in event["exception"]
