# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SMTP servers for the tests (python3-aiosmtpd), one of each kind.

    plain       no STARTTLS, no AUTH: an old or misconfigured server
    starttls    STARTTLS with a certificate from the test CA, AUTH PLAIN and
                LOGIN after STARTTLS only; user "taro", password in PASSWORD
    selfsigned  STARTTLS with a self-signed certificate
    expired     STARTTLS with an expired certificate from the test CA
    wrongname   STARTTLS with a certificate for another name
    implicit    implicit TLS (port 465 style), certificate from the test CA, AUTH
    silent      accepts connections and never says anything
    closed      nothing listens there: the connection is refused
"""

import socket
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

import tls_peers

USER = "taro"
PASSWORD = "Todoke-test-S3cret!"


class Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    login = getattr(auth_data, "login", b"") or b""
    password = getattr(auth_data, "password", b"") or b""
    ok = login.decode() == USER and password.decode() == PASSWORD
    return AuthResult(success=ok, handled=False)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ImplicitTlsController(Controller):
    """aiosmtpd's trigger connection must speak TLS to an implicit TLS server."""

    def _trigger_server(self):
        import ssl
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with socket.create_connection((self.hostname, self.port), 1.0) as raw:
            with context.wrap_socket(raw) as sock:
                sock.recv(1024)


def smtp_server(certs, kind):
    """Another test may take the free port before aiosmtpd binds it: try
    again with a new one."""
    for attempt in range(10):
        try:
            return _smtp_server(certs, kind)
        except (OSError, RuntimeError):
            if attempt == 9:
                raise
    raise OSError("no free port")


def _smtp_server(certs, kind):
    port = free_port()
    options = dict(hostname="127.0.0.1", port=port, ready_timeout=10.0)
    if kind == "plain":
        controller = Controller(Sink(), **options)
    elif kind == "implicit":
        controller = ImplicitTlsController(
            Sink(), ssl_context=tls_peers.server_context(certs, "good"),
            authenticator=authenticate, auth_require_tls=False, **options)
    else:
        cert = "good" if kind == "starttls" else kind
        controller = Controller(
            Sink(), tls_context=tls_peers.server_context(certs, cert),
            require_starttls=True, authenticator=authenticate,
            auth_require_tls=True, **options)
    controller.start()
    return controller, port


def silent_server():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held = []

    def hold():
        while True:
            conn, _ = sock.accept()
            held.append(conn)

    threading.Thread(target=hold, daemon=True).start()
    return sock, sock.getsockname()[1]


_keep = []


def start(certs):
    ports = {}
    for kind in ("plain", "starttls", "selfsigned", "expired", "wrongname", "implicit"):
        controller, ports[kind] = smtp_server(certs, kind)
        _keep.append(controller)
    sock, ports["silent"] = silent_server()
    _keep.append(sock)
    # Bound but not listening: connections are refused, and no other
    # program can take the port while the tests run.
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    _keep.append(closed)
    ports["closed"] = closed.getsockname()[1]
    return ports
