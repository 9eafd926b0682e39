/* todoke-maildir.c: bounces that arrive in watched Maildir folders
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For users of mail programs that keep a Maildir (maildir-folders in the
 * settings): a GFileMonitor on each folder's new/ (where an MTA renames a
 * message it wrote in tmp/) and cur/ (where programs move what they have
 * seen). Each message that arrives after the folder was first watched is
 * read, within libtodoke's size limit, and handed to the Reports service
 * as if it had come over D-Bus (source "maildir"); what is no bounce is
 * ignored. A message is known by its folder and its Maildir unique name
 * (the file name up to ':'), remembered in the history: moving it from
 * new/ to cur/, or restarting the app, never reports it twice. Messages
 * that arrived while the app was not running are read when it starts.
 *
 * A folder that is no Maildir, cannot be read or disappears is reported
 * once (the "problem" signal) and no longer watched until the setting
 * changes or the app starts again.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "todoke-maildir.h"

typedef struct
{
  TodokeMaildirWatcher *watcher;      /* borrowed */
  char                 *path;         /* owned: as in the settings */
  gint64                since;        /* first watched (seconds since the epoch) */
  gboolean              failed;       /* reported once, not watched any more */
  GFileMonitor         *monitors[2];  /* owned: new/, cur/ */
} Folder;

struct _TodokeMaildirWatcher
{
  GObject             parent_instance;

  GSettings          *settings;   /* owned */
  TodokeReports      *reports;    /* owned */
  TodokeHistoryStore *store;      /* owned */
  GPtrArray          *folders;    /* owned: Folder */
};

G_DEFINE_FINAL_TYPE (TodokeMaildirWatcher, todoke_maildir_watcher, G_TYPE_OBJECT)

enum {
  PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const subfolders[] = { "new", "cur" };

static void
folder_stop (Folder *folder)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (folder->monitors); i++)
    if (folder->monitors[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (folder->monitors[i], folder);
        g_file_monitor_cancel (folder->monitors[i]);
        g_clear_object (&folder->monitors[i]);
      }
}

static void
folder_free (gpointer data)
{
  Folder *folder = data;

  folder_stop (folder);
  g_free (folder->path);
  g_free (folder);
}

static void
todoke_maildir_watcher_dispose (GObject *object)
{
  TodokeMaildirWatcher *self = TODOKE_MAILDIR_WATCHER (object);

  g_clear_pointer (&self->folders, g_ptr_array_unref);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->reports);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (todoke_maildir_watcher_parent_class)->dispose (object);
}

static void
todoke_maildir_watcher_class_init (TodokeMaildirWatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = todoke_maildir_watcher_dispose;

  /**
   * TodokeMaildirWatcher::problem:
   * @folder: the folder as in the settings
   * @message: what is wrong, for the user
   *
   * A folder cannot be watched; it is not watched any more.
   */
  signals[PROBLEM] = g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_STRING, G_TYPE_STRING);
}

static void
todoke_maildir_watcher_init (TodokeMaildirWatcher *self)
{
  self->folders = g_ptr_array_new_with_free_func (folder_free);
}

static void
folder_failed (Folder     *folder,
               const char *message)
{
  if (folder->failed)
    return;
  folder->failed = TRUE;
  g_message ("Maildir %s: %s", folder->path, message);
  folder_stop (folder);
  g_signal_emit (folder->watcher, signals[PROBLEM], 0, folder->path, message);
}

/* The whole message, or NULL when it is larger than libtodoke reads. */
static GBytes *
read_limited (GFile   *file,
              guint64  size,
              GError **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree char *data = NULL;
  gsize n = 0;

  if (size > TODOKE_DEFAULT_MAX_MESSAGE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "larger than %u bytes",
                   TODOKE_DEFAULT_MAX_MESSAGE_SIZE);
      return NULL;
    }
  in = g_file_read (file, NULL, error);
  if (in == NULL)
    return NULL;
  /* One byte more than announced: a file that grew is still bounded. */
  data = g_malloc (size + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), data, size + 1, &n, NULL, error))
    return NULL;
  if (n > size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "still being written");
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&data), n);
}

static char *
origin_of (const char *folder,
           const char *name)
{
  const char *colon = strchr (name, ':');
  int length = colon != NULL ? (int) (colon - name) : (int) strlen (name);

  return g_strdup_printf ("maildir:%s/%.*s", folder, length, name);
}

