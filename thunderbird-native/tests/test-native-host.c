/* test-native-host.c: the built todoke-native-host over pipes
 *
 * Every method, every bad input of PROTOCOL.md, a 50 MiB message, 1,000
 * requests on one connection, the answer limit, and the hand-over to the
 * desktop app on the real session bus (the test runs under
 * dbus-run-session and owns io.github.todoke.Todoke itself, recording
 * what the host reports).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <todoke.h>

#include "todoke-native-channel.h"
#include "todoke-native-dispatch.h"
#include "todoke-native-manifest.h"
#include "todoke-native-params.h"

typedef struct
{
  GSubprocess   *process;
  GOutputStream *to_host;
  GInputStream  *from_host;
} Host;

static void
host_start (Host *host)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("TODOKE_NATIVE_HOST");

  g_assert_nonnull (path);
  host->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, path, "/dev/null", "todoke@todoke.github.io", NULL);
  g_assert_no_error (error);
  host->to_host = g_subprocess_get_stdin_pipe (host->process);
  host->from_host = g_subprocess_get_stdout_pipe (host->process);
}

/* Closes stdin and returns the host's exit status. */
static int
host_finish (Host *host)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_output_stream_close (host->to_host, NULL, NULL);
  g_subprocess_wait (host->process, NULL, &error);
  g_assert_no_error (error);
  status = g_subprocess_get_if_exited (host->process) ? g_subprocess_get_exit_status (host->process) : -1;
  g_clear_object (&host->process);
  return status;
}

static void
host_send_raw (Host       *host,
               const void *data,
               gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (todoke_native_channel_write (host->to_host, data, length, NULL, &error));
  g_assert_no_error (error);
}

static JsonNode *
host_read (Host *host)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) frame = todoke_native_channel_read (host->from_host, TODOKE_NATIVE_MAX_ANSWER, NULL, &error);
  g_autofree char *json = NULL;
  JsonNode *answer;
  gsize size = 0;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (frame);
  data = g_bytes_get_data (frame, &size);
  g_assert_true (g_utf8_validate_len (data, size, NULL));
  json = g_strndup (data, size);
  answer = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  return answer;
}

static JsonNode *
host_call (Host       *host,
           const char *request)
{
  host_send_raw (host, request, strlen (request));
  return host_read (host);
}

static JsonObject *
result_of (JsonNode *answer)
{
  JsonObject *object = json_node_get_object (answer);

  if (json_object_has_member (object, "error"))
    g_error ("Unexpected error answer: %s", json_to_string (answer, FALSE));
  return json_object_get_object_member (object, "result");
}

static const char *
error_code_of (JsonNode *answer)
{
  JsonObject *object = json_node_get_object (answer);

  g_assert_true (json_object_has_member (object, "error"));
  return json_object_get_string_member (json_object_get_object_member (object, "error"), "code");
}

static JsonObject *
first_diagnosis (JsonNode *answer)
{
  JsonArray *diagnoses = json_object_get_array_member (result_of (answer), "diagnoses");

  g_assert_cmpuint (json_array_get_length (diagnoses), >=, 1);
  return json_array_get_object_element (diagnoses, 0);
}

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

static char *
bounce_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "driver", "bounce.eml", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static char *
classify_message_request (const char *raw,
                          const char *encoding)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, 7);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, "classify-message");
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "raw");
  json_builder_add_string_value (builder, raw);
  if (encoding != NULL)
    {
      json_builder_set_member_name (builder, "encoding");
      json_builder_add_string_value (builder, encoding);
    }
  json_builder_set_member_name (builder, "locale");
  json_builder_add_string_value (builder, "ja");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
