/* test-cli-json.c: the JSON Lines writer, read back with json-glib
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "todoke-cli.h"
#include "todoke-test-utils.h"

static void
test_round_trip (void)
{
  static const char * const replies[] = {
    "550 5.1.1 <taro@example.jp>: User \"unknown\" \\ here",
    "550 5.1.1 control \x01\x02\x1f and tab\tin words",
    "550 5.1.1 宛先のアドレス「taro@example.jp」は存在しません",
    "550 5.1.1 bad bytes \xff\xfe kept safe",
  };
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), "thunderbird");
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(TodokeDiagnosis) diagnosis = todoke_classifier_classify_reply (classifier, replies[i], "taro@example.jp", "ja");
      g_autofree char *line = todoke_diagnosis_to_json (diagnosis, "dir/\"odd\" name.eml", TODOKE_JSON_GUIDE, 0);
      g_autoptr(JsonNode) node = todoke_test_parse_json (line);
      JsonObject *object = json_node_get_object (node);
      JsonArray *steps;

      g_assert_null (strchr (line, '\n'));
      g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, "dir/\"odd\" name.eml");
      g_assert_cmpstr (json_object_get_string_member (object, "diagnostic"), ==,
                       todoke_diagnosis_get_server_message (diagnosis));
      g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "userunknown");
      g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "5.1.1");
      g_assert_cmpstr (json_object_get_string_member (object, "reply_code"), ==, "550");
      g_assert_true (json_object_get_boolean_member (object, "hard"));
      g_assert_true (json_object_get_null_member (object, "detail"));
      g_assert_cmpstr (json_object_get_string_member (object, "title"), ==,
                       todoke_guide_get_title (todoke_diagnosis_get_guide (diagnosis)));
      steps = json_object_get_array_member (object, "steps");
      g_assert_cmpuint (json_array_get_length (steps), ==,
                        g_strv_length ((char **) todoke_guide_get_steps (todoke_diagnosis_get_guide (diagnosis))));
    }
}

/* Without a guide the line carries no guide fields, and a missing code is null. */
static void
test_without_guide (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(TodokeDiagnosis) diagnosis = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  todoke_classifier_set_with_guides (classifier, FALSE);
  diagnosis = todoke_classifier_classify_reply (classifier, "nothing a server would say", NULL, NULL);
  line = todoke_diagnosis_to_json (diagnosis, NULL, TODOKE_JSON_GUIDE, 0);
  node = todoke_test_parse_json (line);
  object = json_node_get_object (node);

  g_assert_false (json_object_has_member (object, "file"));
  g_assert_false (json_object_has_member (object, "title"));
  g_assert_true (json_object_get_null_member (object, "reply_code"));
  g_assert_true (json_object_get_null_member (object, "recipient"));
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "undefined");
}

/* A long server text is cut at a character boundary, said so, and the
 * object stays valid JSON. */
static void
test_truncated_server_text (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(GString) reply = g_string_new ("550 5.1.1 ");
  g_autoptr(TodokeDiagnosis) diagnosis = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  const char *diagnostic;
  guint i;

  for (i = 0; i < 2000; i++)
    g_string_append (reply, "存在しません ");
  diagnosis = todoke_classifier_classify_reply (classifier, reply->str, "taro@example.jp", "en");
  line = todoke_diagnosis_to_json (diagnosis, NULL, TODOKE_JSON_GUIDE, 1001);
  node = todoke_test_parse_json (line);
  object = json_node_get_object (node);
  diagnostic = json_object_get_string_member (object, "diagnostic");

  g_assert_true (g_utf8_validate (diagnostic, -1, NULL));
  g_assert_cmpuint (strlen (diagnostic), <=, 1001);
  g_assert_cmpuint (strlen (diagnostic), >, 990);
  g_assert_true (g_str_has_prefix (todoke_diagnosis_get_server_message (diagnosis), diagnostic));
  g_assert_true (json_object_get_boolean_member (object, "diagnostic_truncated"));
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "userunknown");

  g_clear_pointer (&line, g_free);
  g_clear_pointer (&node, json_node_unref);
  line = todoke_diagnosis_to_json (diagnosis, NULL, TODOKE_JSON_NONE, 0);
  node = todoke_test_parse_json (line);
  object = json_node_get_object (node);
  g_assert_false (json_object_has_member (object, "diagnostic_truncated"));
  g_assert_cmpstr (json_object_get_string_member (object, "diagnostic"), ==,
                   todoke_diagnosis_get_server_message (diagnosis));
}

/* The command leaves returned originals unparsed by GMime
 * (todoke_classifier_set_read_originals (classifier, FALSE)); the library does not. Both
 * must say the same of every fixture. */
static void
test_shallow_originals_change_nothing (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "bounces", NULL);
  const char *cli = g_getenv ("TODOKE_CLI");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  guint i, compared = 0;

  g_assert_nonnull (cli);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              cli, "classify", "--json", dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  todoke_classifier_set_with_guides (classifier, FALSE);
  lines = g_strsplit (out, "\n", -1);
  for (i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonNode) node = todoke_test_parse_json (lines[i]);
      const char *file = json_object_get_string_member (json_node_get_object (node), "file");
      GPtrArray *deep = g_hash_table_lookup (expected, file);
      guint *next;

      if (deep == NULL)
        {
          g_autofree char *contents = NULL;
          gsize length = 0;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GPtrArray) diagnoses = NULL;
          guint j;

          g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
          bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
          diagnoses = todoke_classifier_classify_bounce (classifier, bytes, NULL, NULL);
          g_assert_nonnull (diagnoses);
          deep = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (deep, g_new0 (guint, 1));
          for (j = 0; j < diagnoses->len; j++)
            g_ptr_array_add (deep, todoke_diagnosis_to_json (g_ptr_array_index (diagnoses, j), file, TODOKE_JSON_NONE, 0));
          g_hash_table_insert (expected, g_strdup (file), deep);
        }
      next = g_ptr_array_index (deep, 0);
      (*next)++;
      g_assert_cmpuint (*next, <, deep->len);
      g_assert_cmpstr (lines[i], ==, g_ptr_array_index (deep, *next));
      compared++;
    }

  g_assert_cmpuint (compared, >, 20);
  g_hash_table_remove_all (expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/cli-json/round-trip", test_round_trip);
  g_test_add_func ("/todoke/cli-json/without-guide", test_without_guide);
  g_test_add_func ("/todoke/cli-json/truncated-server-text", test_truncated_server_text);
  g_test_add_func ("/todoke/cli-json/shallow-originals-change-nothing", test_shallow_originals_change_nothing);

  return g_test_run ();
}
