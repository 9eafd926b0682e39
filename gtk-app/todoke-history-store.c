/* todoke-history-store.c: every report, kept in SQLite
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per report (what arrived, raw) and one per failed recipient (what
 * libtodoke made of it). The database is in WAL mode with synchronous=FULL:
 * a report is committed and synced before Report answers, so neither a
 * kill -9 nor a power cut loses a report the caller was told about.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "todoke-history-model.h"
#include "todoke-history-store.h"
#include "todoke-history-store-private.h"

struct _TodokeHistoryItem
{
  GObject   parent_instance;

  gint64    id;
  gint64    report_id;
  guint     index;
  gint64    time;
  gboolean  hard;
  char     *source;
  char     *recipient;
  char     *reason;
  char     *provider;
};

G_DEFINE_FINAL_TYPE (TodokeHistoryItem, todoke_history_item, G_TYPE_OBJECT)

struct _TodokeHistoryStore
{
  GObject  parent_instance;

  sqlite3      *db;          /* owned */
  sqlite3_stmt *item_stmt;   /* owned: one failure by id */
};

G_DEFINE_FINAL_TYPE (TodokeHistoryStore, todoke_history_store, G_TYPE_OBJECT)

static const char schema_sql[] =
  "PRAGMA journal_mode=WAL;"
  "PRAGMA synchronous=FULL;"
  "PRAGMA foreign_keys=ON;"
  "CREATE TABLE IF NOT EXISTS reports ("
  "  id INTEGER PRIMARY KEY,"
  "  time INTEGER NOT NULL,"
  "  source TEXT NOT NULL,"
  "  server TEXT, client TEXT, locale TEXT,"
  "  text TEXT, message BLOB, recipients TEXT,"
  "  read INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS failures ("
  "  id INTEGER PRIMARY KEY,"
  "  report INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  time INTEGER NOT NULL,"
  "  source TEXT NOT NULL,"
  "  recipient TEXT, reason TEXT NOT NULL, detail TEXT, provider TEXT,"
  "  hard INTEGER NOT NULL, status TEXT, reply_code INTEGER,"
  "  diagnostic TEXT);"
  "CREATE INDEX IF NOT EXISTS failures_time ON failures (time);"
  /* Covers the chart's count per reason per day and the reason filter. */
  "CREATE INDEX IF NOT EXISTS failures_time_reason ON failures (time, reason);"
  "CREATE INDEX IF NOT EXISTS failures_reason ON failures (reason);"
  "CREATE INDEX IF NOT EXISTS failures_report ON failures (report);"
  /* Where reports (and what was read and was no report) came from: a
   * Maildir file is read once. And since when each folder is watched. */
  "CREATE TABLE IF NOT EXISTS seen ("
  "  origin TEXT PRIMARY KEY,"
  "  report INTEGER REFERENCES reports (id) ON DELETE SET NULL);"
  "CREATE TABLE IF NOT EXISTS watched ("
  "  folder TEXT PRIMARY KEY,"
  "  since INTEGER NOT NULL);";

void
todoke_history_report_clear (TodokeHistoryReport *report)
{
  g_clear_pointer (&report->source, g_free);
  g_clear_pointer (&report->server, g_free);
  g_clear_pointer (&report->client, g_free);
  g_clear_pointer (&report->locale, g_free);
  g_clear_pointer (&report->text, g_free);
  g_clear_pointer (&report->message, g_bytes_unref);
  g_clear_pointer (&report->recipients, g_strfreev);
  g_clear_pointer (&report->origin, g_free);
}

void
todoke_history_report_free (TodokeHistoryReport *report)
{
  if (report == NULL)
    return;
  todoke_history_report_clear (report);
  g_free (report);
}

/* TodokeHistoryItem */

static void
todoke_history_item_finalize (GObject *object)
{
  TodokeHistoryItem *self = TODOKE_HISTORY_ITEM (object);

  g_free (self->source);
  g_free (self->recipient);
  g_free (self->reason);
  g_free (self->provider);

  G_OBJECT_CLASS (todoke_history_item_parent_class)->finalize (object);
}

static void
todoke_history_item_class_init (TodokeHistoryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = todoke_history_item_finalize;
}

