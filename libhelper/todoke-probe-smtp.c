/* todoke-probe-smtp.c: a minimal SMTP client session for the server checks
 *
 * Enough of RFC 5321 (greeting, EHLO, multi-line replies), RFC 3207
 * (STARTTLS) and RFC 8314 (implicit TLS on 465) to ask a submission
 * server what it offers. Certificate problems do not stop the session:
 * they are recorded, so the checks can report them and still look at the
 * AUTH mechanisms behind them. Replies are bounded (lines, length).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-probe-private.h"

#define MAX_REPLY_LINES 64
#define MAX_LINE 1000

struct _TodokeSmtpSession
{
  GSocketConnection    *tcp;          /* owned */
  GIOStream            *stream;       /* owned: tcp, or the TLS connection over it */
  GDataInputStream     *in;           /* owned */
  char                 *host;
  guint16               port;
  guint                 step_ms;      /* the longest wait for one step */
  gboolean              tls;
  GTlsCertificateFlags  certificate_errors;
  GTlsCertificate      *certificate;  /* owned, nullable */
  GTlsDatabase         *database;     /* owned, nullable */
  guint                 code;         /* of the last reply */
  GString              *reply;        /* the last reply, lines joined by \n */
};

void
_todoke_smtp_session_free (TodokeSmtpSession *session)
{
  if (session == NULL)
    return;
  if (session->stream != NULL)
    g_io_stream_close (session->stream, NULL, NULL);
  g_clear_object (&session->in);
  g_clear_object (&session->stream);
  g_clear_object (&session->tcp);
  g_clear_object (&session->certificate);
  g_clear_object (&session->database);
  g_string_free (session->reply, TRUE);
  g_free (session->host);
  g_free (session);
}

static void
set_stream (TodokeSmtpSession *session,
            GIOStream         *stream)
{
  g_set_object (&session->stream, stream);
  g_clear_object (&session->in);
  session->in = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  g_data_input_stream_set_newline_type (session->in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  /* Dropping the plain reader after STARTTLS must not close the socket. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (session->in), FALSE);
}

/* Resolves @host with the probe's resolver, so tests and --dns-server
 * apply, and connects to the first address that answers. */
static GSocketConnection *
connect_host (TodokeProbeContext  *ctx,
              const char          *host,
              guint16              port,
              guint                timeout_ms,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GInetAddress) literal = g_inet_address_new_from_string (host);
  GList *addresses = NULL;
  GSocketConnection *connection = NULL;
  GList *l;

  g_socket_client_set_timeout (client, MAX (1, (timeout_ms + 999) / 1000));
  if (literal != NULL)
    addresses = g_list_prepend (NULL, g_object_ref (literal));
  else if ((addresses = g_resolver_lookup_by_name (ctx->resolver, host, cancellable, error)) == NULL)
    return NULL;
  for (l = addresses; l != NULL && connection == NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (l->data, port);

      g_clear_error (error);
      connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), cancellable, error);
    }
  g_resolver_free_addresses (addresses);

  return connection;
}

TodokeSmtpSession *
_todoke_smtp_connect (TodokeProbeContext  *ctx,
                      const char          *host,
                      guint16              port,
                      guint                timeout_ms,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(TodokeStep) step = _todoke_step_new (cancellable, timeout_ms);
  TodokeSmtpSession *session;
  GSocketConnection *tcp;

  tcp = connect_host (ctx, host, port, timeout_ms, _todoke_step_get_cancellable (step), error);
  _todoke_step_check (step, error);
  if (tcp == NULL)
    return NULL;
  session = g_new0 (TodokeSmtpSession, 1);
  session->tcp = tcp;
  session->host = g_strdup (host);
  session->port = port;
  session->step_ms = timeout_ms;
  session->reply = g_string_new (NULL);
  session->database = ctx->tls_database != NULL ? g_object_ref (ctx->tls_database) : NULL;
  set_stream (session, G_IO_STREAM (tcp));

  return session;
}

static gboolean
parse_reply_line (const char *line,
                  guint      *code,
                  gboolean   *last)
{
  if (strlen (line) < 3 || !g_ascii_isdigit (line[0]) || !g_ascii_isdigit (line[1]) ||
      !g_ascii_isdigit (line[2]) || (line[3] != '\0' && line[3] != ' ' && line[3] != '-'))
    return FALSE;
  *code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  *last = line[3] != '-';

  return TRUE;
}

static gboolean
read_reply (TodokeSmtpSession  *session,
            GCancellable       *cancellable,
            GError            **error)
{
  guint lines;

  g_string_truncate (session->reply, 0);
  session->code = 0;
  for (lines = 0; lines < MAX_REPLY_LINES; lines++)
    {
      g_autofree char *line = NULL;
      gboolean last = TRUE;
      gsize length;

      line = g_data_input_stream_read_line (session->in, &length, cancellable, error);
      if (line == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "the server closed the connection");
          return FALSE;
        }
      if (!g_utf8_validate (line, length, NULL) || length > MAX_LINE ||
          !parse_reply_line (line, &session->code, &last))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not an SMTP reply");
          return FALSE;
        }
      if (session->reply->len > 0)
        g_string_append_c (session->reply, '\n');
      g_string_append (session->reply, line);
      if (last)
        return TRUE;
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "SMTP reply too long");

  return FALSE;
}

