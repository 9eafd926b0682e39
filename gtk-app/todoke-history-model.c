/* todoke-history-model.c: a list of failures read when shown
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over the ids a query found: a row becomes a
 * TodokeHistoryItem only when a list view (or anyone) asks for it, and
 * is kept from then on. The history page shows the first screenful of
 * 100,000 failures without building 100,000 objects.
 */

#include "config.h"

#include "todoke-history-model.h"

struct _TodokeHistoryModel
{
  GObject             parent_instance;

  TodokeHistoryStore *store;   /* owned */
  GArray             *ids;     /* owned: gint64, in list order */
  GPtrArray          *items;   /* owned: TodokeHistoryItem or NULL, same order */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TodokeHistoryModel, todoke_history_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Rows never asked for are NULL. */
static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static GType
get_item_type (GListModel *model)
{
  return TODOKE_TYPE_HISTORY_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return TODOKE_HISTORY_MODEL (model)->ids->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TodokeHistoryModel *self = TODOKE_HISTORY_MODEL (model);
  TodokeHistoryItem *item;

  if (position >= self->ids->len)
    return NULL;
  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = todoke_history_store_fetch_item (self->store, g_array_index (self->ids, gint64, position));
      /* A row deleted meanwhile still yields an (empty) item: the count
       * the list was told stays true. */
      if (item == NULL)
        item = g_object_new (TODOKE_TYPE_HISTORY_ITEM, NULL);
      g_ptr_array_index (self->items, position) = item;
    }

  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
todoke_history_model_dispose (GObject *object)
{
  TodokeHistoryModel *self = TODOKE_HISTORY_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (todoke_history_model_parent_class)->dispose (object);
}

static void
todoke_history_model_class_init (TodokeHistoryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = todoke_history_model_dispose;
}

static void
todoke_history_model_init (TodokeHistoryModel *self)
{
}

/**
 * todoke_history_model_new:
 * @store: the history the ids are from
 * @ids: (element-type gint64): the failures' ids, in list order
 *
 * Returns: (transfer full): the list
 */
GListModel *
todoke_history_model_new (TodokeHistoryStore *store,
                          GArray             *ids)
{
  TodokeHistoryModel *self = g_object_new (TODOKE_TYPE_HISTORY_MODEL, NULL);

  self->store = g_object_ref (store);
  self->ids = g_array_ref (ids);
  self->items = g_ptr_array_new_full (ids->len, unref_item);
  g_ptr_array_set_size (self->items, ids->len);

  return G_LIST_MODEL (self);
}
