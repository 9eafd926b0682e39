/* todoke-probe-ports.c: can the submission server be reached, on which port
 *
 * server-ports connects to 587, 465 and 25 at the same time (or to the
 * one port the user gave) and reads the greeting: refused, silent and
 * answering ports tell a blocked port 25 (OP25B, RFC 5068) from a server
 * that is down, and a port speaking the other TLS mode (RFC 8314: implicit
 * TLS on 465, STARTTLS on 587) from one that does not answer.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-probe-private.h"

typedef enum
{
  PORT_OK,
  PORT_REFUSED,
  PORT_TIMEOUT,
  PORT_SILENT,           /* connected, no greeting */
  PORT_WANTS_TLS,        /* no greeting in plain, but a TLS handshake works */
  PORT_NOT_TLS,          /* implicit TLS expected, the server speaks plain */
  PORT_REJECTED,         /* a greeting other than 220 */
  PORT_HOST_UNKNOWN,
  PORT_UNREACHABLE,      /* no network, DNS failing: could not check */
} PortState;

typedef struct
{
  TodokeProbeContext *ctx;
  GCancellable       *cancellable;
  guint16             port;
  gboolean            implicit_tls;
  PortState           state;
  guint               code;
} PortProbe;

static PortState
state_from_error (GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return PORT_REFUSED;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return PORT_TIMEOUT;
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return PORT_HOST_UNKNOWN;

  return PORT_UNREACHABLE;
}

/* A plain port that says nothing: is it an implicit TLS port? */
static gboolean
speaks_tls (PortProbe *probe)
{
  g_autoptr(TodokeSmtpSession) session = NULL;

  session = _todoke_smtp_connect (probe->ctx, probe->ctx->server, probe->port,
                                  _todoke_server_step_ms (probe->ctx, 30), probe->cancellable, NULL);

  return session != NULL && _todoke_smtp_start_tls (session, probe->cancellable, NULL);
}

static gpointer
probe_port (gpointer data)
{
  PortProbe *probe = data;
  g_autoptr(TodokeSmtpSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = _todoke_smtp_connect (probe->ctx, probe->ctx->server, probe->port,
                                  _todoke_server_step_ms (probe->ctx, 30), probe->cancellable, &error);
  if (session == NULL)
    probe->state = state_from_error (error);
  else if (probe->implicit_tls && !_todoke_smtp_start_tls (session, probe->cancellable, &error))
    probe->state = g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS) ? PORT_NOT_TLS
                                                                              : state_from_error (error);
  else if (!_todoke_smtp_read_reply (session, probe->cancellable, &error))
    probe->state = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ? state_from_error (error)
                   : !probe->implicit_tls && speaks_tls (probe) ? PORT_WANTS_TLS : PORT_SILENT;
  else
    {
      probe->code = _todoke_smtp_get_code (session);
      probe->state = probe->code == 220 ? PORT_OK : PORT_REJECTED;
    }

  return NULL;
}

