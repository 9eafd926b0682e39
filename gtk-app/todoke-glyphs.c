/* todoke-glyphs.c: count what a window cannot draw
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pango counts the characters no installed font has (drawn as boxes,
 * "tofu"); the tests and the screenshot command ask every label of a
 * window, so a Japanese window without a Japanese font fails.
 */

#include "config.h"

#include "todoke-glyphs.h"

/**
 * todoke_count_unknown_glyphs:
 * @widget: a realized widget
 * @n_labels: (out) (optional): how many visible labels were asked
 *
 * Returns: the unknown glyphs of every visible label under @widget
 */
guint
todoke_count_unknown_glyphs (GtkWidget *widget,
                             guint     *n_labels)
{
  GtkWidget *child;
  guint unknown = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  if (GTK_IS_LABEL (widget))
    {
      unknown += pango_layout_get_unknown_glyphs_count (gtk_label_get_layout (GTK_LABEL (widget)));
      if (n_labels != NULL)
        (*n_labels)++;
    }
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    unknown += todoke_count_unknown_glyphs (child, n_labels);

  return unknown;
}

static void
collect (GtkWidget *widget,
         GString   *text)
{
  GtkWidget *child;

  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, text);
}

/**
 * todoke_collect_text:
 * @widget: a widget
 *
 * Returns: (transfer full): the text of every visible label, one per line
 */
char *
todoke_collect_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect (widget, text);

  return g_string_free (text, FALSE);
}
