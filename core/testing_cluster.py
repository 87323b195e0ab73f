"""A Parvis cluster of real processes on one PostgreSQL database, for tests and benchmarks.

``Cluster`` starts N ``parvis serve --production`` nodes (each on a free loopback port, all with
the same ``PARVIS_SECRET_KEY`` and a configuration saying ``[server] nodes = N`` and trusting
127.0.0.1 as a proxy), ``parvis worker`` programs, and nginx as a round-robin load balancer in
front of the nodes (a configuration of its own in a temporary folder: pid, logs and temporary
files there, nothing of the system's nginx touched). ``prepare_vote`` (parvis.testing_vote) fills a
fresh database with an open budget vote and signed-in voters; parvis.testing_http speaks HTTP/1.1
on raw keep-alive sockets. This module re-exports both, the one import of the cluster's users.

Used by ``tests/nodes/test_cluster.py`` (``make test-nodes``) and ``bench/ops/vote_day.py``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from parvis.testing_http import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    Connection,
    build_get,
    build_post,
    cookie_header,
    csrf_for,
    get_sync,
    percentile,
    set_cookies,
)
from parvis.testing_vote import Vote, cast_request, fresh_database, grades_for, prepare_vote

BUNDLED_PROFILE = Path(__file__).parent / "profiles" / "paris.toml"


def find_nginx() -> str | None:
    """The nginx program (Debian's ``nginx`` package), or None."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the processes ----------------------------------------------------------------------------------


def nginx_config(folder: Path, port: int, upstreams: list[int]) -> str:
    """nginx as a round-robin balancer on 127.0.0.1:``port``, everything in ``folder``.

    The same proxying as the shipped ``deploy/nginx/parvis.conf``, without TLS or static files:
    a node that refuses connections is taken out for a few seconds (``max_fails``); a request it
    accepted and then lost is answered 502, never sent again to another node (nginx does not
    retry POSTs: a ballot is never cast twice by the balancer).
    """
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=3s;" for p in upstreams)
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root, workers would become nobody
    return f"""{user}daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream parvis {{
{servers}
        keepalive 64;
        keepalive_timeout 60s;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://parvis;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-ID $request_id;
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


def cluster_config(folder: Path, nodes: int, profile: Path = BUNDLED_PROFILE) -> Path:
    """The site's profile with ``[server] nodes``, the proxy trusted and the key file in ``folder``."""
    source = profile.read_text(encoding="utf-8")
    server = (
        f'[server]\nnodes = {nodes}\ntrusted_proxies = ["127.0.0.1"]\n'
        f'secret_key_file = "{folder / "secret_key"}"\n'
    )
    if "[server]\n" not in source:
        raise ValueError(f"{profile} has no [server] table")
    lines = [
        line
        for line in source.replace("[server]\n", server, 1).splitlines()
        if not line.startswith("database_url")
    ]
    path = folder / "parvis.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    port: int | None = None

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.alive():
            os.killpg(self.popen.pid, sig)

    def stop(self, timeout: float = 20) -> None:
        if not self.alive():
            return
        self.kill(signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill(signal.SIGKILL)
            self.popen.wait(5)


@dataclass
class Cluster:
    """``nodes`` web nodes (``web_workers`` uvicorn processes each), ``workers`` job workers and
    nginx, on ``database_url``, with files in ``folder``. Use as a context manager."""

    database_url: str
    folder: Path
    nodes: int = 2
    web_workers: int = 1
    workers: int = 1
    env: dict[str, str] = field(default_factory=dict)
    secret_key: str = field(default_factory=lambda: secrets.token_hex(32))
    processes: list[Process] = field(default_factory=list)
    balancer_port: int = 0

    @property
    def web(self) -> list[Process]:
        return [p for p in self.processes if p.name.startswith("node")]

    @property
    def job_workers(self) -> list[Process]:
        return [p for p in self.processes if p.name.startswith("worker")]

    def _environment(self, name: str) -> dict[str, str]:
        return {
            **os.environ,
            "PARVIS_DATABASE_URL": self.database_url,
            "PARVIS_SECRET_KEY": self.secret_key,
            "PARVIS_CONFIG": str(self.config),
            "PROMETHEUS_MULTIPROC_DIR": str(self.folder / name / "metrics"),
            **self.env,
        }

    def _spawn(self, name: str, command: list[str], port: int | None = None) -> Process:
        (self.folder / name / "metrics").mkdir(parents=True, exist_ok=True)
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            popen = subprocess.Popen(  # noqa: S603 - our own programs
                command,
                env=self._environment(name),
                cwd=self.folder / name,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # killpg reaches its uvicorn or huey children
            )
        process = Process(name, popen, log, port)
        self.processes.append(process)
        return process

    def start(self, timeout: float = 90) -> Cluster:
        nginx = find_nginx()
        if nginx is None:
            raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.config = cluster_config(self.folder, self.nodes)
        parvis = str(Path(sys.executable).with_name("parvis"))
        for n in range(self.nodes):
            port = free_port()
            self._spawn(
                f"node{n + 1}",
                [parvis, "serve", "--production", "--workers", str(self.web_workers), "--port", str(port)],
                port,
            )
        for n in range(self.workers):
            self._spawn(f"worker{n + 1}", [parvis, "worker", "--workers", "2"])
        balancer = self.folder / "nginx"
        balancer.mkdir(exist_ok=True)
        self.balancer_port = free_port()
        conf = balancer / "nginx.conf"
        conf.write_text(nginx_config(balancer, self.balancer_port, [p.port for p in self.web if p.port]))
        self._spawn("nginx", [nginx, "-p", str(balancer), "-c", str(conf), "-e", str(balancer / "error.log")])
        deadline = time.monotonic() + timeout
        for node in self.web:
            self._wait(node, "/readyz", deadline)
        self._wait(self.processes[-1], "/healthz", deadline, port=self.balancer_port)
        return self

    def _wait(self, process: Process, path: str, deadline: float, *, port: int | None = None) -> None:
        port = port or process.port
        while True:
            if not process.alive():
                raise RuntimeError(f"{process.name} stopped:\n{self.tail(process)}")
            try:
                assert port is not None, f"{process.name} serves no port"
                status, _headers, _body = get_sync(port, path)
                if status == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{process.name} is not ready on {path}:\n{self.tail(process)}")
            time.sleep(0.2)

    def tail(self, process: Process, lines: int = 30) -> str:
        try:
            return "\n".join(process.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def logs(self) -> str:
        return "\n\n".join(f"== {p.name} ==\n{self.tail(p)}" for p in self.processes)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


def cpu_seconds(root: int) -> float:
    """User + system CPU time of a process and its children, from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids, seen = [root], set()
    while pids:
        pid = pids.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(stat[11]) + int(stat[12])) / tick
            pids.extend(int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
        except OSError:
            continue
    return total


__all__ = [
    "CSRF_COOKIE",
    "SESSION_COOKIE",
    "Cluster",
    "Connection",
    "Vote",
    "build_get",
    "build_post",
    "cast_request",
    "cookie_header",
    "cpu_seconds",
    "csrf_for",
    "find_nginx",
    "free_port",
    "fresh_database",
    "grades_for",
    "percentile",
    "prepare_vote",
    "set_cookies",
]
