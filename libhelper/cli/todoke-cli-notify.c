/* todoke-cli-notify.c: `todoke classify --notify`
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hands each failure the command finds to the desktop app over D-Bus
 * (io.github.todoke.Todoke.Reports.Report, activating the app when it is
 * not running), so that it is notified and kept in the app's history: a
 * bounce as the raw message, a failed-send reply as its text.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "todoke-cli-notify.h"
#include "todoke-dbus-reports.h"

static gboolean          enabled;
static TodokeDBusReports *proxy;      /* owned, for the life of the command */
static gboolean          unreachable;

void
todoke_cli_notify_enable (gboolean on)
{
  enabled = on;
}

static gboolean
report (GVariantDict *failure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *id = NULL;

  if (unreachable)
    return FALSE;
  g_variant_dict_insert (failure, "source", "s", "cli");
  value = g_variant_ref_sink (g_variant_dict_end (failure));
  if (proxy == NULL)
    proxy = todoke_dbus_reports_proxy_new_for_bus_sync (G_BUS_TYPE_SESSION,
                                                        G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                                        G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS,
                                                        APP_ID, "/io/github/todoke/Todoke",
                                                        NULL, &error);
  if (proxy != NULL)
    {
      g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (proxy), 60000);
      todoke_dbus_reports_call_report_sync (proxy, value, &id, NULL, &error);
    }
  if (error != NULL)
    {
      g_printerr (_("todoke: cannot hand the failure to the desktop app: %s\n"), error->message);
      /* Once unreachable, say it once, not for every file. */
      if (!g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS))
        unreachable = TRUE;
      return FALSE;
    }

  return TRUE;
}

/**
 * todoke_cli_notify_bounce:
 * @message: a raw bounce that libtodoke found failures in
 * @lang: (nullable): the language asked for, or %NULL for the app's
 *
 * Returns: %TRUE when --notify is off or the app took the report
 */
gboolean
todoke_cli_notify_bounce (GBytes     *message,
                          const char *lang)
{
  GVariantDict failure;

  if (!enabled)
    return TRUE;
  g_variant_dict_init (&failure, NULL);
  g_variant_dict_insert_value (&failure, "message",
                               g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, message, TRUE));
  if (lang != NULL)
    g_variant_dict_insert (&failure, "locale", "s", lang);

  return report (&failure);
}

/**
 * todoke_cli_notify_reply:
 * @reply: a failed-send reply, log line or alert text
 * @recipient: (nullable): the address it was about
 * @lang: (nullable): the language asked for
 *
 * Returns: %TRUE when --notify is off or the app took the report
 */
gboolean
todoke_cli_notify_reply (const char *reply,
                         const char *recipient,
                         const char *lang)
{
  GVariantDict failure;

  if (!enabled)
    return TRUE;
  g_variant_dict_init (&failure, NULL);
  g_variant_dict_insert (&failure, "text", "s", reply);
  if (recipient != NULL)
    {
      const char *recipients[] = { recipient, NULL };

      g_variant_dict_insert_value (&failure, "recipients", g_variant_new_strv (recipients, -1));
    }
  if (lang != NULL)
    g_variant_dict_insert (&failure, "locale", "s", lang);

  return report (&failure);
}
