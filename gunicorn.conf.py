"""gunicorn settings from the environment (the Procfile and `make serve` both use this file)."""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# Load the data once in the master; workers share those pages copy-on-write.
preload_app = True
timeout = 60
graceful_timeout = 20
# Recycle workers now and then so memory stays flat under long uptimes.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
accesslog = "-" if os.environ.get("ACCESS_LOG") else None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# No version banner in the Server header.
import gunicorn  # noqa: E402

gunicorn.SERVER = "server"
