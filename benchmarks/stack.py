"""The private stack of `make load` and `make faults`: PostgreSQL, Redis and gunicorn.

Everything listens on 127.0.0.1 only, on ports of its own (the machine's shared PostgreSQL
on 5432 and Redis on 6379 are never touched: other people's tests use them). The PostgreSQL
cluster lives in ``.load/pg`` and keeps the synthetic data set between runs; Redis keeps
nothing (no RDB, no AOF). Each run's logs and results go to ``.load/<run>/``.

The fault run stops and starts PostgreSQL and kills Redis through the methods here.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# LOAD_STATE: where the cluster and the runs live (e.g. shared by a clean export of the code).
STATE = Path(os.environ.get("LOAD_STATE", ROOT / ".load"))
PG_BIN = Path(os.environ.get("LOAD_PG_BIN", "/usr/lib/postgresql/15/bin"))
HOST = "127.0.0.1"
DATABASE = "pact_load"
VENV_BIN = Path(sys.executable).parent


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def wait_for(check, seconds: float, what: str) -> None:
    """Polls ``check`` until it is true; a clear error after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {seconds:.0f} s")


def _as_postgres(*command: str) -> list[str]:
    # initdb and postgres refuse to run as root: the cluster belongs to the postgres user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return list(command)


def _cluster_directory(directory: Path) -> None:
    """An empty data directory as PostgreSQL wants it: the postgres user's, mode 0700."""
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    directory.chmod(0o700)