assert_bounce_answer (JsonNode *answer)
{
  JsonObject *d = first_diagnosis (answer);

  g_assert_cmpstr (json_object_get_string_member (d, "reason"), ==, "userunknown");
  g_assert_cmpstr (json_object_get_string_member (d, "recipient"), ==, "hanako@example.org");
  g_assert_cmpstr (json_object_get_string_member (d, "title"), ==, "宛先のメールアドレスが存在しません");
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
  g_autofree char *base64 = g_base64_encode ((const guchar *) text, strlen (text));
  gsize length = strlen (base64);
  gsize offset;

  host_start (&host);
  for (offset = 0; offset < length; offset += 1001)
    {
      g_autofree char *part = g_strndup (base64 + offset, 1001);
      g_autofree char *request = g_strdup_printf ("{\"id\": 1, \"method\": \"message-part\", \"params\": "
                                                  "{\"upload\": \"u1\", \"data\": \"%s\"}}", part);
      g_autoptr(JsonNode) answer = host_call (&host, request);

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

static JsonNode *
dispatch_call (TodokeNativeDispatch *dispatch,
               const char           *request)
{
  g_autoptr(GVariant) report = NULL;
  g_autofree char *json = todoke_native_dispatch_handle (dispatch, g_bytes_new (request, strlen (request)), &report);
  g_autoptr(GError) error = NULL;
  JsonNode *answer = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_null (report);
  return answer;
}

static JsonObject *
find_finding (JsonNode   *answer,
              const char *check)
{
  JsonArray *findings = json_object_get_array_member (result_of (answer), "findings");
  guint i;

  for (i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_strcmp0 (json_object_get_string_member (finding, "check"), check) == 0)
        return finding;
    }
  g_error ("No finding of check %s", check);
}

/* The checks offered for a reason, and an address check (no network). */
static void
test_checks_and_address (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) checks = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) typo = NULL;
  JsonArray *ids;
  JsonObject *finding;

  host_start (&host);
  checks = host_call (&host, "{\"id\": 1, \"method\": \"checks\", \"params\": {\"reason\": \"userunknown\"}}");
  ids = json_object_get_array_member (result_of (checks), "checks");
  g_assert_cmpuint (json_array_get_length (ids), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "address");
  none = host_call (&host, "{\"id\": 2, \"method\": \"checks\", \"params\": {\"reason\": \"mailboxfull\"}}");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result_of (none), "checks")), ==, 0);
  typo = host_call (&host, "{\"id\": 3, \"method\": \"diagnose\", \"params\": {\"recipient\": \"taro@gmial.com\", "
                           "\"checks\": [\"address\"], \"locale\": \"ja\"}}");
  finding = find_finding (typo, "address");
  g_assert_cmpstr (json_object_get_string_member (finding, "status"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (finding, "suggestion"), ==, "taro@gmail.com");
  g_assert_cmpstr (json_object_get_string_member (finding, "lang"), ==, "ja");
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The server checks of a failed connection, against a closed port on
 * 127.0.0.1 (the probe's submission ports pointed there too). */
static void
test_diagnose_server (void)
{
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);
  g_autoptr(TodokeNativeDispatch) dispatch = todoke_native_dispatch_new (rules);
  guint16 port = closed_port ();
  g_autofree char *request = g_strdup_printf ("{\"id\": 1, \"method\": \"diagnose\", \"params\": "
                                              "{\"server\": \"127.0.0.1:%u\", \"reason\": \"send_connection_refused\", "
                                              "\"locale\": \"en\"}}", port);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) bad = NULL;
  JsonObject *finding;

  todoke_probe_set_submission_ports (todoke_native_dispatch_get_probe (dispatch), port, port, port);
  todoke_probe_set_timeout (todoke_native_dispatch_get_probe (dispatch), 5000);
  answer = dispatch_call (dispatch, request);
  finding = find_finding (answer, "server-ports");
  g_assert_cmpstr (json_object_get_string_member (finding, "status"), ==, "problem");
  g_assert_cmpstr (json_object_get_string_member (finding, "reason"), ==, "send_connection_refused");
  g_assert_cmpstr (json_object_get_string_member (finding, "lang"), ==, "en");
  bad = dispatch_call (dispatch, "{\"id\": 2, \"method\": \"diagnose\", \"params\": "
                                 "{\"server\": \"[::1\", \"locale\": \"en\"}}");
  g_assert_cmpstr (error_code_of (bad), ==, "invalid-params");
}

static void
test_manifest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("todoke-manifest-XXXXXX", &error);
  g_autofree char *written = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_null (todoke_native_manifest_install (dir, "relative/host", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  written = todoke_native_manifest_install (dir, "/usr/bin/todoke-native-host", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (written, "/io.github.todoke.host.json"));
  g_file_get_contents (written, &contents, NULL, &error);
  g_assert_no_error (error);
  manifest = json_from_string (contents, &error);
  g_assert_no_error (error);
  object = json_node_get_object (manifest);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "io.github.todoke.host");
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, "/usr/bin/todoke-native-host");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "stdio");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "allowed_extensions"), 0),
                   ==, "todoke@todoke.github.io");
  g_unlink (written);
  g_rmdir (dir);
}

/* --install-manifest writes into ~/.mozilla/native-messaging-hosts. */
static void
test_install_manifest_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("todoke-home-XXXXXX", &error);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TODOKE_NATIVE_HOST"),
                                         "--install-manifest", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  expected = g_build_filename (home, ".mozilla", "native-messaging-hosts", "io.github.todoke.host.json", NULL);
  g_assert_cmpstr (g_strchomp (out), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_unlink (expected);
}

/* The app's side of the bus, as the real app will be: owns the name,
 * exports Reports, records what Report receives. */
typedef struct
{
  GPtrArray *reports;
  gboolean   answer;
} App;

static void
app_method_call (GDBusConnection       *connection,
                 const char            *sender,
                 const char            *object_path,
                 const char            *interface_name,
                 const char            *method_name,
                 GVariant              *parameters,
                 GDBusMethodInvocation *invocation,
                 gpointer               user_data)
{
  App *app = user_data;
  GVariant *failure = NULL;

  g_assert_cmpstr (method_name, ==, "Report");
  g_variant_get (parameters, "(@a{sv})", &failure);
  g_ptr_array_add (app->reports, failure);
  if (app->answer)
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(s)", "history-1"));
  else
    g_object_unref (invocation);   /* a hung app: never answers */
}