static void
todoke_history_item_init (TodokeHistoryItem *self)
{
}

gint64
todoke_history_item_get_id (TodokeHistoryItem *self)
{
  return self->id;
}

gint64
todoke_history_item_get_report_id (TodokeHistoryItem *self)
{
  return self->report_id;
}

guint
todoke_history_item_get_index (TodokeHistoryItem *self)
{
  return self->index;
}

gint64
todoke_history_item_get_time (TodokeHistoryItem *self)
{
  return self->time;
}

const char *
todoke_history_item_get_source (TodokeHistoryItem *self)
{
  return self->source;
}

const char *
todoke_history_item_get_recipient (TodokeHistoryItem *self)
{
  return self->recipient;
}

const char *
todoke_history_item_get_reason (TodokeHistoryItem *self)
{
  return self->reason;
}

const char *
todoke_history_item_get_provider (TodokeHistoryItem *self)
{
  return self->provider;
}

gboolean
todoke_history_item_get_hard (TodokeHistoryItem *self)
{
  return self->hard;
}

/* TodokeHistoryStore */

sqlite3 *
_todoke_history_store_get_db (TodokeHistoryStore *self)
{
  return self->db;
}

static void
todoke_history_store_finalize (GObject *object)
{
  TodokeHistoryStore *self = TODOKE_HISTORY_STORE (object);

  g_clear_pointer (&self->item_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (todoke_history_store_parent_class)->finalize (object);
}

static void
todoke_history_store_class_init (TodokeHistoryStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = todoke_history_store_finalize;
}

static void
todoke_history_store_init (TodokeHistoryStore *self)
{
}

gboolean
_todoke_history_store_set_error (sqlite3  *db,
                  GError  **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "history database: %s", sqlite3_errmsg (db));
  return FALSE;
}

/**
 * todoke_history_store_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/todoke/history.db`
 */
char *
todoke_history_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "todoke", "history.db", NULL);
}

/**
 * todoke_history_store_new:
 * @path: the database file; its folder is created
 * @error: return location for an error
 *
 * Opens (or creates) the history.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
TodokeHistoryStore *
todoke_history_store_new (const char  *path,
                          GError     **error)
{
  g_autoptr(TodokeHistoryStore) self = g_object_new (TODOKE_TYPE_HISTORY_STORE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "history database: cannot create %s", dir);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      _todoke_history_store_set_error (self->db, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (sqlite3_exec (self->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _todoke_history_store_set_error (self->db, error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
insert_failure (TodokeHistoryStore  *self,
                sqlite3_stmt        *stmt,
                gint64               report_id,
                guint                index,
                TodokeHistoryReport *report,
                TodokeDiagnosis     *diagnosis)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, report_id);
  sqlite3_bind_int (stmt, 2, index);
  sqlite3_bind_int64 (stmt, 3, report->time);
  bind_text (stmt, 4, report->source);
  bind_text (stmt, 5, todoke_diagnosis_get_recipient (diagnosis));
  bind_text (stmt, 6, todoke_diagnosis_get_reason (diagnosis));
  bind_text (stmt, 7, todoke_diagnosis_get_detail (diagnosis));
  bind_text (stmt, 8, todoke_diagnosis_get_provider (diagnosis));
  sqlite3_bind_int (stmt, 9, todoke_diagnosis_is_hard (diagnosis));
  bind_text (stmt, 10, todoke_diagnosis_get_enhanced_status (diagnosis));
  sqlite3_bind_int (stmt, 11, todoke_diagnosis_get_reply_code (diagnosis));
  bind_text (stmt, 12, todoke_diagnosis_get_server_message (diagnosis));

  return sqlite3_step (stmt) == SQLITE_DONE;
}

/**
 * todoke_history_store_add:
 * @self: the store
 * @report: what arrived; its `id` is set
 * @diagnoses: (element-type TodokeDiagnosis): what libtodoke made of it
 * @error: return location for an error
 *
 * Stores a report and its failed recipients in one transaction, committed
 * and synced to disk before this returns. A report whose origin was
 * already seen is not stored (an error).
 *
 * Returns: the report's id, or 0 with @error set
 */
