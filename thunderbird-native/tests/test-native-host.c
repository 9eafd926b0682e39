/* test-native-host.c: the built todoke-native-host over pipes
 *
 * Every method, every bad input of PROTOCOL.md, a 50 MiB message, 1,000
 * requests on one connection, messages in parts and the answer limit.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "native-test-utils.h"
#include "todoke-native-params.h"
#include "todoke-native-upload.h"

static void
test_hello (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *result;

  host_start (&host);
  answer = host_call (&host, "{\"id\": 1, \"method\": \"hello\"}");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "id"), ==, 1);
  result = result_of (answer);
  g_assert_cmpstr (json_object_get_string_member (result, "name"), ==, "io.github.todoke.host");
  g_assert_cmpint (json_object_get_int_member (result, "protocol"), ==, TODOKE_NATIVE_PROTOCOL_VERSION);
  g_assert_cmpint (json_object_get_int_member (result, "max_answer"), ==, TODOKE_NATIVE_MAX_ANSWER);
  g_assert_cmpint (host_finish (&host), ==, 0);
}

/* One request each method answers with a result: a method hello lists
 * without a row here fails, so no method goes untested. */
static const struct
{
  const char *method;
  const char *params;
} every_method[] = {
  { "hello", "{}" },
  { "classify-reply", "{\"text\": \"550 5.1.1 User unknown\", \"locale\": \"en\"}" },
  { "classify-message", "{\"raw\": \"Subject: hi\\r\\n\\r\\nhello\", \"encoding\": \"text\", \"locale\": \"en\"}" },
  { "message-part", "{\"upload\": \"u\", \"data\": \"QUJD\"}" },
  { "explain", "{\"reason\": \"userunknown\", \"locale\": \"en\"}" },
  { "checks", "{\"reason\": \"userunknown\"}" },
  { "diagnose", "{\"recipient\": \"taro@example.jp\", \"checks\": [\"address\"], \"locale\": \"en\"}" },
  { "notice", "{\"event\": \"test\"}" },
};

static void
test_every_method (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) hello = NULL;
  JsonArray *methods;
  guint i, j;

  host_start (&host);
  hello = host_call (&host, "{\"id\": 0, \"method\": \"hello\"}");
  methods = json_object_get_array_member (result_of (hello), "methods");
  for (i = 0; i < json_array_get_length (methods); i++)
    {
      const char *name = json_array_get_string_element (methods, i);
      g_autofree char *request = NULL;
      g_autoptr(JsonNode) answer = NULL;

      for (j = 0; j < G_N_ELEMENTS (every_method) && !g_str_equal (every_method[j].method, name); j++)
        ;
      if (j == G_N_ELEMENTS (every_method))
        g_error ("Method %s has no row in every_method[]", name);
      request = g_strdup_printf ("{\"id\": %u, \"method\": \"%s\", \"params\": %s}",
                                 i + 1, name, every_method[j].params);
      answer = host_call (&host, request);
      g_assert_nonnull (result_of (answer));
    }
  g_assert_cmpuint (json_array_get_length (methods), ==, G_N_ELEMENTS (every_method));
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static void
test_classify_reply (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) ja = NULL;
  g_autoptr(JsonNode) en = NULL;
  JsonArray *diagnoses;
  JsonObject *d;

  host_start (&host);
  ja = host_call (&host, "{\"id\": \"a\", \"method\": \"classify-reply\", \"params\": {"
                         "\"text\": \"Command failed: 550 User unknown; currentAction=_actionRCPT\","
                         "\"recipients\": [\"taro@example.jp\", \"hanako@example.org\"],"
                         "\"server\": \"smtp.example.jp:587\", \"locale\": \"ja\"}}");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (ja), "id"), ==, "a");
  diagnoses = json_object_get_array_member (result_of (ja), "diagnoses");
  g_assert_cmpuint (json_array_get_length (diagnoses), ==, 2);
  d = json_array_get_object_element (diagnoses, 1);
  g_assert_cmpstr (json_object_get_string_member (d, "reason"), ==, "userunknown");
  g_assert_cmpstr (json_object_get_string_member (d, "recipient"), ==, "hanako@example.org");
  g_assert_cmpstr (json_object_get_string_member (d, "lang"), ==, "ja");
  g_assert_cmpstr (json_object_get_string_member (d, "title"), ==, "宛先のメールアドレスが存在しません");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (d, "steps")), >, 0);

  en = host_call (&host, "{\"id\": 2, \"method\": \"classify-reply\", \"params\": {"
                         "\"text\": \"535 5.7.8 Authentication credentials invalid\", \"locale\": \"en-US\"}}");
  d = first_diagnosis (en);
  g_assert_cmpstr (json_object_get_string_member (d, "lang"), ==, "en");
  g_assert_true (json_object_get_null_member (d, "recipient"));
  g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "5.7.8");
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static void
test_classify_message (void)
{
  Host host = { 0, };
  g_autofree char *text = bounce_text ();
  g_autofree char *base64 = g_base64_encode ((const guchar *) text, strlen (text));
  const char *encodings[] = { "base64", "text", "binary", NULL };
  guint i;

  host_start (&host);
  for (i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      const char *raw = encodings[i] == NULL || g_str_equal (encodings[i], "base64") ? base64 : text;
      g_autofree char *request = classify_message_request (raw, encodings[i]);
      g_autoptr(JsonNode) answer = host_call (&host, request);

      assert_bounce_answer (answer);
    }
  {
    g_autofree char *request = classify_message_request ("Subject: hello\r\n\r\nJust a note.\r\n", "text");
    g_autoptr(JsonNode) answer = host_call (&host, request);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result_of (answer), "diagnoses")), ==, 0);
  }
  g_assert_cmpint (host_finish (&host), ==, 0);
}

