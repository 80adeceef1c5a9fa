"""gunicorn settings (`gunicorn -c oneinfive/gunicorn.conf.py oneinfive.wsgi`), from the env.

Documented in docs/deployment.md. gunicorn runs behind nginx or Caddy (TLS, media, buffering
of slow clients), so it listens on the loopback by default.
"""

import multiprocessing
import os

# HOST/PORT as in the Makefile; PORT alone is what platforms that read a Procfile set.
bind = os.environ.get(
    "GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
# WEB_CONCURRENCY is the usual name for the number of worker processes.
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
# Threads > 1 switch to the gthread worker: more requests per process at the same memory.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

# A request that runs longer than this is cut and its worker replaced: no page takes that long.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart (deploy), requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Workers are recycled now and then, so that a slow memory leak never grows unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# Only the proxy on this machine may say which scheme (https) the client used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on standard output, without the client's IP address or user agent (privacy:
# no IP address is stored, docs/security.md): time, request line, status, size, duration,
# and whether the page or API cache answered (X-Cache: hit, miss when it kept the answer, -).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms %({x-cache}o)s'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
