#!/usr/bin/python3
"""Small SMTP server for integration tests of a mail-sending daemon.

Usage::

    /usr/bin/python3 tools/smtp/test_smtp_server.py --spool DIR
        [--host 127.0.0.1] [--port 0]
        [--tls-cert CERT --tls-key KEY [--implicit-tls]]
        [--auth USER:PASSWORD]

Built on aiosmtpd (Debian package, 1.4.3) and the standard library.

Lifecycle
    The server listens on HOST:PORT (port 0 means the OS picks a free port).
    When it is ready to accept connections it prints exactly one line to
    stdout, ``{"port": N}``, and flushes it.  It runs until its standard input
    reaches end of file (the test closes the pipe, or the test process dies) or
    until it gets SIGTERM (or SIGINT); it then stops and exits 0.  Keep stdin
    open as a pipe: started with stdin at /dev/null (for example with ``&`` in
    a non-interactive shell) it exits at once.

Spool
    Each accepted message is written to DIR (created if missing) as
    ``<n>.eml``, the raw message bytes as received (after SMTP dot-unstuffing,
    CRLF line endings kept), then ``<n>.json``, containing
    ``{"mail_from": ..., "rcpt_tos": [...], "n": n}``.  Both are written to a
    temporary ``*.tmp`` name and then renamed, .eml first, so once a .json
    file exists its message is complete.  n counts from 1 (or from one past
    the highest number already in DIR).  rcpt_tos holds only the accepted
    recipients.

Behaviour by recipient local part (the part before the last ``@``; matched
case-insensitively, so one server can serve many tests at once; attempt
counts are kept per recipient address, case-insensitive, across connections
for the life of the server):

    tempfail-N...@   RCPT TO gets ``451 4.3.0 Try again later`` for the first
                     N RCPT attempts for that address, then is accepted.
                     E.g. tempfail-2-x@example.fr: 451, 451, accepted.
    reject...@       RCPT TO always gets ``550 5.1.1 No such user here``.
    drop-in-data...@ The first time message data for that address arrives
                     (after the final dot of DATA), the connection is aborted
                     without any reply and nothing is spooled.  Later
                     attempts are accepted.
    slow-N...@       The message is spooled, then the 250 reply is sent only
                     after N seconds (N may have a fractional part, e.g.
                     slow-0.5-x@).  If the client goes away meanwhile, the
                     message stays spooled.
    anything else    Accepted at once.

    With several recipients in one transaction, the data is dropped if any
    recipient asks for it, and the delay is the largest slow-N among them.

TLS and AUTH
    --tls-cert/--tls-key offer STARTTLS (not required).  With --implicit-tls
    the listening socket speaks TLS from the first byte instead (SMTPS), and
    STARTTLS is not offered.  --auth USER:PASSWORD offers AUTH PLAIN and LOGIN
    (also without TLS) and requires it before MAIL (``530 5.7.0
    Authentication required``); wrong credentials get ``535 5.7.8
    Authentication credentials invalid``.  Without --auth, AUTH is never
    advertised.

The greeting is ``220 test-smtp.local ESMTP test server``; the message size
limit is 10 MiB (advertised as SIZE); 8BITMIME and SMTPUTF8 are advertised.
aiosmtpd does not accept the null reverse-path ``MAIL FROM:<>``.
"""

import argparse
import asyncio
import json
import logging
import os
import re
import signal
import socket
import ssl
import sys
import threading
import warnings
import weakref

from aiosmtpd.smtp import SMTP, AuthResult

HOSTNAME = "test-smtp.local"
IDENT = "ESMTP test server"
DATA_SIZE_LIMIT = 10 * 1024 * 1024

TEMPFAIL_RE = re.compile(r"tempfail-(\d+)")
SLOW_RE = re.compile(r"slow-(\d+(?:\.\d+)?)")


def local_part(address):
    return address.rpartition("@")[0].lower() if "@" in address else address.lower()


class Spool:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        highest = 0
        for name in os.listdir(directory):
            stem, dot, ext = name.partition(".")
            if ext in ("eml", "json") and stem.isdigit():
                highest = max(highest, int(stem))
        self.next_n = highest + 1

    def _write(self, name, data):
        final = os.path.join(self.directory, name)
        tmp = final + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, final)

    def store(self, mail_from, rcpt_tos, content):
        # Runs on the event loop thread only, so no lock is needed.
        n = self.next_n
        self.next_n += 1
        self._write(f"{n}.eml", content)
        meta = {"mail_from": mail_from, "rcpt_tos": list(rcpt_tos), "n": n}
        self._write(f"{n}.json", json.dumps(meta).encode("utf-8") + b"\n")
        return n