static guint
app_register (GDBusConnection *bus,
              App             *app)
{
  static const GDBusInterfaceVTable vtable = { app_method_call, NULL, NULL, { 0 } };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "dbus",
                                                 "io.github.todoke.Todoke.Reports.xml", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;
  guint id;

  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  id = g_dbus_connection_register_object (bus, "/io/github/todoke/Todoke", node->interfaces[0],
                                          &vtable, app, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
own_name (GDBusConnection *bus,
          const char      *name,
          gboolean         own)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", own ? "RequestName" : "ReleaseName",
                                       own ? g_variant_new ("(su)", name, 4) : g_variant_new ("(s)", name),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
test_forward (gconstpointer data)
{
  gboolean answer = GPOINTER_TO_INT (data);
  App app = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref), answer };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *text = bounce_text ();
  g_autofree char *request = classify_message_request (text, "text");
  Host host = { 0, };
  gint64 deadline;
  guint id;
  const char *source = NULL;
  const char *reply_text = NULL;
  g_autoptr(GVariant) message = NULL;

  g_assert_no_error (error);
  id = app_register (bus, &app);
  own_name (bus, APP_ID, TRUE);

  host_start (&host);
  {
    g_autoptr(JsonNode) reply = host_call (&host, "{\"id\": 1, \"method\": \"classify-reply\", \"params\": "
                                                  "{\"text\": \"550 5.1.1 User unknown\", \"locale\": \"ja\", "
                                                  "\"recipients\": [\"taro@example.jp\"]}}");
    g_autoptr(JsonNode) bounce = host_call (&host, request);
    g_autoptr(JsonNode) hello = host_call (&host, "{\"id\": 3, \"method\": \"hello\"}");

    g_assert_cmpstr (json_object_get_string_member (first_diagnosis (reply), "reason"), ==, "userunknown");
    assert_bounce_answer (bounce);
    g_assert_nonnull (result_of (hello));
  }
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (app.reports->len < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (app.reports->len, ==, 2);

  g_assert_true (g_variant_lookup (g_ptr_array_index (app.reports, 0), "text", "&s", &reply_text));
  g_assert_cmpstr (reply_text, ==, "550 5.1.1 User unknown");
  g_assert_true (g_variant_lookup (g_ptr_array_index (app.reports, 0), "source", "&s", &source));
  g_assert_cmpstr (source, ==, "thunderbird");
  message = g_variant_lookup_value (g_ptr_array_index (app.reports, 1), "message", G_VARIANT_TYPE_BYTESTRING);
  g_assert_nonnull (message);
  g_assert_cmpuint (g_variant_get_size (message), ==, strlen (text));

  /* A hung app delays the exit by the call's timeout at most. */
  deadline = g_get_monotonic_time ();
  g_assert_cmpint (host_finish (&host), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - deadline, <, 5 * G_USEC_PER_SEC);

  own_name (bus, APP_ID, FALSE);
  g_dbus_connection_unregister_object (bus, id);
  g_ptr_array_unref (app.reports);
}

/* No app on the bus: the host answers all the same. */
static void
test_forward_no_app (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) reply = NULL;

  host_start (&host);
  reply = host_call (&host, "{\"id\": 1, \"method\": \"classify-reply\", \"params\": "
                            "{\"text\": \"550 5.1.1 User unknown\", \"locale\": \"en\"}}");
  g_assert_cmpstr (json_object_get_string_member (first_diagnosis (reply), "reason"), ==, "userunknown");
  g_assert_cmpint (host_finish (&host), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke-native/hello", test_hello);
  g_test_add_func ("/todoke-native/classify-reply", test_classify_reply);
  g_test_add_func ("/todoke-native/classify-message", test_classify_message);
  g_test_add_func ("/todoke-native/message-parts", test_message_parts);
  g_test_add_func ("/todoke-native/too-many-uploads", test_too_many_uploads);
  g_test_add_func ("/todoke-native/explain", test_explain);
  g_test_add_func ("/todoke-native/notice", test_notice);
  g_test_add_func ("/todoke-native/checks-and-address", test_checks_and_address);
  g_test_add_func ("/todoke-native/diagnose-server", test_diagnose_server);
  g_test_add_func ("/todoke-native/bad-input", test_bad_input);
  g_test_add_func ("/todoke-native/long-text", test_long_text);
  g_test_add_func ("/todoke-native/frame-too-large", test_frame_too_large);
  g_test_add_func ("/todoke-native/truncated", test_truncated);
  g_test_add_func ("/todoke-native/eof", test_eof);
  g_test_add_func ("/todoke-native/thousand-requests", test_thousand_requests);
  g_test_add_func ("/todoke-native/fifty-mib-message", test_fifty_mib_message);
  g_test_add_func ("/todoke-native/answer-limit", test_answer_limit);
  g_test_add_func ("/todoke-native/manifest", test_manifest);
  g_test_add_func ("/todoke-native/install-manifest-option", test_install_manifest_option);
  g_test_add_data_func ("/todoke-native/forward", GINT_TO_POINTER (TRUE), test_forward);
  g_test_add_data_func ("/todoke-native/forward-hung-app", GINT_TO_POINTER (FALSE), test_forward);
  g_test_add_func ("/todoke-native/forward-no-app", test_forward_no_app);

  return g_test_run ();
}
