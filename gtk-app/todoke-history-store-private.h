/* todoke-history-store-private.h: for the store's other file
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "todoke-history-store.h"

G_BEGIN_DECLS

sqlite3      *_todoke_history_store_get_db        (TodokeHistoryStore        *self);
gboolean      _todoke_history_store_set_error     (sqlite3                   *db,
                                                   GError                   **error);
sqlite3_stmt *_todoke_history_store_prepare_query (TodokeHistoryStore        *self,
                                                   const char                *columns,
                                                   const TodokeHistoryQuery  *query,
                                                   GError                   **error);

G_END_DECLS
