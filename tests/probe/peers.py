#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Local peers for the diagnostics tests, all on 127.0.0.1.

    peers.py DIR

writes test certificates into DIR, starts a DNS server answering from
test-zone.txt (UDP and TCP on one port) and one that denies every name, SMTP servers of every kind
(aiosmtpd), a port that never answers, a closed port and an HTTPS server
for MTA-STS policies, prints one JSON line naming their ports, and runs
until its standard input closes.
"""

import json
import os
import socket
import sys
import threading

import dns_peer
import smtp_peers
import tls_peers


def main():
    directory = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    certs = tls_peers.make_certificates(directory)
    ports = {}
    ports["dns"] = dns_peer.start(os.path.join(here, "test-zone.txt"))
    ports["dns-liar"] = dns_peer.start(None)
    ports.update(smtp_peers.start(certs))
    ports["https"] = tls_peers.start_https(certs, os.path.join(here, "mta-sts"))
    ports["user"] = smtp_peers.USER
    ports["password"] = smtp_peers.PASSWORD
    print(json.dumps(ports), flush=True)
    sys.stdin.read()
    # Threads blocked on peers that never answer must not hold the exit.
    os._exit(0)


if __name__ == "__main__":
    main()
