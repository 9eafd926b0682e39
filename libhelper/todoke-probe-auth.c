/* todoke-probe-auth.c: the submission server's sign-in
 *
 * server-auth: the AUTH mechanisms the server offers after encryption
 * (RFC 4954) and, if asked, a real login (PLAIN, RFC 4616, or LOGIN)
 * with the password from the keyring.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-probe-private.h"

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
    return _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server, TODOKE_FINDING_STATUS_OK, NULL,
                           "probe-auth-login-ok", "user", ctx->user, NULL);
  if (code == 0)
    return _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server, TODOKE_FINDING_STATUS_NOT_CHECKED,
                           NULL, "probe-server-no-session", NULL);
  if (code == 534)
    reason = "send_auth_app_password_or_oauth", text = "probe-auth-login-app";
  else if (code == 504)
    reason = "send_auth_mechanism", text = "probe-auth-login-mechanism";
  else if (code == 530 || code == 538)
    reason = "send_starttls_required", text = "probe-auth-login-tls";
  else if (code >= 400 && code < 500)
    reason = "send_auth_temporary", text = "probe-auth-login-temporary";

  return _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server,
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
    return _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server, TODOKE_FINDING_STATUS_NOT_CHECKED,
                           NULL, "probe-auth-unprotected", "user", ctx->user, NULL);
  password = _todoke_probe_lookup_password (ctx->server, ctx->user, cancellable, &error);
  if (password == NULL)
    return _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, server, TODOKE_FINDING_STATUS_NOT_CHECKED,
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

  if (!_todoke_server_open (ctx, &server, cancellable))
    {
      g_ptr_array_add (findings, _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, &server,
                                                 TODOKE_FINDING_STATUS_NOT_CHECKED, NULL,
                                                 "probe-server-no-session", NULL));
      return;
    }
  mechanisms = _todoke_smtp_ehlo_find (server.ehlo, "AUTH");
  if (mechanisms == NULL || *mechanisms == '\0')
    g_ptr_array_add (findings, _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, &server,
                                               TODOKE_FINDING_STATUS_WARNING, "send_auth_mechanism",
                                               "probe-auth-none", NULL));
  else if (only_oauth (mechanisms))
    g_ptr_array_add (findings, _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, &server,
                                               TODOKE_FINDING_STATUS_WARNING,
                                               "send_auth_app_password_or_oauth",
                                               "probe-auth-oauth-only", "mechanisms", mechanisms, NULL));
  else
    g_ptr_array_add (findings, _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_AUTH, &server,
                                               TODOKE_FINDING_STATUS_OK, NULL, "probe-auth-mechanisms",
                                               "mechanisms", mechanisms, NULL));
  if (mechanisms != NULL && ctx->try_login && ctx->user != NULL && *ctx->user != '\0')
    g_ptr_array_add (findings, try_login (ctx, &server, mechanisms, cancellable));
}
