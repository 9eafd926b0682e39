# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small authoritative DNS server for the tests (python3-dnslib)."""

import socket
import struct
import threading
import time

from dnslib import DNSRecord, QTYPE, RCODE, RR


def load_zone(path):
    records = []
    with open(path, encoding="utf-8") as zone:
        for line in zone:
            line = line.strip()
            # Comments are whole lines: TXT data contains ";".
            if line and not line.startswith(";"):
                records.extend(RR.fromZone(line))
    return records


class Zone:
    """Answers from a zone file; with no file, "no such name" to
    everything, like a captive portal or a sandbox does."""

    def __init__(self, path):
        self.records = load_zone(path) if path else []
        self.names = {str(rr.rname).lower() for rr in self.records}

    def answer(self, data):
        request = DNSRecord.parse(data)
        reply = request.reply()
        name = str(request.q.qname).lower()
        if name == "silent.test." or name.endswith(".silent.test."):
            return None
        if name == "servfail.test." or name.endswith(".servfail.test."):
            reply.header.rcode = RCODE.SERVFAIL
            return reply.pack()
        found = [rr for rr in self.records
                 if str(rr.rname).lower() == name and rr.rtype == request.q.qtype]
        for rr in found:
            reply.add_answer(rr)
        if not found and name not in self.names:
            reply.header.rcode = RCODE.NXDOMAIN
        return reply.pack()


def serve_udp(sock, zone):
    while True:
        data, peer = sock.recvfrom(65535)
        try:
            answer = zone.answer(data)
        except Exception:  # a broken query gets no answer, like a real server
            continue
        if answer is not None:
            sock.sendto(answer, peer)


def serve_tcp_client(conn, zone):
    with conn:
        header = conn.recv(2)
        if len(header) < 2:
            return
        length = struct.unpack("!H", header)[0]
        data = b""
        while len(data) < length:
            chunk = conn.recv(length - len(data))
            if not chunk:
                return
            data += chunk
        answer = zone.answer(data)
        if answer is None:
            time.sleep(3600)
            return
        conn.sendall(struct.pack("!H", len(answer)) + answer)


def serve_tcp(sock, zone):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=serve_tcp_client, args=(conn, zone), daemon=True).start()


def _bind_pair():
    """A UDP and a TCP socket on the same free port (tries again when
    another program holds the TCP side of the port UDP got)."""
    for _ in range(20):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        port = udp.getsockname()[1]
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            tcp.bind(("127.0.0.1", port))
        except OSError:
            udp.close()
            tcp.close()
            continue
        tcp.listen(16)
        return udp, tcp, port
    raise OSError("no free port for the DNS server")


def start(zone_path):
    zone = Zone(zone_path)
    udp, tcp, port = _bind_pair()
    threading.Thread(target=serve_udp, args=(udp, zone), daemon=True).start()
    threading.Thread(target=serve_tcp, args=(tcp, zone), daemon=True).start()
    return port
