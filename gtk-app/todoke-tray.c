/* todoke-tray.c: a StatusNotifierItem with a dbusmenu, over GDBus
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 has no status icon and the GTK 3 indicator libraries cannot live
 * in a GTK 4 process, so the item is exported by hand: org.kde.StatusNotifierItem
 * on /StatusNotifierItem, registered with org.kde.StatusNotifierWatcher
 * whenever one appears, and its menu as com.canonical.dbusmenu. Without a
 * watcher nothing is registered and the app works on (notifications, and
 * the history window when launched again). Unread failures switch the item
 * to NeedsAttention with the alert icon.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "todoke-tray.h"
#include "todoke-tray-menu.h"

#define WATCHER_NAME  "org.kde.StatusNotifierWatcher"
#define ITEM_IFACE    "org.kde.StatusNotifierItem"
#define RECENT_ITEMS  5

static const char item_xml[] =
  "<node>"
  " <interface name='org.kde.StatusNotifierItem'>"
  "  <property name='Category' type='s' access='read'/>"
  "  <property name='Id' type='s' access='read'/>"
  "  <property name='Title' type='s' access='read'/>"
  "  <property name='Status' type='s' access='read'/>"
  "  <property name='WindowId' type='i' access='read'/>"
  "  <property name='IconName' type='s' access='read'/>"
  "  <property name='AttentionIconName' type='s' access='read'/>"
  "  <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "  <property name='ItemIsMenu' type='b' access='read'/>"
  "  <property name='Menu' type='o' access='read'/>"
  "  <method name='ContextMenu'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "  <method name='Activate'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "  <method name='SecondaryActivate'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "  <method name='Scroll'><arg type='i' direction='in'/><arg type='s' direction='in'/></method>"
  "  <signal name='NewTitle'/>"
  "  <signal name='NewIcon'/>"
  "  <signal name='NewAttentionIcon'/>"
  "  <signal name='NewToolTip'/>"
  "  <signal name='NewStatus'><arg type='s'/></signal>"
  " </interface>"
  "</node>";

struct _TodokeTray
{
  GObject             parent_instance;

  GApplication       *application;   /* borrowed: owns us */
  TodokeHistoryStore *store;         /* owned */
  TodokeRuleSet      *rules;         /* owned */
  char               *language;
  GDBusConnection    *connection;    /* owned */
  TodokeTrayMenu     *menu;          /* owned */
  guint               registration;
  guint               watch_id;
  gboolean            registered;
  guint               unread;
};

G_DEFINE_FINAL_TYPE (TodokeTray, todoke_tray, G_TYPE_OBJECT)

static void
todoke_tray_dispose (GObject *object)
{
  TodokeTray *self = TODOKE_TRAY (object);

  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  if (self->registration != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration);
  self->registration = 0;
  g_clear_pointer (&self->menu, todoke_tray_menu_free);
  g_clear_object (&self->connection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rules, todoke_rule_set_unref);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (todoke_tray_parent_class)->dispose (object);
}

static void
todoke_tray_class_init (TodokeTrayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = todoke_tray_dispose;
}

static void
todoke_tray_init (TodokeTray *self)
{
  self->language = g_strdup ("en");
}

static const char *
status (TodokeTray *self)
{
  return self->unread > 0 ? "NeedsAttention" : "Active";
}

static GVariant *
tooltip (TodokeTray *self)
{
  g_autofree char *text = NULL;

  if (self->unread > 0)
    text = g_strdup_printf (ngettext ("%u failed delivery not yet read",
                                         "%u failed deliveries not yet read", self->unread),
                            self->unread);
  else
    text = g_strdup (_("No new delivery failures"));

  return g_variant_new ("(sa(iiay)ss)", "", NULL, "Todoke", text);
}

static GVariant *
get_property (GDBusConnection  *connection,
              const char       *sender,
              const char       *path,
              const char       *interface,
              const char       *property,
              GError          **error,
              gpointer          user_data)
{
  TodokeTray *self = user_data;

  if (strcmp (property, "Category") == 0)
    return g_variant_new_string ("Communications");
  if (strcmp (property, "Id") == 0)
    return g_variant_new_string (APP_ID);
  if (strcmp (property, "Title") == 0)
    return g_variant_new_string ("Todoke");
  if (strcmp (property, "Status") == 0)
    return g_variant_new_string (status (self));
  if (strcmp (property, "WindowId") == 0)
    return g_variant_new_int32 (0);
  /* Panels that ignore NeedsAttention still see the unread mark. */
  if (strcmp (property, "IconName") == 0)
    return g_variant_new_string (self->unread > 0 ? APP_ID "-alert-symbolic" : APP_ID "-symbolic");
  if (strcmp (property, "AttentionIconName") == 0)
    return g_variant_new_string (APP_ID "-alert-symbolic");
  if (strcmp (property, "ToolTip") == 0)
    return tooltip (self);
  if (strcmp (property, "ItemIsMenu") == 0)
    return g_variant_new_boolean (FALSE);
  if (strcmp (property, "Menu") == 0)
    return g_variant_new_object_path (TODOKE_TRAY_MENU_PATH);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "no property %s", property);
  return NULL;
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *path,
             const char            *interface,
             const char            *method,
             GVariant              *params,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  TodokeTray *self = user_data;

  /* A left click opens the history, where the unread failures are on top. */
  if (strcmp (method, "Activate") == 0 || strcmp (method, "SecondaryActivate") == 0)
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "history", NULL);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call, get_property, NULL, { 0 } };

static void
register_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TodokeTray) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_message ("The tray host refused the item: %s", error->message);
  self->registered = reply != NULL;
}