static guint
read_message (TodokeMaildirWatcher *self,
              const char           *folder,
              gint64                since,
              GFile                *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *origin = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TodokeFailure) failure = { 0 };

  if (name == NULL || name[0] == '.')
    return 0;
  origin = origin_of (folder, name);
  if (todoke_history_store_has_seen (self->store, origin))
    return 0;
  /* Gone already (moved on to cur/): its arrival there is read instead. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE
                            "," G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return 0;
  /* What the folder held before it was watched is old mail. */
  if ((gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) < since)
    return 0;

  failure.message = read_limited (file, g_file_info_get_size (info), &error);
  if (failure.message == NULL)
    {
      g_message ("Maildir %s: %s: %s", folder, name, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        todoke_history_store_mark_seen (self->store, origin);
      return 0;
    }
  failure.recipients = g_new0 (char *, 1);
  failure.source = g_strdup ("maildir");
  if (todoke_reports_submit (self->reports, &failure, origin, &error) != 0)
    return 1;
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS))
    todoke_history_store_mark_seen (self->store, origin);   /* no bounce */
  else
    g_warning ("Maildir %s: %s: %s", folder, name, error->message);

  return 0;
}

static void
on_changed (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            Folder            *folder)
{
  GFile *dir = g_object_get_data (G_OBJECT (monitor), "dir");

  /* A message is read once complete: renamed in (from tmp/ or new/), or
   * written in place and closed. */
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_MOVED_IN)
    read_message (folder->watcher, folder->path, folder->since, file);
  else if (event == G_FILE_MONITOR_EVENT_RENAMED && other != NULL)
    read_message (folder->watcher, folder->path, folder->since, other);
  else if ((event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_OUT ||
            event == G_FILE_MONITOR_EVENT_UNMOUNTED) && g_file_equal (file, dir))
    /* Translators: a watched Maildir folder was deleted or moved away */
    folder_failed (folder, _("The folder no longer exists."));
}

/* What arrived while the app was not running. */
static void
catch_up (Folder *folder,
          GFile  *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    /* Old mail is passed over without a look into the history. */
    if ((gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) >= folder->since)
      read_message (folder->watcher, folder->path, folder->since, child);
}

static void
folder_start (Folder *folder)
{
  g_autoptr(GFile) top = g_file_new_for_path (folder->path);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (subfolders); i++)
    {
      g_autoptr(GFile) dir = g_file_get_child (top, subfolders[i]);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;

      info = g_file_query_info (dir, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                                G_FILE_QUERY_INFO_NONE, NULL, NULL);
      if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        {
          /* Translators: a watched folder has no new/ and cur/ subfolders */
          folder_failed (folder, g_file_query_exists (top, NULL) ? _("The folder is not a Maildir (it has no new and cur folders).")
                                                                 : _("The folder no longer exists."));
          return;
        }
      if (!g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
        {
          folder_failed (folder, _("The folder cannot be read."));
          return;
        }
      folder->monitors[i] = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (folder->monitors[i] == NULL)
        {
          folder_failed (folder, error->message);
          return;
        }
      g_object_set_data_full (G_OBJECT (folder->monitors[i]), "dir", g_object_ref (dir), g_object_unref);
      g_signal_connect (folder->monitors[i], "changed", G_CALLBACK (on_changed), folder);
    }
  for (i = 0; i < G_N_ELEMENTS (subfolders); i++)
    {
      g_autoptr(GFile) dir = g_file_get_child (top, subfolders[i]);

      catch_up (folder, dir);
    }
}

static void
folders_changed (GSettings            *settings,
                 const char           *key,
                 TodokeMaildirWatcher *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (settings, "maildir-folders");
  guint i;

  g_ptr_array_set_size (self->folders, 0);
  for (i = 0; paths[i] != NULL; i++)
    {
      Folder *folder = g_new0 (Folder, 1);

      if (!g_path_is_absolute (paths[i]))
        {
          g_free (folder);
          continue;
        }
      folder->watcher = self;
      folder->path = g_strdup (paths[i]);
      folder->since = todoke_history_store_watched_since (self->store, folder->path);
      g_ptr_array_add (self->folders, folder);
      folder_start (folder);
    }
}

/**
 * todoke_maildir_watcher_new:
 * @settings: the app's settings: maildir-folders
 * @reports: where bounces go
 * @store: the history: what was read already
 *
 * Returns: (transfer full): the watcher, not started
 */
TodokeMaildirWatcher *
todoke_maildir_watcher_new (GSettings          *settings,
                            TodokeReports      *reports,
                            TodokeHistoryStore *store)
{
  TodokeMaildirWatcher *self = g_object_new (TODOKE_TYPE_MAILDIR_WATCHER, NULL);

  self->settings = g_object_ref (settings);
  self->reports = g_object_ref (reports);
  self->store = g_object_ref (store);

  return self;
}

/**
 * todoke_maildir_watcher_start:
 * @self: the watcher
 *
 * Reads what arrived in the folders of the settings since the app last
 * ran, watches them, and follows the setting.
 */
void
todoke_maildir_watcher_start (TodokeMaildirWatcher *self)
{
  g_signal_connect (self->settings, "changed::maildir-folders", G_CALLBACK (folders_changed), self);
  folders_changed (self->settings, "maildir-folders", self);
}