class Handler:
    def __init__(self, spool, auth):
        self.spool = spool
        self.auth = auth  # (user, password) as bytes, or None
        self.rcpt_attempts = {}  # address (lowercase) -> RCPT TO count
        self.data_attempts = {}  # address (lowercase) -> DATA count

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.auth is None:
            # Never advertise AUTH (aiosmtpd would after STARTTLS).
            responses = [r for r in responses if not r[4:].startswith("AUTH")]
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        count = self.rcpt_attempts.get(key, 0) + 1
        self.rcpt_attempts[key] = count
        local = local_part(address)
        m = TEMPFAIL_RE.match(local)
        if m and count <= int(m.group(1)):
            return "451 4.3.0 Try again later"
        if local.startswith("reject"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        drop = False
        delay = 0.0
        for address in envelope.rcpt_tos:
            key = address.lower()
            local = local_part(address)
            if local.startswith("drop-in-data"):
                count = self.data_attempts.get(key, 0) + 1
                self.data_attempts[key] = count
                if count == 1:
                    drop = True
            m = SLOW_RE.match(local)
            if m:
                delay = max(delay, float(m.group(1)))
        if drop:
            # Abort the connection (no reply at all) and wait to be cancelled
            # by connection_lost(), so aiosmtpd never pushes a status line.
            server.transport.abort()
            await asyncio.Event().wait()
        content = envelope.original_content
        if content is None:
            content = envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", errors="surrogateescape")
        self.spool.store(envelope.mail_from, envelope.rcpt_tos, content)
        if delay > 0:
            await asyncio.sleep(delay)
        return "250 OK"


def make_authenticator(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            mechanism in ("PLAIN", "LOGIN")
            and getattr(auth_data, "login", None) == user
            and getattr(auth_data, "password", None) == password
        )
        return AuthResult(success=ok, handled=False)

    return authenticator


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="SMTP test server (see module docstring).")
    p.add_argument("--spool", required=True, help="spool directory")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 = any free port")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--implicit-tls", action="store_true",
                   help="TLS from the first byte instead of STARTTLS")
    p.add_argument("--auth", metavar="USER:PASSWORD")
    args = p.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        p.error("--tls-cert and --tls-key go together")
    if args.implicit_tls and not args.tls_cert:
        p.error("--implicit-tls needs --tls-cert and --tls-key")
    if args.auth is not None and ":" not in args.auth:
        p.error("--auth takes USER:PASSWORD")
    return args


def bind_socket(host, port):
    """Bind exactly one listening socket, so port 0 yields a single port."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                               flags=socket.AI_PASSIVE)
    family, type_, proto, _, addr = infos[0]
    sock = socket.socket(family, type_, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(addr)
    sock.listen(100)
    sock.setblocking(False)
    return sock


def watch_stdin(loop, stop):
    """Thread: read stdin until EOF (or error), then ask the loop to stop."""
    try:
        while os.read(0, 65536):
            pass
    except OSError:
        pass
    try:
        loop.call_soon_threadsafe(stop)
    except RuntimeError:  # loop already closed
        pass


async def serve(args):
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    auth = None
    if args.auth is not None:
        user, _, password = args.auth.partition(":")
        auth = (user.encode("utf-8"), password.encode("utf-8"))
    handler = Handler(Spool(args.spool), auth)

    tls_context = None
    if args.tls_cert:
        tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)

    smtp_kwargs = dict(
        hostname=HOSTNAME,
        ident=IDENT,
        data_size_limit=DATA_SIZE_LIMIT,
        enable_SMTPUTF8=True,
        decode_data=False,
        auth_require_tls=False,
        auth_required=auth is not None,
        loop=loop,
    )
    if auth is not None:
        smtp_kwargs["authenticator"] = make_authenticator(*auth)
    if tls_context is not None and not args.implicit_tls:
        smtp_kwargs["tls_context"] = tls_context
        smtp_kwargs["require_starttls"] = False

    connections = weakref.WeakSet()

    def factory():
        proto = SMTP(handler, **smtp_kwargs)
        connections.add(proto)
        return proto

    sock = bind_socket(args.host, args.port)
    server = await loop.create_server(
        factory, sock=sock,
        ssl=tls_context if args.implicit_tls else None)
    port = server.sockets[0].getsockname()[1]

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    threading.Thread(target=watch_stdin, args=(loop, stopping.set),
                     daemon=True).start()

    sys.stdout.write(json.dumps({"port": port}) + "\n")
    sys.stdout.flush()

    await stopping.wait()

    server.close()
    for proto in list(connections):
        transport = getattr(proto, "transport", None)
        if transport is not None:
            transport.abort()
    await server.wait_closed()
    # asyncio.run() cancels whatever connection tasks remain.


def main(argv=None):
    args = parse_args(argv)
    # aiosmtpd warns about AUTH without TLS; that is intended here.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