static void
watcher_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  TodokeTray *self = user_data;

  g_dbus_connection_call (connection, WATCHER_NAME, "/StatusNotifierWatcher", WATCHER_NAME,
                          "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", g_dbus_connection_get_unique_name (connection)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, register_done,
                          g_object_ref (self));
}

static void
watcher_vanished (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  TODOKE_TRAY (user_data)->registered = FALSE;
}

static void
menu_activate (const char *action,
               GVariant   *target,
               gpointer    user_data)
{
  TodokeTray *self = user_data;

  g_action_group_activate_action (G_ACTION_GROUP (self->application), action, target);
}

static char *
item_label (TodokeTray        *self,
            TodokeHistoryItem *item)
{
  g_autoptr(TodokeGuide) guide = todoke_rule_set_lookup_guide (self->rules,
                                                               todoke_history_item_get_reason (item),
                                                               self->language, NULL,
                                                               todoke_history_item_get_provider (item));
  const char *title = guide ? todoke_guide_get_title (guide) : todoke_history_item_get_reason (item);
  const char *recipient = todoke_history_item_get_recipient (item);

  if (recipient != NULL && *recipient)
    return g_strdup_printf ("%s — %s", title, recipient);

  return g_strdup (title);
}

static void
fill_menu (TodokeTray *self)
{
  TodokeHistoryQuery query = { .limit = RECENT_ITEMS };
  g_autoptr(GListModel) recent = todoke_history_store_query (self->store, &query, NULL);
  guint i, n = recent ? g_list_model_get_n_items (recent) : 0;

  todoke_tray_menu_clear (self->menu);
  if (n == 0)
    todoke_tray_menu_add (self->menu, _("No delivery failures"), FALSE, NULL, NULL);
  for (i = 0; i < n; i++)
    {
      g_autoptr(TodokeHistoryItem) item = g_list_model_get_item (recent, i);
      g_autofree char *label = item_label (self, item);

      todoke_tray_menu_add (self->menu, label, TRUE, "show-guide",
                            g_variant_new ("(xu)", todoke_history_item_get_report_id (item),
                                           todoke_history_item_get_index (item)));
    }
  todoke_tray_menu_add_separator (self->menu);
  todoke_tray_menu_add (self->menu, _("History"), TRUE, "history", NULL);
  todoke_tray_menu_add (self->menu, _("Preferences"), TRUE, "preferences", NULL);
  todoke_tray_menu_add (self->menu, _("Quit"), TRUE, "quit", NULL);
}

/**
 * todoke_tray_update:
 * @self: the tray item
 *
 * Reads the unread count and the recent failures again and tells the panel.
 */
void
todoke_tray_update (TodokeTray *self)
{
  guint unread;
  gboolean changed;

  if (self == NULL)
    return;
  unread = todoke_history_store_count_unread (self->store);
  changed = (unread > 0) != (self->unread > 0);
  self->unread = unread;
  fill_menu (self);
  todoke_tray_menu_changed (self->menu);
  if (self->connection == NULL || self->registration == 0)
    return;
  if (changed)
    {
      g_dbus_connection_emit_signal (self->connection, NULL, TODOKE_TRAY_ITEM_PATH, ITEM_IFACE,
                                     "NewStatus", g_variant_new ("(s)", status (self)), NULL);
      g_dbus_connection_emit_signal (self->connection, NULL, TODOKE_TRAY_ITEM_PATH, ITEM_IFACE,
                                     "NewIcon", NULL, NULL);
    }
  g_dbus_connection_emit_signal (self->connection, NULL, TODOKE_TRAY_ITEM_PATH, ITEM_IFACE,
                                 "NewToolTip", NULL, NULL);
}

/**
 * todoke_tray_new:
 * @application: the app: its actions run the menu items
 * @store: the history
 * @rules: for the titles of the recent failures
 *
 * Exports the item and its menu on the app's bus connection (if any) and
 * registers with a StatusNotifierWatcher whenever one is there.
 *
 * Returns: (transfer full): the tray item
 */
TodokeTray *
todoke_tray_new (GApplication       *application,
                 TodokeHistoryStore *store,
                 TodokeRuleSet      *rules)
{
  TodokeTray *self = g_object_new (TODOKE_TYPE_TRAY, NULL);
  GDBusConnection *connection = g_application_get_dbus_connection (application);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (item_xml, NULL);
  g_autoptr(GError) error = NULL;

  self->application = application;
  self->store = g_object_ref (store);
  self->rules = todoke_rule_set_ref (rules);
  self->menu = todoke_tray_menu_new (menu_activate, self);
  self->unread = todoke_history_store_count_unread (store);
  fill_menu (self);
  if (connection == NULL)
    return self;

  self->connection = g_object_ref (connection);
  self->registration = g_dbus_connection_register_object (connection, TODOKE_TRAY_ITEM_PATH,
                                                          info->interfaces[0], &vtable,
                                                          self, NULL, &error);
  if (self->registration == 0 ||
      !todoke_tray_menu_export (self->menu, connection, TODOKE_TRAY_MENU_PATH, &error))
    {
      g_warning ("No tray item: %s", error->message);
      return self;
    }
  self->watch_id = g_bus_watch_name_on_connection (connection, WATCHER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   watcher_appeared, watcher_vanished, self, NULL);

  return self;
}

void
todoke_tray_set_language (TodokeTray *self,
                          const char *language)
{
  g_free (self->language);
  self->language = g_strdup (language);
  fill_menu (self);
  todoke_tray_menu_changed (self->menu);
}

guint
todoke_tray_get_unread (TodokeTray *self)
{
  return self->unread;
}

gboolean
todoke_tray_is_registered (TodokeTray *self)
{
  return self->registered;
}