static TodokeFinding *
port_finding (PortProbe  *probe,
              const char *alternative)
{
  TodokeProbeContext *ctx = probe->ctx;
  g_autofree char *where = _todoke_server_subject (ctx, probe->port);
  g_autofree char *port = g_strdup_printf ("%u", probe->port);
  g_autofree char *seconds = g_strdup_printf ("%u", (_todoke_server_step_ms (ctx, 30) + 999) / 1000);
  g_autofree char *code = g_strdup_printf ("%u", probe->code);
  TodokeFindingStatus status = TODOKE_FINDING_STATUS_PROBLEM;
  const char *reason = NULL;
  const char *text = NULL;
  TodokeFinding *finding;

  switch (probe->state)
    {
    case PORT_OK:
      status = TODOKE_FINDING_STATUS_OK, text = "probe-port-ok";
      break;
    case PORT_REFUSED:
      reason = "send_connection_refused", text = "probe-port-refused";
      break;
    case PORT_TIMEOUT:
      reason = "send_timeout", text = "probe-port-timeout";
      break;
    case PORT_SILENT:
      reason = "send_timeout", text = "probe-port-silent";
      break;
    case PORT_WANTS_TLS:
      reason = "send_tls_mode_mismatch", text = "probe-port-wants-tls";
      break;
    case PORT_NOT_TLS:
      reason = "send_tls_mode_mismatch", text = "probe-port-not-tls";
      break;
    case PORT_REJECTED:
      reason = probe->code >= 500 ? "send_connection_refused" : "send_server_temporary";
      text = "probe-port-rejected";
      break;
    case PORT_HOST_UNKNOWN:
    case PORT_UNREACHABLE:
    default:
      status = TODOKE_FINDING_STATUS_NOT_CHECKED, text = "probe-port-unreachable";
      break;
    }
  if (alternative != NULL && probe->port == ctx->ports[TODOKE_PORT_SMTP] &&
      (probe->state == PORT_REFUSED || probe->state == PORT_TIMEOUT || probe->state == PORT_SILENT))
    status = TODOKE_FINDING_STATUS_WARNING, reason = "send_port_blocked", text = "probe-port-blocked";
  finding = _todoke_finding_new (ctx, TODOKE_CHECK_SERVER_PORTS, status, reason, where, text, NULL,
                                 "server", ctx->server, "port", port, "seconds", seconds,
                                 "code", code, "alternative", alternative, NULL);
  if (reason != NULL && alternative != NULL)
    _todoke_finding_set_suggestion (finding, alternative);

  return finding;
}

/* The server name itself: it must resolve before any port can answer. */
static TodokeFinding *
host_finding (TodokeProbeContext *ctx,
              PortState           state,
              GCancellable       *cancellable)
{
  if (state == PORT_HOST_UNKNOWN && _todoke_dns_works (ctx, cancellable))
    return _todoke_finding_new (ctx, TODOKE_CHECK_SERVER_PORTS, TODOKE_FINDING_STATUS_PROBLEM,
                                "send_dns_failure", ctx->server, "probe-server-unknown", NULL,
                                "server", ctx->server, NULL);

  return _todoke_finding_new (ctx, TODOKE_CHECK_SERVER_PORTS, TODOKE_FINDING_STATUS_NOT_CHECKED,
                              NULL, ctx->server, "probe-server-unreachable", NULL,
                              "server", ctx->server, NULL);
}

void
_todoke_check_server_ports (TodokeProbeContext *ctx,
                            GPtrArray          *findings,
                            GCancellable       *cancellable)
{
  PortProbe probes[TODOKE_N_PORTS] = { 0 };
  GThread *threads[TODOKE_N_PORTS] = { NULL };
  g_autofree char *alternative = NULL;
  guint n = ctx->server_port != 0 ? 1 : TODOKE_N_PORTS;
  guint i;

  for (i = 0; i < n; i++)
    {
      probes[i].ctx = ctx;
      probes[i].cancellable = cancellable;
      probes[i].port = ctx->server_port != 0 ? ctx->server_port : ctx->ports[i];
      probes[i].implicit_tls = probes[i].port == ctx->ports[TODOKE_PORT_SUBMISSIONS];
      threads[i] = g_thread_new ("todoke-probe-port", probe_port, &probes[i]);
    }
  for (i = 0; i < n; i++)
    g_thread_join (threads[i]);

  for (i = 0; i < n; i++)
    if (probes[i].state == PORT_HOST_UNKNOWN || probes[i].state == PORT_UNREACHABLE)
      {
        g_ptr_array_add (findings, host_finding (ctx, probes[i].state, cancellable));
        return;
      }
  for (i = 0; i < n && alternative == NULL; i++)
    if (probes[i].state == PORT_OK && probes[i].port != ctx->ports[TODOKE_PORT_SMTP])
      alternative = g_strdup_printf ("%u", probes[i].port);
  for (i = 0; i < n; i++)
    g_ptr_array_add (findings, port_finding (&probes[i], n > 1 ? alternative : NULL));
}