/* A message in parts: split inside base64 quanta on purpose. */
static void
test_message_parts (void)
{
  Host host = { 0, };
  g_autofree char *text = bounce_text ();
  g_auto(GStrv) requests = message_part_requests (text, 1001);
  guint i;

  host_start (&host);
  for (i = 0; requests[i] != NULL; i++)
    {
      g_autoptr(JsonNode) answer = host_call (&host, requests[i]);

      g_assert_cmpint (json_object_get_int_member (result_of (answer), "received"), <=, strlen (text));
    }
  {
    g_autoptr(JsonNode) answer = host_call (&host, "{\"id\": 2, \"method\": \"classify-message\", \"params\": "
                                                   "{\"upload\": \"u1\", \"locale\": \"ja\"}}");
    g_autoptr(JsonNode) again = host_call (&host, "{\"id\": 3, \"method\": \"classify-message\", \"params\": "
                                                  "{\"upload\": \"u1\", \"locale\": \"ja\"}}");

    assert_bounce_answer (answer);
    g_assert_cmpstr (error_code_of (again), ==, "invalid-params");
  }
  g_assert_cmpint (host_finish (&host), ==, 0);
}

/* At most four uploads open at once. */
static void
test_too_many_uploads (void)
{
  Host host = { 0, };
  guint i;

  host_start (&host);
  for (i = 0; i < 5; i++)
    {
      g_autofree char *request = g_strdup_printf ("{\"id\": %u, \"method\": \"message-part\", \"params\": "
                                                  "{\"upload\": \"u%u\", \"data\": \"QUJD\"}}", i, i);
      g_autoptr(JsonNode) answer = host_call (&host, request);

      if (i < 4)
        g_assert_cmpint (json_object_get_int_member (result_of (answer), "received"), ==, 3);
      else
        g_assert_cmpstr (error_code_of (answer), ==, "invalid-params");
    }
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static void
test_explain (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  JsonObject *guide;

  host_start (&host);
  answer = host_call (&host, "{\"id\": 3, \"method\": \"explain\", \"params\": "
                             "{\"reason\": \"mailboxfull\", \"locale\": \"ja\", \"client\": \"thunderbird\"}}");
  guide = json_object_get_object_member (result_of (answer), "guide");
  g_assert_cmpstr (json_object_get_string_member (guide, "reason"), ==, "mailboxfull");
  g_assert_cmpstr (json_object_get_string_member (guide, "lang"), ==, "ja");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (guide, "steps")), >, 0);
  unknown = host_call (&host, "{\"id\": 4, \"method\": \"explain\", \"params\": "
                              "{\"reason\": \"no-such-reason\", \"locale\": \"ja\"}}");
  g_assert_cmpstr (error_code_of (unknown), ==, "invalid-params");
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static void
test_notice (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) answer = NULL;

  host_start (&host);
  answer = host_call (&host, "{\"id\": 5, \"method\": \"notice\", \"params\": "
                             "{\"event\": \"popup-shown\", \"detail\": \"宛先のメールアドレスが存在しません\"}}");
  g_assert_cmpuint (json_object_get_size (result_of (answer)), ==, 0);
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static const struct
{
  const char *frame;
  const char *code;
} bad_inputs[] = {
  { "{\"id\": 1, \"method\": ", "invalid-json" },
  { "", "invalid-json" },
  { "[1, 2]", "invalid-request" },
  { "{\"method\": \"hello\"}", "invalid-request" },
  { "{\"id\": 1.5, \"method\": \"hello\"}", "invalid-request" },
  { "{\"id\": 1}", "invalid-request" },
  { "{\"id\": 1, \"method\": 3}", "invalid-request" },
  { "{\"id\": 1, \"method\": \"hello\", \"params\": [1]}", "invalid-request" },
  { "{\"id\": 1, \"method\": \"format-disk\"}", "unknown-method" },
  { "{\"id\": 1, \"method\": \"classify-reply\"}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-reply\", \"params\": {\"text\": \"550\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-reply\", \"params\": {\"text\": 550, \"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-reply\", \"params\": {\"text\": \"550\", \"locale\": \"ja\", \"recipients\": \"a@b\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-reply\", \"params\": {\"text\": \"550\", \"locale\": \"ja\", \"recipients\": [1]}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-message\", \"params\": {\"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-message\", \"params\": {\"raw\": \"%%%\", \"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-message\", \"params\": {\"raw\": \"\\u0100\", \"encoding\": \"binary\", \"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-message\", \"params\": {\"raw\": \"x\", \"encoding\": \"rot13\", \"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-message\", \"params\": {\"upload\": \"nope\", \"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"classify-message\", \"params\": {\"upload\": \"u\", \"raw\": \"\", \"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"message-part\", \"params\": {\"upload\": \"u\", \"data\": \"%%%\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"message-part\", \"params\": {\"data\": \"QUJD\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"explain\", \"params\": {\"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"notice\", \"params\": {}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"checks\", \"params\": {}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"diagnose\", \"params\": {\"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"diagnose\", \"params\": {\"recipient\": \"a@b.example\", \"checks\": [\"rm\"], \"locale\": \"ja\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"diagnose\", \"params\": {\"recipient\": \"a@b.example\"}}", "invalid-params" },
  { "{\"id\": 1, \"method\": \"hello\"}\xff", "invalid-utf8" },
  { "{\"id\": 1, \"method\": \"hel\xc3\x28lo\"}", "invalid-utf8" },
  /* Valid UTF-8 frames whose escapes spell invalid strings (found by fuzzing). */
  { "{\"id\": 1, \"method\": \"classify-reply\", \"params\": {\"text\": \"550 \\ud800 x\", \"locale\": \"en\"}}", "invalid-utf8" },
  { "{\"id\": 1, \"method\": \"classify-reply\", \"params\": {\"text\": \"550\", \"locale\": \"en\", \"recipients\": [\"\\udc00@example.jp\"]}}", "invalid-utf8" },
  { "{\"id\": 1, \"method\": \"hello\", \"params\": {\"\\ud800\": 1}}", "invalid-json" },
};

