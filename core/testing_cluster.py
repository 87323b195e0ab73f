"""A Parvis cluster of real processes on one PostgreSQL database, for tests and benchmarks.

``Cluster`` starts N ``parvis serve --production`` nodes (each on a free loopback port, all with
the same ``PARVIS_SECRET_KEY`` and a configuration saying ``[server] nodes = N`` and trusting
127.0.0.1 as a proxy), ``parvis worker`` programs, and nginx as a round-robin load balancer in
front of the nodes (a configuration of its own in a temporary folder: pid, logs and temporary
files there, nothing of the system's nginx touched). ``prepare_vote`` fills a fresh database with
an open budget vote and signed-in voters; ``HttpClient`` speaks HTTP/1.1 on raw keep-alive
sockets (cheap enough that the client does not take the machine's cores from the servers).

Used by ``tests/nodes/test_cluster.py`` (``make test-nodes``) and ``bench/ops/vote_day.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

# A production server names its cookies with the __Host- prefix (parvis.web.cookies).
SESSION_COOKIE = "__Host-parvis_session"
CSRF_COOKIE = "__Host-parvis_csrf"
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


def fresh_database(url: str) -> str:
    """Drop and create the PostgreSQL database ``url`` names; returns its SQLAlchemy URL."""
    parsed = make_url(url).set(drivername="postgresql+psycopg")
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    return parsed.render_as_string(hide_password=False)


# -- an open budget vote with signed-in voters ----------------------------------------------------


@dataclass
class Vote:
    slug: str
    fields: list[str]  # the ballot form's field names (one per project)
    tokens: list[str]  # each voter's session cookie
    emails: list[str]

    def cast_path(self, locale: str = "en") -> str:
        return f"/{locale}/budget/{self.slug}/vote/city/cast"

    def vote_path(self, locale: str = "en") -> str:
        return f"/{locale}/budget/{self.slug}/vote/city"


def prepare_vote(database_url: str, voters: int, *, projects: int = 12, password: str | None = None) -> Vote:
    """Migrate the database, open a budget vote with ``projects`` projects on the all-city ballot,
    and add ``voters`` residents with confirmed addresses, each signed in (a session row). With
    ``password``, every account can also sign in with it (one hash, shared)."""
    from parvis.auth import AuthSession, hash_password
    from parvis.db import utcnow
    from parvis.identity import Account, NationalityGroup, Person
    from parvis.migrate import upgrade
    from parvis.plugins.budget.models import PhaseKind
    from parvis.plugins.budget.services import campaigns
    from parvis.plugins.budget.services import projects as budget_projects
    from parvis.site import Site

    site = Site.create(database_url=database_url)
    upgrade(site)
    now = utcnow()
    day = timedelta(days=1)
    with site.session() as db:
        campaign = campaigns.create_campaign(
            db,
            site,
            slug="cluster",
            year=now.year,
            title="Budget participatif (grappe)",
            total=75_000_000_00,
            phases={
                PhaseKind.IDEAS: (now - 60 * day, now - 30 * day),
                PhaseKind.VOTE: (now - day, now + 20 * day),
            },
        )
        fields = []
        for n in range(projects):
            project = budget_projects.create_project(
                db,
                site,
                campaign,
                budget_projects.ProjectInput(
                    f"Projet {n + 1}", "Un projet.", "city", "environment", cost=100_000_00 + n
                ),
            )
            budget_projects.put_on_ballot(db, project)
            fields.append(f"g-{project.public_id}")
        db.commit()
        slug = campaign.slug
    password_hash = hash_password(password, site) if password else "!"
    tokens = [secrets.token_urlsafe(32) for _ in range(voters)]
    emails = [f"votant{i}@example.org" for i in range(voters)]
    with site.engine.begin() as connection:
        people = [
            {
                "given_name": f"Votant{i}",
                "family_name": "Grappe",
                "birth_date": now.date().replace(year=1980),
                "nationality_group": NationalityGroup.FRENCH,
                "resident": True,
                "district": "11",
                "qpop": False,
                "public_id": secrets.token_urlsafe(10),
                "created_at": now,
                "updated_at": now,
            }
            for i in range(voters)
        ]
        person_ids = connection.execute(insert(Person).returning(Person.id), people).scalars().all()
        accounts = [
            {
                "email": email,
                "password_hash": password_hash,
                "display_name": f"Votant {i}",
                "active": True,
                "email_verified_at": now,
                "person_id": person_id,
                "public_id": secrets.token_urlsafe(10),
                "created_at": now,
                "updated_at": now,
            }
            for i, (email, person_id) in enumerate(zip(emails, person_ids, strict=True))
        ]
        account_ids = connection.execute(insert(Account).returning(Account.id), accounts).scalars().all()
        connection.execute(
            insert(AuthSession),
            [
                {
                    "token_hash": hashlib.sha256(t.encode()).hexdigest(),
                    "account_id": a,
                    "created_at": now,
                    "expires_at": now + 2 * day,
                }
                for t, a in zip(tokens, account_ids, strict=True)
            ],
        )
    site.engine.dispose()
    return Vote(slug, fields, tokens, emails)


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


# -- HTTP on raw sockets --------------------------------------------------------------------------


def get_sync(port: int, path: str, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    return asyncio.run(_get_once(port, path, cookie))


async def _get_once(port: int, path: str, cookie: str) -> tuple[int, dict[str, str], bytes]:
    connection = Connection(port)
    try:
        return await connection.request(build_get(path, cookie))
    finally:
        await connection.close()


class Connection:
    """A keep-alive HTTP/1.1 connection that sends a request and reads one response."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port = port
        self.timeout = timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        try:
            return await asyncio.wait_for(self._request(raw), self.timeout)
        except BaseException:
            await self.close()  # a broken or timed-out connection is not used again
            raise

    async def _request(self, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(raw)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("the connection closed before an answer")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        cookies: list[str] = []
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "set-cookie":
                cookies.append(value.strip())
            headers[name.lower()] = value.strip()
        headers["set-cookie"] = "\n".join(cookies)
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while size := int((await self.reader.readline()).strip() or b"0", 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            body = b"".join(chunks)
        else:
            body = b""
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, body

    async def close(self) -> None:
        if self.writer is not None:
            writer, self.writer = self.writer, None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


def header_lines(headers: dict[str, str] | None) -> str:
    return "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())


def build_get(path: str, cookie: str = "", headers: dict[str, str] | None = None) -> bytes:
    cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{cookie_line}{header_lines(headers)}\r\n".encode()


def build_post(
    path: str, cookie: str, csrf: str, fields: dict[str, str] | str, headers: dict[str, str] | None = None
) -> bytes:
    """A form post; ``headers`` adds lines (a browser's X-Forwarded-For behind the balancer...)."""
    data = (fields if isinstance(fields, str) else urlencode(fields)).encode()
    cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{cookie_line}{header_lines(headers)}"
        f"x-csrftoken: {csrf}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(data)}\r\n\r\n"
    ).encode() + data


def set_cookies(headers: dict[str, str]) -> dict[str, str]:
    """The cookies a response sets (name -> value)."""
    found = {}
    for line in headers.get("set-cookie", "").splitlines():
        name, _, rest = line.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items() if v)


def csrf_for(secret: str, session_token: str | None) -> str:
    """A CSRF token the site accepts from this session (parvis.web.csrf binds them)."""
    from parvis.web.csrf import new_token

    return new_token(secret, session_token)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def grades_for(vote: Vote, index: int) -> dict[str, str]:
    """A voter's ballot: every project graded, from the voter's number (reproducible)."""
    return {f: str((index * 7 + n) % 4) for n, f in enumerate(vote.fields)}


def cast_request(vote: Vote, secret: str, index: int) -> bytes:
    token = vote.tokens[index]
    csrf = csrf_for(secret, token)
    return build_post(
        vote.cast_path(), f"{SESSION_COOKIE}={token}; {CSRF_COOKIE}={csrf}", csrf, grades_for(vote, index)
    )


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
    "percentile",
    "prepare_vote",
    "set_cookies",
]
