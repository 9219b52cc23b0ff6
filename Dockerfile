# mockserver: one process (all state lives in it), non-root, state under /data.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /opt/mockserver
COPY pyproject.toml README.md ./
COPY mockserver ./mockserver
COPY scenarios ./scenarios
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin mockserver \
    && mkdir /data \
    && chown mockserver:mockserver /data

USER 10001:10001
WORKDIR /data
ENV MOCKSERVER_HOST=0.0.0.0 \
    MOCKSERVER_PORT=8080 \
    MOCKSERVER_STORE=/data/mockserver-store.json
EXPOSE 8080
VOLUME ["/data"]

HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/_mock/health', timeout=2).status != 200)"]

# serve runs the production server (cheroot: keep-alive, a capped pool of threads and
# connections, docs/serving.md) with an access line per request on stderr
# (MOCKSERVER_ACCESS_LOG=false turns it off); docker stop's SIGTERM stops it cleanly.
CMD ["mockserver", "serve", "--host", "0.0.0.0", "--port", "8080"]