/* Each bad frame gets its error answer, and the host keeps serving. */
static void
test_bad_input (void)
{
  Host host = { 0, };
  guint i;

  host_start (&host);
  for (i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr(JsonNode) answer = host_call (&host, bad_inputs[i].frame);
      g_autoptr(JsonNode) hello = host_call (&host, "{\"id\": 99, \"method\": \"hello\"}");

      g_test_message ("%s", bad_inputs[i].code);
      g_assert_cmpstr (error_code_of (answer), ==, bad_inputs[i].code);
      g_assert_nonnull (result_of (hello));
    }
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static void
test_long_text (void)
{
  Host host = { 0, };
  g_autofree char *text = g_strnfill (TODOKE_NATIVE_MAX_TEXT + 1, 'x');
  g_autofree char *request = g_strdup_printf ("{\"id\": 1, \"method\": \"classify-reply\", \"params\": "
                                              "{\"text\": \"%s\", \"locale\": \"ja\"}}", text);
  g_autoptr(GString) many = g_string_new ("{\"id\": 2, \"method\": \"classify-reply\", \"params\": "
                                          "{\"text\": \"550 5.1.1 no\", \"locale\": \"ja\", \"recipients\": [");
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) too_many = NULL;
  guint i;

  for (i = 0; i <= 1000; i++)
    g_string_append_printf (many, "%s\"u%u@example.org\"", i > 0 ? "," : "", i);
  g_string_append (many, "]}}");

  host_start (&host);
  answer = host_call (&host, request);
  g_assert_cmpstr (error_code_of (answer), ==, "invalid-params");
  too_many = host_call (&host, many->str);
  g_assert_cmpstr (error_code_of (too_many), ==, "invalid-params");
  g_assert_cmpint (host_finish (&host), ==, 0);
}

