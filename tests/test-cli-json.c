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
      g_autofree char *line = todoke_cli_diagnosis_to_json ("dir/\"odd\" name.eml", diagnosis, TRUE);
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
  line = todoke_cli_diagnosis_to_json (NULL, diagnosis, TRUE);
  node = todoke_test_parse_json (line);
  object = json_node_get_object (node);

  g_assert_false (json_object_has_member (object, "file"));
  g_assert_false (json_object_has_member (object, "title"));
  g_assert_true (json_object_get_null_member (object, "reply_code"));
  g_assert_true (json_object_get_null_member (object, "recipient"));
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "undefined");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/cli-json/round-trip", test_round_trip);
  g_test_add_func ("/todoke/cli-json/without-guide", test_without_guide);

  return g_test_run ();
}
