"""Production server settings: ``gunicorn -c apps/gunicorn_conf.py apps.wsgi:application``.

Environment: ``PORT`` (default 8000) and ``WEB_CONCURRENCY`` (workers, default one per
core). The access log never records query strings: self-check answers are health
information and live only in the URL.
"""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
# The content library is loaded by each worker at start (apps.wsgi); a worker that
# cannot load it exits, and so does the server.
preload_app = False
accesslog = "-"
# %(U)s is the path without the query string; %(q)s (the query) is deliberately absent.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# Nothing else on the machine needs to steer the server.
control_socket_disable = True
# Requests with absurd lines or headers are refused before Django sees them.
limit_request_line = 4094
limit_request_fields = 50
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
