/* todoke-tray-menu.c: the tray's com.canonical.dbusmenu
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A flat menu (root 0, items 1…n) exported as com.canonical.dbusmenu,
 * written from the interface's introspection description in libdbusmenu.
 * Panels ask for the layout (GetLayout), the properties of many items at
 * once (GetGroupProperties), tell that a menu opens (AboutToShow,
 * AboutToShowGroup) and send clicks (Event, EventGroup). Real panels use
 * the *Group calls, so those work, not only the single ones.
 */

#include "config.h"

#include <string.h>

#include "todoke-tray-menu.h"

static const char menu_xml[] =
  "<node>"
  " <interface name='com.canonical.dbusmenu'>"
  "  <property name='Version' type='u' access='read'/>"
  "  <property name='TextDirection' type='s' access='read'/>"
  "  <property name='Status' type='s' access='read'/>"
  "  <property name='IconThemePath' type='as' access='read'/>"
  "  <method name='GetLayout'>"
  "   <arg type='i' name='parentId' direction='in'/>"
  "   <arg type='i' name='recursionDepth' direction='in'/>"
  "   <arg type='as' name='propertyNames' direction='in'/>"
  "   <arg type='u' name='revision' direction='out'/>"
  "   <arg type='(ia{sv}av)' name='layout' direction='out'/>"
  "  </method>"
  "  <method name='GetGroupProperties'>"
  "   <arg type='ai' name='ids' direction='in'/>"
  "   <arg type='as' name='propertyNames' direction='in'/>"
  "   <arg type='a(ia{sv})' name='properties' direction='out'/>"
  "  </method>"
  "  <method name='GetProperty'>"
  "   <arg type='i' name='id' direction='in'/>"
  "   <arg type='s' name='name' direction='in'/>"
  "   <arg type='v' name='value' direction='out'/>"
  "  </method>"
  "  <method name='Event'>"
  "   <arg type='i' name='id' direction='in'/>"
  "   <arg type='s' name='eventId' direction='in'/>"
  "   <arg type='v' name='data' direction='in'/>"
  "   <arg type='u' name='timestamp' direction='in'/>"
  "  </method>"
  "  <method name='EventGroup'>"
  "   <arg type='a(isvu)' name='events' direction='in'/>"
  "   <arg type='ai' name='idErrors' direction='out'/>"
  "  </method>"
  "  <method name='AboutToShow'>"
  "   <arg type='i' name='id' direction='in'/>"
  "   <arg type='b' name='needUpdate' direction='out'/>"
  "  </method>"
  "  <method name='AboutToShowGroup'>"
  "   <arg type='ai' name='ids' direction='in'/>"
  "   <arg type='ai' name='updatesNeeded' direction='out'/>"
  "   <arg type='ai' name='idErrors' direction='out'/>"
  "  </method>"
  "  <signal name='ItemsPropertiesUpdated'>"
  "   <arg type='a(ia{sv})' name='updatedProps'/>"
  "   <arg type='a(ia(s))' name='removedProps'/>"
  "  </signal>"
  "  <signal name='LayoutUpdated'>"
  "   <arg type='u' name='revision'/>"
  "   <arg type='i' name='parent'/>"
  "  </signal>"
  "  <signal name='ItemActivationRequested'>"
  "   <arg type='i' name='id'/>"
  "   <arg type='u' name='timestamp'/>"
  "  </signal>"
  " </interface>"
  "</node>";

typedef struct
{
  char     *label;      /* NULL: a separator */
  gboolean  enabled;
  char     *action;
  GVariant *target;
} Item;

struct _TodokeTrayMenu
{
  GArray                 *items;        /* Item; id = index + 1 */
  guint                   revision;
  GDBusConnection        *connection;   /* owned */
  char                   *path;
  guint                   registration;
  TodokeTrayMenuActivate  activate;
  gpointer                user_data;
};

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->label);
  g_free (item->action);
  g_clear_pointer (&item->target, g_variant_unref);
}

TodokeTrayMenu *
todoke_tray_menu_new (TodokeTrayMenuActivate activate,
                      gpointer               user_data)
{
  TodokeTrayMenu *menu = g_new0 (TodokeTrayMenu, 1);

  menu->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (menu->items, item_clear);
  menu->revision = 1;
  menu->activate = activate;
  menu->user_data = user_data;

  return menu;
}

void
todoke_tray_menu_free (TodokeTrayMenu *menu)
{
  if (menu == NULL)
    return;
  todoke_tray_menu_unexport (menu);
  g_array_unref (menu->items);
  g_free (menu);
}

void
todoke_tray_menu_clear (TodokeTrayMenu *menu)
{
  g_array_set_size (menu->items, 0);
}

