/* todoke-history-model.h: a list of failures read when shown
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "todoke-history-store.h"

G_BEGIN_DECLS

#define TODOKE_TYPE_HISTORY_MODEL (todoke_history_model_get_type ())
G_DECLARE_FINAL_TYPE (TodokeHistoryModel, todoke_history_model, TODOKE, HISTORY_MODEL, GObject)

GListModel *todoke_history_model_new (TodokeHistoryStore *store,
                                      GArray             *ids);

G_END_DECLS
