/* todoke-probe-tls.c: the submission server's encryption and certificate
 *
 * server-tls: whether the session is encrypted, and what is wrong with
 * the server's certificate (trust, validity, name).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-probe-private.h"

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
    return _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_TLS, server, TODOKE_FINDING_STATUS_OK, NULL,
                           "probe-tls-ok", "tls", _todoke_smtp_get_tls_version (server->session), NULL);
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    text = "probe-tls-wrong-name";
  else if (errors & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    text = "probe-tls-expired";
  else if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    text = "probe-tls-untrusted";
  finding = _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_TLS, server, TODOKE_FINDING_STATUS_PROBLEM,
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

  if (!_todoke_server_open (ctx, &server, cancellable))
    g_ptr_array_add (findings, _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_TLS, &server,
                                               TODOKE_FINDING_STATUS_NOT_CHECKED, NULL,
                                               "probe-server-no-session", NULL));
  else if (server.tls_failed)
    g_ptr_array_add (findings, _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_TLS, &server,
                                               TODOKE_FINDING_STATUS_PROBLEM, "send_tls_mode_mismatch",
                                               "probe-tls-failed", NULL));
  else if (!_todoke_smtp_is_tls (server.session))
    g_ptr_array_add (findings, _todoke_server_finding (ctx, TODOKE_CHECK_SERVER_TLS, &server,
                                               TODOKE_FINDING_STATUS_PROBLEM, "send_tls_mode_mismatch",
                                               "probe-tls-none", NULL));
  else
    g_ptr_array_add (findings, certificate_finding (ctx, &server));
}