@dataclass
class PrivatePostgres:
    port: int
    directory: Path = STATE / "pg"
    log: Path = STATE / "pg.log"

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def init(self) -> None:
        if (self.directory / "PG_VERSION").exists():
            return
        _cluster_directory(self.directory)
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "initdb"),
                "-D",
                str(self.directory),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def running(self) -> bool:
        status = subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.directory), "status"),
            capture_output=True,
        )
        return status.returncode == 0

    def start(self) -> None:
        if self.running():
            return
        if not port_is_free(self.port):
            raise RuntimeError(f"port {self.port} is taken: set LOAD_PG_PORT to a free port")
        self.log.touch()
        if os.geteuid() == 0:
            shutil.chown(self.log, "postgres", "postgres")
        # Queries over 300 ms go to .load/pg.log, and pg_stat_statements counts them all
        # (benchmarks/pg_top.py): where a slow request spends its time. No JIT: it compiled
        # each large listing query again, 80 to 170 ms of CPU a request.
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -c unix_socket_directories='' "
            "-c shared_buffers=256MB -c max_connections=50 -c log_min_duration_statement=300 "
            "-c jit=off -c shared_preload_libraries=pg_stat_statements"
        )
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.directory),
                "-l",
                str(self.log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self, mode: str = "fast") -> None:
        if not self.running():
            return
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"), "-D", str(self.directory), "-m", mode, "-w", "stop"
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def postmaster_pid(self) -> int | None:
        """The server's process (first line of postmaster.pid), None when it is not running."""
        try:
            return int((self.directory / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [
                str(PG_BIN / "psql"),
                "-h",
                HOST,
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
                "-tAc",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()


@dataclass
class PrivateReplica(PrivatePostgres):
    """A streaming replica of the private cluster, cloned afresh for each run."""

    directory: Path = STATE / "pg-replica"
    log: Path = STATE / "pg-replica.log"

    def clone(self, primary: PrivatePostgres) -> None:
        """``pg_basebackup -R``: a standby that follows ``primary`` once started."""
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
        _cluster_directory(self.directory)
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_basebackup"),
                *("-h", HOST, "-p", str(primary.port), "-U", "postgres"),
                *("-D", str(self.directory), "-R", "-X", "stream", "-c", "fast"),
            ),
            check=True,
        )

    def lag_seconds(self) -> float:
        """Seconds since the last transaction replayed (0 when nothing was written since)."""
        return float(
            self.psql(
                "SELECT COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)"
            )
        )


def transactions(pg: PrivatePostgres) -> int:
    """Transactions committed in the data set's database since the cluster started."""
    return int(pg.psql(f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{DATABASE}'"))


@dataclass
class PrivateRedis:
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        if not port_is_free(self.port):
            raise RuntimeError(f"port {self.port} is taken: set LOAD_REDIS_PORT to a free port")
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.answers, 10, "Redis")

    def answers(self) -> bool:
        try:
            with socket.create_connection((HOST, self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        """SIGKILL: the harshest way for the cache to disappear."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None


@dataclass
class Gunicorn:
    port: int
    env: dict[str, str]
    log: Path
    workers: int = 4
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        if not port_is_free(self.port):
            raise RuntimeError(f"port {self.port} is taken: set LOAD_WEB_PORT to a free port")
        env = {
            **self.env,
            "WEB_CONCURRENCY": str(self.workers),
            "GUNICORN_BIND": f"{HOST}:{self.port}",
            # The recycling of workers is part of production; it is kept.
            "GUNICORN_ACCESS_LOG": str(self.log.with_name("access.log")),
        }
        command = [str(VENV_BIN / "gunicorn"), "-c", "oneinfive/gunicorn.conf.py"]
        if _gunicorn_version() >= (27,):
            # Its control socket is one path per user (~/.gunicorn): not ours to take.
            command.append("--no-control-socket")
        self.process = subprocess.Popen(
            [*command, "oneinfive.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.listening, 60, "gunicorn")
        # The first request of each worker loads the URLconf and templates: on a busy
        # machine that takes a while, so the readiness request may wait long.
        self.get("/en/", timeout=180)

    def listening(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log}")
        try:
            socket.create_connection((HOST, self.port), timeout=1).close()
        except OSError:
            return False
        return True

    def get(self, path: str, timeout: float = 120) -> int:
        """One GET (warm-up, readiness); raises unless the answer is 200."""
        with urllib.request.urlopen(f"{self.base_url}{path}", timeout=timeout) as response:
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            response.read()
            return response.status

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            # SIGTERM, graceful: requests still queued when the clients stopped are finished
            # (a quick SIGINT cut them: 500s in the access log after the run). Idle workers
            # may take up to half the worker timeout to notice.
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=45)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@dataclass
class Stack:
    """PostgreSQL + Redis + gunicorn, started together and always stopped together."""

    run_dir: Path
    pg: PrivatePostgres = field(
        default_factory=lambda: PrivatePostgres(int(os.environ.get("LOAD_PG_PORT", "5499")))
    )
    redis: PrivateRedis = field(
        default_factory=lambda: PrivateRedis(int(os.environ.get("LOAD_REDIS_PORT", "6399")))
    )
    web: Gunicorn | None = None
    replica: PrivateReplica | None = None

    def env(self) -> dict[str, str]:
        """The environment of the site: production settings pointed at the private stack."""
        replica = {"DATABASE_REPLICA_URL": self.replica.url()} if self.replica else {}
        return {
            **replica,
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.load_settings",
            "SECRET_KEY": _secret_key(),
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": self.pg.url(),
            "REDIS_URL": self.redis.url,
            "STATIC_ROOT": str(STATE / "static"),
            "MEDIA_ROOT": str(STATE / "media"),
            # Mails stay in memory: the run talks to nothing but 127.0.0.1.
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }

    def start_data(self) -> None:
        self.pg.init()
        self.pg.start()

    def pids(self) -> dict[str, int | None]:
        """The running parts' main processes (benchmarks/cpu_use.py follows their trees)."""
        clusters = [self.pg, self.replica] if self.replica else [self.pg]
        pids = {
            "gunicorn": self.web.process.pid if self.web and self.web.process else None,
            "redis": self.redis.process.pid if self.redis.process else None,
        }
        for name, cluster in zip(("postgres", "replica"), clusters, strict=False):
            pids[name] = cluster.postmaster_pid()
        return pids

    def start_replica(self) -> None:
        """A replica of the data set's cluster (LOAD_REPLICA_PORT): the site reads from it."""
        self.replica = PrivateReplica(int(os.environ.get("LOAD_REPLICA_PORT", "5498")))
        started = time.perf_counter()
        self.replica.clone(self.pg)
        self.replica.start()
        print(f"  replica cloned and started in {time.perf_counter() - started:.0f} s")

    def start_all(self, workers: int) -> None:
        self.start_data()
        self.redis.start()
        port = int(os.environ.get("LOAD_WEB_PORT", "8499"))
        self.web = Gunicorn(port, self.env(), self.run_dir / "gunicorn.log", workers)
        self.web.start()

    def stop(self) -> None:
        # Each part is stopped even if another fails to stop.
        for stop in (
            self.web.stop if self.web else None,
            self.redis.kill,
            self.replica.stop if self.replica else None,
            self.pg.stop,
        ):
            if stop is None:
                continue
            try:
                stop()
            except Exception as error:  # noqa: BLE001 - report and go on stopping the rest
                print(f"  (stopping: {error})", file=sys.stderr)


def _gunicorn_version() -> tuple[int, ...]:
    import gunicorn

    return tuple(gunicorn.version_info)


def _secret_key() -> str:
    """One random key kept in .load/, so that signed tokens stay valid across runs."""
    path = STATE / "secret_key"
    if not path.exists():
        STATE.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def new_run_dir(kind: str) -> Path:
    run_dir = STATE / "runs" / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}"
    run_dir.mkdir(parents=True)
    return run_dir


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True))