/* Reads one (possibly multi-line) reply into session->code/reply, within
 * the step time. */
gboolean
_todoke_smtp_read_reply (TodokeSmtpSession  *session,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(TodokeStep) step = _todoke_step_new (cancellable, session->step_ms);
  gboolean ok = read_reply (session, _todoke_step_get_cancellable (step), error);

  _todoke_step_check (step, error);

  return ok;
}

/* Sends @command (without CRLF) and reads the reply. */
gboolean
_todoke_smtp_command (TodokeSmtpSession  *session,
                      const char         *command,
                      GCancellable       *cancellable,
                      GError            **error)
{
  GOutputStream *out = g_io_stream_get_output_stream (session->stream);
  g_autoptr(TodokeStep) step = _todoke_step_new (cancellable, session->step_ms);
  GCancellable *step_cancellable = _todoke_step_get_cancellable (step);
  g_autofree char *line = g_strconcat (command, "\r\n", NULL);
  gboolean ok;

  ok = g_output_stream_write_all (out, line, strlen (line), NULL, step_cancellable, error) &&
       g_output_stream_flush (out, step_cancellable, error) &&
       read_reply (session, step_cancellable, error);
  /* The line may carry a credential: wipe it before it is freed. */
  memset (line, 0, strlen (line));
  _todoke_step_check (step, error);

  return ok;
}

static gboolean
accept_any_certificate (GTlsConnection       *connection,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  TodokeSmtpSession *session = user_data;

  session->certificate_errors = errors;

  return TRUE;
}

/* Wraps the connection in TLS (implicit TLS, or after "220" to STARTTLS),
 * remembering what was wrong with the certificate. */
gboolean
_todoke_smtp_start_tls (TodokeSmtpSession  *session,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(GSocketConnectable) identity = g_network_address_new (session->host, session->port);
  g_autoptr(TodokeStep) step = _todoke_step_new (cancellable, session->step_ms);
  g_autoptr(GIOStream) tls = NULL;
  gboolean ok;

  tls = g_tls_client_connection_new (G_IO_STREAM (session->tcp), identity, error);
  if (tls == NULL)
    return FALSE;
  if (session->database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), session->database);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_any_certificate), session);
  ok = g_tls_connection_handshake (G_TLS_CONNECTION (tls), _todoke_step_get_cancellable (step), error);
  _todoke_step_check (step, error);
  if (!ok)
    return FALSE;
  g_set_object (&session->certificate, g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (tls)));
  session->tls = TRUE;
  set_stream (session, tls);

  return TRUE;
}

guint
_todoke_smtp_get_code (TodokeSmtpSession *session)
{
  return session->code;
}

const char *
_todoke_smtp_get_reply (TodokeSmtpSession *session)
{
  return session->reply->str;
}

gboolean
_todoke_smtp_is_tls (TodokeSmtpSession *session)
{
  return session->tls;
}

GTlsCertificateFlags
_todoke_smtp_get_certificate_errors (TodokeSmtpSession *session)
{
  return session->certificate_errors;
}

GTlsCertificate *
_todoke_smtp_get_certificate (TodokeSmtpSession *session)
{
  return session->certificate;
}

const char *
_todoke_smtp_get_tls_version (TodokeSmtpSession *session)
{
  if (!session->tls)
    return NULL;
  switch (g_tls_connection_get_protocol_version (G_TLS_CONNECTION (session->stream)))
    {
    case G_TLS_PROTOCOL_VERSION_TLS_1_0: return "TLS 1.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_1: return "TLS 1.1";
    case G_TLS_PROTOCOL_VERSION_TLS_1_2: return "TLS 1.2";
    case G_TLS_PROTOCOL_VERSION_TLS_1_3: return "TLS 1.3";
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
    case G_TLS_PROTOCOL_VERSION_SSL_3_0:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2:
    default: return "TLS";
    }
}

/* The EHLO keyword's parameters ("AUTH" → "PLAIN LOGIN"), or NULL. */
char *
_todoke_smtp_ehlo_find (const char *reply,
                        const char *keyword)
{
  g_auto(GStrv) lines = g_strsplit (reply, "\n", -1);
  gsize length = strlen (keyword);
  guint i;

  for (i = 1; lines[i] != NULL; i++)
    {
      const char *text = lines[i] + MIN (strlen (lines[i]), 4);

      if (g_ascii_strncasecmp (text, keyword, length) == 0 &&
          (text[length] == '\0' || text[length] == ' ' || text[length] == '='))
        return g_strstrip (g_strdup (text + length + (text[length] != '\0')));
    }

  return NULL;
}
