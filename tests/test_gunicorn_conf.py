"""The production server as documented: starts, serves, and logs no health answers."""

import time

from tests.perf.bench import Server, collect_static


def test_access_log_leaves_out_query_strings():
    collect_static()  # the documented deployment step; the server needs the manifest
    with Server() as server:
        url = "/self-check/results/?red_flag=bladder-bowel&age=16-49"
        assert b"Emergency" in server.get(url)
        time.sleep(0.2)  # gunicorn writes the access line after the response
        log = server.output()
    assert '"GET /self-check/results/ HTTP/1.1" 200' in log
    assert "bladder-bowel" not in log and "red_flag" not in log
