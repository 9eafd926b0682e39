/* todoke-cli-output.c: JSON Lines, plain text and summary output
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "todoke-cli.h"

struct _TodokeCliOutput
{
  TodokeCliFormat  format;
  FILE            *stream;
  gboolean         with_guides;
  TodokeRuleSet   *rules;         /* the guides' labels; nullable */
  GHashTable      *by_reason;     /* char* -> count */
  GHashTable      *by_provider;   /* char* -> count */
  guint            recipients;
  guint            files;
  guint            bounces;
  guint            not_bounces;
  guint            failed;
};

TodokeCliOutput *
todoke_cli_output_new (TodokeCliFormat  format,
                       FILE            *stream,
                       gboolean         with_guides)
{
  TodokeCliOutput *output = g_new0 (TodokeCliOutput, 1);

  output->format = format;
  output->stream = stream;
  output->with_guides = with_guides;
  output->by_reason = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  output->by_provider = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return output;
}

void
todoke_cli_output_free (TodokeCliOutput *output)
{
  g_hash_table_unref (output->by_reason);
  g_hash_table_unref (output->by_provider);
  g_clear_pointer (&output->rules, todoke_rule_set_unref);
  g_free (output);
}

/* The rule set whose labels frame each guide ("Who has to act", …); with
 * one and guides on, the text format prints the whole guide per recipient. */
void
todoke_cli_output_set_rule_set (TodokeCliOutput *output,
                                TodokeRuleSet   *rules)
{
  if (rules != NULL)
    todoke_rule_set_ref (rules);
  g_clear_pointer (&output->rules, todoke_rule_set_unref);
  output->rules = rules;
}

/* Labels live in the guide data, so they come in the guide's language. */
static const char *
label (TodokeRuleSet *rules,
       TodokeGuide   *guide,
       const char    *id)
{
  const char *text = todoke_rule_set_lookup_text (rules, id, todoke_guide_get_language (guide));

  return text != NULL ? text : id;
}

static void
print_list (FILE               *stream,
            const char         *heading,
            const char * const *items,
            gboolean            numbered)
{
  guint i;

  if (items == NULL || items[0] == NULL)
    return;
  fprintf (stream, "\n%s:\n", heading);
  for (i = 0; items[i] != NULL; i++)
    {
      if (numbered)
        fprintf (stream, "  %u. %s\n", i + 1, items[i]);
      else
        fprintf (stream, "  - %s\n", items[i]);
    }
}

/* Each line of @text, indented by @prefix: the lines stay as they are. */
static void
print_lines (FILE       *stream,
             const char *prefix,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    fprintf (stream, "%s%s\n", prefix, lines[i]);
}

/* True when this program runs from the build tree, not installed. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;

  return g_strcmp0 (dir, TODOKE_CLI_BUILD_DIR) == 0;
}

/* help:todoke/<page> for Yelp, and the same page as HTML: the installed
 * copy, or the build tree's when run from there. Only a page that exists
 * is named. */
static void
print_help_link (FILE          *stream,
                 TodokeRuleSet *rules,
                 TodokeGuide   *guide)
{
  const char *page = todoke_guide_get_help_page (guide);
  const char *lang = todoke_guide_get_language (guide);
  const char *dir = running_from_build_tree () ? TODOKE_HELP_HTML_BUILD_DIR : TODOKE_HELP_HTML_DIR;
  g_autofree char *html = NULL;

  if (page == NULL)
    return;
  html = g_strdup_printf ("%s/%s/%s.html", dir, g_strcmp0 (lang, "en") == 0 ? "C" : lang, page);
  fprintf (stream, "\n%s: help:%s/%s\n", label (rules, guide, "help"), GETTEXT_PACKAGE, page);
  if (g_file_test (html, G_FILE_TEST_IS_REGULAR))
    fprintf (stream, "  %s\n", html);
}

