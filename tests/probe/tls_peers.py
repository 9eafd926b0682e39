# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test certificates (python3-cryptography) and the MTA-STS HTTPS server."""

import datetime
import http.server
import ipaddress
import os
import ssl
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOCAL_NAMES = ["localhost", "mx1.example.test", "mx2.example.test", "mta-sts.badpolicy.test",
               "mta-sts.mismatch.test",
               "mta-sts.example.test", "mta-sts.testing.test", "mta-sts.nopolicy.test"]


def _name(common):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _certificate(subject, key, issuer, issuer_key, names, days, ca=False, offset=-1):
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder()
               .subject_name(_name(subject))
               .issuer_name(_name(issuer))
               .public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now + datetime.timedelta(days=offset))
               .not_valid_after(now + datetime.timedelta(days=offset + days)))
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
    else:
        sans = [x509.DNSName(n) for n in names]
        sans.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
        builder = builder.add_extension(x509.SubjectAlternativeName(sans), False)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(directory, name, cert, key):
    cert_path = os.path.join(directory, name + ".pem")
    key_path = os.path.join(directory, name + ".key")
    with open(cert_path, "wb") as out:
        out.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
    return cert_path, key_path


def make_certificates(directory):
    """A test CA (ca.pem) and server certificates: good (signed by the CA
    for 127.0.0.1 and the test names), selfsigned, expired, wrongname."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Todoke Test CA", ca_key, "Todoke Test CA", ca_key, [], 30, ca=True)
    _write(directory, "ca", ca, ca_key)
    certs = {}
    key = ec.generate_private_key(ec.SECP256R1())
    certs["good"] = _write(directory, "good",
                           _certificate("localhost", key, "Todoke Test CA", ca_key, LOCAL_NAMES, 30), key)
    certs["expired"] = _write(directory, "expired",
                              _certificate("localhost", key, "Todoke Test CA", ca_key, LOCAL_NAMES, 10, offset=-20), key)
    self_key = ec.generate_private_key(ec.SECP256R1())
    certs["selfsigned"] = _write(directory, "selfsigned",
                                 _certificate("localhost", self_key, "localhost", self_key, LOCAL_NAMES, 30), self_key)
    other = ec.generate_private_key(ec.SECP256R1())
    # A wrong name must not match 127.0.0.1 either: no address in it.
    now = datetime.datetime.now(datetime.timezone.utc)
    wrong = (x509.CertificateBuilder().subject_name(_name("mail.other.test"))
             .issuer_name(_name("Todoke Test CA")).public_key(other.public_key())
             .serial_number(x509.random_serial_number())
             .not_valid_before(now - datetime.timedelta(days=1))
             .not_valid_after(now + datetime.timedelta(days=30))
             .add_extension(x509.SubjectAlternativeName([x509.DNSName("mail.other.test")]), False)
             .sign(ca_key, hashes.SHA256()))
    certs["wrongname"] = _write(directory, "wrongname", wrong, other)
    return certs


def server_context(certs, kind):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certs[kind])
    return context


class PolicyHandler(http.server.BaseHTTPRequestHandler):
    policy_dir = None

    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        domain = host[len("mta-sts."):] if host.startswith("mta-sts.") else None
        path = os.path.join(self.policy_dir, domain + ".txt") if domain else None
        if self.path != "/.well-known/mta-sts.txt" or path is None or not os.path.exists(path):
            self.send_error(404)
            return
        with open(path, "rb") as policy:
            body = policy.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_https(certs, policy_dir):
    PolicyHandler.policy_dir = policy_dir
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PolicyHandler)
    server.daemon_threads = True
    server.socket = server_context(certs, "good").wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]