void
todoke_tray_menu_add (TodokeTrayMenu *menu,
                      const char     *label,
                      gboolean        enabled,
                      const char     *action,
                      GVariant       *target)
{
  Item item = { g_strdup (label), enabled, g_strdup (action), NULL };

  if (target != NULL)
    item.target = g_variant_ref_sink (target);
  g_array_append_val (menu->items, item);
}

void
todoke_tray_menu_add_separator (TodokeTrayMenu *menu)
{
  Item item = { NULL, TRUE, NULL, NULL };

  g_array_append_val (menu->items, item);
}

static Item *
lookup (TodokeTrayMenu *menu,
        gint32          id)
{
  if (id < 1 || (guint) id > menu->items->len)
    return NULL;

  return &g_array_index (menu->items, Item, id - 1);
}

static gboolean
wanted (const char * const *names,
        const char         *name)
{
  return names == NULL || names[0] == NULL || g_strv_contains (names, name);
}

static GVariant *
item_properties (TodokeTrayMenu     *menu,
                 gint32              id,
                 const char * const *names)
{
  GVariantBuilder props;
  Item *item = lookup (menu, id);

  g_variant_builder_init (&props, G_VARIANT_TYPE_VARDICT);
  if (id == 0)
    {
      if (wanted (names, "children-display"))
        g_variant_builder_add (&props, "{sv}", "children-display", g_variant_new_string ("submenu"));
    }
  else if (item != NULL && item->label == NULL)
    {
      if (wanted (names, "type"))
        g_variant_builder_add (&props, "{sv}", "type", g_variant_new_string ("separator"));
    }
  else if (item != NULL)
    {
      if (wanted (names, "label"))
        g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (item->label));
      if (wanted (names, "enabled"))
        g_variant_builder_add (&props, "{sv}", "enabled", g_variant_new_boolean (item->enabled));
      if (wanted (names, "visible"))
        g_variant_builder_add (&props, "{sv}", "visible", g_variant_new_boolean (TRUE));
    }

  return g_variant_builder_end (&props);
}

static GVariant *
layout (TodokeTrayMenu     *menu,
        gint32              parent,
        gint32              depth,
        const char * const *names)
{
  GVariantBuilder children;
  guint i;

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));
  if (parent == 0 && depth != 0)
    for (i = 0; i < menu->items->len; i++)
      g_variant_builder_add (&children, "v",
                             g_variant_new ("(i@a{sv}@av)", (gint32) i + 1,
                                            item_properties (menu, i + 1, names),
                                            g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0)));

  return g_variant_new ("(i@a{sv}av)", parent, item_properties (menu, parent, names), &children);
}

static gboolean
event (TodokeTrayMenu *menu,
       gint32          id,
       const char     *event_id)
{
  Item *item = lookup (menu, id);

  if (id != 0 && item == NULL)
    return FALSE;
  if (item != NULL && item->action != NULL && item->enabled && strcmp (event_id, "clicked") == 0)
    menu->activate (item->action, item->target, menu->user_data);

  return TRUE;
}

static void
get_group_properties (TodokeTrayMenu        *menu,
                      GVariant              *params,
                      GDBusMethodInvocation *invocation)
{
  g_autofree const char **names = NULL;
  g_autoptr(GVariant) id_array = NULL;
  GVariantBuilder result;
  const gint32 *ids;
  gsize n = 0, i;

  g_variant_get (params, "(@ai^a&s)", &id_array, &names);
  ids = g_variant_get_fixed_array (id_array, &n, sizeof (gint32));
  g_variant_builder_init (&result, G_VARIANT_TYPE ("a(ia{sv})"));
  for (i = 0; i < n; i++)
    if (ids[i] == 0 || lookup (menu, ids[i]) != NULL)
      g_variant_builder_add (&result, "(i@a{sv})", ids[i], item_properties (menu, ids[i], names));
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a(ia{sv}))", &result));
}

static void
event_group (TodokeTrayMenu        *menu,
             GVariant              *params,
             GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariantIter) iter = NULL;
  GVariantBuilder errors;
  const char *event_id;
  gint32 id;
  gboolean any = FALSE;
  gsize n;

  g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
  g_variant_get (params, "(a(isvu))", &iter);
  n = g_variant_iter_n_children (iter);
  while (g_variant_iter_loop (iter, "(i&svu)", &id, &event_id, NULL, NULL))
    {
      if (event (menu, id, event_id))
        any = TRUE;
      else
        g_variant_builder_add (&errors, "i", id);
    }
  if (!any && n > 0)
    {
      g_variant_builder_clear (&errors);
      g_dbus_method_invocation_return_dbus_error (invocation, "com.canonical.dbusmenu.Error.InvalidId",
                                                  "none of the items exist");
      return;
    }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ai)", &errors));
}

