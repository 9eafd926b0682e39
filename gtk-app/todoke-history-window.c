/* todoke-history-window.c: the history page
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every failure Todoke was told about, newest first: a chart of failures
 * per reason per day over the last 30 days, search and filters (reason,
 * permanent only), the list itself (a GtkColumnView: only the visible
 * rows are built, so 100,000 rows open quickly) and CSV export.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "todoke-chart.h"
#include "todoke-history-window.h"

struct _TodokeHistoryWindow
{
  AdwApplicationWindow  parent_instance;

  TodokeHistoryStore   *store;        /* owned */
  TodokeRuleSet        *rules;        /* owned */
  char                 *language;
  GHashTable           *titles;       /* owned: reason → title */
  GStrv                 reasons;      /* owned: the filter's reason ids */
  GListModel           *model;        /* owned: TodokeHistoryItem */
  GtkNoSelection       *selection;    /* owned */

  GtkWidget            *search;       /* borrowed */
  GtkWidget            *reason;       /* borrowed: GtkDropDown */
  GtkWidget            *hard_only;    /* borrowed */
  GtkWidget            *chart;        /* borrowed */
  GtkWidget            *axis_from;    /* borrowed: the first day */
  GtkWidget            *axis_to;      /* borrowed: today */
  GtkWidget            *axis_max;     /* borrowed: the highest day */
  GtkWidget            *legend;       /* borrowed */
  GtkWidget            *stack;        /* borrowed */
  GtkWidget            *count;        /* borrowed */
  AdwToastOverlay      *toasts;       /* borrowed */
  GtkFileChooserNative *chooser;      /* owned */
  guint                 chart_id;
};

G_DEFINE_FINAL_TYPE (TodokeHistoryWindow, todoke_history_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *
title_of (TodokeHistoryWindow *self,
          const char          *reason)
{
  const char *title;

  if (reason == NULL)
    return "";
  title = g_hash_table_lookup (self->titles, reason);
  if (title == NULL)
    {
      g_autoptr(TodokeGuide) guide = todoke_rule_set_lookup_guide (self->rules, reason, self->language,
                                                                   NULL, NULL);

      title = guide ? todoke_guide_get_title (guide) : reason;
      g_hash_table_insert (self->titles, g_strdup (reason), g_strdup (title));
      title = g_hash_table_lookup (self->titles, reason);
    }

  return title;
}

static void
todoke_history_window_dispose (GObject *object)
{
  TodokeHistoryWindow *self = TODOKE_HISTORY_WINDOW (object);

  g_clear_handle_id (&self->chart_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rules, todoke_rule_set_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->reasons, g_strfreev);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (todoke_history_window_parent_class)->dispose (object);
}

/* The query the filters describe. */
static void
current_query (TodokeHistoryWindow *self,
               TodokeHistoryQuery  *query)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->reason));

  memset (query, 0, sizeof *query);
  query->search = gtk_editable_get_text (GTK_EDITABLE (self->search));
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      self->reasons && selected <= g_strv_length (self->reasons))
    query->reason = self->reasons[selected - 1];
  query->hard_only = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->hard_only));
}

static void
update_legend (TodokeHistoryWindow *self,
               const char         **series,
               guint                n_series)
{
  GtkWidget *child;
  guint s;

  while ((child = gtk_widget_get_first_child (self->legend)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->legend), child);
  for (s = 0; s < n_series; s++)
    {
      GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_label_new ("●");
      g_autofree char *markup = NULL;
      GdkRGBA color;

      todoke_chart_get_color (s, &color);
      markup = g_strdup_printf ("<span foreground='#%02x%02x%02x'>●</span>",
                                (guint) (color.red * 255), (guint) (color.green * 255),
                                (guint) (color.blue * 255));
      gtk_label_set_markup (GTK_LABEL (swatch), markup);
      gtk_box_append (GTK_BOX (entry), swatch);
      gtk_box_append (GTK_BOX (entry),
                      gtk_label_new (series[s] ? title_of (self, series[s]) : _("Other reasons")));
      gtk_flow_box_append (GTK_FLOW_BOX (self->legend), entry);
    }
}

