"""The production server as documented: starts, serves, and logs no health answers."""

from tests.perf.bench import Server, collect_static

ACCESS_LINE = '"GET /self-check/results/ HTTP/1.1" 200'


def test_access_log_leaves_out_query_strings(tmp_path):
    collect_static(tmp_path)  # the documented deployment step; the server needs the manifest
    with Server(static_root=tmp_path) as server:
        url = "/self-check/results/?red_flag=bladder-bowel&age=16-49"
        assert b"Emergency" in server.get(url)
        log = server.wait_for_output(ACCESS_LINE)
    assert "bladder-bowel" not in log and "red_flag" not in log
