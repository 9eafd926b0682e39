/* todoke-probe-server.c: the submission server's ports, TLS and AUTH
 *
 * server-ports connects to 587, 465 and 25 at the same time (or to the
 * one port the user gave) and reads the greeting: refused, silent and
 * answering ports tell a blocked port 25 (OP25B, RFC 5068) from a server
 * that is down, and a port speaking the other TLS mode (RFC 8314: implicit
 * TLS on 465, STARTTLS on 587) from one that does not answer.
 * server-tls and server-auth each hold one session: EHLO, STARTTLS (RFC
 * 3207) or implicit TLS, the certificate, then the AUTH mechanisms (RFC
 * 4954) and, if asked, a real login with the password from the keyring.
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

/* The time one step (connect, greeting, handshake) of a check may take. */
static guint
step_ms (TodokeProbeContext *ctx,
         guint               share_percent)
{
  return MAX (100, ctx->timeout_ms * share_percent / 100);
}

static char *
subject (TodokeProbeContext *ctx,
         guint16             port)
{
  return g_strdup_printf (strchr (ctx->server, ':') != NULL ? "[%s]:%u" : "%s:%u", ctx->server, port);
}

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
                                  step_ms (probe->ctx, 30), probe->cancellable, NULL);

  return session != NULL && _todoke_smtp_start_tls (session, probe->cancellable, NULL);
}

