# mockserver: one process (all state lives in it), non-root, state in the /data volume.
# Configured by MOCKSERVER_* variables alone (mockserver serve --help lists them): the
# command passes no flag, since a flag would beat its variable.

# The base image by digest, so a rebuild gets the same bytes (an index digest: every
# platform of python:3.12.7-slim-bookworm). To move on, build with
# --build-arg PYTHON_IMAGE=python:3.12-slim-bookworm@sha256:<the digest docker pull prints>.
ARG PYTHON_IMAGE=python:3.12.7-slim-bookworm@sha256:032c52613401895aa3d418a4c563d2d05f993bc3ecc065c8f4e2280978acd249
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /opt/mockserver
# Dependencies first, each pinned with its hashes (docker/requirements.in says how the lock
# is made): a change to the sandbox's code alone rebuilds from the next step.
COPY docker/requirements.txt ./requirements.txt
RUN pip install --no-cache-dir --require-hashes --only-binary=:all: -r requirements.txt
COPY pyproject.toml README.md LICENSE ./
COPY mockserver ./mockserver
COPY scenarios ./scenarios
# --no-deps --no-build-isolation: everything it needs is installed above, from the lock.
RUN pip install --no-cache-dir --no-deps --no-build-isolation . \
    && useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin mockserver \
    && mkdir /data \
    && chown mockserver:mockserver /data

USER 10001:10001
WORKDIR /data
# The store is a file in the volume, so state outlives the container (mockserver serve
# alone keeps it in memory); MOCKSERVER_STORE=:memory: runs without it.
ENV MOCKSERVER_HOST=0.0.0.0 \
    MOCKSERVER_PORT=8080 \
    MOCKSERVER_STORE=/data/store.json
EXPOSE 8080
VOLUME ["/data"]

# Asks the port the sandbox was told to listen on (MOCKSERVER_PORT, as docker run -e sets it).
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('MOCKSERVER_PORT') or '8080'; sys.exit(urllib.request.urlopen(f'http://127.0.0.1:{port}/_mock/health', timeout=2).status != 200)"]

# serve runs the production server (cheroot: keep-alive, a capped pool of threads and
# connections, docs/serving.md) with an access line per request on stderr
# (MOCKSERVER_ACCESS_LOG=false turns it off); docker stop's SIGTERM stops it cleanly.
CMD ["mockserver", "serve"]
