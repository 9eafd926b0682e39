/* todoke-native-forward.c: hands failures to the desktop app over D-Bus
 *
 * The app (io.github.todoke.Todoke) keeps the history and notifies; the
 * host calls its Report method with the generated TodokeDBusReports proxy
 * when the app is on the session bus, and never waits for it: the answer
 * to Thunderbird is written first, calls are asynchronous with a short
 * timeout, and a missing bus or app is only a debug message.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "todoke-dbus-reports.h"
#include "todoke-native-forward.h"

#define APP_OBJECT_PATH "/io/github/todoke/Todoke"

struct _TodokeNativeForward
{
  GCancellable     *cancellable;
  TodokeDBusReports *proxy;
  GPtrArray        *waiting;    /* failures reported before the proxy was ready */
  guint             pending;    /* proxy creations and calls in flight */
  gboolean          no_bus;
};

static void
report_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TodokeNativeForward *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (todoke_dbus_reports_call_report_finish (TODOKE_DBUS_REPORTS (source), &id, result, &error))
    g_debug ("The desktop app stored the failure as %s", id);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("The desktop app did not take the failure: %s", error->message);
  self->pending--;
}

static void
send_report (TodokeNativeForward *self,
             GVariant            *failure)
{
  g_autofree char *owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (self->proxy));

  if (owner == NULL)
    {
      g_debug ("The desktop app is not running: failure not forwarded");
      return;
    }
  self->pending++;
  todoke_dbus_reports_call_report (self->proxy, failure, self->cancellable, report_done, self);
}

static void
proxy_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TodokeNativeForward *self = user_data;
  g_autoptr(GError) error = NULL;
  guint i;

  self->pending--;
  self->proxy = todoke_dbus_reports_proxy_new_for_bus_finish (result, &error);
  if (self->proxy == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No session bus: failures are not forwarded (%s)", error->message);
      self->no_bus = TRUE;
      g_ptr_array_set_size (self->waiting, 0);
      return;
    }
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (self->proxy), TODOKE_NATIVE_FORWARD_TIMEOUT_MS);
  for (i = 0; i < self->waiting->len; i++)
    send_report (self, g_ptr_array_index (self->waiting, i));
  g_ptr_array_set_size (self->waiting, 0);
}

/**
 * todoke_native_forward_new:
 *
 * Starts connecting to the session bus, if there is one.
 *
 * Returns: (transfer full): a forwarder
 */
TodokeNativeForward *
todoke_native_forward_new (void)
{
  TodokeNativeForward *self = g_new0 (TodokeNativeForward, 1);

  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  /* No address, no bus: GDBus would try X11 autolaunch instead. */
  self->no_bus = g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL;
  if (self->no_bus)
    return self;

  self->pending++;
  todoke_dbus_reports_proxy_new_for_bus (G_BUS_TYPE_SESSION,
                                         G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START |
                                         G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                         G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS,
                                         APP_ID, APP_OBJECT_PATH,
                                         self->cancellable, proxy_ready, self);
  return self;
}

/**
 * todoke_native_forward_free:
 * @self: a forwarder
 *
 * Cancels what is still in flight. Run the main context until
 * todoke_native_forward_is_idle() first to let calls finish.
 */
void
todoke_native_forward_free (TodokeNativeForward *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  while (self->pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&self->proxy);
  g_ptr_array_unref (self->waiting);
  g_object_unref (self->cancellable);
  g_free (self);
}

/**
 * todoke_native_forward_report:
 * @self: a forwarder
 * @failure: the a{sv} of the Report method
 *
 * Hands @failure to the app if it is on the bus; returns at once.
 */
void
todoke_native_forward_report (TodokeNativeForward *self,
                              GVariant            *failure)
{
  if (self->no_bus)
    return;
  if (self->proxy == NULL)
    g_ptr_array_add (self->waiting, g_variant_ref (failure));
  else
    send_report (self, failure);
}

/**
 * todoke_native_forward_is_idle:
 * @self: a forwarder
 *
 * Returns: whether no call is in flight
 */
gboolean
todoke_native_forward_is_idle (TodokeNativeForward *self)
{
  return self->pending == 0;
}