static gpointer
probe_port (gpointer data)
{
  PortProbe *probe = data;
  g_autoptr(TodokeSmtpSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = _todoke_smtp_connect (probe->ctx, probe->ctx->server, probe->port,
                                  step_ms (probe->ctx, 30), probe->cancellable, &error);
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
  g_autofree char *where = subject (ctx, probe->port);
  g_autofree char *port = g_strdup_printf ("%u", probe->port);
  g_autofree char *seconds = g_strdup_printf ("%u", (step_ms (ctx, 30) + 999) / 1000);
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

/* One session for server-tls or server-auth: connected, greeted,
 * EHLO'd, and encrypted where the server allows it. */
typedef struct
{
  TodokeSmtpSession *session;
  guint16            port;
  gboolean           offers_starttls;
  gboolean           tls_failed;     /* STARTTLS refused or handshake failed */
  char              *ehlo;           /* the last EHLO reply */
} ServerSession;

static void
server_session_clear (ServerSession *server)
{
  g_clear_pointer (&server->session, _todoke_smtp_session_free);
  g_clear_pointer (&server->ehlo, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServerSession, server_session_clear)

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
  server->session = _todoke_smtp_connect (ctx, ctx->server, port, step_ms (ctx, 20), cancellable, error);
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

static gboolean
open_server (TodokeProbeContext *ctx,
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
      g_autoptr(GError) error = NULL;

      gboolean implicit = candidates[i] == ctx->ports[TODOKE_PORT_SUBMISSIONS];

      if (open_port (ctx, server, candidates[i], implicit, cancellable, &error))
        {
          secure (server, cancellable);
          return TRUE;
        }
      /* A port the user gave that stays silent may be an implicit TLS
       * port: look behind the mismatch server-ports reports. */
      if (n == 1 && !implicit && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          server_session_clear (server);
          g_clear_error (&error);
          if (open_port (ctx, server, candidates[i], TRUE, cancellable, &error))
            return TRUE;
        }
      g_debug ("%s:%u: %s", ctx->server, candidates[i], error->message);
      server_session_clear (server);
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }

  return FALSE;
}

static TodokeFinding *
server_finding (TodokeProbeContext  *ctx,
                const char          *check,
                ServerSession       *server,
                TodokeFindingStatus  status,
                const char          *reason,
                const char          *text,
                ...) G_GNUC_NULL_TERMINATED;

/* @...: more key/value pairs for the text, NULL-ended (up to three). */
static TodokeFinding *
server_finding (TodokeProbeContext  *ctx,
                const char          *check,
                ServerSession       *server,
                TodokeFindingStatus  status,
                const char          *reason,
                const char          *text,
                ...)
{
  g_autofree char *where = server->session != NULL ? subject (ctx, server->port) : g_strdup (ctx->server);
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

static char *
certificate_names (GTlsCertificate *certificate)
{
  g_autoptr(GPtrArray) names = certificate != NULL ? g_tls_certificate_get_dns_names (certificate) : NULL;
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; names != NULL && i < names->len && i < 5; i++)
    {
      GBytes *name = g_ptr_array_index (names, i);
      g_autofree char *text = g_utf8_make_valid (g_bytes_get_data (name, NULL), g_bytes_get_size (name));

      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", text);
    }

  return g_string_free (out, FALSE);
}

static TodokeFinding *
certificate_finding (TodokeProbeContext *ctx,
                     ServerSession      *server)
{
  GTlsCertificateFlags errors = _todoke_smtp_get_certificate_errors (server->session);
  GTlsCertificate *certificate = _todoke_smtp_get_certificate (server->session);
  g_autofree char *names = certificate_names (certificate);
  const char *text = "probe-tls-invalid";
  TodokeFinding *finding;

  if (errors == 0)
    return server_finding (ctx, TODOKE_CHECK_SERVER_TLS, server, TODOKE_FINDING_STATUS_OK, NULL,
                           "probe-tls-ok", "tls", _todoke_smtp_get_tls_version (server->session), NULL);
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    text = "probe-tls-wrong-name";
  else if (errors & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    text = "probe-tls-expired";
  else if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    text = "probe-tls-untrusted";
  finding = server_finding (ctx, TODOKE_CHECK_SERVER_TLS, server, TODOKE_FINDING_STATUS_PROBLEM,
                            "send_tls_certificate", text, "names", names, NULL);
  if ((errors & G_TLS_CERTIFICATE_BAD_IDENTITY) && *names != '\0')
    {
      g_autofree char *first = g_strndup (names, strcspn (names, ","));

      _todoke_finding_set_suggestion (finding, first);
    }

  return finding;
}

void
_todoke_check_server_tls (TodokeProbeContext *ctx,
                          GPtrArray          *findings,
                          GCancellable       *cancellable)
{
  g_auto(ServerSession) server = { 0 };

  if (!open_server (ctx, &server, cancellable))
    g_ptr_array_add (findings, server_finding (ctx, TODOKE_CHECK_SERVER_TLS, &server,
                                               TODOKE_FINDING_STATUS_NOT_CHECKED, NULL,
                                               "probe-server-no-session", NULL));
  else if (server.tls_failed)
    g_ptr_array_add (findings, server_finding (ctx, TODOKE_CHECK_SERVER_TLS, &server,
                                               TODOKE_FINDING_STATUS_PROBLEM, "send_tls_mode_mismatch",
                                               "probe-tls-failed", NULL));
  else if (!_todoke_smtp_is_tls (server.session))
    g_ptr_array_add (findings, server_finding (ctx, TODOKE_CHECK_SERVER_TLS, &server,
                                               TODOKE_FINDING_STATUS_PROBLEM, "send_tls_mode_mismatch",
                                               "probe-tls-none", NULL));
  else
    g_ptr_array_add (findings, certificate_finding (ctx, &server));
}

static gboolean
has_word (const char *list,
          const char *word)
{
  g_auto(GStrv) words = g_strsplit_set (list != NULL ? list : "", " ", -1);
  guint i;

  for (i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (words[i], word) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
only_oauth (const char *mechanisms)
{
  return !has_word (mechanisms, "PLAIN") && !has_word (mechanisms, "LOGIN") &&
         !has_word (mechanisms, "CRAM-MD5") &&
         (has_word (mechanisms, "XOAUTH2") || has_word (mechanisms, "OAUTHBEARER"));
}

static char *
base64_secret (const char *text,
               gsize       length)
{
  return g_base64_encode ((const guchar *) text, length);
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* AUTH PLAIN (RFC 4616) or LOGIN; the reply code of the last step. */
static guint
log_in (ServerSession *server,
        const char    *mechanisms,
        const char    *user,
        const char    *password,
        GCancellable  *cancellable)
{
  gsize user_length = strlen (user), password_length = strlen (password);
  char *encoded = NULL;
  char *command = NULL;
  guint code = 0;

  if (has_word (mechanisms, "PLAIN"))
    {
      char *plain = g_malloc0 (user_length + password_length + 2);

      memcpy (plain + 1, user, user_length);
      memcpy (plain + 2 + user_length, password, password_length);
      encoded = base64_secret (plain, user_length + password_length + 2);
      memset (plain, 0, user_length + password_length + 2);
      g_free (plain);
      command = g_strconcat ("AUTH PLAIN ", encoded, NULL);
      if (_todoke_smtp_command (server->session, command, cancellable, NULL))
        code = _todoke_smtp_get_code (server->session);
    }
  else if (_todoke_smtp_command (server->session, "AUTH LOGIN", cancellable, NULL) &&
           _todoke_smtp_get_code (server->session) == 334)
    {
      g_autofree char *name = base64_secret (user, user_length);

      encoded = base64_secret (password, password_length);
      if (_todoke_smtp_command (server->session, name, cancellable, NULL) &&
          _todoke_smtp_get_code (server->session) == 334 &&
          _todoke_smtp_command (server->session, encoded, cancellable, NULL))
        code = _todoke_smtp_get_code (server->session);
    }
  wipe (encoded);
  wipe (command);

  return code;
}

static TodokeFinding *
login_finding (TodokeProbeContext *ctx,
               ServerSession      *server,
               guint               code)
{
  const char *reason = "send_auth_failed";
  const char *text = "probe-auth-login-failed";

  if (code == 235)
    return server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server, TODOKE_FINDING_STATUS_OK, NULL,
                           "probe-auth-login-ok", "user", ctx->user, NULL);
  if (code == 0)
    return server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server, TODOKE_FINDING_STATUS_NOT_CHECKED,
                           NULL, "probe-server-no-session", NULL);
  if (code == 534)
    reason = "send_auth_app_password_or_oauth", text = "probe-auth-login-app";
  else if (code == 504)
    reason = "send_auth_mechanism", text = "probe-auth-login-mechanism";
  else if (code == 530 || code == 538)
    reason = "send_starttls_required", text = "probe-auth-login-tls";
  else if (code >= 400 && code < 500)
    reason = "send_auth_temporary", text = "probe-auth-login-temporary";

  return server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server,
                         code >= 400 && code < 500 ? TODOKE_FINDING_STATUS_WARNING
                                                   : TODOKE_FINDING_STATUS_PROBLEM,
                         reason, text, "user", ctx->user, NULL);
}

/* A real login with the stored password, only over a verified TLS
 * connection: the password never travels unprotected or to a server
 * whose certificate is wrong. */
static TodokeFinding *
try_login (TodokeProbeContext *ctx,
           ServerSession      *server,
           const char         *mechanisms,
           GCancellable       *cancellable)
{
  g_autoptr(GError) error = NULL;
  char *password;
  guint code;

  if (!_todoke_smtp_is_tls (server->session) ||
      _todoke_smtp_get_certificate_errors (server->session) != 0)
    return server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server, TODOKE_FINDING_STATUS_NOT_CHECKED,
                           NULL, "probe-auth-unprotected", "user", ctx->user, NULL);
  password = _todoke_probe_lookup_password (ctx->server, ctx->user, cancellable, &error);
  if (password == NULL)
    return server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server, TODOKE_FINDING_STATUS_NOT_CHECKED,
                           NULL, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                                 ? "probe-auth-no-password" : "probe-auth-keyring-failed",
                           "user", ctx->user, NULL);
  code = log_in (server, mechanisms, ctx->user, password, cancellable);
  _todoke_probe_free_password (password);

  return login_finding (ctx, server, code);
}

void
_todoke_check_server_auth (TodokeProbeContext *ctx,
                           GPtrArray          *findings,
                           GCancellable       *cancellable)
{
  g_auto(ServerSession) server = { 0 };
  g_autofree char *mechanisms = NULL;

  if (!open_server (ctx, &server, cancellable))
    {
      g_ptr_array_add (findings, server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, &server,
                                                 TODOKE_FINDING_STATUS_NOT_CHECKED, NULL,
                                                 "probe-server-no-session", NULL));
      return;
    }
  mechanisms = _todoke_smtp_ehlo_find (server.ehlo, "AUTH");
  if (mechanisms == NULL || *mechanisms == '\0')
    g_ptr_array_add (findings, server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, &server,
                                               TODOKE_FINDING_STATUS_WARNING, "send_auth_mechanism",
                                               "probe-auth-none", NULL));
  else if (only_oauth (mechanisms))
    g_ptr_array_add (findings, server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, &server,
                                               TODOKE_FINDING_STATUS_WARNING,
                                               "send_auth_app_password_or_oauth",
                                               "probe-auth-oauth-only", "mechanisms", mechanisms, NULL));
  else
    g_ptr_array_add (findings, server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, &server,
                                               TODOKE_FINDING_STATUS_OK, NULL, "probe-auth-mechanisms",
                                               "mechanisms", mechanisms, NULL));
  if (mechanisms != NULL && ctx->try_login && ctx->user != NULL && *ctx->user != '\0')
    g_ptr_array_add (findings, try_login (ctx, &server, mechanisms, cancellable));
}