static int
compare_totals (gconstpointer a,
                gconstpointer b,
                gpointer      totals)
{
  guint ta = GPOINTER_TO_UINT (g_hash_table_lookup (totals, *(const char **) a));
  guint tb = GPOINTER_TO_UINT (g_hash_table_lookup (totals, *(const char **) b));

  return ta < tb ? 1 : ta > tb ? -1 : g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
update_axis (TodokeHistoryWindow *self,
             GDateTime           *now)
{
  g_autoptr(GDateTime) first = g_date_time_add_days (now, 1 - TODOKE_HISTORY_DAYS);
  /* Translators: a day under the chart; see g_date_time_format() */
  g_autofree char *from = g_date_time_format (first, _("%m/%d"));
  g_autofree char *to = g_date_time_format (now, _("%m/%d"));
  guint max = todoke_chart_get_max (TODOKE_CHART (self->chart));
  g_autofree char *most = g_strdup_printf (ngettext ("At most %u failure a day",
                                                     "At most %u failures a day", max), max);

  gtk_label_set_text (GTK_LABEL (self->axis_from), from);
  gtk_label_set_text (GTK_LABEL (self->axis_to), to);
  gtk_label_set_text (GTK_LABEL (self->axis_max), max > 0 ? most : _("No failures in these 30 days"));
}

/* The five most frequent reasons over the period, the rest as "other". */
static void
update_chart (TodokeHistoryWindow *self)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GHashTable) counts = todoke_history_store_count_days (self->store, now, TODOKE_HISTORY_DAYS, NULL);
  g_autoptr(GHashTable) totals = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 counted = g_get_monotonic_time ();
  g_autofree const char **reasons = NULL;
  guint rows[TODOKE_CHART_MAX_SERIES * TODOKE_HISTORY_DAYS] = { 0 };
  const char *series[TODOKE_CHART_MAX_SERIES] = { NULL };
  guint n, i, day, n_series;

  if (counts == NULL)
    return;
  reasons = (const char **) g_hash_table_get_keys_as_array (counts, &n);
  for (i = 0; i < n; i++)
    {
      guint *days = g_hash_table_lookup (counts, reasons[i]);
      guint total = 0;

      for (day = 0; day < TODOKE_HISTORY_DAYS; day++)
        total += days[day];
      g_hash_table_insert (totals, (gpointer) reasons[i], GUINT_TO_POINTER (total));
    }
  g_qsort_with_data (reasons, n, sizeof (char *), compare_totals, totals);

  n_series = MIN (n, TODOKE_CHART_MAX_SERIES);
  for (i = 0; i < n; i++)
    {
      guint *days = g_hash_table_lookup (counts, reasons[i]);
      guint s = MIN (i, TODOKE_CHART_MAX_SERIES - 1);

      if (i < TODOKE_CHART_MAX_SERIES - 1 || n == TODOKE_CHART_MAX_SERIES)
        series[s] = reasons[i];
      for (day = 0; day < TODOKE_HISTORY_DAYS; day++)
        rows[s * TODOKE_HISTORY_DAYS + day] += days[day];
    }
  todoke_chart_set_data (TODOKE_CHART (self->chart), TODOKE_HISTORY_DAYS, n_series, rows);
  update_axis (self, now);
  update_legend (self, series, n_series);
  /* For bench/app: the monotonic clock is the same in every process. */
  g_debug ("history chart: counted in %.1f ms, set in %.1f ms, ready at %" G_GINT64_FORMAT,
           (counted - start) / 1000.0, (g_get_monotonic_time () - counted) / 1000.0,
           g_get_monotonic_time ());
}

static gboolean
chart_idle (gpointer user_data)
{
  TodokeHistoryWindow *self = user_data;

  self->chart_id = 0;
  update_chart (self);

  return G_SOURCE_REMOVE;
}

/**
 * todoke_history_window_reload:
 * @self: the window
 *
 * Reads the history again with the current search and filters.
 */
void
todoke_history_window_reload (TodokeHistoryWindow *self)
{
  TodokeHistoryQuery query;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 queried;
  guint n;

  current_query (self, &query);
  g_clear_object (&self->model);
  self->model = todoke_history_store_query (self->store, &query, &error);
  if (self->model == NULL)
    {
      g_warning ("%s", error->message);
      self->model = G_LIST_MODEL (g_list_store_new (TODOKE_TYPE_HISTORY_ITEM));
    }
  queried = g_get_monotonic_time ();
  gtk_no_selection_set_model (self->selection, self->model);
  n = g_list_model_get_n_items (self->model);
  count = g_strdup_printf (ngettext ("%u failure", "%u failures", n), n);
  gtk_label_set_text (GTK_LABEL (self->count), count);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "list" : "empty");
  g_debug ("history list: %u rows in %.1f ms (query %.1f ms)", n,
           (g_get_monotonic_time () - start) / 1000.0, (queried - start) / 1000.0);
  /* The chart reads the whole month: after the list is on the screen. */
  if (self->chart_id == 0)
    self->chart_id = g_idle_add_full (G_PRIORITY_LOW, chart_idle, self, NULL);
}