/* A frame over 64 MiB is answered at once, unread (no body is sent), and
 * the host stops: it cannot follow the stream past it. */
static void
test_frame_too_large (void)
{
  Host host = { 0, };
  g_autoptr(GError) error = NULL;
  guint32 length = TODOKE_NATIVE_MAX_FRAME + 1;
  g_autoptr(JsonNode) answer = NULL;

  host_start (&host);
  g_output_stream_write_all (host.to_host, &length, sizeof length, NULL, NULL, &error);
  g_output_stream_flush (host.to_host, NULL, &error);
  g_assert_no_error (error);
  answer = host_read (&host);
  g_assert_cmpstr (error_code_of (answer), ==, "frame-too-large");
  g_assert_true (json_object_get_null_member (json_node_get_object (answer), "id"));
  g_assert_cmpint (host_finish (&host), ==, 1);
}

static void
test_truncated (void)
{
  Host host = { 0, };
  g_autoptr(GError) error = NULL;
  guint32 length = 100;

  host_start (&host);
  g_output_stream_write_all (host.to_host, &length, sizeof length, NULL, NULL, &error);
  g_output_stream_write_all (host.to_host, "{\"id\"", 5, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (host_finish (&host), ==, 1);
}

static void
test_eof (void)
{
  Host host = { 0, };

  host_start (&host);
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static void
test_thousand_requests (void)
{
  Host host = { 0, };
  guint i;

  host_start (&host);
  for (i = 0; i < 1000; i++)
    {
      g_autofree char *request = g_strdup_printf ("{\"id\": %u, \"method\": \"classify-reply\", \"params\": "
                                                  "{\"text\": \"452 4.2.2 Mailbox full %u\", \"locale\": \"%s\"}}",
                                                  i, i, i % 2 ? "ja" : "en");
      g_autoptr(JsonNode) answer = host_call (&host, request);

      g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "id"), ==, i);
      g_assert_cmpstr (json_object_get_string_member (first_diagnosis (answer), "reason"), ==, "mailboxfull");
    }
  g_assert_cmpint (host_finish (&host), ==, 0);
}

/* A bounce of 50 MiB: the Diagnostic-Code is followed by the whole
 * returned message, sent as text so the frame stays under 64 MiB. */
