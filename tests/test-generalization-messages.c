/* test-generalization-messages.c: whole bounce messages in the formats
 * real MTAs write, scored for the failed addresses found, the addresses
 * reported that did not fail, and the reason of each
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/generalization/messages.tsv lists each message of
 * messages/ with the addresses that failed and their reasons. The
 * `floors` file there holds three lines for this family: `messages`
 * (reasons right, of the addresses expected), `messages-found` (addresses
 * found) and `messages-extra` (the most addresses reported that are not
 * expected, as a percentage of those expected).
 * `test-generalization-messages --table` prints the figures instead
 * (bench/generalization); `--misses` also lists every wrong answer.
 */

#include "config.h"

#include <string.h>

#include "todoke-test-utils.h"

typedef struct
{
  guint    expected;
  guint    found;
  guint    right;
  guint    extra;
  GString *misses;
} Score;

static gboolean print_table;
static gboolean print_misses;

/* "a@x=userunknown,b@y=expired" as address → reason ("-" is none). */
static GHashTable *
parse_expected (const char *field)
{
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;
  guint i;

  if (strcmp (field, "-") == 0)
    return expected;
  pairs = g_strsplit (field, ",", -1);
  for (i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');

      if (eq == NULL)
        g_error ("“%s”: want address=reason", pairs[i]);
      g_hash_table_insert (expected, g_ascii_strdown (pairs[i], eq - pairs[i]), g_strdup (eq + 1));
    }

  return expected;
}

static void
score_message (TodokeClassifier *classifier,
               const char       *file,
               const char       *field,
               Score            *score)
{
  g_autoptr(GHashTable) expected = parse_expected (field);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) bytes = todoke_test_load_dist ("data", "generalization", "messages", file, NULL);
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  guint i;

  diagnoses = todoke_classifier_classify_bounce (classifier, bytes, "en", &error);
  score->expected += g_hash_table_size (expected);
  /* Not read as a bounce: every expected address is missed. */
  if (g_error_matches (error, TODOKE_ERROR, TODOKE_ERROR_NOT_A_BOUNCE))
    g_clear_pointer (&diagnoses, g_ptr_array_unref);
  else
    g_assert_no_error (error);
  for (i = 0; diagnoses != NULL && i < diagnoses->len; i++)
    {
      TodokeDiagnosis *diagnosis = g_ptr_array_index (diagnoses, i);
      const char *recipient = todoke_diagnosis_get_recipient (diagnosis);
      const char *reason = todoke_diagnosis_get_reason (diagnosis);
      const char *detail = todoke_diagnosis_get_detail (diagnosis);
      g_autofree char *address = NULL;
      const char *want;

      if (recipient == NULL || *recipient == '\0')
        continue;
      address = g_ascii_strdown (recipient, -1);
      if (g_hash_table_contains (seen, address))
        continue;
      want = g_hash_table_lookup (expected, address);
      if (want == NULL)
        {
          score->extra++;
          g_string_append_printf (score->misses, "  %-22s extra %s (%s)\n", file, address, reason);
        }
      else
        {
          score->found++;
          if (g_strcmp0 (reason, want) == 0 || g_strcmp0 (detail, want) == 0)
            score->right++;
          else
            g_string_append_printf (score->misses, "  %-22s %s: want %s, got %s (rule %s)\n", file, address,
                                    want, detail != NULL ? detail : reason,
                                    todoke_diagnosis_get_rule_id (diagnosis));
        }
      g_hash_table_add (seen, g_steal_pointer (&address));
    }
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      g_string_append_printf (score->misses, "  %-22s not found %s\n", file, (const char *) key);
}

static Score
score_all (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(GBytes) bytes = todoke_test_load_dist ("data", "generalization", "messages.tsv", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  Score score = { 0, 0, 0, 0, g_string_new (NULL) };
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) < 3)
        g_error ("messages.tsv:%u: want file, addresses and source", i + 1);
      score_message (classifier, fields[0], fields[1], &score);
    }

  return score;
}

static double
percent (guint part,
         guint whole)
{
  return whole > 0 ? 100.0 * part / whole : 0.0;
}

static void
test_messages (void)
{
  Score score = score_all ();
  double found = percent (score.found, score.expected);
  double right = percent (score.right, score.expected);
  double extra = percent (score.extra, score.expected);
  double found_floor = todoke_test_generalization_floor ("messages-found");
  double extra_ceiling = todoke_test_generalization_floor ("messages-extra");
  double right_floor = todoke_test_generalization_floor ("messages");

  g_test_message ("messages: %u addresses expected, %u found (%.1f %%), %u extra (%.1f %%), "
                  "%u reasons right (%.1f %%)", score.expected, score.found, found, score.extra, extra,
                  score.right, right);
  if (score.misses->len > 0)
    g_test_message ("wrong:\n%s", score.misses->str);
  g_assert_cmpuint (score.expected, >=, 30);
  if (found < found_floor)
    g_error ("addresses found: %.1f %% is below the floor of %.1f %%", found, found_floor);
  if (extra > extra_ceiling)
    g_error ("extra addresses: %.1f %% is above the ceiling of %.1f %%", extra, extra_ceiling);
  if (right < right_floor)
    g_error ("reasons: %.1f %% is below the floor of %.1f %%", right, right_floor);
  g_string_free (score.misses, TRUE);
}

static int
print_scores (void)
{
  Score score = score_all ();

  g_print ("%-12s %6u %6u %7.1f%% %6.1f%%\n", "messages", score.expected, score.right,
           percent (score.right, score.expected), todoke_test_generalization_floor ("messages"));
  g_print ("  addresses found %u of %u (%.1f %%), extra %u (%.1f %%)\n", score.found, score.expected,
           percent (score.found, score.expected), score.extra, percent (score.extra, score.expected));
  if (print_misses)
    g_print ("%s", score.misses->str);
  g_string_free (score.misses, TRUE);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  todoke_test_table_options (&argc, argv, &print_table, &print_misses);
  g_test_init (&argc, &argv, NULL);
  if (print_table)
    return print_scores ();

  g_test_add_func ("/todoke/generalization/messages", test_messages);

  return g_test_run ();
}