static void
about_to_show_group (TodokeTrayMenu        *menu,
                     GVariant              *params,
                     GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariant) id_array = g_variant_get_child_value (params, 0);
  GVariantBuilder updates, errors;
  const gint32 *ids;
  gsize n, i;

  ids = g_variant_get_fixed_array (id_array, &n, sizeof (gint32));
  g_variant_builder_init (&updates, G_VARIANT_TYPE ("ai"));
  g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
  for (i = 0; i < n; i++)
    if (ids[i] != 0 && lookup (menu, ids[i]) == NULL)
      g_variant_builder_add (&errors, "i", ids[i]);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aiai)", &updates, &errors));
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
  TodokeTrayMenu *menu = user_data;

  if (strcmp (method, "GetLayout") == 0)
    {
      g_autofree const char **names = NULL;
      gint32 parent, depth;

      g_variant_get (params, "(ii^a&s)", &parent, &depth, &names);
      if (parent != 0 && lookup (menu, parent) == NULL)
        g_dbus_method_invocation_return_dbus_error (invocation, "com.canonical.dbusmenu.Error.InvalidId",
                                                    "no such item");
      else
        g_dbus_method_invocation_return_value (invocation,
                                               g_variant_new ("(u@(ia{sv}av))", menu->revision,
                                                              layout (menu, parent, depth, names)));
    }
  else if (strcmp (method, "GetGroupProperties") == 0)
    get_group_properties (menu, params, invocation);
  else if (strcmp (method, "GetProperty") == 0)
    {
      g_autoptr(GVariant) props = NULL;
      g_autoptr(GVariant) value = NULL;
      const char *names[2] = { NULL, NULL };
      gint32 id;

      g_variant_get (params, "(i&s)", &id, &names[0]);
      props = item_properties (menu, id, names);
      value = g_variant_lookup_value (props, names[0], NULL);
      if (value == NULL)
        g_dbus_method_invocation_return_dbus_error (invocation, "com.canonical.dbusmenu.Error.InvalidId",
                                                    "no such item or property");
      else
        g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
    }
  else if (strcmp (method, "Event") == 0)
    {
      const char *event_id;
      gint32 id;

      g_variant_get (params, "(i&svu)", &id, &event_id, NULL, NULL);
      if (event (menu, id, event_id))
        g_dbus_method_invocation_return_value (invocation, NULL);
      else
        g_dbus_method_invocation_return_dbus_error (invocation, "com.canonical.dbusmenu.Error.InvalidId",
                                                    "no such item");
    }
  else if (strcmp (method, "EventGroup") == 0)
    event_group (menu, params, invocation);
  else if (strcmp (method, "AboutToShow") == 0)
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", FALSE));
  else if (strcmp (method, "AboutToShowGroup") == 0)
    about_to_show_group (menu, params, invocation);
  else
    g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.DBus.Error.UnknownMethod",
                                                method);
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
  if (strcmp (property, "Version") == 0)
    return g_variant_new_uint32 (3);
  if (strcmp (property, "TextDirection") == 0)
    return g_variant_new_string ("ltr");
  if (strcmp (property, "Status") == 0)
    return g_variant_new_string ("normal");
  if (strcmp (property, "IconThemePath") == 0)
    return g_variant_new_strv (NULL, 0);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "no property %s", property);
  return NULL;
}

static const GDBusInterfaceVTable vtable = { method_call, get_property, NULL, { 0 } };

gboolean
todoke_tray_menu_export (TodokeTrayMenu   *menu,
                         GDBusConnection  *connection,
                         const char       *path,
                         GError          **error)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (menu_xml, error);

  if (info == NULL)
    return FALSE;
  menu->registration = g_dbus_connection_register_object (connection, path, info->interfaces[0],
                                                          &vtable, menu, NULL, error);
  if (menu->registration == 0)
    return FALSE;
  menu->connection = g_object_ref (connection);
  menu->path = g_strdup (path);

  return TRUE;
}

void
todoke_tray_menu_unexport (TodokeTrayMenu *menu)
{
  if (menu->registration != 0)
    g_dbus_connection_unregister_object (menu->connection, menu->registration);
  menu->registration = 0;
  g_clear_object (&menu->connection);
  g_clear_pointer (&menu->path, g_free);
}

/**
 * todoke_tray_menu_changed:
 * @menu: the menu
 *
 * Tells panels that the items changed (LayoutUpdated).
 */
void
todoke_tray_menu_changed (TodokeTrayMenu *menu)
{
  menu->revision++;
  if (menu->connection != NULL)
    g_dbus_connection_emit_signal (menu->connection, NULL, menu->path, "com.canonical.dbusmenu",
                                   "LayoutUpdated", g_variant_new ("(ui)", menu->revision, 0), NULL);
}