gint64
todoke_history_store_add (TodokeHistoryStore   *self,
                          TodokeHistoryReport  *report,
                          GPtrArray            *diagnoses,
                          GError              **error)
{
  static const char report_sql[] =
    "INSERT INTO reports (time, source, server, client, locale, text, message, recipients)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static const char failure_sql[] =
    "INSERT INTO failures (report, idx, time, source, recipient, reason, detail, provider,"
    " hard, status, reply_code, diagnostic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = NULL;
  g_autofree char *recipients = NULL;
  gint64 id = 0;
  guint i;

  g_return_val_if_fail (TODOKE_IS_HISTORY_STORE (self), 0);

  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return _todoke_history_store_set_error (self->db, error);

  if (sqlite3_prepare_v2 (self->db, report_sql, -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  recipients = report->recipients ? g_strjoinv ("\n", report->recipients) : NULL;
  sqlite3_bind_int64 (stmt, 1, report->time);
  bind_text (stmt, 2, report->source);
  bind_text (stmt, 3, report->server);
  bind_text (stmt, 4, report->client);
  bind_text (stmt, 5, report->locale);
  bind_text (stmt, 6, report->text);
  if (report->message != NULL)
    sqlite3_bind_blob64 (stmt, 7, g_bytes_get_data (report->message, NULL),
                         g_bytes_get_size (report->message), SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 7);
  bind_text (stmt, 8, recipients);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);
  id = sqlite3_last_insert_rowid (self->db);

  if (sqlite3_prepare_v2 (self->db, failure_sql, -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  for (i = 0; i < diagnoses->len; i++)
    if (!insert_failure (self, stmt, id, i, report, g_ptr_array_index (diagnoses, i)))
      goto failed;
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* In the same transaction: an origin already seen fails the whole add. */
  if (report->origin != NULL)
    {
      if (sqlite3_prepare_v2 (self->db, "INSERT INTO seen (origin, report) VALUES (?, ?)", -1,
                              &stmt, NULL) != SQLITE_OK)
        goto failed;
      bind_text (stmt, 1, report->origin);
      sqlite3_bind_int64 (stmt, 2, id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto failed;
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;
  report->id = id;

  return id;

failed:
  _todoke_history_store_set_error (self->db, error);
  sqlite3_finalize (stmt);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return 0;
}

static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");
  const char *p;

  for (p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

sqlite3_stmt *
_todoke_history_store_prepare_query (TodokeHistoryStore       *self,
               const char               *columns,
               const TodokeHistoryQuery *query,
               GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = 1;

  g_string_append_printf (sql, "%s FROM failures WHERE 1", columns);
  if (query && query->search && *query->search)
    g_string_append (sql, " AND (recipient LIKE ?1 ESCAPE '\\' OR reason LIKE ?1 ESCAPE '\\'"
                          " OR provider LIKE ?1 ESCAPE '\\' OR diagnostic LIKE ?1 ESCAPE '\\')");
  if (query && query->reason)
    g_string_append (sql, " AND reason = ?2");
  if (query && query->source)
    g_string_append (sql, " AND source = ?3");
  if (query && query->hard_only)
    g_string_append (sql, " AND hard = 1");
  g_string_append (sql, " ORDER BY time DESC, id DESC");
  if (query && query->limit)
    g_string_append_printf (sql, " LIMIT %u", query->limit);

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _todoke_history_store_set_error (self->db, error);
      return NULL;
    }
  if (query && query->search && *query->search)
    {
      pattern = like_pattern (query->search);
      sqlite3_bind_text (stmt, n, pattern, -1, SQLITE_TRANSIENT);
    }
  if (query && query->reason)
    sqlite3_bind_text (stmt, 2, query->reason, -1, SQLITE_TRANSIENT);
  if (query && query->source)
    sqlite3_bind_text (stmt, 3, query->source, -1, SQLITE_TRANSIENT);

  return stmt;
}

#define ITEM_COLUMNS "id, report, idx, time, source, recipient, reason, provider, hard"

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static TodokeHistoryItem *
item_from_row (sqlite3_stmt *stmt)
{
  TodokeHistoryItem *item = g_object_new (TODOKE_TYPE_HISTORY_ITEM, NULL);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->report_id = sqlite3_column_int64 (stmt, 1);
  item->index = sqlite3_column_int (stmt, 2);
  item->time = sqlite3_column_int64 (stmt, 3);
  item->source = dup_column (stmt, 4);
  item->recipient = dup_column (stmt, 5);
  item->reason = dup_column (stmt, 6);
  item->provider = dup_column (stmt, 7);
  item->hard = sqlite3_column_int (stmt, 8);

  return item;
}

/**
 * todoke_history_store_fetch_item:
 * @self: the store
 * @id: a failure's id
 *
 * Returns: (transfer full) (nullable): the failure
 */
TodokeHistoryItem *
todoke_history_store_fetch_item (TodokeHistoryStore *self,
                                 gint64              id)
{
  TodokeHistoryItem *item = NULL;

  if (self->item_stmt == NULL &&
      sqlite3_prepare_v3 (self->db, "SELECT " ITEM_COLUMNS " FROM failures WHERE id = ?", -1,
                          SQLITE_PREPARE_PERSISTENT, &self->item_stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_reset (self->item_stmt);
  sqlite3_bind_int64 (self->item_stmt, 1, id);
  if (sqlite3_step (self->item_stmt) == SQLITE_ROW)
    item = item_from_row (self->item_stmt);
  sqlite3_reset (self->item_stmt);

  return item;
}

/**
 * todoke_history_store_query:
 * @self: the store
 * @query: (nullable): what to show; %NULL shows everything
 * @error: return location for an error
 *
 * Only the ids are read now; a row is read when the list asks for it
 * (a #TodokeHistoryModel), so 100,000 rows cost little until shown.
 *
 * Returns: (transfer full): a #GListModel of #TodokeHistoryItem, newest first
 */
GListModel *
todoke_history_store_query (TodokeHistoryStore        *self,
                            const TodokeHistoryQuery  *query,
                            GError                   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = _todoke_history_store_prepare_query (self, "id", query, error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  return todoke_history_model_new (self, ids);
}

/**
 * todoke_history_store_get_report:
 * @self: the store
 * @report_id: a report's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the report as it arrived
 */
TodokeHistoryReport *
todoke_history_store_get_report (TodokeHistoryStore  *self,
                                 gint64               report_id,
                                 GError             **error)
{
  static const char sql[] =
    "SELECT time, source, server, client, locale, text, message, recipients"
    " FROM reports WHERE id = ?";
  g_autoptr(TodokeHistoryReport) report = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _todoke_history_store_set_error (self->db, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, report_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "no report %" G_GINT64_FORMAT " in the history", report_id);
      return NULL;
    }
  report = g_new0 (TodokeHistoryReport, 1);
  report->id = report_id;
  report->time = sqlite3_column_int64 (stmt, 0);
  report->source = dup_column (stmt, 1);
  report->server = dup_column (stmt, 2);
  report->client = dup_column (stmt, 3);
  report->locale = dup_column (stmt, 4);
  report->text = dup_column (stmt, 5);
  if (sqlite3_column_type (stmt, 6) == SQLITE_BLOB)
    report->message = g_bytes_new (sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6));
  if (sqlite3_column_type (stmt, 7) == SQLITE_TEXT)
    report->recipients = g_strsplit ((const char *) sqlite3_column_text (stmt, 7), "\n", -1);
  sqlite3_finalize (stmt);

  return g_steal_pointer (&report);
}

/**
 * todoke_history_store_count_unread:
 * @self: the store
 *
 * Returns: how many failed recipients belong to reports not yet opened
 */
guint
todoke_history_store_count_unread (TodokeHistoryStore *self)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT COUNT (*) FROM failures JOIN reports ON reports.id = failures.report"
                          " WHERE reports.read = 0", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/**
 * todoke_history_store_mark_read:
 * @self: the store
 * @report_id: a report's id, or 0 for every report
 *
 * Marks a report as seen (its guide was opened).
 */
void
todoke_history_store_mark_read (TodokeHistoryStore *self,
                                gint64              report_id)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "UPDATE reports SET read = 1 WHERE ?1 = 0 OR id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64 (stmt, 1, report_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("history database: %s", sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
}

/* A CSV field, quoted; a leading = + - @ gets a quote mark so that a
 * spreadsheet shows the server's text instead of running it as a formula. */
