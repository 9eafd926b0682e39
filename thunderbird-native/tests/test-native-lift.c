/* test-native-lift.c: a message's string lifted out of its frame
 *
 * The big "raw" or "data" string is taken out of the frame before
 * json-glib parses it (todoke-native-lift.c). Every request here is
 * answered twice, by a dispatcher that lifts every such string and by
 * one that lifts none, and both answers must be the same: the lifted
 * path unescapes exactly as json-glib does.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "native-test-utils.h"
#include "todoke-native-lift.h"
#include "todoke-native-params.h"

typedef struct
{
  TodokeNativeDispatch *lifting;
  TodokeNativeDispatch *plain;
} Pair;

static void
pair_init (Pair *pair)
{
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);

  g_assert_nonnull (rules);
  pair->lifting = todoke_native_dispatch_new (rules);
  pair->plain = todoke_native_dispatch_new (rules);
  todoke_native_dispatch_set_lift_min (pair->lifting, 1);
  todoke_native_dispatch_set_lift_min (pair->plain, G_MAXSIZE);
}

static void
pair_clear (Pair *pair)
{
  todoke_native_dispatch_free (pair->lifting);
  todoke_native_dispatch_free (pair->plain);
}

/* The answer of both dispatchers, which must be the same. */
static char *
answer_both (Pair       *pair,
             const char *request)
{
  g_autoptr(GVariant) report_lifting = NULL;
  g_autoptr(GVariant) report_plain = NULL;
  char *lifting = todoke_native_dispatch_handle (pair->lifting, g_bytes_new (request, strlen (request)),
                                                 &report_lifting);
  g_autofree char *plain = todoke_native_dispatch_handle (pair->plain, g_bytes_new (request, strlen (request)),
                                                          &report_plain);

  g_assert_cmpstr (lifting, ==, plain);
  g_assert_true ((report_lifting == NULL) == (report_plain == NULL));
  if (report_lifting != NULL)
    g_assert_true (g_variant_equal (report_lifting, report_plain));
  return lifting;
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

/* The lifting itself: what json-glib gets, and the string. */
static void
test_lift (void)
{
  const char *frame = "{\"id\":1, \"params\" : {\"locale\":\"ja\", \"raw\" : \"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\\n\"}}";
  TodokeNativeLifted lifted;
  gsize escaped = 0;
  g_autoptr(GBytes) json = todoke_native_lift (g_bytes_new (frame, strlen (frame)), 1, &lifted, &escaped);
  g_autofree char *text = g_strndup (g_bytes_get_data (json, NULL), g_bytes_get_size (json));
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *raw = NULL;

  g_assert_cmpstr (text, ==, "{\"id\":1, \"params\" : {\"locale\":\"ja\", \"raw\" : \"\"}}");
  g_assert_cmpstr (lifted.member, ==, "raw");
  g_assert_true (todoke_native_lifted_unescape (&lifted, escaped, &error));
  g_assert_no_error (error);
  g_assert_null (todoke_native_lifted_take (&lifted, "data", &length));
  raw = todoke_native_lifted_take (&lifted, "raw", &length);
  g_assert_cmpmem (raw, length, "a\"b\\c\xc3\xa9\xf0\x9f\x98\x80\n", 12);
  todoke_native_lifted_clear (&lifted);
}

/* Strings that are not lifted: too short, outside "params", nested
 * deeper, of another member, or given twice. */
static void
test_not_lifted (void)
{
  static const char * const frames[] = {
    "{\"id\":1,\"params\":{\"raw\":\"ab\"}}",
    "{\"id\":1,\"raw\":\"abcdefgh\",\"params\":{}}",
    "{\"id\":1,\"params\":{\"x\":{\"raw\":\"abcdefgh\"}}}",
    "{\"id\":1,\"params\":{\"text\":\"abcdefgh\"}}",
    "{\"id\":1,\"params\":{\"raw\":[\"abcdefgh\"]}}",
    "{\"id\":1,\"other\":{\"raw\":\"abcdefgh\"}}",
    "{\"id\":1,\"params\":{\"raw\":\"abcdefgh\",\"raw\":\"ijklmnop\"}}",
    "{\"id\":1,\"params\":{\"raw\":\"abcdefgh",
    "{\"id\":1,\"params\":{\"raw\\\"\":\"abcdefgh\"}}",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      TodokeNativeLifted lifted;
      gsize escaped = 0;
      GBytes *frame = g_bytes_new (frames[i], strlen (frames[i]));
      g_autoptr(GBytes) json = todoke_native_lift (g_bytes_ref (frame), 3, &lifted, &escaped);

      g_test_message ("%s", frames[i]);
      g_assert_true (json == frame);
      g_assert_null (lifted.data);
      g_bytes_unref (frame);
    }
}

/* The bounce in every encoding, with escapes of every kind in the
 * server's words, which the answer quotes. */
static void
test_same_answers (void)
{
  static const char * const encodings[] = { "text", "base64", "binary", NULL };
  g_autofree char *bounce = bounce_text ();
  g_autoptr(GString) text = g_string_new (bounce);
  Pair pair;
  guint i;

  g_assert_cmpuint (g_string_replace (text, "User unknown in virtual mailbox table",
                                      "User \"unknown\" \\ in local/recipient table \xc3\xa9\xf0\x9f\x98\x80\t.",
                                      1), ==, 1);
  pair_init (&pair);
  for (i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autofree char *raw = NULL;
      g_autofree char *request = NULL;
      g_autofree char *answer = NULL;
      g_autoptr(JsonNode) node = NULL;

      if (g_strcmp0 (encodings[i], "base64") == 0 || encodings[i] == NULL)
        raw = g_base64_encode ((const guchar *) text->str, text->len);
      else if (g_str_equal (encodings[i], "binary"))
        raw = g_convert (text->str, text->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      else
        raw = g_strdup (text->str);
      request = classify_message_request (raw, encodings[i]);
      if (g_strcmp0 (encodings[i], "text") == 0)
        {
          g_autoptr(GString) escaped = g_string_new (request);

          /* \u escapes, as JSON writers other than json-glib may use. */
          g_string_replace (escaped, "\xc3\xa9", "\\u00e9", 0);
          g_string_replace (escaped, "\xf0\x9f\x98\x80", "\\ud83d\\uDE00", 0);
          g_assert_nonnull (strstr (escaped->str, "\\u00e9"));
          g_assert_nonnull (strstr (escaped->str, "\\ud83d\\u"));
          g_free (request);
          request = g_string_free (g_steal_pointer (&escaped), FALSE);
        }
      answer = answer_both (&pair, request);
      node = parse (answer);
      assert_bounce_answer (node);
      g_assert_nonnull (strstr (json_object_get_string_member (first_diagnosis (node), "diagnostic"),
                                "User \"unknown\" \\ in local/recipient table \xc3\xa9\xf0\x9f\x98\x80"));
    }
  pair_clear (&pair);
}

/* A message in parts, each part lifted. */
static void
test_parts (void)
{
  g_autofree char *text = bounce_text ();
  g_auto(GStrv) requests = message_part_requests (text, 777);
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  Pair pair;
  guint i;

  pair_init (&pair);
  for (i = 0; requests[i] != NULL; i++)
    {
      g_autofree char *received = answer_both (&pair, requests[i]);

      g_assert_nonnull (strstr (received, "\"received\":"));
    }
  answer = answer_both (&pair, "{\"id\":2,\"method\":\"classify-message\",\"params\":{\"upload\":\"u1\",\"locale\":\"ja\"}}");
  node = parse (answer);
  assert_bounce_answer (node);
  pair_clear (&pair);
}

/* Escapes RFC 8259 does not allow get invalid-json, a surrogate without
 * its pair invalid-utf8 (as json-glib's strings do, PROTOCOL.md), both
 * with a null id; the next request is answered. */
static void
test_bad_escapes (void)
{
  static const struct
  {
    const char *raw;
    const char *code;
  } cases[] = {
    { "abc\\x", "invalid-json" },
    { "abc\\u12", "invalid-json" },
    { "abc\\u12g4", "invalid-json" },
    { "abc\\ud800", "invalid-utf8" },
    { "abc\\ud800\\u0041", "invalid-utf8" },
    { "abc\\udc00 x", "invalid-utf8" },
  };
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);
  g_autoptr(TodokeNativeDispatch) dispatch = todoke_native_dispatch_new (rules);
  guint i;

  todoke_native_dispatch_set_lift_min (dispatch, 1);
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *request = g_strdup_printf ("{\"id\":5,\"method\":\"classify-message\",\"params\":"
                                                  "{\"raw\":\"%s\",\"encoding\":\"text\",\"locale\":\"ja\"}}",
                                                  cases[i].raw);
      g_autoptr(JsonNode) answer = dispatch_call (dispatch, request);
      g_autoptr(JsonNode) next = dispatch_call (dispatch, "{\"id\":6,\"method\":\"hello\"}");

      g_test_message ("%s", cases[i].raw);
      g_assert_cmpstr (error_code_of (answer), ==, cases[i].code);
      g_assert_true (json_object_get_null_member (json_node_get_object (answer), "id"));
      g_assert_nonnull (result_of (next));
    }
}

/* A part over the limit is refused the same lifted or not. */
static void
test_part_too_long (void)
{
  g_autoptr(GString) request = g_string_new ("{\"id\":1,\"method\":\"message-part\",\"params\":{\"upload\":\"u\",\"data\":\"");
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  Pair pair;

  while (request->len < TODOKE_NATIVE_MAX_PART + 100)
    g_string_append (request, "QUJD");
  g_string_append (request, "\"}}");
  pair_init (&pair);
  answer = answer_both (&pair, request->str);
  node = parse (answer);
  g_assert_cmpstr (error_code_of (node), ==, "invalid-params");
  pair_clear (&pair);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/todoke-native/lift/lift", test_lift);
  g_test_add_func ("/todoke-native/lift/not-lifted", test_not_lifted);
  g_test_add_func ("/todoke-native/lift/same-answers", test_same_answers);
  g_test_add_func ("/todoke-native/lift/parts", test_parts);
  g_test_add_func ("/todoke-native/lift/bad-escapes", test_bad_escapes);
  g_test_add_func ("/todoke-native/lift/part-too-long", test_part_too_long);
  return g_test_run ();
}