GListModel *
todoke_history_window_get_model (TodokeHistoryWindow *self)
{
  return self->model;
}

void
todoke_history_window_set_search (TodokeHistoryWindow *self,
                                  const char          *search)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), search);
  todoke_history_window_reload (self);
}

/**
 * todoke_history_window_export:
 * @self: the window
 * @file: where to write
 * @error: return location for an error
 *
 * Writes the rows the filters show as CSV.
 *
 * Returns: %TRUE on success
 */
gboolean
todoke_history_window_export (TodokeHistoryWindow  *self,
                              GFile                *file,
                              GError              **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  TodokeHistoryQuery query;

  current_query (self, &query);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!todoke_history_store_export_csv (self->store, &query, G_OUTPUT_STREAM (stream), error))
    return FALSE;

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static void
export_response (GtkNativeDialog     *dialog,
                 int                  response,
                 TodokeHistoryWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (todoke_history_window_export (self, file, &error))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("History exported")));
      else
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The history could not be saved")));
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  TodokeHistoryWindow *self = TODOKE_HISTORY_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export History"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "todoke-history.csv");
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
todoke_history_window_class_init (TodokeHistoryWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = todoke_history_window_dispose;
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
todoke_history_window_init (TodokeHistoryWindow *self)
{
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Columns */

typedef const char *(*ColumnText) (TodokeHistoryWindow *self,
                                   TodokeHistoryItem   *item,
                                   char               **owned);

static const char *
time_text (TodokeHistoryWindow *self, TodokeHistoryItem *item, char **owned)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (todoke_history_item_get_time (item));
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  *owned = local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : NULL;
  return *owned;
}

static const char *
recipient_text (TodokeHistoryWindow *self, TodokeHistoryItem *item, char **owned)
{
  return todoke_history_item_get_recipient (item);
}

static const char *
reason_text (TodokeHistoryWindow *self, TodokeHistoryItem *item, char **owned)
{
  return title_of (self, todoke_history_item_get_reason (item));
}

static const char *
provider_text (TodokeHistoryWindow *self, TodokeHistoryItem *item, char **owned)
{
  return todoke_history_item_get_provider (item);
}

static const char *
source_text (TodokeHistoryWindow *self, TodokeHistoryItem *item, char **owned)
{
  return todoke_history_item_get_source (item);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           TodokeHistoryWindow      *self)
{
  ColumnText text = g_object_get_data (G_OBJECT (factory), "text");
  TodokeHistoryItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *owned = NULL;
  const char *value = text (self, item, &owned);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), value ? value : "");
}

static void
add_column (TodokeHistoryWindow *self,
            GtkColumnView       *view,
            const char          *title,
            ColumnText           text,
            gboolean             expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "text", text);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
}

static void
row_activated (GtkColumnView       *view,
               guint                position,
               TodokeHistoryWindow *self)
{
  g_autoptr(TodokeHistoryItem) item = g_list_model_get_item (self->model, position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.show-guide", "(xu)",
                                todoke_history_item_get_report_id (item),
                                todoke_history_item_get_index (item));
}

static GtkWidget *
build_filters (TodokeHistoryWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  guint i;

  self->search = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search, TRUE);
  g_object_set (self->search, "placeholder-text", _("Search recipients, reasons, server text"), NULL);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (todoke_history_window_reload), self);

  g_strv_builder_add (labels, _("All reasons"));
  for (i = 0; self->reasons[i]; i++)
    g_strv_builder_add (labels, title_of (self, self->reasons[i]));
  strings = g_strv_builder_end (labels);
  self->reason = gtk_drop_down_new_from_strings ((const char * const *) strings);
  g_signal_connect_swapped (self->reason, "notify::selected", G_CALLBACK (todoke_history_window_reload), self);

  self->hard_only = gtk_check_button_new_with_mnemonic (_("_Permanent failures only"));
  g_signal_connect_swapped (self->hard_only, "toggled", G_CALLBACK (todoke_history_window_reload), self);

  gtk_box_append (GTK_BOX (bar), self->search);
  gtk_box_append (GTK_BOX (bar), self->reason);
  gtk_box_append (GTK_BOX (bar), self->hard_only);

  return bar;
}

