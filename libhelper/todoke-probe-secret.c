/* todoke-probe-secret.c: the SMTP password, in the Secret Service only
 *
 * The password the `server-auth` check logs in with lives in the user's
 * keyring (libsecret), keyed by server and user name; it is never written
 * to a file, a log or any output.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "todoke-probe-private.h"

static const SecretSchema *
smtp_schema (void)
{
  static const SecretSchema schema = {
    "io.github.todoke.Todoke.Smtp", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/**
 * todoke_probe_store_password:
 * @server: the outgoing server's host name
 * @user: the SMTP user name
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Stores the password the `server-auth` check uses for a real login in
 * the Secret Service (the user's keyring). Blocks: call it from a
 * command line or a worker thread.
 *
 * Returns: %TRUE if the password was stored
 */
gboolean
todoke_probe_store_password (const char    *server,
                             const char    *user,
                             const char    *password,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  label = g_strdup_printf ("Todoke: SMTP password for %s on %s", user, server);

  return secret_password_store_sync (smtp_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     password, cancellable, error,
                                     "server", server, "user", user, NULL);
}

/* The stored password, or NULL with @error set when there is none or the
 * Secret Service cannot be reached. Free with secret_password_free(). */
char *
_todoke_probe_lookup_password (const char    *server,
                               const char    *user,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password;

  password = secret_password_lookup_sync (smtp_schema (), cancellable, &local_error,
                                          "server", server, "user", user, NULL);
  if (password == NULL && local_error == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         "no password stored for this server and user");
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return password;
}

void
_todoke_probe_free_password (char *password)
{
  secret_password_free (password);
}