/* A guide for a person: title, explanation, who acts, whether sending
 * again helps, the steps, notes, the server's own words and where to read
 * more. Who acts and retry come from @diagnosis when there is one (a rule
 * may know better), from the reason's declaration otherwise. */
void
todoke_cli_print_guide (FILE            *stream,
                        TodokeRuleSet   *rules,
                        TodokeGuide     *guide,
                        TodokeDiagnosis *diagnosis)
{
  TodokeOwner owner = todoke_guide_get_owner (guide);
  gboolean retry = todoke_guide_get_retry (guide);
  gboolean failure = todoke_guide_get_severity (guide) != TODOKE_SEVERITY_NONE;
  g_autofree char *owner_id = NULL;

  if (diagnosis != NULL)
    {
      owner = todoke_diagnosis_get_owner (diagnosis);
      retry = todoke_diagnosis_get_retry (diagnosis);
      failure = todoke_diagnosis_get_severity (diagnosis) != TODOKE_SEVERITY_NONE;
    }
  /* A temporary failure the sender sends again later says so, unless the
   * guide words the retry itself. */
  owner_id = g_strconcat ("owner-", todoke_owner_to_string (owner),
                          owner == TODOKE_OWNER_SENDER && retry && failure &&
                          todoke_guide_get_retry_text (guide) == NULL ? "-retry" : "",
                          NULL);

  fprintf (stream, "%s\n", todoke_guide_get_title (guide));
  if (todoke_guide_get_explanation (guide) != NULL)
    fprintf (stream, "\n%s\n", todoke_guide_get_explanation (guide));

  fprintf (stream, "\n");
  if (diagnosis != NULL && todoke_diagnosis_get_recipient (diagnosis) != NULL)
    fprintf (stream, "%s: %s\n", label (rules, guide, "recipient"), todoke_diagnosis_get_recipient (diagnosis));
  fprintf (stream, "%s: %s\n", label (rules, guide, "who"), label (rules, guide, owner_id));
  if (failure)
    fprintf (stream, "%s: %s\n", label (rules, guide, "retry"),
             todoke_guide_get_retry_text (guide) != NULL
             ? todoke_guide_get_retry_text (guide)
             : label (rules, guide, retry ? "retry-true" : "retry-false"));

  print_list (stream, label (rules, guide, "steps"), todoke_guide_get_steps (guide), TRUE);
  print_list (stream, label (rules, guide, "notes"), todoke_guide_get_notes (guide), FALSE);
  if (diagnosis != NULL && todoke_diagnosis_get_server_message (diagnosis) != NULL)
    {
      fprintf (stream, "\n%s:\n", label (rules, guide, "server-said"));
      print_lines (stream, "  ", todoke_diagnosis_get_server_message (diagnosis));
    }
  print_help_link (stream, rules, guide);
}

/* One line per recipient: who, what, codes and provider, then the server's
 * words; with guides on, the whole guide follows. */
static void
print_text (TodokeCliOutput *output,
            const char      *file,
            TodokeDiagnosis *diagnosis)
{
  TodokeGuide *guide = todoke_diagnosis_get_guide (diagnosis);
  const char *status = todoke_diagnosis_get_enhanced_status (diagnosis);
  guint code = todoke_diagnosis_get_reply_code (diagnosis);
  const char *recipient = todoke_diagnosis_get_recipient (diagnosis);
  gboolean full = output->with_guides && guide != NULL && output->rules != NULL;

  if (full && output->recipients > 1)
    fprintf (output->stream, "\n");
  if (file != NULL)
    fprintf (output->stream, "%s: ", file);
  if (full)
    fprintf (output->stream, "%s\n", recipient != NULL ? recipient : "-");
  else
    fprintf (output->stream, "%s: %s\n", recipient != NULL ? recipient : "-",
             guide != NULL ? todoke_guide_get_title (guide) : todoke_diagnosis_get_reason (diagnosis));
  fprintf (output->stream, "  %s", todoke_diagnosis_get_guide_id (diagnosis));
  fprintf (output->stream, " (%s)", todoke_severity_to_string (todoke_diagnosis_get_severity (diagnosis)));
  if (code != 0)
    fprintf (output->stream, " %u", code);
  if (status != NULL)
    fprintf (output->stream, " %s", status);
  if (todoke_diagnosis_get_provider_name (diagnosis) != NULL)
    fprintf (output->stream, " · %s", todoke_diagnosis_get_provider_name (diagnosis));
  fprintf (output->stream, "\n");
  if (full)
    {
      fprintf (output->stream, "\n");
      todoke_cli_print_guide (output->stream, output->rules, guide, diagnosis);
    }
  else if (todoke_diagnosis_get_server_message (diagnosis) != NULL)
    print_lines (output->stream, "  > ", todoke_diagnosis_get_server_message (diagnosis));
}