static GtkWidget *
build_list (TodokeHistoryWindow *self)
{
  GtkWidget *view;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();

  self->selection = gtk_no_selection_new (NULL);
  view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  gtk_column_view_set_single_click_activate (GTK_COLUMN_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "data-table");
  add_column (self, GTK_COLUMN_VIEW (view), _("Time"), time_text, FALSE);
  add_column (self, GTK_COLUMN_VIEW (view), _("Recipient"), recipient_text, TRUE);
  add_column (self, GTK_COLUMN_VIEW (view), _("Reason"), reason_text, TRUE);
  add_column (self, GTK_COLUMN_VIEW (view), _("Mail service"), provider_text, FALSE);
  add_column (self, GTK_COLUMN_VIEW (view), _("Reported by"), source_text, FALSE);
  g_signal_connect (view, "activate", G_CALLBACK (row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_vexpand (scroller, TRUE);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), APP_ID "-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No delivery failures"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("When a message does not go out or comes back, it is listed here."));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  return self->stack;
}

static GtkWidget *
build_axis (TodokeHistoryWindow *self)
{
  GtkWidget *axis = gtk_center_box_new ();

  self->axis_from = gtk_label_new (NULL);
  self->axis_max = gtk_label_new (NULL);
  self->axis_to = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->axis_from, "dim-label");
  gtk_widget_add_css_class (self->axis_max, "dim-label");
  gtk_widget_add_css_class (self->axis_to, "dim-label");
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (axis), self->axis_from);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (axis), self->axis_max);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (axis), self->axis_to);

  return axis;
}

/**
 * todoke_history_window_new:
 * @application: the app
 * @store: the history
 * @rules: for the reasons' titles
 * @language: "ja" or "en"
 *
 * Returns: (transfer none): the window, filled, not yet shown
 */
GtkWidget *
todoke_history_window_new (GtkApplication     *application,
                           TodokeHistoryStore *store,
                           TodokeRuleSet      *rules,
                           const char         *language)
{
  TodokeHistoryWindow *self = g_object_new (TODOKE_TYPE_HISTORY_WINDOW,
                                            "application", application,
                                            "default-width", 900,
                                            "default-height", 680,
                                            "title", _("Todoke — History"),
                                            NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *export = gtk_button_new_from_icon_name ("document-save-symbolic");
  GtkWidget *menu = gtk_button_new_from_icon_name ("emblem-system-symbolic");
  GtkWidget *heading = gtk_label_new (_("Failures per day, last 30 days"));
  gint64 start = g_get_monotonic_time ();

  self->store = g_object_ref (store);
  self->rules = todoke_rule_set_ref (rules);
  self->language = g_strdup (language);
  self->reasons = todoke_history_store_dup_reasons (store);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "history.export");
  gtk_widget_set_tooltip_text (export, _("Export as CSV"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (menu), "app.preferences");
  gtk_widget_set_tooltip_text (menu, _("Preferences"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), export);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("History"), NULL));

  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 12);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  self->chart = todoke_chart_new ();
  self->legend = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->legend), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->legend), 3);
  self->count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->count), 0);
  gtk_widget_add_css_class (self->count, "dim-label");

  gtk_box_append (GTK_BOX (page), heading);
  gtk_box_append (GTK_BOX (page), self->chart);
  gtk_box_append (GTK_BOX (page), build_axis (self));
  gtk_box_append (GTK_BOX (page), self->legend);
  gtk_box_append (GTK_BOX (page), build_filters (self));
  gtk_box_append (GTK_BOX (page), self->count);
  gtk_box_append (GTK_BOX (page), build_list (self));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), box);

  todoke_history_window_reload (self);
  g_debug ("history window: built in %.1f ms, at %" G_GINT64_FORMAT,
           (g_get_monotonic_time () - start) / 1000.0, g_get_monotonic_time ());

  return GTK_WIDGET (self);
}
