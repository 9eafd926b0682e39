/* test-bounce-fixtures.c: every tests/data/bounces/<name>.eml against
 * <name>.expected.json
 *
 * The expected file is a JSON array of objects with the fields of
 * `todoke classify --json` (without "file"); fields left out are not
 * compared. A message that must not classify expects
 * {"error": "not-a-bounce"} or {"error": "invalid-input"}.
 *
 *   test-bounce-fixtures --regenerate FILE.eml …
 *
 * prints what the classifier says now, for a developer to review and save.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-cli.h"
#include "todoke-test-utils.h"

#define FIXTURE_DIR "data/bounces"

static TodokeClassifier *
classifier (void)
{
  static TodokeClassifier *shared;

  if (g_once_init_enter (&shared))
    {
      TodokeClassifier *made = todoke_classifier_new (todoke_test_default_rules (), NULL);

      todoke_classifier_set_with_guides (made, FALSE);
      g_once_init_leave (&shared, made);
    }

  return shared;
}

/* What the classifier makes of one message, as the expected file writes it. */
static JsonNode *
classify_to_json (GBytes *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint i;

  diagnoses = todoke_classifier_classify_bounce (classifier (), message, NULL, &error);
  if (diagnoses == NULL)
    {
      const char *kind = g_error_matches (error, TODOKE_ERROR, TODOKE_ERROR_NOT_A_BOUNCE) ? "not-a-bounce"
                         : g_error_matches (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT) ? "invalid-input"
                         : "other";

      g_string_printf (text, "{\"error\": \"%s\"}", kind);
      return todoke_test_parse_json (text->str);
    }

  g_string_append_c (text, '[');
  for (i = 0; i < diagnoses->len; i++)
    {
      g_autofree char *object = todoke_diagnosis_to_json (g_ptr_array_index (diagnoses, i), NULL, TODOKE_JSON_NONE, 0);

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, object);
    }
  g_string_append_c (text, ']');

  return todoke_test_parse_json (text->str);
}

static void
test_fixture (gconstpointer data)
{
  const char *relative = data;   /* "broken/truncated.eml" */
  g_autofree char *base = g_strndup (relative, strlen (relative) - strlen (".eml"));
  g_autofree char *expected_name = g_strconcat (base, ".expected.json", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, FIXTURE_DIR, expected_name, NULL);
  g_autoptr(GBytes) message = todoke_test_load_dist (FIXTURE_DIR, relative, NULL);
  g_autoptr(JsonNode) actual = classify_to_json (message);
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (expected_path, &contents, NULL, &error))
    {
      g_test_message ("%s: %s; write it from the output of "
                      "test-bounce-fixtures --regenerate %s", relative, error->message, relative);
      g_test_fail ();
      return;
    }
  expected = todoke_test_parse_json (contents);

  if (!todoke_test_json_subset (expected, actual, why))
    {
      g_autofree char *got = json_to_string (actual, TRUE);

      g_test_message ("%s differs from %s:\n%sactual:\n%s", relative, expected_name, why->str, got);
      g_test_fail ();
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* "read-originals" off: GMime keeps attached messages as opaque parts and
 * the library reads their headers itself; the diagnoses stay the same.
 * Runs after every fixture, since GMime's part types are process-wide. */
static void
test_read_originals (void)
{
  g_autoptr(TodokeClassifier) shallow = todoke_classifier_new (todoke_test_default_rules (), NULL);
  const char * const names[] = { "rfc3464-1.eml", "x3-1.eml", "ja-kddi-mailboxfull-iso2022jp.eml" };
  g_autoptr(GPtrArray) deep = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  gboolean value = FALSE;
  guint notified = 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) message = todoke_test_load_dist (FIXTURE_DIR, names[i], NULL);

      g_ptr_array_add (deep, classify_to_json (message));
    }

  todoke_classifier_set_with_guides (shallow, FALSE);
  g_object_get (shallow, "read-originals", &value, NULL);
  g_assert_true (value);
  g_signal_connect (shallow, "notify::read-originals", G_CALLBACK (count_notify), &notified);
  g_object_set (shallow, "read-originals", FALSE, NULL);
  g_object_set (shallow, "read-originals", FALSE, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (todoke_classifier_get_read_originals (shallow));

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) message = todoke_test_load_dist (FIXTURE_DIR, names[i], NULL);
      g_autoptr(GPtrArray) diagnoses = todoke_classifier_classify_bounce (shallow, message, NULL, NULL);
      g_autoptr(GString) why = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new ("[");
      g_autoptr(JsonNode) actual = NULL;
      guint j;

      g_assert_nonnull (diagnoses);
      for (j = 0; j < diagnoses->len; j++)
        {
          g_autofree char *object = todoke_diagnosis_to_json (g_ptr_array_index (diagnoses, j), NULL, TODOKE_JSON_NONE, 0);

          g_string_append_printf (text, "%s%s", j > 0 ? "," : "", object);
        }
      g_string_append_c (text, ']');
      actual = todoke_test_parse_json (text->str);
      if (!todoke_test_json_subset (g_ptr_array_index (deep, i), actual, why))
        g_error ("%s read shallowly differs: %s", names[i], why->str);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect (const char *dir,
         const char *prefix,
         GPtrArray  *names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint i;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (entries, g_strdup (name));
  g_ptr_array_sort (entries, compare_names);

  for (i = 0; i < entries->len; i++)
    {
      const char *entry = g_ptr_array_index (entries, i);
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autofree char *relative = prefix ? g_build_filename (prefix, entry, NULL) : g_strdup (entry);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect (path, relative, names);
      else if (g_str_has_suffix (entry, ".eml"))
        g_ptr_array_add (names, g_steal_pointer (&relative));
    }
}

static int
regenerate (int    argc,
            char **argv)
{
  int status = 0;
  int i;

  for (i = 0; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) actual = NULL;
      g_autofree char *text = NULL;
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (argv[i], &contents, &length, &error))
        {
          g_printerr ("%s: %s\n", argv[i], error->message);
          status = 1;
          continue;
        }
      {
        g_autoptr(GBytes) bytes = g_bytes_new_take (contents, length);

        actual = classify_to_json (bytes);
      }
      text = json_to_string (actual, TRUE);
      if (argc > 1)
        printf ("== %s\n", argv[i]);
      printf ("%s\n", text);
    }

  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL;
  guint i;

  if (argc > 1 && strcmp (argv[1], "--regenerate") == 0)
    return regenerate (argc - 2, argv + 2);

  g_test_init (&argc, &argv, NULL);

  dir = g_test_build_filename (G_TEST_DIST, FIXTURE_DIR, NULL);
  collect (dir, NULL, names);
  g_assert_cmpuint (names->len, >, 0);
  for (i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *base = g_strndup (name, strlen (name) - strlen (".eml"));
      g_autofree char *path = g_strconcat ("/todoke/bounce-fixtures/", base, NULL);

      g_test_add_data_func (path, name, test_fixture);
    }
  g_test_add_func ("/todoke/bounce-fixtures/~read-originals", test_read_originals);

  return g_test_run ();
}