static void
count (GHashTable *table,
       const char *key)
{
  gpointer value = NULL;
  gpointer stored = NULL;

  if (g_hash_table_lookup_extended (table, key, &stored, &value))
    g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
  else
    g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (1));
}

void
todoke_cli_output_add (TodokeCliOutput *output,
                       const char      *file,
                       TodokeDiagnosis *diagnosis)
{
  output->recipients++;

  switch (output->format)
    {
    case TODOKE_CLI_FORMAT_JSON:
      {
        g_autofree char *line = todoke_diagnosis_to_json (diagnosis, file, output->with_guides ? TODOKE_JSON_GUIDE : TODOKE_JSON_NONE, 0);

        fputs (line, output->stream);
        fputc ('\n', output->stream);
      }
      break;
    case TODOKE_CLI_FORMAT_SUMMARY:
      count (output->by_reason, todoke_diagnosis_get_guide_id (diagnosis));
      count (output->by_provider, todoke_diagnosis_get_provider (diagnosis) != NULL
                                  ? todoke_diagnosis_get_provider (diagnosis) : "-");
      break;
    case TODOKE_CLI_FORMAT_TEXT:
    default:
      print_text (output, file, diagnosis);
      break;
    }
}

void
todoke_cli_output_count_file (TodokeCliOutput *output,
                              gboolean         bounce,
                              gboolean         failed)
{
  output->files++;
  if (failed)
    output->failed++;
  else if (bounce)
    output->bounces++;
  else
    output->not_bounces++;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *table = user_data;
  guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (table, *(const char **) a));
  guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (table, *(const char **) b));

  if (ca != cb)
    return ca > cb ? -1 : 1;

  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
print_table (TodokeCliOutput *output,
             GHashTable      *table,
             const char      *heading)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key_ptr;
  guint i;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key_ptr, NULL))
    g_ptr_array_add (keys, key_ptr);

  g_ptr_array_sort_with_data (keys, compare_counts, table);
  fprintf (output->stream, "%-28s %8s %7s\n", heading, _("Count"), "%");
  for (i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

      fprintf (output->stream, "%-28s %8u %6.1f%%\n", key, n,
               output->recipients ? 100.0 * n / output->recipients : 0.0);
    }
}

void
todoke_cli_output_finish (TodokeCliOutput *output)
{
  if (output->format == TODOKE_CLI_FORMAT_SUMMARY)
    {
      print_table (output, output->by_reason, _("Reason"));
      fprintf (output->stream, "\n");
      print_table (output, output->by_provider, _("Provider"));
      fprintf (output->stream, "\n");
      fprintf (output->stream,
               _("%u files: %u bounces, %u not bounces, %u unreadable; %u recipients\n"),
               output->files, output->bounces, output->not_bounces, output->failed,
               output->recipients);
    }
  else if (output->not_bounces > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "todoke: %u message was not a bounce\n",
                             "todoke: %u messages were not bounces\n", output->not_bounces),
                output->not_bounces);
  fflush (output->stream);
}
