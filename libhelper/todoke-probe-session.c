/* todoke-probe-session.c: one SMTP session for the TLS and AUTH checks
 *
 * server-tls and server-auth each hold one session: connected, greeted,
 * EHLO'd, and encrypted where the server allows it (STARTTLS, RFC 3207,
 * or implicit TLS on 465, RFC 8314).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-probe-private.h"

/* The time one step (connect, greeting, handshake) of a check may take. */
guint
_todoke_server_step_ms (TodokeProbeContext *ctx,
                        guint               share_percent)
{
  return MAX (100, ctx->timeout_ms * share_percent / 100);
}

char *
_todoke_server_subject (TodokeProbeContext *ctx,
                        guint16             port)
{
  return g_strdup_printf (strchr (ctx->server, ':') != NULL ? "[%s]:%u" : "%s:%u", ctx->server, port);
}

void
_todoke_server_session_clear (ServerSession *server)
{
  g_clear_pointer (&server->session, _todoke_smtp_session_free);
  g_clear_pointer (&server->ehlo, g_free);
}

static gboolean
ehlo (ServerSession *server,
      GCancellable  *cancellable,
      GError       **error)
{
  if (!_todoke_smtp_command (server->session, "EHLO localhost", cancellable, error))
    return FALSE;
  if (_todoke_smtp_get_code (server->session) != 250)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "EHLO refused");
      return FALSE;
    }
  g_free (server->ehlo);
  server->ehlo = g_strdup (_todoke_smtp_get_reply (server->session));

  return TRUE;
}

static gboolean
open_port (TodokeProbeContext  *ctx,
           ServerSession       *server,
           guint16              port,
           gboolean             implicit,
           GCancellable        *cancellable,
           GError             **error)
{
  server->port = port;
  server->session = _todoke_smtp_connect (ctx, ctx->server, port, _todoke_server_step_ms (ctx, 20), cancellable, error);
  if (server->session == NULL ||
      (implicit && !_todoke_smtp_start_tls (server->session, cancellable, error)) ||
      !_todoke_smtp_read_reply (server->session, cancellable, error))
    return FALSE;
  if (_todoke_smtp_get_code (server->session) != 220)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no 220 greeting");
      return FALSE;
    }

  return ehlo (server, cancellable, error);
}

/* STARTTLS when offered; a failure is recorded, not fatal. */
static void
secure (ServerSession *server,
        GCancellable  *cancellable)
{
  g_autofree char *starttls = NULL;
  g_autoptr(GError) error = NULL;

  if (_todoke_smtp_is_tls (server->session))
    return;
  starttls = _todoke_smtp_ehlo_find (server->ehlo, "STARTTLS");
  server->offers_starttls = starttls != NULL;
  if (!server->offers_starttls)
    return;
  if (!_todoke_smtp_command (server->session, "STARTTLS", cancellable, &error) ||
      _todoke_smtp_get_code (server->session) != 220 ||
      !_todoke_smtp_start_tls (server->session, cancellable, &error) ||
      !ehlo (server, cancellable, &error))
    {
      g_debug ("STARTTLS with %s: %s", server->ehlo, error != NULL ? error->message : "refused");
      server->tls_failed = TRUE;
    }
}

gboolean
_todoke_server_open (TodokeProbeContext *ctx,
                     ServerSession      *server,
                     GCancellable       *cancellable)
{
  guint16 candidates[] = { ctx->ports[TODOKE_PORT_SUBMISSION], ctx->ports[TODOKE_PORT_SUBMISSIONS],
                           ctx->ports[TODOKE_PORT_SMTP] };
  guint n = G_N_ELEMENTS (candidates);
  guint i;

  if (ctx->server_port != 0)
    candidates[0] = ctx->server_port, n = 1;
  for (i = 0; i < n; i++)
    {
      gboolean implicit = candidates[i] == ctx->ports[TODOKE_PORT_SUBMISSIONS];
      g_autoptr(GError) error = NULL;

      if (open_port (ctx, server, candidates[i], implicit, cancellable, &error))
        {
          secure (server, cancellable);
          return TRUE;
        }
      /* A port the user gave that stays silent may be an implicit TLS
       * port: look behind the mismatch server-ports reports. */
      if (n == 1 && !implicit && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          _todoke_server_session_clear (server);
          g_clear_error (&error);
          if (open_port (ctx, server, candidates[i], TRUE, cancellable, &error))
            return TRUE;
        }
      g_debug ("%s:%u: %s", ctx->server, candidates[i], error->message);
      _todoke_server_session_clear (server);
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }

  return FALSE;
}

/* @...: more key/value pairs for the text, NULL-ended (up to three). */
TodokeFinding *
_todoke_server_finding (TodokeProbeContext  *ctx,
                        const char          *check,
                        ServerSession       *server,
                        TodokeFindingStatus  status,
                        const char          *reason,
                        const char          *text,
                        ...)
{
  g_autofree char *where = server->session != NULL ? _todoke_server_subject (ctx, server->port)
                                                    : g_strdup (ctx->server);
  g_autofree char *port = g_strdup_printf ("%u", server->port);
  const char *keys[3] = { NULL }, *values[3] = { NULL };
  va_list args;
  guint n;

  va_start (args, text);
  for (n = 0; n < 3 && (keys[n] = va_arg (args, const char *)) != NULL; n++)
    values[n] = va_arg (args, const char *);
  va_end (args);

  return _todoke_finding_new (ctx, check, status, reason, where, text, NULL,
                              "server", ctx->server, "port", port,
                              keys[0] != NULL ? keys[0] : "-", values[0],
                              keys[1] != NULL ? keys[1] : "-", values[1],
                              keys[2] != NULL ? keys[2] : "-", values[2], NULL);
}
