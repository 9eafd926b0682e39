/* probe-test.h: helpers the diagnostics tests share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "todoke-test-utils.h"

G_BEGIN_DECLS

/* The local peers of tests/probe/peers.py: a DNS server with the test
 * zone, SMTP servers of every kind and an HTTPS server for MTA-STS. */
typedef struct
{
  GSubprocess *process;
  JsonObject  *ports;
  char        *dir;       /* the certificates: ca.pem, … */
} ProbePeers;

ProbePeers    *probe_peers_start      (void);
void           probe_peers_stop       (ProbePeers          *peers);
guint16        probe_peers_port       (ProbePeers          *peers,
                                       const char          *name);
const char    *probe_peers_string     (ProbePeers          *peers,
                                       const char          *name);
char          *probe_peers_dns        (ProbePeers          *peers);
GTlsDatabase  *probe_peers_ca         (ProbePeers          *peers);

void           probe_test_store_result (GObject            *source,
                                        GAsyncResult       *result,
                                        gpointer            user_data);
TodokeProbe   *probe_test_new         (ProbePeers          *peers);
GPtrArray     *probe_test_run         (TodokeProbe         *probe,
                                       TodokeProbeRequest  *request,
                                       const char          *locale);
TodokeFinding *probe_test_find        (GPtrArray           *findings,
                                       const char          *check,
                                       const char          *subject);
void           probe_test_assert      (TodokeFinding       *finding,
                                       TodokeFindingStatus  status,
                                       const char          *reason);
void           probe_test_assert_summary (TodokeFinding     *finding,
                                          const char        *part);

G_END_DECLS
