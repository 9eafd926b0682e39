/* todoke-history-store.h: every report, kept in SQLite
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <todoke.h>

G_BEGIN_DECLS

/* What a report held before it was classified: what the guide window needs
 * to classify it again in the user's language. */
typedef struct
{
  gint64  id;
  gint64  time;           /* seconds since the epoch, UTC */
  char   *source;
  char   *server;
  char   *client;
  char   *locale;
  char   *text;           /* an SMTP reply or alert text, or NULL */
  GBytes *message;        /* a raw bounce, or NULL */
  GStrv   recipients;
  char   *origin;         /* where it was found (a Maildir file), or NULL: a
                           * report of the same origin is never stored twice */
} TodokeHistoryReport;

void todoke_history_report_clear (TodokeHistoryReport *report);
void todoke_history_report_free  (TodokeHistoryReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeHistoryReport, todoke_history_report_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TodokeHistoryReport, todoke_history_report_clear)

#define TODOKE_TYPE_HISTORY_ITEM (todoke_history_item_get_type ())
G_DECLARE_FINAL_TYPE (TodokeHistoryItem, todoke_history_item, TODOKE, HISTORY_ITEM, GObject)

/* One failed recipient of one report: a row of the history page. */
gint64      todoke_history_item_get_id        (TodokeHistoryItem *self);
gint64      todoke_history_item_get_report_id (TodokeHistoryItem *self);
guint       todoke_history_item_get_index     (TodokeHistoryItem *self);
gint64      todoke_history_item_get_time      (TodokeHistoryItem *self);
const char *todoke_history_item_get_source    (TodokeHistoryItem *self);
const char *todoke_history_item_get_recipient (TodokeHistoryItem *self);
const char *todoke_history_item_get_reason    (TodokeHistoryItem *self);
const char *todoke_history_item_get_provider  (TodokeHistoryItem *self);
gboolean    todoke_history_item_get_hard      (TodokeHistoryItem *self);

#define TODOKE_TYPE_HISTORY_STORE (todoke_history_store_get_type ())
G_DECLARE_FINAL_TYPE (TodokeHistoryStore, todoke_history_store, TODOKE, HISTORY_STORE, GObject)

typedef struct
{
  const char *search;     /* part of a recipient, reason, provider or raw text; or NULL */
  const char *reason;     /* one reason id, or NULL for all */
  const char *source;     /* one source, or NULL for all */
  gboolean    hard_only;
  guint       limit;      /* 0: no limit */
} TodokeHistoryQuery;

TodokeHistoryStore  *todoke_history_store_new          (const char          *path,
                                                        GError             **error);
char                *todoke_history_store_dup_default_path (void);
gint64               todoke_history_store_add          (TodokeHistoryStore  *self,
                                                        TodokeHistoryReport *report,
                                                        GPtrArray           *diagnoses,
                                                        GError             **error);
TodokeHistoryItem   *todoke_history_store_fetch_item   (TodokeHistoryStore  *self,
                                                        gint64               id);
GListModel          *todoke_history_store_query        (TodokeHistoryStore  *self,
                                                        const TodokeHistoryQuery *query,
                                                        GError             **error);
TodokeHistoryReport *todoke_history_store_get_report   (TodokeHistoryStore  *self,
                                                        gint64               report_id,
                                                        GError             **error);
GHashTable          *todoke_history_store_count_days   (TodokeHistoryStore  *self,
                                                        GDateTime           *today,
                                                        guint                n_days,
                                                        GError             **error);
GStrv                todoke_history_store_dup_reasons  (TodokeHistoryStore  *self);
guint                todoke_history_store_count_unread (TodokeHistoryStore  *self);
void                 todoke_history_store_mark_read    (TodokeHistoryStore  *self,
                                                        gint64               report_id);
gboolean             todoke_history_store_export_csv   (TodokeHistoryStore  *self,
                                                        const TodokeHistoryQuery *query,
                                                        GOutputStream       *stream,
                                                        GError             **error);
gboolean             todoke_history_store_has_seen     (TodokeHistoryStore  *self,
                                                        const char          *origin);
void                 todoke_history_store_mark_seen    (TodokeHistoryStore  *self,
                                                        const char          *origin);
gint64               todoke_history_store_watched_since (TodokeHistoryStore *self,
                                                        const char          *folder);

G_END_DECLS
