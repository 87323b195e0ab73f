"""HTTP/1.1 on raw keep-alive sockets, for the cluster test and the benchmarks: cheap enough that
the client does not take the machine's cores from the servers it measures."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlencode

SESSION_COOKIE = "__Host-parvis_session"  # a production server's cookies (parvis.web.cookies)
CSRF_COOKIE = "__Host-parvis_csrf"


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