static void
test_fifty_mib_message (void)
{
  Host host = { 0, };
  g_autofree char *text = bounce_text ();
  g_autoptr(GString) message = g_string_new (NULL);
  const char *end = strstr (text, "--4A1B2C3D4E.1764807121/mail.example.jp--");
  g_autofree char *request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *line = g_strnfill (76, 'a');

  g_assert_nonnull (end);
  g_string_append_len (message, text, end - text);
  g_string_append (message, "--4A1B2C3D4E.1764807121/mail.example.jp\n"
                            "Content-Type: text/plain\n\n");
  while (message->len < 50 * 1024 * 1024)
    g_string_append_printf (message, "%s\n", line);
  g_string_append (message, end);

  request = classify_message_request (message->str, "text");
  g_assert_cmpuint (strlen (request), <, TODOKE_NATIVE_MAX_FRAME);
  host_start (&host);
  answer = host_call (&host, request);
  assert_bounce_answer (answer);
  g_assert_cmpint (host_finish (&host), ==, 0);
}

/* Many recipients and a long server text against a small answer limit:
 * the server text is shortened, the JSON stays whole, extra diagnoses
 * are counted in "omitted". */
static void
test_answer_limit (void)
{
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);
  g_autoptr(TodokeNativeDispatch) dispatch = todoke_native_dispatch_new (rules);
  g_autoptr(GString) request = g_string_new ("{\"id\": 1, \"method\": \"classify-reply\", \"params\": "
                                             "{\"locale\": \"en\", \"text\": \"550 5.1.1 ");
  g_autoptr(GVariant) report = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *json = NULL;
  JsonObject *result;
  JsonObject *d;
  guint i;

  while (request->len < 30000)
    g_string_append (request, "no such user here ");
  g_string_append (request, "\", \"recipients\": [");
  for (i = 0; i < 100; i++)
    g_string_append_printf (request, "%s\"user%u@example.org\"", i > 0 ? "," : "", i);
  g_string_append (request, "]}}");

  todoke_native_dispatch_set_max_answer (dispatch, 64 * 1024);
  json = todoke_native_dispatch_handle (dispatch, g_bytes_new (request->str, request->len), &report);
  g_assert_cmpuint (strlen (json), <=, 64 * 1024);
  answer = json_from_string (json, NULL);
  g_assert_nonnull (answer);
  result = result_of (answer);
  d = first_diagnosis (answer);
  g_assert_true (json_object_get_boolean_member (d, "diagnostic_truncated"));
  g_assert_cmpuint (strlen (json_object_get_string_member (d, "diagnostic")), <, 30000);
  g_assert_cmpint (json_object_get_int_member (result, "omitted") +
                   json_array_get_length (json_object_get_array_member (result, "diagnoses")), ==, 100);
  g_assert_nonnull (report);
  g_assert_true (g_variant_is_of_type (report, G_VARIANT_TYPE_VARDICT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke-native/hello", test_hello);
  g_test_add_func ("/todoke-native/every-method", test_every_method);
  g_test_add_func ("/todoke-native/classify-reply", test_classify_reply);
  g_test_add_func ("/todoke-native/classify-message", test_classify_message);
  g_test_add_func ("/todoke-native/message-parts", test_message_parts);
  g_test_add_func ("/todoke-native/too-many-uploads", test_too_many_uploads);
  g_test_add_func ("/todoke-native/explain", test_explain);
  g_test_add_func ("/todoke-native/notice", test_notice);
  g_test_add_func ("/todoke-native/bad-input", test_bad_input);
  g_test_add_func ("/todoke-native/long-text", test_long_text);
  g_test_add_func ("/todoke-native/frame-too-large", test_frame_too_large);
  g_test_add_func ("/todoke-native/truncated", test_truncated);
  g_test_add_func ("/todoke-native/eof", test_eof);
  g_test_add_func ("/todoke-native/thousand-requests", test_thousand_requests);
  g_test_add_func ("/todoke-native/fifty-mib-message", test_fifty_mib_message);
  g_test_add_func ("/todoke-native/answer-limit", test_answer_limit);

  return g_test_run ();
}
