/* todoke-probe-request.c: what a diagnostic run should check
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "todoke-probe.h"

struct _TodokeProbeRequest
{
  GObject   parent_instance;

  char     *recipient;
  char     *sender;
  char     *server;
  guint16   port;
  char     *user;
  gboolean  try_login;
  GStrv     checks;          /* nullable: every check the inputs allow */
};

G_DEFINE_FINAL_TYPE (TodokeProbeRequest, todoke_probe_request, G_TYPE_OBJECT)

/* g_set_str() is GLib 2.76. */
static void
replace_string (char       **slot,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

static void
todoke_probe_request_finalize (GObject *object)
{
  TodokeProbeRequest *self = (TodokeProbeRequest *) object;

  g_free (self->recipient);
  g_free (self->sender);
  g_free (self->server);
  g_free (self->user);
  g_strfreev (self->checks);

  G_OBJECT_CLASS (todoke_probe_request_parent_class)->finalize (object);
}

static void
todoke_probe_request_class_init (TodokeProbeRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = todoke_probe_request_finalize;
}

static void
todoke_probe_request_init (TodokeProbeRequest *self)
{
}

/**
 * todoke_probe_request_new:
 *
 * Creates an empty request: set at least a recipient, a sender or a
 * server before handing it to todoke_probe_run_async().
 *
 * Returns: (transfer full): a new request
 */
TodokeProbeRequest *
todoke_probe_request_new (void)
{
  return g_object_new (TODOKE_TYPE_PROBE_REQUEST, NULL);
}

/**
 * todoke_probe_request_set_recipient:
 * @self: a request
 * @address: (nullable): the recipient's address, exactly as the user typed it
 *
 * Sets the address whose syntax, domain (MX, null MX, A/AAAA) and MTA-STS
 * policy are checked.
 */
void
todoke_probe_request_set_recipient (TodokeProbeRequest *self,
                                    const char         *address)
{
  g_return_if_fail (TODOKE_IS_PROBE_REQUEST (self));
  replace_string (&self->recipient, address);
}

/**
 * todoke_probe_request_get_recipient:
 * @self: a request
 *
 * Returns: (nullable): the recipient's address
 */
const char *
todoke_probe_request_get_recipient (TodokeProbeRequest *self)
{
  g_return_val_if_fail (TODOKE_IS_PROBE_REQUEST (self), NULL);
  return self->recipient;
}

/**
 * todoke_probe_request_set_sender:
 * @self: a request
 * @address: (nullable): the sender's own address
 *
 * Sets the address whose domain's SPF and DMARC records are checked.
 */
void
todoke_probe_request_set_sender (TodokeProbeRequest *self,
                                 const char         *address)
{
  g_return_if_fail (TODOKE_IS_PROBE_REQUEST (self));
  replace_string (&self->sender, address);
}

/**
 * todoke_probe_request_get_sender:
 * @self: a request
 *
 * Returns: (nullable): the sender's address
 */
const char *
todoke_probe_request_get_sender (TodokeProbeRequest *self)
{
  g_return_val_if_fail (TODOKE_IS_PROBE_REQUEST (self), NULL);
  return self->sender;
}

/**
 * todoke_probe_request_set_server:
 * @self: a request
 * @host: (nullable): the outgoing (SMTP) server's host name or address
 * @port: the port the mail client uses, or 0 to try 587, 465 and 25
 *
 * Sets the submission server to probe.
 */
void
todoke_probe_request_set_server (TodokeProbeRequest *self,
                                 const char         *host,
                                 guint16             port)
{
  g_return_if_fail (TODOKE_IS_PROBE_REQUEST (self));
  replace_string (&self->server, host);
  self->port = port;
}

/**
 * todoke_probe_request_get_server:
 * @self: a request
 *
 * Returns: (nullable): the server's host name
 */
const char *
todoke_probe_request_get_server (TodokeProbeRequest *self)
{
  g_return_val_if_fail (TODOKE_IS_PROBE_REQUEST (self), NULL);
  return self->server;
}

/**
 * todoke_probe_request_get_port:
 * @self: a request
 *
 * Returns: the server's port, or 0 for "try 587, 465 and 25"
 */
guint16
todoke_probe_request_get_port (TodokeProbeRequest *self)
{
  g_return_val_if_fail (TODOKE_IS_PROBE_REQUEST (self), 0);
  return self->port;
}

/**
 * todoke_probe_request_set_user:
 * @self: a request
 * @user: (nullable): the SMTP user name
 *
 * Sets the user name for the optional login test; the password is looked
 * up in the Secret Service (see todoke_probe_store_password()).
 */
void
todoke_probe_request_set_user (TodokeProbeRequest *self,
                               const char         *user)
{
  g_return_if_fail (TODOKE_IS_PROBE_REQUEST (self));
  replace_string (&self->user, user);
}

/**
 * todoke_probe_request_get_user:
 * @self: a request
 *
 * Returns: (nullable): the SMTP user name
 */
const char *
todoke_probe_request_get_user (TodokeProbeRequest *self)
{
  g_return_val_if_fail (TODOKE_IS_PROBE_REQUEST (self), NULL);
  return self->user;
}

/**
 * todoke_probe_request_set_try_login:
 * @self: a request
 * @try_login: whether to log in with the stored password
 *
 * Asks the `server-auth` check for a real AUTH with the user name and the
 * password stored in the Secret Service. Off by default.
 */
void
todoke_probe_request_set_try_login (TodokeProbeRequest *self,
                                    gboolean            try_login)
{
  g_return_if_fail (TODOKE_IS_PROBE_REQUEST (self));
  self->try_login = !!try_login;
}

/**
 * todoke_probe_request_get_try_login:
 * @self: a request
 *
 * Returns: whether a real login is tried
 */
gboolean
todoke_probe_request_get_try_login (TodokeProbeRequest *self)
{
  g_return_val_if_fail (TODOKE_IS_PROBE_REQUEST (self), FALSE);
  return self->try_login;
}

/**
 * todoke_probe_request_set_checks:
 * @self: a request
 * @checks: (nullable) (array zero-terminated=1): check ids, or %NULL for
 *   every check the request's inputs allow
 *
 * Limits the run to some checks, for example those
 * todoke_probe_get_checks_for_reason() returns for a failure.
 */
void
todoke_probe_request_set_checks (TodokeProbeRequest *self,
                                 const char * const *checks)
{
  g_return_if_fail (TODOKE_IS_PROBE_REQUEST (self));
  g_strfreev (self->checks);
  self->checks = g_strdupv ((char **) checks);
}

/**
 * todoke_probe_request_get_checks:
 * @self: a request
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   selected check ids, or %NULL for all
 */
const char * const *
todoke_probe_request_get_checks (TodokeProbeRequest *self)
{
  g_return_val_if_fail (TODOKE_IS_PROBE_REQUEST (self), NULL);
  return (const char * const *) self->checks;
}
