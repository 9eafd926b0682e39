/* todoke-history-seen.c: what the history remembers about watched folders
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Maildir file the app has read is remembered by its origin (the
 * folder and the message's unique name), whether it was a bounce (stored
 * with its report, in the same transaction) or not (marked here): no file
 * is read, or reported, twice. And each folder's first day of watching, so
 * that the mail it already held is not taken for new bounces.
 */

#include "config.h"

#include <sqlite3.h>

#include "todoke-history-store.h"
#include "todoke-history-store-private.h"

/**
 * todoke_history_store_has_seen:
 * @self: the store
 * @origin: where a report would come from
 *
 * Returns: whether a report of @origin was stored, or @origin was marked
 */
gboolean
todoke_history_store_has_seen (TodokeHistoryStore *self,
                               const char         *origin)
{
  sqlite3 *db = _todoke_history_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  gboolean seen = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM seen WHERE origin = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, origin, -1, SQLITE_TRANSIENT);
  seen = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return seen;
}

/**
 * todoke_history_store_mark_seen:
 * @self: the store
 * @origin: where something that is no report was read
 *
 * Remembers @origin, so that it is not read again.
 */
void
todoke_history_store_mark_seen (TodokeHistoryStore *self,
                                const char         *origin)
{
  sqlite3 *db = _todoke_history_store_get_db (self);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO seen (origin) VALUES (?)", -1, &stmt,
                          NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, origin, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("history database: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

/**
 * todoke_history_store_watched_since:
 * @self: the store
 * @folder: a watched folder
 *
 * Returns: when @folder was first watched (seconds since the epoch); now,
 *   remembered, if it was not watched before
 */
gint64
todoke_history_store_watched_since (TodokeHistoryStore *self,
                                    const char         *folder)
{
  sqlite3 *db = _todoke_history_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  gint64 since = g_get_real_time () / G_USEC_PER_SEC;

  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO watched (folder, since) VALUES (?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return since;
  sqlite3_bind_text (stmt, 1, folder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT since FROM watched WHERE folder = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return since;
  sqlite3_bind_text (stmt, 1, folder, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    since = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return since;
}
